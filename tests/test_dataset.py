"""The dataset contract: incremental, duplicate-aware, atomic, locked, and crash-safe."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest

from flows.process_articles import process_articles
from tasks.schema import TABLES
from tasks.store import NEAR_DUPLICATE_INDEXED, STATE_DIR, OutputLocked, RunLock, SketchIndex

from . import readers

pytestmark = pytest.mark.usefixtures("prefect_harness")


def file_digests(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.parquet")) if STATE_DIR not in p.parts}


def articles_by_path(out: Path) -> dict[str, dict]:
    return {r["source_path"]: r for r in readers.with_pyarrow(out, "articles").to_pylist()}


def test_rerun_on_unchanged_input_writes_nothing(raw_samples, tmp_path):
    out = tmp_path / "out"
    process_articles(raw=str(raw_samples), out=str(out))
    before = file_digests(out)
    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert (summary.unchanged, summary.written, summary.files) == (3, 0, {"replaced": 0, "deleted": 0})
    assert file_digests(out) == before
    # A touched file with the same bytes is read (to hash it) but not processed again.
    os.utime(raw_samples / "002_f5878b3e2dcaff7b.txt", ns=(1, 1))
    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert (summary.unchanged, summary.written) == (3, 0)
    assert file_digests(out) == before


def test_change_add_duplicate_and_remove_in_one_run(raw_samples, tmp_path):
    out = tmp_path / "out"
    process_articles(raw=str(raw_samples), out=str(out))
    first = articles_by_path(out)
    changed = raw_samples / "002_f5878b3e2dcaff7b.txt"
    changed.write_text(changed.read_text().replace("31 countries", "32 countries"))
    (raw_samples / "new" ).mkdir()
    (raw_samples / "new" / "story.txt").write_text(
        "Accessibility links\n\nA Brand New Story\n\nThe first paragraph of a brand new story is here. "
        "It has two sentences.\n\nA second paragraph closes the story.\n")
    (raw_samples / "copy_of_003.txt").write_bytes((raw_samples / "003_d9aaa4cf88ec52a0.txt").read_bytes())
    (raw_samples / "004_f6e9d0adbede25c6.txt").unlink()

    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert (summary.new, summary.changed, summary.unchanged, summary.removed) == (2, 1, 1, 1)
    now = articles_by_path(out)
    assert sorted(now) == sorted(p.relative_to(raw_samples).as_posix()
                                 for p in raw_samples.rglob("*.txt"))
    assert "32 countries" in now["002_f5878b3e2dcaff7b.txt"]["text"]
    assert now["002_f5878b3e2dcaff7b.txt"]["doc_id"] == first["002_f5878b3e2dcaff7b.txt"]["doc_id"]
    assert now["copy_of_003.txt"]["duplicate_of"] == first["003_d9aaa4cf88ec52a0.txt"]["doc_id"]
    assert now["003_d9aaa4cf88ec52a0.txt"]["duplicate_of"] is None
    # Every table holds exactly the current articles' rows: no stale rows of the removed or
    # changed version, in any reader.
    ids = {r["doc_id"] for r in now.values()}
    for name in TABLES:
        if name != "rejects":
            assert set(readers.with_pyarrow(out, name).column("doc_id").to_pylist()) <= ids, name
        assert len(set(readers.row_counts(out, name).values())) == 1, name
    sentences = readers.with_pyarrow(out, "sentences").to_pylist()
    keys = [(r["doc_id"], r["sent_index"]) for r in sentences]
    assert len(keys) == len(set(keys))


def test_near_duplicate_is_flagged(raw_samples, tmp_path):
    text = (raw_samples / "002_f5878b3e2dcaff7b.txt").read_text()
    (raw_samples / "zz_republished.txt").write_text(
        text.replace("Breaking News", "Breaking News\n\nUpdated").replace("blunt", "stark"))
    out = tmp_path / "out"
    process_articles(raw=str(raw_samples), out=str(out))
    arts = articles_by_path(out)
    assert arts["zz_republished.txt"]["near_duplicate_of"] == arts["002_f5878b3e2dcaff7b.txt"]["doc_id"]
    assert arts["zz_republished.txt"]["near_duplicate_similarity"] >= 0.7
    assert arts["003_d9aaa4cf88ec52a0.txt"]["near_duplicate_of"] is None


def test_a_touched_article_with_the_same_bytes_is_still_found_as_near_duplicate(raw_samples, tmp_path):
    out = tmp_path / "out"
    process_articles(raw=str(raw_samples), out=str(out))
    original = raw_samples / "002_f5878b3e2dcaff7b.txt"
    os.utime(original, ns=(1, 1))  # read and hashed again, found the same, not processed again
    assert process_articles(raw=str(raw_samples), out=str(out)).unchanged == 3
    (raw_samples / "zz_republished.txt").write_text(
        original.read_text().replace("Breaking News", "Breaking News\n\nUpdated").replace("blunt", "stark"))
    process_articles(raw=str(raw_samples), out=str(out))
    arts = articles_by_path(out)
    assert arts["zz_republished.txt"]["near_duplicate_of"] == arts["002_f5878b3e2dcaff7b.txt"]["doc_id"]


def test_sketch_index_gives_the_first_holders_of_a_hash_in_order_across_merges(monkeypatch):
    monkeypatch.setattr(SketchIndex, "MERGE_EVERY", 8)  # merge every other article
    rng = random.Random(5)
    index, expected, sketches = SketchIndex(), {}, []

    def remember(sketch):
        for h in sorted(sketch)[:NEAR_DUPLICATE_INDEXED]:
            expected.setdefault(h, []).append(len(sketches))
        sketches.append(sketch)

    loaded = [(f"old/{i:03}", rng.sample(range(40), 6)) for i in range(30)]
    for _, sketch in loaded:
        remember(sketch)
    index.add_all(iter(loaded))
    for i in range(60):
        sketch = rng.sample(range(40), rng.randint(0, 6))
        remember(sketch)
        index.add(f"new/{i:03}", sketch)
        for h in range(40):
            assert index.holders(h, 5) == expected.get(h, [])[:5], (i, h)
    assert [list(index.sketch(a)) for a in range(len(sketches))] == sketches
    table = index.table().to_pydict()
    assert table["source_path"] == sorted(table["source_path"])
    assert dict(zip(table["source_path"], table["sketch"])) == dict(
        zip([p for p, _ in loaded] + [f"new/{i:03}" for i in range(60)], sketches))


def test_rejected_input_is_recorded_then_replaced_when_fixed(raw_samples, tmp_path):
    out = tmp_path / "out"
    broken = raw_samples / "broken.html"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert summary.rejects_by_reason == {"binary": 1} and summary.written == 3
    [reject] = readers.with_pyarrow(out, "rejects").to_pylist()
    assert (reject["source_path"], reject["stage"], reject["reason"]) == ("broken.html", "read", "binary")
    broken.write_text("<html><head><title>Fixed</title></head><body><article><h1>Fixed</h1>"
                      "<p>Now it is a real article with a paragraph.</p></article></body></html>")
    summary = process_articles(raw=str(raw_samples), out=str(out))
    assert (summary.changed, summary.rejected) == (1, 0)
    assert readers.with_pyarrow(out, "rejects").num_rows == 0
    assert "broken.html" in articles_by_path(out)


def test_scheduled_runs_do_not_accumulate_small_files(raw_samples, tmp_path):
    out = tmp_path / "out"
    for i in range(4):
        (raw_samples / f"extra_{i}.txt").write_text(
            f"Story {i}\n\nThis is paragraph one of story number {i}, long enough to be kept.\n")
        process_articles(raw=str(raw_samples), out=str(out))
    for name in TABLES:
        assert len(list((out / name).rglob("*.parquet"))) == 1, name
    assert readers.with_pyarrow(out, "articles").num_rows == 7


def test_second_run_on_a_locked_output_fails_clearly_and_changes_nothing(raw_samples, tmp_path):
    out = tmp_path / "out"
    process_articles(raw=str(raw_samples), out=str(out))
    before = file_digests(out)
    (raw_samples / "extra.txt").write_text("Extra\n\nA paragraph that would be new.\n")
    with RunLock(out):
        state = process_articles(raw=str(raw_samples), out=str(out), return_state=True)
    assert state.is_failed()
    with pytest.raises(OutputLocked, match="is in use by newsprep run pid"):
        state.result()
    assert file_digests(out) == before
