"""The newsprep flow: raw -> clean -> segment -> tag -> write, one task run per stage per batch."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from tasks.clean import clean_batch
from tasks.document import Document
from tasks.read import DEFAULT_MAX_INPUT_BYTES, discover_task, read_batch
from tasks.segment import segment_batch
from tasks.tag import tag_batch
from tasks.write import commit_task, stage_batch

DEFAULT_BATCH_SIZE = 200
STAGES_PER_BATCH = 5  # read, clean, segment, tag, stage


@dataclass
class RunSummary:
    run_id: str
    inputs: int = 0
    written: int = 0
    rejected: int = 0
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    task_runs: int = 0

    def add_batch(self, docs: list[Document], rows: dict[str, int]) -> None:
        self.batches += 1
        self.inputs += len(docs)
        ok = [d for d in docs if d.ok]
        self.written += len(ok)
        self.rejected += len(docs) - len(ok)
        reasons = Counter(self.rejects_by_reason) + Counter(d.reject.reason for d in docs if not d.ok)
        langs = Counter(self.languages) + Counter(d.language or "unknown" for d in ok)
        self.rejects_by_reason, self.languages = dict(reasons), dict(langs)
        self.rows = dict(Counter(self.rows) + Counter(rows))

    def to_dict(self) -> dict:
        return asdict(self)


def batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


@flow(name="process-articles", flow_run_name="process {raw} -> {out}")
def process_articles(raw: str = "data/raw", out: str = "data/processed",
                     batch_size: int = DEFAULT_BATCH_SIZE,
                     max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> RunSummary:
    logger = get_run_logger()
    run_id = flow_run.get_id() or uuid.uuid4().hex
    summary = RunSummary(run_id=run_id)
    inputs = discover_task(raw)
    summary.task_runs += 1
    logger.info("discovered %d inputs under %s", len(inputs), raw)
    for batch_no, batch in enumerate(batches(inputs, batch_size)):
        docs = read_batch(batch, raw, max_input_bytes)
        docs = clean_batch(docs)
        docs = segment_batch(docs)
        docs = tag_batch(docs)
        rows = stage_batch(docs, out, run_id, batch_no)
        summary.task_runs += STAGES_PER_BATCH
        summary.add_batch(docs, rows)
        logger.info("batch %d: %d documents, %d written, %d rejected so far",
                    batch_no, len(docs), summary.written, summary.rejected)
    commit_task(out, run_id)
    summary.task_runs += 1
    logger.info("committed %d articles (%d rejected) to %s", summary.written, summary.rejected, out)
    return summary
