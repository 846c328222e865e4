"""The newsprep flow: raw -> clean -> segment -> tag -> write, one task run per batch."""

from __future__ import annotations

import time
import uuid
from collections import Counter, deque
from dataclasses import asdict, dataclass, field

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run, task_run
from prefect.utilities.annotations import quote

from flows.report import Progress, publish_report
from flows.runtime import heap_settled_within, return_freed_memory, settle_once, use_returnable_memory
from tasks.clean import (LearnedBoilerplate, clean_batch, learn_boilerplate_task, learning_sample,
                         needs_learned_lines)
from tasks.document import Document, RawInput
from tasks.read import DEFAULT_MAX_INPUT_BYTES, discover_task, read_batch
from tasks.segment import segment_batch
from tasks.store import DatasetWriter, RunLock, discard_pieces, failpoint, mark_same_as_last_run, recover
from tasks.tag import tag_batch
from tasks.write import commit_task, stage_batch

# Every task run costs CPU in the flow process and in the API server (its states, events and
# logs), so runs are per batch, never per document, and batches are large: 500 articles a batch
# (measured at 10k articles, with a task run per stage: Prefect's share 7.7% with 200, 4.6% with
# 500; benchmarks/README.md).
DEFAULT_BATCH_SIZE = 500


def task_runs_per_batch(stage_task_runs: bool) -> int:
    return 1 + len(BATCH_STAGES) if stage_task_runs else 1


@dataclass
class RunSummary:
    run_id: str
    raw: str = ""
    out: str = ""
    inputs: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    written: int = 0
    rejected: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    removed_by_rule: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    wall_seconds: float = 0.0
    recovery: str = ""
    batches: int = 0
    task_runs: int = 0

    def add_batch(self, docs: list[Document], rows: dict[str, int]) -> None:
        self.batches += 1
        self.unchanged += sum(1 for d in docs if d.same_as_last_run)
        docs = [d for d in docs if not d.same_as_last_run]
        ok = [d for d in docs if d.ok]
        self.written += len(ok)
        self.rejected += len(docs) - len(ok)
        self.duplicates += sum(1 for d in ok if d.duplicate_of)
        self.near_duplicates += sum(1 for d in ok if d.near_duplicate_of)
        self.rejects_by_reason = _add(self.rejects_by_reason, (d.reject.reason for d in docs if not d.ok))
        self.languages = _add(self.languages, (d.language or "unknown" for d in ok))
        self.removed_by_rule = _add(self.removed_by_rule, (r.rule for d in ok for r in d.removed))
        stage_time = Counter(self.stage_seconds)
        for doc in docs:
            stage_time.update(doc.stage_seconds)
        self.stage_seconds = {k: round(v, 4) for k, v in stage_time.items()}
        self.rows = dict(Counter(self.rows) + Counter(rows))

    def to_dict(self) -> dict:
        return asdict(self)


def _add(counts: dict[str, int], items) -> dict[str, int]:
    return dict(Counter(counts) + Counter(items))


def check_accounting(summary: RunSummary) -> None:
    accounted = summary.written + summary.rejected + summary.unchanged
    if accounted != summary.inputs:
        raise RuntimeError(f"accounting mismatch: {summary.inputs} inputs but {summary.written} "
                           f"written + {summary.rejected} rejected + {summary.unchanged} unchanged")


def batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


class BatchWork:
    """Everything one process-batch task needs, in one plain object. Prefect walks task parameters
    that are lists, dicts or dataclasses field by field before every call (44% of the flow's CPU
    at 10k articles, measured) but not plain objects. `prefect.utilities.annotations.quote` would
    also stop the walk, but prefect-dask 0.3.7 rebuilds it wrongly (the task receives `(docs,)`)."""

    __slots__ = ("inputs", "file_keys", "raw", "staging", "run_id", "batch_no", "known_hashes",
                 "max_input_bytes", "learned", "stage_task_runs")

    def __init__(self, inputs: list[RawInput], file_keys: list[str], raw: str, staging: str,
                 run_id: str, batch_no: int, known_hashes: dict[str, str], max_input_bytes: int,
                 learned: LearnedBoilerplate | None, stage_task_runs: bool = False):
        self.inputs, self.file_keys = inputs, file_keys
        self.raw, self.staging, self.run_id = raw, staging, run_id
        self.batch_no, self.known_hashes = batch_no, known_hashes
        self.max_input_bytes, self.learned = max_input_bytes, learned
        self.stage_task_runs = stage_task_runs


BATCH_STAGES = (read_batch, clean_batch, segment_batch, tag_batch, stage_batch)


def run_stage(stage_task, as_task_run: bool, *args):
    """A stage's plain function, or its task (a nested task run of its own, with the task's
    retries, seen in the UI; quote() keeps Prefect from walking the documents)."""
    if as_task_run:
        return stage_task(*(quote(a) for a in args))
    return stage_task.fn(*args)


# Retried because staging writes to an object store can fail transiently. A retry is safe: the
# batch's inputs are immutable records, its Documents are built afresh from them, and what the
# failed attempt staged is deleted first.
@task(name="process-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def process_batch(work: BatchWork) -> tuple[list[Document], dict]:
    """One batch through every stage, where the task runner put it (a worker process, a Dask
    worker, or this process). By default the stages are plain calls: each task run costs the API
    server and the flow process several ms, which at 10k articles cost more than 5% of a run
    and took CPU from the workers (benchmarks/README.md). The documents travel back light, their
    rows already staged."""
    use_returnable_memory()
    if task_run.run_count > 1:
        discard_pieces(work.staging, work.file_keys, work.batch_no)
    as_task_run = work.stage_task_runs
    docs = run_stage(read_batch, as_task_run, work.inputs, work.raw, work.max_input_bytes)
    for doc, file_key in zip(docs, work.file_keys, strict=True):
        doc.file_key = file_key
    failpoint("after_read")
    mark_same_as_last_run(docs, work.known_hashes)
    docs = run_stage(clean_batch, as_task_run, docs, work.learned)
    docs = run_stage(segment_batch, as_task_run, docs)
    docs = run_stage(tag_batch, as_task_run, docs)
    rows = run_stage(stage_batch, as_task_run, docs, work.staging, work.run_id, work.batch_no)
    return_freed_memory()
    settle_once()  # the first batch has loaded the taggers' tables
    return docs, rows


@flow(name="process-articles", flow_run_name="process {raw} -> {out}")
def process_articles(raw: str = "data/raw", out: str = "data/processed",
                     batch_size: int = DEFAULT_BATCH_SIZE,
                     max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
                     lock_wait_s: float = 0.0, in_flight: int = 2,
                     stage_task_runs: bool = False) -> RunSummary:
    """Process every new or changed input under `raw` into the Parquet dataset under `out`.

    Args:
        raw: folder or s3://bucket/prefix of raw scrapes.
        out: folder or s3://bucket/prefix of the dataset.
        batch_size: documents per process-batch task run.
        max_input_bytes: larger inputs are rejected as too_large without being read.
        lock_wait_s: how long to wait for another run on `out` to finish.
        in_flight: batches submitted at once (memory is bounded by this many batches).
        stage_task_runs: also record each stage of each batch as a nested task run (read, clean,
            segment, tag, stage), to see them in the UI; costs Prefect overhead.
    """
    started = time.perf_counter()
    use_returnable_memory()
    logger = get_run_logger()
    run_id = flow_run.get_id() or uuid.uuid4().hex
    summary = RunSummary(run_id=run_id, raw=raw, out=out)
    rejects: list[dict] = []
    with RunLock(out, wait_s=lock_wait_s) as lock, heap_settled_within() as settle_long_lived_heap:
        summary.recovery = recover(out)
        if summary.recovery:
            logger.warning("previous run was interrupted: %s", summary.recovery)
        writer = DatasetWriter(out, run_id, lock=lock)
        inputs = discover_task(raw).inputs
        summary.task_runs += 1
        failpoint("after_discover")
        plan = writer.plan(inputs)
        settle_long_lived_heap()  # the modules, the inputs and the manifest live as long as the run
        summary.inputs, summary.unchanged, summary.removed = len(inputs), plan.unchanged, len(plan.removed)
        summary.new = sum(1 for d in plan.to_process if d.source_path not in writer.manifest)
        logger.info("%d inputs under %s: %d to process, %d unchanged, %d removed",
                    len(inputs), raw, len(plan.to_process), plan.unchanged, len(plan.removed))
        progress = Progress(len(plan.to_process))
        learning = None
        if plan.to_process:  # learned from all inputs, so a rerun cleans a file the same way
            # Submitted, not awaited: batches of HTML pages, which learned lines never touch, run
            # meanwhile (with 2 workers at 10k articles, learning kept both idle for 1.0-1.6 s).
            learning = learn_boilerplate_task.submit(learning_sample(inputs), raw, max_input_bytes)
            summary.task_runs += 1

        def finish(future) -> None:
            docs, rows = future.result()
            writer.register(docs)
            summary.add_batch(docs, rows)
            summary.task_runs += task_runs_per_batch(stage_task_runs)
            rejects.extend({"source_path": d.source_path, "stage": d.reject.stage,
                            "reason": d.reject.reason, "detail": d.reject.detail[:300]}
                           for d in docs if not d.ok)
            progress.advance(len(docs))
            logger.info("batch %d/%d done: %d written, %d rejected, %d unchanged so far",
                        summary.batches, n_batches, summary.written, summary.rejected, summary.unchanged)
            # Prefect keeps a task's result in a reference cycle that only a full garbage collection
            # frees: emptied, the list lets its documents go now. Left to the collector, every
            # finished batch set off a full pass over the run's state (10.8 s of the flow process's
            # CPU at 100k articles on 2 workers).
            docs.clear()
            failpoint("after_stage")

        # Bounded: at most `in_flight` batches of Documents are in memory at once, whatever the
        # corpus size (the rest wait as small input records), and a finished batch's documents
        # are let go (the writer keeps what the commit needs).
        todo = deque(batches(plan.to_process, batch_size))
        del inputs, plan
        pending: deque = deque()
        n_batches = len(todo)
        for batch_no in range(n_batches):
            batch = todo.popleft()
            learned = learning.result() if needs_learned_lines(batch) else None
            pending.append(process_batch.submit(BatchWork(
                batch, writer.assign_keys(batch), raw, str(writer.staging), run_id, batch_no,
                writer.known_hashes(batch), max_input_bytes, learned, stage_task_runs)))
            while len(pending) >= max(in_flight, 1):
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
        if learning is not None:
            learning.result()  # recorded, and its failure fails the run, even when no batch needed it
        summary.changed = summary.written + summary.rejected - summary.new
        check_accounting(summary)  # before the commit: a run that lost track of an input writes nothing
        summary.files = commit_task(quote(writer))
        summary.task_runs += 1
        failpoint("after_commit")
    summary.wall_seconds = time.perf_counter() - started
    publish_report(summary, rejects)
    logger.info("committed to %s: %d written, %d rejected, %d unchanged, %d removed; files %s",
                out, summary.written, summary.rejected, summary.unchanged, summary.removed, summary.files)
    return summary
