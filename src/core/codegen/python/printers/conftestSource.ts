// tests/conftest.py: the fixtures of the generated tests. A step's inputs come from
// tests/fixtures/<step>.inputs.pkl when captured from a reference run, else from running
// the steps before it with params.yaml (the notebook's own ingestion path); when that is
// impossible here (a data file missing), the test is skipped with the reason.
import { PythonWriter } from "../pythonWriter";
import { pyTuple } from "../pythonText";
import { printDocstring, printModuleImports } from "./moduleParts";

export function conftestSource(packageName: string, dataFiles: readonly string[]): string {
  const writer = new PythonWriter();
  printDocstring(writer, "Fixtures shared by the tests nb2prod generated for this pipeline.");
  writer.line();
  const imports = [
    ...["copy", "math", "numbers", "pickle"].map((module) => ({ module })),
    { module: "collections.abc", name: "Callable" },
    { module: "pathlib", name: "Path" },
    ...["Any", "NamedTuple"].map((name) => ({ module: "typing", name })),
    { module: "pytest" },
    ...["Params", "load_params"].map((name) => ({ module: `${packageName}.params`, name })),
    ...["run_steps", "step_inputs"].map((name) => ({ module: `${packageName}.runner`, name })),
  ];
  printModuleImports(writer, { runtime: imports, typeOnly: [], firstParty: packageName });
  writer.line();
  writer.lines(["PROJECT_DIR = Path(__file__).resolve().parent.parent", 'FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"']);
  writer.line("# Files the notebook reads, relative to where the pipeline runs (the project folder).");
  writer.line(`DATA_FILES: tuple[str, ...] = ${pyTuple(dataFiles)}`);
  writer.line("StepInputs = Callable[[str], dict[str, Any]]");
  writer.line().line();
  writer.verbatim({ lines: CONFTEST_BODY.split("\n"), rawLines: new Set() });
  return writer.toString();
}

const CONFTEST_BODY = `@pytest.fixture(scope="session")
def params() -> Params:
    """The params of params.yaml, loaded as the pipeline loads them."""
    return load_params(PROJECT_DIR / "params.yaml", environ={})


@pytest.fixture(scope="session")
def step_inputs_for(params: Params) -> StepInputs:
    """A step's keyword arguments: captured fixtures, else the outputs of earlier steps."""
    outputs: dict[str, dict[str, Any]] = {}

    def inputs(step: str) -> dict[str, Any]:
        captured = FIXTURES_DIR / f"{step}.inputs.pkl"
        if captured.is_file():
            with captured.open("rb") as handle:
                loaded: dict[str, Any] = pickle.load(handle)
            return loaded
        missing = [name for name in DATA_FILES if not (PROJECT_DIR / name).is_file()]
        if missing:
            pytest.skip(f"no reference run yet and the notebook's data is missing here: {missing}")
        run_steps(params, before=step, outputs=outputs)
        return {name: _copy(value) for name, value in step_inputs(step, outputs, params).items()}

    return inputs


def _copy(value: object) -> object:
    """A copy made as the flow makes one (through pickle), so no test sees another's changes."""
    try:
        return pickle.loads(pickle.dumps(value))
    except Exception:
        return copy.copy(value)


def assert_outputs_present(result: NamedTuple) -> None:
    """Every output has a value, and no number among them is NaN (infinity may be a
    starting value, such as a best loss not found yet)."""
    for name, value in result._asdict().items():
        assert value is not None, f"output {name} is None"
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            assert not math.isnan(float(value)), f"output {name} is {value}"`;
