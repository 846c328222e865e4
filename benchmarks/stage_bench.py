"""Staging (tasks/write.py): the current stage_documents against the previous version, same documents.

    .venv/bin/python benchmarks/stage_bench.py [--corpus benchmarks/corpus/n1000] [--rounds 5]
                                               [--batch-size 500] [--old-ref REV]

Runs the corpus (generated with benchmarks/corpus.py if absent), plus a few inputs that every run
rejects (empty, binary, only boilerplate, a folder named like an article), through read -> clean ->
segment -> tag as plain functions, and gives them file keys as the flow does. Then, in interleaved
rounds (old then new, new then old, ...: load on the machine hits both alike), each version stages
a fresh copy of the documents in batches into its own staging folder. Prints, per version, the
median over rounds of ms per article: `build_tables` alone (CPU) and the whole `stage_documents`
(CPU of the process, and wall: Parquet writes and fsyncs included), and the ratios old / new.

  * new  tasks/write.py as it is in the working tree;
  * old  the same file at --old-ref (default: the newest commit whose write.py differs from the
         working tree), loaded from git into a private module for this run only.

Then checks the two versions agree: every batch's tables from `build_tables` are equal
(`Table.equals`, schema and its metadata included), and so is every Parquet piece they staged,
read back. Any difference is printed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import pickle
import platform
import statistics
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import earlier_version  # noqa: E402  (benchmarks/, the script's own folder)
from corpus import generate_corpus  # noqa: E402
from tasks import write as new_write  # noqa: E402
from tasks.clean import clean_documents  # noqa: E402
from tasks.document import Document  # noqa: E402
from tasks.read import discover_inputs, read_documents  # noqa: E402
from tasks.segment import segment_documents  # noqa: E402
from tasks.store import DatasetWriter  # noqa: E402
from tasks.tag import tag_documents  # noqa: E402

WRITE_PATH = "tasks/write.py"
RUN_ID = "stage-bench"


def previous_revision() -> str:
    return earlier_version.previous_revision(WRITE_PATH)


def load_old(rev: str) -> types.ModuleType:
    return earlier_version.load_module(rev, WRITE_PATH, "_write_before_bench")


def rejected_inputs(raw: Path) -> None:
    """Inputs every run rejects, at different stages, so the rejects table is compared too."""
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (raw / "only_chrome.txt").write_text("Accessibility links\n\nBreaking News\n\nplease wait\n")
    (raw / "folder.html").mkdir()


def processed_documents(root: Path) -> list[Document]:
    found = discover_inputs(root)
    return tag_documents(segment_documents(clean_documents(read_documents(found, root))))


def batches(docs: list[Document], size: int) -> list[list[Document]]:
    return [docs[i:i + size] for i in range(0, len(docs), size)]


def time_build(module: types.ModuleType, docs_batches: list[list[Document]]) -> float:
    started = time.process_time()
    for batch in docs_batches:
        module.build_tables(batch, RUN_ID)
    return time.process_time() - started


def time_stage(module: types.ModuleType, frozen: bytes, size: int, staging: Path) -> tuple[float, float]:
    """CPU and wall seconds to stage a fresh copy of the documents (staging lightens them)."""
    docs_batches = batches(pickle.loads(frozen), size)
    cpu, wall = time.process_time(), time.perf_counter()
    for batch_no, batch in enumerate(docs_batches):
        module.stage_documents(batch, staging, RUN_ID, batch_no)
    return time.process_time() - cpu, time.perf_counter() - wall


def compare_tables(old: types.ModuleType, docs_batches: list[list[Document]]) -> list[str]:
    differences = []
    for batch_no, batch in enumerate(docs_batches):
        for key in sorted({d.file_key for d in batch}):
            group = [d for d in batch if d.file_key == key]
            before, after = old.build_tables(group, RUN_ID), new_write.build_tables(group, RUN_ID)
            if before.keys() != after.keys():
                differences.append(f"batch {batch_no} {key}: tables {sorted(before)} vs {sorted(after)}")
                continue
            for name in before:
                if not before[name].equals(after[name], check_metadata=True):
                    differences.append(f"batch {batch_no} {key} {name}: "
                                       f"{describe_difference(before[name], after[name])}")
    return differences


def describe_difference(before, after) -> str:
    if not before.schema.equals(after.schema, check_metadata=True):
        return f"schema\n  old: {before.schema}\n  new: {after.schema}"
    if before.num_rows != after.num_rows:
        return f"{before.num_rows} rows vs {after.num_rows}"
    for name in before.column_names:
        if not before[name].equals(after[name]):
            rows = [i for i, (a, b) in enumerate(zip(before[name].to_pylist(), after[name].to_pylist()))
                    if a != b]
            return f"column {name}, {len(rows)} rows differ, first row {rows[0] if rows else '?'}"
    return "tables differ"


def compare_pieces(old_staging: Path, new_staging: Path) -> list[str]:
    old_files = {p.relative_to(old_staging) for p in old_staging.rglob("*.parquet")}
    new_files = {p.relative_to(new_staging) for p in new_staging.rglob("*.parquet")}
    differences = [f"staged only by {who}: {p}" for who, ps in (("old", old_files - new_files),
                                                                ("new", new_files - old_files))
                   for p in sorted(ps)]
    for rel in sorted(old_files & new_files):
        before, after = pq.read_table(old_staging / rel), pq.read_table(new_staging / rel)
        if not before.equals(after, check_metadata=True):
            differences.append(f"piece {rel}: {describe_difference(before, after)}")
    if not old_files:
        differences.append("nothing was staged")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus" / "n1000")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds, each version once a round")
    parser.add_argument("--batch-size", type=int, default=500, help="documents per stage call (the flow's)")
    parser.add_argument("--old-ref", help="git revision of the old write.py")
    parser.add_argument("--show", type=int, default=5, help="differences to print")
    args = parser.parse_args(argv)

    if not args.corpus.is_dir():
        generate_corpus(args.corpus, int(args.corpus.name.removeprefix("n")))
    rev = args.old_ref or previous_revision()
    old_write = load_old(rev)

    with tempfile.TemporaryDirectory(prefix="stage_bench_") as tmp:
        tmp = Path(tmp)
        bad_raw = tmp / "raw"
        bad_raw.mkdir()
        rejected_inputs(bad_raw)
        docs = processed_documents(args.corpus) + processed_documents(bad_raw)
        # File keys as the flow gives them: new inputs fill files of MAX_DOCS_PER_FILE in order.
        for doc, file_key in zip(docs, DatasetWriter(tmp / "out", RUN_ID).assign_keys(docs)):
            doc.file_key = file_key
        frozen = pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL)
        docs_batches = batches(docs, args.batch_size)
        n_rejected = sum(1 for d in docs if not d.ok)

        runners: dict[str, types.ModuleType] = {"old": old_write, "new": new_write}
        # One untimed pass each: imports and first-call costs are not per article.
        for name, module in runners.items():
            time_build(module, docs_batches)
            time_stage(module, frozen, args.batch_size, tmp / f"warm_{name}")
        build: dict[str, list[float]] = {name: [] for name in runners}
        stage_cpu: dict[str, list[float]] = {name: [] for name in runners}
        stage_wall: dict[str, list[float]] = {name: [] for name in runners}
        for round_no in range(args.rounds):
            order = list(runners) if round_no % 2 == 0 else list(reversed(runners))
            for name in order:
                build[name].append(time_build(runners[name], docs_batches))
                cpu, wall = time_stage(runners[name], frozen, args.batch_size,
                                       tmp / f"r{round_no}_{name}")
                stage_cpu[name].append(cpu)
                stage_wall[name].append(wall)

        differences = compare_tables(old_write, docs_batches)
        differences += compare_pieces(tmp / "r0_old", tmp / "r0_new")

    def per_article(seconds: list[float]) -> float:
        return statistics.median(seconds) / len(docs) * 1e3

    print(f"# stage_bench  {time.strftime('%Y-%m-%d %H:%M')}  {platform.node()}  "
          f"python {platform.python_version()}  {platform.machine()}")
    print(f"corpus: {args.corpus}  ({len(docs)} documents, {n_rejected} rejected; batches of "
          f"{args.batch_size}, {len(docs_batches)} a round)  rounds {args.rounds}")
    print(f"old write.py: {rev[:12]}   ms per article, median over rounds")
    measures: dict[str, Callable[[str], float]] = {
        "build_tables (CPU)": lambda name: per_article(build[name]),
        "stage_documents (CPU)": lambda name: per_article(stage_cpu[name]),
        "stage_documents (wall)": lambda name: per_article(stage_wall[name]),
    }
    print(f"  {'':<24}{'old':>9}{'new':>9}{'old/new':>9}")
    for label, measure in measures.items():
        before, after = measure("old"), measure("new")
        print(f"  {label:<24}{before:9.3f}{after:9.3f}{before / after:9.2f}")
    print(f"tables compared: {sum(len({d.file_key for d in b}) for b in docs_batches)} batch groups "
          f"x {len(new_write.build_tables([], RUN_ID))} tables, and every staged piece of round 0")
    print(f"  differences: {len(differences)}")
    for what in differences[:args.show]:
        print(f"    {what}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
