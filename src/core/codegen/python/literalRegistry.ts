// Names for what replaces literals: params for absolute paths (one per distinct path,
// never clashing with the notebook's own params) and environment variables for secrets.
import type { LiteralFinding } from "./cells/literalEdits";
import type { LiteralResolution } from "./cells/readCellCode";
import { PYTHON_KEYWORDS } from "./pythonText";
import type { ParamStructure } from "./structures";

export class LiteralRegistry {
  private readonly pathParams = new Map<string, ParamStructure>();
  private readonly secretNames = new Set<string>();
  private readonly secretValues = new Set<string>();

  constructor(private readonly taken: ReadonlySet<string>) {}

  resolve(finding: LiteralFinding, insideLifted: boolean): LiteralResolution | undefined {
    if (finding.kind === "secret") {
      this.secretNames.add(finding.suggestedName);
      this.secretValues.add(finding.value);
      return { expression: `read_secret(${JSON.stringify(finding.suggestedName)})`, needs: "secret" };
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

  /** Text (a step's rationale, quoting the code) with credentials and replaced paths taken out. */
  redact(text: string): string {
    let redacted = text;
    for (const value of this.secretValues) redacted = redacted.split(value).join("<secret>");
    for (const [value, param] of this.pathParams) redacted = redacted.split(value).join(`<param ${param.name}>`);
    return redacted;
  }

  params(): ParamStructure[] {
    return [...this.pathParams.values()];
  }

  secrets(): string[] {
    return [...this.secretNames].sort();
  }
}
