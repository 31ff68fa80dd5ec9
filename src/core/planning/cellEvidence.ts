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
import { keyKeeper, remembered } from "./stepMemo";

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
  pattern: STAGE_RULES.filter((rule) => rule.kind === "pattern").map((rule) => ({ rule, everywhere: new RegExp(rule.pattern.source, "gm") })),
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

/** One place in a cell where a rule matched. */
export interface EvidenceSite {
  readonly rule: AnyRule;
  readonly text: string;
  /** Added to the rule's words: ` from "data.csv"`. */
  readonly where: string;
  readonly line: number;
}

/** Lines of a cell, inclusive (1-based). */
export interface LineRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Every place in the cell where a stage rule matches, in line order. Evidence
 * for the whole cell or for one of its statements is then picked from these sites
 * (`evidenceIn`), so the cell is matched against the rules once.
 */
export function evidenceSites(scan: CellScan, analysis: CellSourceAnalysis | undefined, context: EvidenceContext): EvidenceSite[] {
  const sites: EvidenceSite[] = [];
  addCallAndFileSites(scan, analysis, context, sites);
  for (const rule of analysis !== undefined && analysis.imports.length > 0 ? otherRules.import : []) {
    for (const record of analysis?.imports ?? []) {
      if (rule.modules.some((module) => record.module === module || record.module.startsWith(`${module}.`))) sites.push({ rule, text: `import ${record.module}`, where: "", line: record.line });
    }
  }
  for (const { rule, everywhere } of otherRules.pattern) {
    if (!scan.masked.includes(rule.needle)) continue;
    const lines = new LineCounter(scan.masked);
    for (const match of scan.masked.matchAll(everywhere)) {
      const line = lines.lineAt(match.index + (match[0].length - match[0].trimStart().length));
      sites.push({ rule, text: sourceLine(scan.source, line), where: "", line });
    }
  }
  // Stable: sites on one line keep the order the rules found them in.
  return sites.sort((a, b) => a.line - b.line);
}

/** The sites within lines `range` of `sites` (sorted by line), without scanning the others. */
export function sitesWithin(sites: readonly EvidenceSite[], range: LineRange): readonly EvidenceSite[] {
  let low = 0;
  let high = sites.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sites[middle]?.line ?? 0) < range.from) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < sites.length && (sites[end]?.line ?? 0) <= range.to) end += 1;
  return sites.slice(low, end);
}

/** The evidence within `range` (default: everywhere): one piece per rule, at its first site. */
export function evidenceIn(sites: readonly EvidenceSite[], range?: LineRange): StageEvidence[] {
  const found = new Map<AnyRule, EvidenceSite>();
  for (const site of sites) {
    if (range !== undefined && (site.line < range.from || site.line > range.to)) continue;
    const known = found.get(site.rule);
    if (known === undefined || site.line < known.line) found.set(site.rule, site);
  }
  return [...found.values()].map((site) => ({
    stage: site.rule.stage,
    weight: site.rule.weight,
    text: site.text,
    says: `${site.rule.says}${site.where}`,
    line: site.line,
    keepsCell: "keepsCell" in site.rule && site.rule.keepsCell === true,
    marksExploration: "marksExploration" in site.rule && site.rule.marksExploration === true,
  }));
}

export function collectEvidence(scan: CellScan, analysis: CellSourceAnalysis | undefined, context: EvidenceContext): StageEvidence[] {
  return evidenceIn(evidenceSites(scan, analysis, context));
}

/**
 * A file access and the call making it are one piece of evidence, which names the file;
 * the file rules only catch accesses no call rule recognised (`open`, `np.load`).
 */
function addCallAndFileSites(scan: CellScan, analysis: CellSourceAnalysis | undefined, context: EvidenceContext, sites: EvidenceSite[]): void {
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
    sites.push({ rule, text: call.text, where: files.get(key) ?? "", line: call.line });
  }
  const uncovered = (access: FileAccess): boolean => !covered.has(siteKey(access.line, access.call));
  for (const read of reads.filter(uncovered)) sites.push({ rule: FILE_READ_RULE, text: read.call, where: files.get(siteKey(read.line, read.call)) ?? "", line: read.line });
  for (const rule of writes.length > 0 ? otherRules.fileWrite : []) {
    for (const write of writes.filter((access) => uncovered(access) && writeMatches(rule, access.call))) {
      sites.push({ rule, text: write.call, where: files.get(siteKey(write.line, write.call)) ?? "", line: write.line });
    }
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
  if (rule.args !== undefined && !rule.args.test(call.argsText)) return false;
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


/** What the context holds, as one string: two plans with the same key see the same evidence in a cell. */
export function evidenceContextKey(context: EvidenceContext): string {
  const list = (names: ReadonlySet<string>): string => [...names].sort().join(",");
  return sameContextKey(`${list(context.transformerClasses)};${list(context.transformers)};${list(context.models)}`);
}

const sameContextKey = keyKeeper();

/** Finds which names hold transformers and models, from assignments and `fit` calls anywhere in the notebook. */
export function buildEvidenceContext(scans: readonly CellScan[]): EvidenceContext {
  const transformerClasses = new Set(TRANSFORMER_CLASSES);
  const names = scans.map(namesInScan);
  for (const found of names) for (const name of found.transformerClasses) transformerClasses.add(name);
  const transformers = new Set<string>();
  const models = new Set<string>();
  for (const found of names) {
    for (const assignment of found.built) {
      if (transformerClasses.has(assignment.built)) transformers.add(assignment.name);
      else if (assignment.modelClass) models.add(assignment.name);
    }
  }
  for (const found of names) {
    for (const receiver of found.fitReceivers) if (!transformers.has(receiver)) models.add(receiver);
  }
  return { transformerClasses, transformers, models };
}

/** What one cell tells about the notebook-wide names: the classes it defines that transform, what it builds, what it fits. */
interface ScanNames {
  readonly transformerClasses: readonly string[];
  readonly built: readonly { readonly name: string; readonly built: string; readonly modelClass: boolean }[];
  readonly fitReceivers: readonly string[];
}

/** Remembered per scan (one per cell source): re-planning after an edit reads the edited cell only. */
const scanNames = new WeakMap<CellScan, ScanNames>();

function namesInScan(scan: CellScan): ScanNames {
  return remembered(scanNames, scan, () => findNamesInScan(scan));
}

function findNamesInScan(scan: CellScan): ScanNames {
  const transformerClasses = scan.masked.includes("class")
    ? definitionBlocks(scan)
        .filter((block) => block.kind === "class" && /\bdef\s+(fit_)?transform\s*\(/.test(block.text))
        .map((block) => block.name)
    : [];
  const built = scan.assignments.flatMap((assignment) => {
    const name = assignment.call?.slice(assignment.call.lastIndexOf(".") + 1);
    return name === undefined ? [] : [{ name: assignment.name, built: name, modelClass: MODEL_CLASS.test(name) }];
  });
  const fitReceivers = scan.calls.flatMap((call) => ((call.method === "fit" || call.method === "partial_fit") && call.receiver !== undefined ? [call.receiver] : []));
  return { transformerClasses, built, fitReceivers };
}
