// Applies the stage rules (stageRules.ts) to one cell: every rule that matches gives one
// piece of evidence, at its first match, so a cell with ten plots counts "plots" once.
import type { CellSourceAnalysis, FileAccess } from "../analysis/cellAnalysis";
import type { CellScan } from "./cellScan";
import { definitionBlocks } from "./cellScan";
import { LineCounter } from "./sourceScan";
import type { CallSite } from "./pythonCalls";
import type { CallRule, FileWriteRule, StageRule, Weight } from "./stageRules";
import { FILE_READ_RULE, MODEL_CLASS, STAGE_RULES, TRANSFORMER_CLASSES } from "./stageRules";
import type { Stage } from "./stages";

export interface StageEvidence {
  readonly stage: Stage;
  readonly weight: Weight;
  /** What was found, as written: `pd.read_csv`, `import pandera`, `assert`. */
  readonly text: string;
  /** What it shows, in plain words: "reads a data set". */
  readonly says: string;
  readonly line?: number;
  readonly keepsCell: boolean;
  readonly marksExploration: boolean;
}

/** Names across the notebook that hold a transformer or a model (from `x = StandardScaler()`, `m.fit(...)`). */
export interface EvidenceContext {
  /** Transformer classes: the known ones and notebook classes with a `transform` method. */
  readonly transformerClasses: ReadonlySet<string>;
  readonly transformers: ReadonlySet<string>;
  readonly models: ReadonlySet<string>;
}

const ruleOrder = new Map<StageRule, number>(STAGE_RULES.map((rule, index) => [rule, index]));
const callRulesByMethod = new Map<string, CallRule[]>();
const patternCallRules: CallRule[] = [];
for (const rule of STAGE_RULES) {
  if (rule.kind !== "call") continue;
  if (rule.methods === undefined) patternCallRules.push(rule);
  for (const method of rule.methods ?? []) {
    const list = callRulesByMethod.get(method);
    if (list === undefined) callRulesByMethod.set(method, [rule]);
    else list.push(rule);
  }
}

const otherRules = {
  fileWrite: STAGE_RULES.filter((rule) => rule.kind === "file-write"),
  import: STAGE_RULES.filter((rule) => rule.kind === "import"),
  // Line patterns run once over the whole cell, anchored at each line start.
  pattern: STAGE_RULES.filter((rule) => rule.kind === "pattern").map((rule) => ({ rule, anywhere: new RegExp(rule.pattern.source, "m") })),
};

/** The rule a call site is evidence for: the heaviest that matches, the earlier one on a tie. */
function bestCallRule(call: CallSite, context: EvidenceContext): CallRule | undefined {
  let best: CallRule | undefined;
  for (const list of [callRulesByMethod.get(call.method) ?? [], patternCallRules]) {
    for (const rule of list) {
      if (!callMatches(rule, call, context)) continue;
      const better = best === undefined || rule.weight > best.weight || (rule.weight === best.weight && (ruleOrder.get(rule) ?? 0) < (ruleOrder.get(best) ?? 0));
      if (better) best = rule;
    }
  }
  return best;
}

type AnyRule = StageRule | typeof FILE_READ_RULE;
type AddEvidence = (rule: AnyRule, text: string, line: number | undefined, where?: string) => void;

export function collectEvidence(scan: CellScan, analysis: CellSourceAnalysis | undefined, context: EvidenceContext): StageEvidence[] {
  const found = new Map<AnyRule, StageEvidence>();
  const add: AddEvidence = (rule, text, line, where = "") => {
    if (found.has(rule)) return;
    const keepsCell = "keepsCell" in rule && rule.keepsCell === true;
    const marksExploration = "marksExploration" in rule && rule.marksExploration === true;
    found.set(rule, { stage: rule.stage, weight: rule.weight, text, says: `${rule.says}${where}`, ...(line !== undefined ? { line } : {}), keepsCell, marksExploration });
  };
  addCallAndFileEvidence(scan, analysis, context, add);
  for (const rule of analysis !== undefined && analysis.imports.length > 0 ? otherRules.import : []) {
    const record = analysis?.imports.find((entry) => rule.modules.some((module) => entry.module === module || entry.module.startsWith(`${module}.`)));
    if (record !== undefined) add(rule, `import ${record.module}`, record.line);
  }
  for (const { rule, anywhere } of otherRules.pattern) {
    const match = scan.masked.includes(rule.needle) ? anywhere.exec(scan.masked) : null;
    if (match === null) continue;
    const line = new LineCounter(scan.masked).lineAt(match.index + (match[0].length - match[0].trimStart().length));
    add(rule, sourceLine(scan.source, line), line);
  }
  return [...found.values()];
}

/**
 * A file access and the call making it are one piece of evidence, which names the file;
 * the file rules only catch accesses no call rule recognised (`open`, `np.load`).
 */
function addCallAndFileEvidence(scan: CellScan, analysis: CellSourceAnalysis | undefined, context: EvidenceContext, add: AddEvidence): void {
  const reads = analysis?.fileReads ?? [];
  const writes = analysis?.fileWrites ?? [];
  const files = new Map([
    ...reads.map((access) => [siteKey(access.line, access.call), ` from "${access.path}"`] as const),
    ...writes.map((access) => [siteKey(access.line, access.call), ` to "${access.path}"`] as const),
  ]);
  const covered = new Set<string>();
  for (const call of scan.calls) {
    const rule = bestCallRule(call, context);
    if (rule === undefined) continue;
    const key = siteKey(call.line, call.name);
    covered.add(key);
    add(rule, call.text, call.line, files.get(key));
  }
  const uncovered = (access: FileAccess): boolean => !covered.has(siteKey(access.line, access.call));
  const read = reads.find(uncovered);
  if (read !== undefined) add(FILE_READ_RULE, read.call, read.line, files.get(siteKey(read.line, read.call)));
  for (const rule of writes.length > 0 ? otherRules.fileWrite : []) {
    const write = writes.find((access) => uncovered(access) && writeMatches(rule, access.call));
    if (write !== undefined) add(rule, write.call, write.line, files.get(siteKey(write.line, write.call)));
  }
}

function siteKey(line: number, call: string): string {
  return `${line}:${call}`;
}

function writeMatches(rule: FileWriteRule, call: string): boolean {
  return rule.methods.includes(call.slice(call.lastIndexOf(".") + 1));
}

function callMatches(rule: CallRule, call: CallSite, context: EvidenceContext): boolean {
  // Cheapest checks first: this runs for every call of every cell.
  if (rule.receivers !== undefined && (call.receiver === undefined || !rule.receivers.includes(call.receiver))) return false;
  if (rule.methods !== undefined && !rule.methods.includes(call.method)) return false;
  if (rule.methodPattern !== undefined && !rule.methodPattern.test(call.method)) return false;
  if (rule.pattern !== undefined && !rule.pattern.test(call.name)) return false;
  const receiver = call.receiver;
  const onTransformer =
    (receiver !== undefined && context.transformers.has(receiver)) ||
    (call.chainedOn !== undefined && context.transformerClasses.has(call.chainedOn));
  switch (rule.target) {
    case "transformer":
      return onTransformer;
    case "not-transformer":
      return !onTransformer;
    case "model":
      return [receiver, call.firstArg].some((name) => name !== undefined && context.models.has(name));
    case undefined:
      return true;
  }
}

function sourceLine(source: string, line: number): string {
  const text = (source.split("\n")[line - 1] ?? "").trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}


/** Finds which names hold transformers and models, from assignments and `fit` calls anywhere in the notebook. */
export function buildEvidenceContext(scans: readonly CellScan[]): EvidenceContext {
  const transformerClasses = new Set(TRANSFORMER_CLASSES);
  for (const scan of scans) {
    if (!scan.masked.includes("class")) continue;
    for (const block of definitionBlocks(scan)) {
      if (block.kind === "class" && /\bdef\s+(fit_)?transform\s*\(/.test(block.text)) transformerClasses.add(block.name);
    }
  }
  const transformers = new Set<string>();
  const models = new Set<string>();
  for (const scan of scans) {
    for (const assignment of scan.assignments) {
      const built = assignment.call?.slice(assignment.call.lastIndexOf(".") + 1);
      if (built === undefined) continue;
      if (transformerClasses.has(built)) transformers.add(assignment.name);
      else if (MODEL_CLASS.test(built)) models.add(assignment.name);
    }
  }
  for (const scan of scans) {
    for (const call of scan.calls) {
      const fits = call.method === "fit" || call.method === "partial_fit";
      if (fits && call.receiver !== undefined && !transformers.has(call.receiver)) models.add(call.receiver);
    }
  }
  return { transformerClasses, transformers, models };
}
