"""The flow end to end under one session-scoped Prefect API: what lands on disk, and in Prefect."""

from __future__ import annotations

import pytest

from flows.process_articles import process_articles
from newsprep.cli import main
from tasks.schema import TABLES
from tasks.storage import LocalStorage

from . import readers
from .conftest import SAMPLE_NAMES

REQUIRED_COLUMNS = {
    "articles": {"doc_id", "source", "source_path", "title", "text", "language", "content_hash"},
    "segments": {"doc_id", "seg_index", "kind", "text", "start", "end"},
    "sentences": {"doc_id", "seg_index", "sent_index", "text", "start", "end"},
    "entities": {"doc_id", "text", "label", "canonical", "start", "end"},
    "quotes": {"doc_id", "quote", "speaker", "cue", "start", "end"},
    "rejects": {"source_path", "reason", "detail"},
}

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_flow_writes_every_table_readable_by_every_reader(raw_samples, tmp_path):
    out = tmp_path / "out"
    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert (summary.inputs, summary.written, summary.rejected) == (3, 3, 0)
    assert summary.batches == 1 and summary.task_runs == 4  # discover, learn, process-batch, commit
    for name, table in TABLES.items():
        counts = readers.row_counts(out, name)
        assert len(set(counts.values())) == 1, f"readers disagree on {name}: {counts}"
        assert readers.with_pyarrow(out, name).schema.remove_metadata().field("doc_id").type == "string"
    articles = readers.with_pyarrow(out, "articles")
    assert sorted(articles.column("source_path").to_pylist()) == SAMPLE_NAMES
    for name, columns in REQUIRED_COLUMNS.items():
        assert columns <= set(readers.with_pyarrow(out, name).column_names), name
    assert readers.row_counts(out, "sentences")["duckdb"] > 60
    assert readers.row_counts(out, "rejects")["duckdb"] == 0


def test_a_run_leaves_nothing_frozen_from_the_garbage_collector(raw_samples, tmp_path):
    """The flow freezes its long-lived heap for speed (flows/runtime.settle_long_lived_heap); a
    process that runs flow after flow (serve) must get it back, or a run's garbage would stay."""
    import gc

    frozen_before = gc.get_freeze_count()
    process_articles(raw=str(raw_samples), out=str(tmp_path / "out"))
    assert gc.get_freeze_count() == frozen_before


def test_a_finished_batch_lets_its_documents_go_without_the_garbage_collector(raw_samples, tmp_path):
    """Prefect holds a task's result in a reference cycle; the flow empties the batch's list so its
    documents are freed at once, not at the next full collection (flows/process_articles.finish)."""
    import gc

    from tasks.document import Document

    gc.collect()
    held_elsewhere = {id(o) for o in gc.get_objects() if isinstance(o, Document)}  # other tests'
    gc.disable()
    try:
        process_articles(raw=str(raw_samples), out=str(tmp_path / "out"), batch_size=1)
        left = [o for o in gc.get_objects() if isinstance(o, Document) and id(o) not in held_elsewhere]
    finally:
        gc.enable()
    assert left == []


def test_offsets_round_trip_for_every_row_written(raw_samples, tmp_path):
    out = tmp_path / "out"
    process_articles(raw=str(raw_samples), out=str(out))
    texts = dict(zip(*readers.with_pyarrow(out, "articles").select(["doc_id", "text"]).to_pydict().values()))
    checked = 0
    for table, text_column in (("segments", "text"), ("sentences", "text"), ("entities", "text"),
                               ("quotes", "quote"), ("dates", "text"), ("amounts", "text")):
        for row in readers.with_pyarrow(out, table).to_pylist():
            assert texts[row["doc_id"]][row["start"]:row["end"]] == row[text_column], (table, row)
            checked += 1
    assert checked > 100


def test_parquet_files_carry_versions_and_zstd(raw_samples, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    process_articles(raw=str(raw_samples), out=str(out))
    for name in TABLES:
        for path in (out / name).rglob("*.parquet"):
            meta = pq.ParquetFile(path).metadata
            kv = meta.metadata
            assert kv[b"newsprep.schema_version"] and kv[b"newsprep.version"]
            assert kv[b"newsprep.table"] == name.encode()
            if meta.num_rows:
                assert meta.row_group(0).column(0).compression == "ZSTD"


@pytest.mark.parametrize("stage_task_runs", [False, True])
def test_cli_run_prints_summary_and_prefect_records_every_task_run(raw_samples, tmp_path, capsys,
                                                                   stage_task_runs):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName

    out = tmp_path / "out"
    args = ["run", "--raw", str(raw_samples), "--out", str(out), "--batch-size", "2"]
    assert main(args + ["--stage-task-runs"] * stage_task_runs) == 0
    printed = capsys.readouterr().out
    assert "articles in:  3 (3 new" in printed and "written:      3" in printed
    assert "languages:    en 3" in printed
    name = f"process {raw_samples} -> {out}"
    with get_client(sync_client=True) as client:
        [run] = client.read_flow_runs(flow_run_filter=FlowRunFilter(name=FlowRunFilterName(any_=[name])))
        task_runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": [run.id]}))
    # One task run per batch, never per document: discover, learn-boilerplate, commit, and a
    # process-batch run for each of the 2 batches, with its stages nested in it on request.
    per_batch = ["process-batch"] + ["read", "clean", "segment", "tag", "stage"] * stage_task_runs
    assert run.state.is_completed()
    assert sorted(t.name.rsplit("-", 1)[0] for t in task_runs) == sorted(
        ["discover", "learn-boilerplate", "commit"] + per_batch * 2)
    assert all(t.state.is_completed() for t in task_runs)


def fail_staging_once(monkeypatch, after_pieces: int, meanwhile=lambda: None) -> dict:
    """The (after_pieces + 1)th staged piece of the run fails to write once, as a transient object
    store error would; `meanwhile` runs just before it fails."""
    write_parquet = LocalStorage.write_parquet
    seen = {"pieces": 0, "failed": False}

    def flaky(storage, rel, table, **options):
        if rel.startswith("pieces/") and not seen["failed"]:
            if seen["pieces"] == after_pieces:
                seen["failed"] = True
                meanwhile()
                raise OSError(5, "simulated transient write error")
            seen["pieces"] += 1
        return write_parquet(storage, rel, table, **options)

    monkeypatch.setattr(LocalStorage, "write_parquet", flaky)
    return seen


def test_a_batch_whose_staging_fails_once_is_retried_and_writes_the_same_rows(raw_samples, tmp_path,
                                                                                monkeypatch):
    expected = tmp_path / "expected"
    process_articles(raw=str(raw_samples), out=str(expected))
    failure = fail_staging_once(monkeypatch, after_pieces=2)
    out = tmp_path / "out"
    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert failure["failed"] and (summary.inputs, summary.written, summary.rejected) == (3, 3, 0)
    for name in TABLES:
        assert readers.snapshot(out, name) == readers.snapshot(expected, name), name


def test_a_retried_batch_leaves_nothing_of_its_failed_attempt(raw_samples, tmp_path, monkeypatch):
    # Every input vanishes between the attempts: the retry stages only rejects, and the articles
    # the failed attempt had already staged must not be committed.
    def remove_inputs():
        for path in raw_samples.glob("*.txt"):
            path.unlink()

    failure = fail_staging_once(monkeypatch, after_pieces=2, meanwhile=remove_inputs)
    out = tmp_path / "out"
    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert failure["failed"] and summary.rejects_by_reason == {"vanished": 3}
    for name in TABLES:
        assert readers.with_pyarrow(out, name).num_rows == (3 if name == "rejects" else 0), name


def test_cli_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    assert "run" in capsys.readouterr().out
