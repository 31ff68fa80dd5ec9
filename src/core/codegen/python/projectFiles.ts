// ProjectStructure → FilePlan: runs each printer and puts the header (notebook, cells,
// source hash, content hash) on top of what it printed.
import { HARNESS_FILES } from "../../verify/runtime/harnessSource";
import { docstringText } from "./textWrap";
import type { NotebookModel } from "../../notebook/notebookModel";
import type { CommentStyle, HeaderFields } from "../fileHeader";
import { cellsSourceHash, renderHeader, renderJsonWithHeader } from "../fileHeader";
import type { FileOwnership, PlannedFile } from "../filePlan";
import { LINEAGE_PY } from "./runtime/lineageSource";
import { TRACKING_PY } from "./runtime/trackingSource";
import { SERVE_PY } from "./runtime/serveSource";
import { RUN_HISTORY_PY } from "./runtime/runHistorySource";
import { RUN_STEP_PY } from "./runtime/runStepSource";
import { printServingSchemaModule } from "./printers/servingSchemaPrinter";
import { serveTestSource } from "./printers/serveTestSource";
import { DOCKERIGNORE, printDockerfile } from "./printers/containerPrinter";
import { printPrefectYaml } from "./printers/prefectYamlPrinter";
import { flowTestSource } from "./printers/flowTestSource";
import { FIGURES_PY } from "./runtime/figuresSource";
import { MONITORING_PY } from "./runtime/monitoringSource";
import { monitoringTestSource } from "./printers/monitoringTestSource";
import type { CellPart } from "../../notebook/cellParts";
import { ARTIFACTS_PY } from "./printers/artifactsSource";
import { printCommonModule } from "./printers/commonPrinter";
import { conftestSource } from "./printers/conftestSource";
import { NOTEBOOK_PROGRAM_FILE, equivalenceTestSource } from "./printers/equivalenceTestSource";
import { notebookProgram } from "../../verify/harnessInput";
import { projectManifestSchema } from "../../verify/projectManifest";
import { verifiedProject } from "../../verify/verifiedProject";
import { gateCheckIndex, isMonitored, printFlowModule } from "./printers/flowPrinter";
import { modelRegistration } from "./modelServing";
import { isPythonIdentifier } from "./pythonText";
import { gatesSource, gatesTestSource } from "./printers/gatesSource";
import { dataChecksTestSource, printDataChecksModule } from "./printers/dataChecksSource";
import { printMainModule } from "./printers/mainPrinter";
import { buildManifest } from "./printers/manifestPrinter";
import { printParamsModule, printParamsYaml } from "./printers/paramsPrinters";
import type { GateSection } from "./printers/paramsPrinters";
import { GITIGNORE, printReadme, printWorkflow } from "./printers/projectDocs";
import { printPyproject } from "./printers/pyprojectPrinter";
import type { ToolDependencies } from "./printers/pyprojectPrinter";
import { printRunnerModule } from "./printers/runnerPrinter";
import { printStepModule } from "./printers/stepPrinter";
import { printStepTest } from "./printers/stepTestPrinter";
import { projectLayout, stepModulePath, stepTestPath } from "./projectLayout";
import type { ProjectStructure } from "./structures";
import type { SecretGuard } from "./buildProject";

export interface FilesInput {
  readonly structure: ProjectStructure;
  /** The notebook with divided cells as their parts. */
  readonly notebook: NotebookModel;
  readonly parts: readonly CellPart[];
  readonly parametersCellIds: readonly string[];
  readonly tools: ToolDependencies;
  readonly secrets: SecretGuard;
}

class FileCollector {
  readonly files: PlannedFile[] = [];
  /** Files a credential was taken out of. */
  readonly redacted: string[] = [];
  private readonly sources: ReadonlyMap<string, string>;

  constructor(private readonly input: FilesInput) {
    this.sources = new Map(input.notebook.cells.map((cell) => [cell.id, cell.source]));
  }

  add(path: string, text: string, cellIds: readonly string[], style: CommentStyle | "json", ownership: FileOwnership = "generated"): void {
    // The last line of defence: no credential found in the notebook is written, whatever quoted it.
    const body = this.input.secrets.redact(text);
    if (body !== text) this.redacted.push(path);
    const hash = cellsSourceHash(cellIds, this.sources);
    const fields: HeaderFields = { notebook: this.input.structure.notebook, cellIds, sourceHash: hash };
    const content = style === "json" ? renderJsonWithHeader(JSON.parse(body) as object, fields) : `${renderHeader(fields, body, style)}${body}`;
    this.files.push({ path, content, ownership, cellIds, sourceHash: hash });
  }

  /** Each cell's own source hash, so a drift check can name the cells that changed. */
  cellHashes(cellIds: readonly string[]): Record<string, string> {
    return Object.fromEntries(cellIds.map((id) => [id, cellsSourceHash([id], this.sources)]));
  }
}

export function projectFiles(input: FilesInput): { files: PlannedFile[]; redacted: string[] } {
  const { structure } = input;
  const pkg = structure.packageName;
  const at = projectLayout(pkg);
  const all = structure.steps.flatMap((step) => step.cellIds);
  const commonCells = structure.common?.cells.map((cell) => cell.cellId) ?? [];
  const files = new FileCollector(input);
  files.add(at.pyproject, printPyproject(structure, input.tools), all, "hash");
  const gates = gateSection(structure);
  files.add(at.paramsYaml, printParamsYaml(structure.params, pkg, gates, true), input.parametersCellIds, "hash");
  files.add(at.readme, printReadme(structure), all, "html");
  const manifest = buildManifest(structure, files.cellHashes(all), input.parts);
  files.add(at.manifest, JSON.stringify(manifest), all, "json");
  files.add(at.gitignore, GITIGNORE, [], "hash");
  files.add(at.workflow, printWorkflow(structure), [], "hash");
  files.add(at.packageInit, `"""Pipeline generated by nb2prod from ${docstringText(structure.notebook)}."""\n`, [], "hash");
  files.add(at.paramsModule, printParamsModule(structure.params, pkg), input.parametersCellIds, "hash");
  if (structure.common !== undefined) files.add(at.commonModule, printCommonModule(structure.common, pkg), commonCells, "hash");
  files.add(at.stepsInit, '"""One module per pipeline step, each holding one typed function."""\n', [], "hash");
  for (const step of structure.steps) files.add(stepModulePath(pkg, step.name), printStepModule(step, pkg), step.cellIds, "hash");
  files.add(at.runner, printRunnerModule(structure), all, "hash");
  files.add(at.artifacts, ARTIFACTS_PY, [], "hash");
  files.add(at.lineage, LINEAGE_PY, [], "hash");
  files.add(at.tracking, TRACKING_PY, [], "hash");
  files.add(at.runHistory, RUN_HISTORY_PY, [], "hash");
  files.add(at.runStep, RUN_STEP_PY, [], "hash");
  files.add(at.gates, gatesSource(pkg), [], "hash");
  files.add(at.gatesTest, gatesTestSource(pkg, gates.metrics.find(isPythonIdentifier) ?? "score"), [], "hash");
  if (structure.dataChecks !== undefined) {
    const checkedCells = structure.steps.find((step) => step.name === structure.dataChecks?.after)?.cellIds ?? [];
    files.add(at.dataChecks, printDataChecksModule(structure.dataChecks), checkedCells, "hash");
    files.add(at.dataChecksTest, dataChecksTestSource(pkg, structure.dataChecks), checkedCells, "hash");
  }
  files.add(at.monitoring, MONITORING_PY, [], "hash");
  files.add(at.monitoringTest, monitoringTestSource(pkg, structure.steps.find(isMonitored)?.name), [], "hash");
  if (structure.steps.some((step) => step.reports.some((report) => report.kind === "figures"))) files.add(at.figures, FIGURES_PY, [], "hash");
  files.add(at.flow, printFlowModule(structure), all, "hash");
  files.add(at.dockerfile, printDockerfile(structure), [], "hash");
  files.add(at.dockerignore, DOCKERIGNORE, [], "hash");
  files.add(at.prefectYaml, printPrefectYaml(structure), [], "hash");
  const registration = modelRegistration(structure.steps);
  if (registration !== undefined) {
    files.add(at.serve, SERVE_PY, [], "hash");
    files.add(at.servingSchema, printServingSchemaModule(structure.notebook, structure.projectName, registration, structure.servingInput), all, "hash");
    files.add(at.serveTest, serveTestSource({ packageName: pkg, dataFiles: structure.dataFiles, typed: structure.servingInput !== undefined }), all, "hash");
  }
  const flowTest = flowTestSource({
    packageName: pkg,
    flowName: structure.projectName,
    gateMetric: gates.metrics.find(isPythonIdentifier),
    registersModel: registration !== undefined,
    dataFiles: structure.dataFiles,
  });
  if (flowTest !== undefined) files.add(at.flowTest, flowTest, all, "hash");
  files.add(at.main, printMainModule(structure), [], "hash");
  files.add(at.conftest, conftestSource(pkg, structure.dataFiles), [], "hash");
  for (const step of structure.steps) files.add(stepTestPath(step.name), printStepTest(step, pkg), step.cellIds, "hash", "user");
  files.add(at.equivalenceTest, equivalenceTestSource({ packageName: pkg }), all, "hash");
  files.add(IPYTHON_STUB_FILE, HARNESS_FILES.get("nb2prod_ipython_stub.py") ?? "", [], "hash");
  const program = notebookProgram(verifiedProject(input.notebook, projectManifestSchema.parse(manifest))).map((cell) => {
    const source = input.secrets.programSources.get(cell.id);
    return source === undefined || cell.skip !== undefined ? cell : { ...cell, source };
  });
  files.add(NOTEBOOK_PROGRAM_FILE, JSON.stringify({ schemaVersion: 1, cells: program }), all, "json");
  files.add(at.fixturesReadme, FIXTURES_README, [], "html");
  if (structure.secrets.length > 0) files.add(at.envExample, printEnvExample(structure.secrets), [], "hash");
  const checks = `${pkg}.checks`;
  if ([...structure.steps.map((step) => step.imports), structure.common?.imports ?? []].some((imports) => imports.some((spec) => spec.module === checks))) {
    files.add(at.checks, CHECKS_PY, [], "hash");
  }
  return { files: files.files, redacted: files.redacted };
}

/** The metrics the evaluation steps log (their value reports) and the step the gates are checked after. */
function gateSection(structure: ProjectStructure): GateSection {
  const at = gateCheckIndex(structure.steps);
  const evaluation = structure.steps.slice(0, at).filter((step) => step.stage === "evaluation");
  const metrics = [...new Set(evaluation.flatMap((step) => step.reports.filter((report) => report.kind === "value").map((report) => report.name)))];
  const observed = new Map(evaluation.flatMap((step) => Object.entries(structure.observedNumbers[step.name] ?? {})));
  const values = new Map(metrics.flatMap((name) => {
    const value = observed.get(name);
    return value === undefined || !Number.isFinite(value) ? [] : [[name, value] as const];
  }));
  return { metrics, observed: values, checkedAfter: structure.steps[at - 1]?.name ?? "" };
}

/** The environment variables the pipeline reads credentials from, for a `.env` the user fills and never commits. */
function printEnvExample(variables: readonly string[]): string {
  return [
    "# Credentials the notebook held, which the pipeline reads from the environment.",
    "# Copy to .env (git ignores it) or set them in your shell or secrets manager; never commit values.",
    ...variables.map((name) => `${name}=`),
    "",
  ].join("\n");
}

const CHECKS_PY = `"""Checks the notebook wrote as \`assert\`, kept when Python runs with -O (generated by nb2prod)."""

from __future__ import annotations


def assert_true(condition: object, message: object = None) -> None:
    """Raise AssertionError, with \`\`message\`\` when given, unless \`\`condition\`\` holds.

    Unlike an \`\`assert\`\` statement, this runs whatever the interpreter's flags."""
    if not condition:
        raise AssertionError(message) if message is not None else AssertionError()
`;

/** Verify's stand-in for IPython, which the equivalence test runs the notebook with too. */
const IPYTHON_STUB_FILE = "tests/nb2prod_ipython_stub.py";

const FIXTURES_README = `# Test fixtures

Put \`<step>.inputs.pkl\` here (a pickled dict of the step's keyword arguments, small
samples of a reference run) to test a step on fixed inputs. Without one, the tests
compute each step's inputs by running the steps before it with params.yaml.
`;
