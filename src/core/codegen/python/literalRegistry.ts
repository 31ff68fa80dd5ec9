// Names for what replaces literals: params for absolute paths (one per distinct path,
// never clashing with the notebook's own params) and environment variables for secrets.
import type { LiteralFinding } from "./cells/literalEdits";
import type { LiteralResolution } from "./cells/readCellCode";
import { PYTHON_KEYWORDS } from "./pythonText";
import type { ParamStructure } from "./structures";

const REDACTED_MIN_LENGTH = 6;

export class LiteralRegistry {
  private readonly pathParams = new Map<string, ParamStructure>();
  /** Environment variable by secret value: one variable per distinct value. */
  private readonly secretEnvironment = new Map<string, string>();

  constructor(private readonly taken: ReadonlySet<string>) {}

  resolve(finding: LiteralFinding, insideLifted: boolean): LiteralResolution | undefined {
    if (finding.kind === "secret") {
      return { expression: `read_secret(${JSON.stringify(this.secret(finding.suggestedName, finding.value))})`, needs: "secret" };
    }
    if (insideLifted) return undefined;
    const param = this.pathParam(finding);
    return { expression: param.name, needs: `param:${param.name}` };
  }

  private pathParam(finding: LiteralFinding): ParamStructure {
    const known = this.pathParams.get(finding.value);
    if (known !== undefined) return known;
    const used = new Set([...this.taken, ...[...this.pathParams.values()].map((param) => param.name)]);
    const base = PYTHON_KEYWORDS.has(finding.suggestedName) ? `${finding.suggestedName}_path` : finding.suggestedName;
    let name = base;
    for (let index = 2; used.has(name); index += 1) name = `${base}_${index}`;
    const param: ParamStructure = { name, type: "str", value: finding.value, origin: "absolute path" };
    this.pathParams.set(finding.value, param);
    return param;
  }

  /**
   * The environment variable that holds the secret `value`, suggested as `suggested`:
   * the same value always gets the same variable, and two values never share one.
   */
  secret(suggested: string, value: string): string {
    const known = this.secretEnvironment.get(value);
    if (known !== undefined) return known;
    const used = new Set(this.secretEnvironment.values());
    let name = suggested;
    for (let index = 2; used.has(name); index += 1) name = `${suggested}_${index}`;
    this.secretEnvironment.set(value, name);
    return name;
  }

  /** Text (a step's rationale, quoting the code) with credentials and replaced paths taken out. */
  redact(text: string): string {
    let redacted = this.redactSecrets(text);
    for (const [value, param] of this.pathParams) redacted = redacted.split(value).join(`<param ${param.name}>`);
    return redacted;
  }

  /**
   * `text` (any generated file) with every credential found taken out, as written or as
   * a JSON or Python string escapes it. Values shorter than REDACTED_MIN_LENGTH are left:
   * searching for `"pw"` would cut through unrelated text, and the code no longer holds them.
   */
  redactSecrets(text: string): string {
    let redacted = text;
    // Longest first: a secret that contains another is taken out whole.
    for (const [value, name] of this.redactable()) {
      for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) redacted = redacted.split(form).join(`<secret ${name}>`);
    }
    return redacted;
  }

  params(): ParamStructure[] {
    return [...this.pathParams.values()];
  }

  /** The environment variables secrets are read from, sorted. */
  secrets(): string[] {
    return [...new Set(this.secretEnvironment.values())].sort();
  }

  /** Whether `text` still holds a secret value found so far. */
  holdsSecret(text: string): boolean {
    for (const value of this.secretEnvironment.keys()) if (text.includes(value)) return true;
    return false;
  }

  private redactable(): [string, string][] {
    return [...this.secretEnvironment].filter(([value]) => value.length >= REDACTED_MIN_LENGTH).sort((a, b) => b[0].length - a[0].length);
  }
}
