// Where each file of a generated project goes. Generation writes the files there and the
// drift check looks for them there, so the two cannot disagree about the layout.
import { MANIFEST_FILE, PARAMS_FILE } from "../../verify/projectManifest";

export interface ProjectLayout {
  readonly pyproject: string;
  readonly paramsYaml: string;
  readonly readme: string;
  readonly manifest: string;
  readonly gitignore: string;
  readonly workflow: string;
  readonly packageInit: string;
  readonly paramsModule: string;
  readonly commonModule: string;
  readonly stepsInit: string;
  readonly runner: string;
  readonly artifacts: string;
  readonly lineage: string;
  /** The recorded runs' artifacts (run_history.py), for serving and running one step. */
  readonly runHistory: string;
  /** `python -m <pkg> step NAME`: one step on a recorded run's artifacts (run_step.py). */
  readonly runStep: string;
  /** The quality gates checked before registration (gates.py). */
  readonly gates: string;
  readonly gatesTest: string;
  /** Experiment tracking and model registry with MLflow (tracking.py). */
  readonly tracking: string;
  /** The flow end to end: a failed gate stops registration; a run is tracked (test_flow.py). */
  readonly flowTest: string;
  /** The data checks of what the validation step hands on (data_checks.py), with verify's observations only. */
  readonly dataChecks: string;
  readonly dataChecksTest: string;
  /** Data profiles and drift against the last successful run (monitoring.py), and its tests. */
  readonly monitoring: string;
  readonly monitoringTest: string;
  readonly figures: string;
  /** The model behind an HTTP API (serve.py), what it takes (serving_schema.py), and their tests. */
  readonly serve: string;
  readonly servingSchema: string;
  readonly serveTest: string;
  readonly flow: string;
  /** One image for the pipeline and the model server. */
  readonly dockerfile: string;
  readonly dockerignore: string;
  /** The flow as a Prefect deployment on a work pool. */
  readonly prefectYaml: string;
  readonly main: string;
  readonly conftest: string;
  readonly equivalenceTest: string;
  readonly fixturesReadme: string;
  readonly envExample: string;
  readonly checks: string;
}

export function projectLayout(pkg: string): ProjectLayout {
  return {
    pyproject: "pyproject.toml",
    paramsYaml: PARAMS_FILE,
    readme: "README.md",
    manifest: MANIFEST_FILE,
    gitignore: ".gitignore",
    envExample: ".env.example",
    checks: `src/${pkg}/checks.py`,
    workflow: ".github/workflows/pipeline.yml",
    packageInit: `src/${pkg}/__init__.py`,
    paramsModule: `src/${pkg}/params.py`,
    commonModule: `src/${pkg}/common.py`,
    stepsInit: `src/${pkg}/steps/__init__.py`,
    runner: `src/${pkg}/runner.py`,
    artifacts: `src/${pkg}/artifacts.py`,
    lineage: `src/${pkg}/lineage.py`,
    runHistory: `src/${pkg}/run_history.py`,
    runStep: `src/${pkg}/run_step.py`,
    gates: `src/${pkg}/gates.py`,
    tracking: `src/${pkg}/tracking.py`,
    monitoring: `src/${pkg}/monitoring.py`,
    figures: `src/${pkg}/figures.py`,
    serve: `src/${pkg}/serve.py`,
    servingSchema: `src/${pkg}/serving_schema.py`,
    serveTest: "tests/test_serve.py",
    dockerfile: "Dockerfile",
    dockerignore: ".dockerignore",
    prefectYaml: "prefect.yaml",
    flow: `src/${pkg}/flow.py`,
    main: `src/${pkg}/__main__.py`,
    conftest: "tests/conftest.py",
    equivalenceTest: "tests/test_equivalence.py",
    gatesTest: "tests/test_gates.py",
    flowTest: "tests/test_flow.py",
    dataChecks: `src/${pkg}/data_checks.py`,
    dataChecksTest: "tests/test_data_checks.py",
    monitoringTest: "tests/test_monitoring.py",
    fixturesReadme: "tests/fixtures/README.md",
  };
}

export function stepModulePath(pkg: string, step: string): string {
  return `src/${pkg}/steps/${step}.py`;
}

export function stepTestPath(step: string): string {
  return `tests/test_${step}.py`;
}

/** Every file generation may write for these steps (common.py only when there is shared code). */
export function projectFilePaths(pkg: string, steps: readonly string[]): string[] {
  const layout: Readonly<Record<keyof ProjectLayout, string>> = projectLayout(pkg);
  return [...Object.values(layout), ...steps.flatMap((step) => [stepModulePath(pkg, step), stepTestPath(step)])];
}
