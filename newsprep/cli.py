"""`newsprep`: the command line for running the pipeline."""

from __future__ import annotations

import argparse
import json
import sys

from flows.runtime import apply_offline_defaults

EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the output; try again later


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsprep",
        description="Clean, segment and tag scraped news articles into a Parquet dataset.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run", help="process every new or changed article under --raw into --out",
        description="Run the process-articles Prefect flow once. Without PREFECT_API_URL it uses "
                    "Prefect's embedded (ephemeral) API: no server to start.")
    run.add_argument("--raw", default="data/raw",
                     help="folder or s3://bucket/prefix of raw scrapes (default: %(default)s)")
    run.add_argument("--out", default="data/processed",
                     help="output folder or s3://bucket/prefix for the Parquet tables (default: "
                          "%(default)s); S3 credentials come from the environment (AWS_*)")
    run.add_argument("--batch-size", type=int, default=None,
                     help="documents per batch: one task run per batch (default: 500)")
    run.add_argument("--stage-task-runs", action="store_true",
                     help="also record every stage of every batch as a nested task run, to see "
                          "stage timings in the UI (costs Prefect overhead)")
    run.add_argument("--max-input-mb", type=float, default=20.0, metavar="MB",
                     help="larger inputs are rejected as too_large without being read (default: %(default)s)")
    run.add_argument("--workers", type=int, default=1, metavar="N",
                     help="worker processes for the CPU-bound stages (default: %(default)s, this process)")
    run.add_argument("--dask", action="store_true",
                     help="run the --workers on a local Dask cluster instead of a process pool")
    run.add_argument("--dask-address", metavar="tcp://HOST:8786",
                     help="run batches on an existing Dask cluster (needs a shared Prefect server: "
                          "PREFECT_API_URL, and raw/out every worker can reach, e.g. s3://)")
    run.add_argument("--lock-wait", type=float, default=0.0, metavar="SECONDS",
                     help="wait this long for another run on --out to finish (default: fail at once)")
    run.add_argument("--json", action="store_true", help="print the run summary as JSON")

    serve = commands.add_parser(
        "serve", help="run the flow on a schedule (Prefect serve); needs PREFECT_API_URL",
        description="Register a deployment of process-articles with a schedule on the Prefect "
                    "server named by PREFECT_API_URL and execute its runs until stopped "
                    "(SIGTERM). At most one run at a time writes the output.")
    when = serve.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", help='cron schedule, e.g. "0 * * * *" for hourly (UTC)')
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS")
    serve.add_argument("--raw", default="data/raw",
                       help="folder or s3://bucket/prefix of raw scrapes (default: %(default)s)")
    serve.add_argument("--out", default="data/processed",
                       help="output folder or s3://bucket/prefix (default: %(default)s)")
    serve.add_argument("--name", default="newsprep-scheduled", help="deployment name (default: %(default)s)")
    return parser


def run_command(args: argparse.Namespace) -> int:
    from tasks.storage import check_location

    try:
        check_location(args.raw)
        check_location(args.out)
    except ValueError as exc:
        print(f"newsprep: {exc}", file=sys.stderr)
        return 2
    from flows.process_articles import process_articles
    from flows.runtime import api_shared_with_workers, task_runner_for, wait_until_recorded, worker_parameters

    params = {"raw": args.raw, "out": args.out, "lock_wait_s": args.lock_wait,
              "max_input_bytes": int(args.max_input_mb * 1024 * 1024),
              "stage_task_runs": args.stage_task_runs, **worker_parameters(args.workers)}
    if args.batch_size:
        params["batch_size"] = args.batch_size
    runner = task_runner_for(args.workers, args.dask_address, args.dask)
    flow = process_articles.with_options(task_runner=runner) if runner else process_articles
    with api_shared_with_workers():
        state = flow(**params, return_state=True)
        summary = state.result(raise_on_failure=False)
        if state.is_completed():
            recorded = wait_until_recorded(str(state.state_details.flow_run_id), summary.task_runs)
            if recorded < summary.task_runs:
                print(f"warning: Prefect recorded {recorded} of {summary.task_runs} task runs",
                      file=sys.stderr)
    return report_outcome(state, summary, args.json)


def report_outcome(state, summary, as_json: bool) -> int:
    from tasks.store import OutputLocked

    if isinstance(summary, OutputLocked):
        print(f"newsprep: {summary}", file=sys.stderr)
        return EXIT_LOCKED
    if not state.is_completed():
        print(f"newsprep: run failed: {state.message}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(summary.to_dict(), indent=2, sort_keys=True))
    else:
        print(format_summary(summary))
    return 0


def serve_command(args: argparse.Namespace) -> int:
    import os
    from datetime import timedelta

    from flows.process_articles import process_articles

    if not os.environ.get("PREFECT_API_URL"):
        print("newsprep serve: set PREFECT_API_URL to a running Prefect server "
              "(schedules do nothing on the embedded API); see the README", file=sys.stderr)
        return 2
    from tasks.storage import is_object_store

    # Absolute paths: the runner executes each scheduled run in its own process.
    params = {name: location if is_object_store(location) else os.path.abspath(location)
              for name, location in (("raw", args.raw), ("out", args.out))}
    schedule = {"cron": args.cron} if args.cron else {"interval": timedelta(seconds=args.interval)}
    process_articles.serve(name=args.name, parameters=params, global_limit=1,
                           tags=["newsprep", f"raw:{args.raw}"], **schedule)
    return 0


def format_summary(summary) -> str:
    rejects = ", ".join(f"{reason} {n}" for reason, n in sorted(summary.rejects_by_reason.items()))
    langs = ", ".join(f"{lang} {n}" for lang, n in sorted(summary.languages.items(), key=lambda kv: -kv[1]))
    lines = [
        f"articles in:  {summary.inputs} ({summary.new} new, {summary.changed} changed, "
        f"{summary.unchanged} unchanged; {summary.removed} removed since last run)",
        f"written:      {summary.written}" + (f" ({summary.duplicates} exact and "
                                             f"{summary.near_duplicates} near duplicates flagged)"
                                             if summary.duplicates or summary.near_duplicates else ""),
        f"rejected:     {summary.rejected}" + (f" ({rejects})" if rejects else ""),
        f"languages:    {langs or '-'}",
        "rows:         " + (", ".join(f"{t} {n}" for t, n in summary.rows.items()) or "none (nothing new)"),
    ]
    if summary.recovery:
        lines.append(f"recovery:     {summary.recovery}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    apply_offline_defaults()
    if args.command == "run":
        return run_command(args)
    if args.command == "serve":
        return serve_command(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
