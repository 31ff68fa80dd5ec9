// src/<pkg>/__main__.py: `python -m <pkg>` runs the flow once, with params from a file
// and overrides from the command line.
import { PythonWriter } from "../pythonWriter";
import { fromImport, pyString } from "../pythonText";
import type { ProjectStructure } from "../structures";
import { printDocstring } from "./moduleParts";
import { modelRegistration } from "../modelServing";

/** How long the temporary Prefect API server may take to start, by default. */
export const EPHEMERAL_SERVER_STARTUP_SECONDS = 120;

export function printMainModule(project: ProjectStructure): string {
  const pkg = project.packageName;
  const writer = new PythonWriter();
  printDocstring(writer, `Run the pipeline: \`python -m ${pkg} [--params FILE] [--param NAME=VALUE ...]\`; one step on a recorded run's artifacts: \`python -m ${pkg} step NAME\`.`);
  writer.line();
  writer.lines(["from __future__ import annotations", "", "import argparse", "import contextlib", "import importlib", "import logging", "import os", "import signal", "import sys", "from collections.abc import Sequence"]);
  writer.line().line();
  writer.block("def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace", () => {
    writer.line(`parser = argparse.ArgumentParser(prog=${pyString(`python -m ${pkg}`)}, description=${pyString(`Run the pipeline generated from ${project.notebook}.`)})`);
    writer.line('parser.add_argument("--params", default="params.yaml", help="parameter file (default: params.yaml)")');
    writer.line('parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="override one param")');
    writer.line('parser.add_argument("--refresh-cache", action="store_true", help="recompute every step")');
    writer.line('parser.add_argument("--task-runner", choices=("threads", "dask"), default="threads", help="where tasks run: this process (default) or a Dask cluster, where steps no data passes between run at the same time")');
    writer.line('parser.add_argument("--dask-address", metavar="ADDRESS", help="an existing Dask scheduler (tcp://host:8786); default: a local cluster")');
    writer.line("return parser.parse_args(argv)");
  });
  writer.line().line();
  writer.block("def _exit_on_signal(signum: int, _frame: object) -> None", () => {
    writer.line('"""Stop like Ctrl-C does: unwinding, so Prefect stops the temporary server it started."""');
    writer.line("raise SystemExit(128 + signum)");
  });
  writer.line().line();
  writer.block("def _import_temporary_server() -> None", () => {
    writer.line('"""Without an API URL Prefect starts a temporary API server for the run. Importing its');
    writer.line("code now rather than when the flow starts lets MLflow's connection, opened on a thread");
    writer.line('of its own, get ready while that server boots instead of competing with the import."""');
    writer.line("from prefect.settings import PREFECT_API_URL");
    writer.line();
    writer.block("if PREFECT_API_URL.value()", () => writer.line("return"));
    writer.block("with contextlib.suppress(ImportError)", () => writer.line('importlib.import_module("prefect.server.api.server")'));
  });
  writer.line().line();
  const serves = modelRegistration(project.steps) !== undefined;
  if (serves) {
    writer.block("def _serve(argv: Sequence[str]) -> int", () => {
      writer.line('"""`python -m PKG serve`: the model behind an HTTP API (serve.py)."""'.replace("PKG", pkg));
      writer.block("try", () => { printLocalImport(writer, `${pkg}.serve`, ["serve_main"]); });
      writer.block("except ImportError as error", () => {
        writer.line(`print(f"error: serving needs the 'serve' extra (python -m pip install -e '.[serve]'): {error}", file=sys.stderr)`);
        writer.line("return 2");
      });
      writer.line("return serve_main(argv)");
    });
    writer.line().line();
  }
  writer.block("def main(argv: Sequence[str] | None = None) -> int", () => {
    writer.line(serves ? '"""Run the flow once (exit status 0 when every step completed), one `step`, or `serve` the model."""' : '"""Run the flow once (exit status 0 when every step completed), or one `step`."""');
    writer.line("arguments = list(sys.argv[1:] if argv is None else argv)");
    writer.block('if arguments[:1] == ["step"]', () => {
      writer.line("# One step, in this process and without Prefect: for debugging it (run_step.py).");
      printLocalImport(writer, `${pkg}.run_step`, ["step_main"]);
      writer.line();
      writer.line("return step_main(arguments[1:])");
    });
    if (serves) writer.block('if arguments[:1] == ["serve"]', () => writer.line("return _serve(arguments[1:])"));
    writer.line("args = parse_args(argv)");
    writer.block('for name in ("SIGTERM", "SIGHUP")', () => {
      writer.line("if hasattr(signal, name):");
      writer.line("    signal.signal(getattr(signal, name), _exit_on_signal)");
    });
    writer.line("# Settings Prefect reads when the flow starts: step loggers join its output, and the");
    writer.line("# temporary API server (no PREFECT_API_URL) gets longer than Prefect's 20 s default to");
    writer.line("# start, which a busy machine can need; Prefect's telemetry and server analytics stay");
    writer.line("# off (a pipeline should not phone home). Values already in the environment win.");
    writer.line('os.environ.setdefault("DO_NOT_TRACK", "1")');
    writer.line('os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")');
    writer.line(`os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", ${pyString(pkg)})`);
    writer.line(`os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "${EPHEMERAL_SERVER_STARTUP_SECONDS}")`);
    writer.block("if args.refresh_cache", () => writer.line('os.environ["PREFECT_TASKS_REFRESH_CACHE"] = "true"'));
    writer.line(`logging.getLogger(${pyString(pkg)}).setLevel(logging.INFO)`);
    printLocalImport(writer, `${pkg}.gates`, ["GateFailedError", "load_gates"]);
    printLocalImport(writer, `${pkg}.monitoring`, ["DataDriftError", "MonitoringSettingsError", "load_monitoring"]);
    printLocalImport(writer, `${pkg}.params`, ["ParamsError", "load_params"]);
    writer.line();
    writer.line("# Bad params, gates or monitoring settings fail here, in one line, before Prefect");
    writer.line("# (and its server) starts.");
    writer.block("try", () => writer.lines(["load_params(args.params, tuple(args.param))", "load_gates(args.params, tuple(args.param))", "load_monitoring(args.params, tuple(args.param))"]));
    writer.block("except (ParamsError, MonitoringSettingsError) as error", () => {
      writer.line('print(f"error: {error}", file=sys.stderr)');
      writer.line("return 2");
    });
    if (project.dataChecks !== undefined) printLocalImport(writer, `${pkg}.data_checks`, ["DataCheckFailedError"]);
    printLocalImport(writer, `${pkg}.flow`, ["pipeline"]);
    printLocalImport(writer, `${pkg}.tracking`, ["connect_in_background"]);
    writer.line();
    writer.line("# MLflow (seconds to import and open its store) gets ready while Prefect starts.");
    writer.line("_import_temporary_server()");
    writer.line("connect_in_background()");
    writer.block('if args.task_runner == "dask"', () => {
      writer.block("try", () => { printLocalImport(writer, "prefect_dask", ["DaskTaskRunner"]); });
      writer.block("except ImportError as error", () => {
        writer.line(`print(f"error: --task-runner dask needs the 'dask' extra (python -m pip install -e '.[dask]'): {error}", file=sys.stderr)`);
        writer.line("return 2");
      });
      writer.line("# A local cluster of worker processes unless an address is given (Ray: prefect-ray's RayTaskRunner, alike).");
      writer.line("runner = DaskTaskRunner(address=args.dask_address) if args.dask_address else DaskTaskRunner()");
      writer.line("# A TaskRunner of Dask futures: with_options' annotation wants PrefectFuture exactly.");
      writer.line("pipeline = pipeline.with_options(task_runner=runner)  # type: ignore[arg-type]");
    });
    writer.block("try", () => writer.line("pipeline(params_path=args.params, overrides=tuple(args.param))"));
    writer.block("except ParamsError as error", () => {
      writer.line('print(f"error: {error}", file=sys.stderr)');
      writer.line("return 2");
    });
    writer.block("except GateFailedError as error", () => {
      writer.line("# A metric outside its quality gate: nothing was registered or deployed.");
      writer.line('print(f"error: quality gate failed: {error}", file=sys.stderr)');
      writer.line("return 3");
    });
    if (project.dataChecks !== undefined) {
      writer.block("except DataCheckFailedError as error", () => {
        writer.line(`# The data step ${project.dataChecks?.after ?? ""} handed on failed its checks: nothing was trained.`);
        writer.line('print(f"error: data check failed: {error}", file=sys.stderr)');
        writer.line("return 3");
      });
    }
    writer.block("except DataDriftError as error", () => {
      writer.line("# Severe data drift, made a gate by monitoring.fail_on_drift: nothing after it ran.");
      writer.line('print(f"error: data drift: {error}", file=sys.stderr)');
      writer.line("return 3");
    });
    writer.block("except Exception", () => {
      writer.line(`logging.getLogger(${pyString(pkg)}).exception("The pipeline failed")`);
      writer.line("return 1");
    });
    writer.line("return 0");
  });
  writer.line().line();
  writer.block('if __name__ == "__main__"', () => writer.line("sys.exit(main())"));
  return writer.toString();
}

/** `from module import a, b` in a function body (4 columns in), as isort lays it out. */
function printLocalImport(writer: PythonWriter, module: string, names: readonly string[]): void {
  writer.lines(fromImport(module, names, "    ").split("\n").map((line) => line.slice(4)));
}
