"""The run report a person sees in the Prefect UI: stable artifact keys, updated as batches finish."""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact
from prefect.artifacts import update_progress_artifact

REPORT_KEY = "newsprep-run-report"
REJECTS_KEY = "newsprep-rejects"
PROGRESS_KEY = "newsprep-progress"
MAX_REJECT_ROWS = 1000  # the full list is in the rejects table; the UI needs the first ones


class Progress:
    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.artifact_id = create_progress_artifact(0.0 if total else 100.0, key=PROGRESS_KEY,
                                                    description=f"documents processed of {total}")

    def advance(self, n: int) -> None:
        self.done += n
        update_progress_artifact(self.artifact_id, 100.0 * self.done / max(self.total, 1))


def _table(rows: dict, header: tuple[str, str]) -> list[str]:
    if not rows:
        return ["none"]
    lines = [f"| {header[0]} | {header[1]} |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in sorted(rows.items(), key=lambda kv: (-kv[1], kv[0]))]
    return lines


def publish_report(summary, rejects: list[dict]) -> None:
    timings = {stage: f"{seconds:.3f}" for stage, seconds in summary.stage_seconds.items()}
    lines = [
        f"# newsprep run `{summary.run_id}`",
        "",
        f"**{summary.raw}** → **{summary.out}**",
        "",
        "| inputs | new | changed | unchanged | removed | written | rejected | exact duplicates | near duplicates |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {summary.inputs} | {summary.new} | {summary.changed} | {summary.unchanged} | "
        f"{summary.removed} | {summary.written} | {summary.rejected} | {summary.duplicates} | "
        f"{summary.near_duplicates} |",
        "", "## Rejected, by reason", "", *_table(summary.rejects_by_reason, ("reason", "inputs")),
        "", "## Languages", "", *_table(summary.languages, ("language", "articles")),
        "", "## Boilerplate removed, by rule", "", *_table(summary.removed_by_rule, ("rule", "lines")),
        "", "## Stage time (seconds of work, summed over documents)", "",
        *(["| stage | seconds |", "| --- | ---: |"] + [f"| {s} | {t} |" for s, t in timings.items()]
          if timings else ["none"]),
        "", f"Wall time {summary.wall_seconds:.2f} s over {summary.batches} batch(es); "
            f"rows written: {summary.rows or 'none'}; files: {summary.files}.",
    ]
    if summary.recovery:
        lines += ["", f"**Recovery:** {summary.recovery}"]
    create_markdown_artifact("\n".join(lines), key=REPORT_KEY,
                             description=f"newsprep run summary for {summary.raw}")
    shown = rejects[:MAX_REJECT_ROWS]
    create_table_artifact(shown or [{"source_path": "", "stage": "", "reason": "", "detail": "no rejects"}],
                          key=REJECTS_KEY,
                          description=f"{len(rejects)} rejected inputs" +
                                      (f" (first {MAX_REJECT_ROWS} shown)" if len(rejects) > len(shown) else ""))
