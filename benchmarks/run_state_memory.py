"""What a run holds per input besides its batches in flight (issue 8: peak RSS may grow at most
10% from 10k to 100k articles, so whatever lives for the whole run per input must be small).

    .venv/bin/python benchmarks/run_state_memory.py [--n 10000 100000] [--baseline REV]

For each N, in a child process of its own, N empty files in a temporary raw folder laid out like
the benchmark corpus (text/voa/0000/0000005.txt, html/voa/..., html/web/...), then:
  (a) discovery: what `discover_inputs(raw)`'s result holds;
  (b) the dataset writer of a first run: `plan`, then batch by batch `assign_keys` and `register`
      of synthetic processed inputs (fake content hashes; sketches drawing 10% of their hashes
      from 2,000 shared "template sentences"; an exact duplicate every 50th input, a near
      duplicate every 40th) - nothing is really read or processed; what the writer holds after
      the last batch, and how far above that its commit peaks;
  (c) a rerun over the same files: a new writer's manifest and indexes after `plan` (the no-op
      rerun holds (a) and (c) at once).
Bytes are Python allocations (tracemalloc) plus Arrow's (a proxy of the system memory pool), per
input; a step's peak is shown as Python's peak plus Arrow's, above what was held before it. The
writer's holders are listed by deep size (each object counted once, at the first holder listed
that reaches it). `--baseline REV` measures the tasks/ package of git revision REV too (extracted
with `git archive` into a temporary folder), in the same run.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from array import array
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = 500
# The writer's attributes, before (touched, _by_sketch) and after the change that introduced this script.
WRITER_HOLDERS = ("manifest", "updates", "touched", "sketches", "_by_sketch", "_earlier_sketches",
                  "_by_hash", "flags", "removed", "_docs_in_key")


def make_raw_tree(root: Path, n: int) -> None:
    for i in range(n):
        folder = ("text/voa", "html/voa", "text/voa", "html/voa", "html/web")[i % 5]
        path = root / folder / f"{i // 1000:04d}" / f"{i:07d}.{folder[:4].replace('text', 'txt')}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()


def deep_size(obj, seen: set[int]) -> int:
    """Bytes reachable from obj through containers and record fields, each object once."""
    import pyarrow as pa

    total, stack = 0, [obj]
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None or isinstance(item, (bool, type)):
            continue
        seen.add(id(item))
        if isinstance(item, (pa.Table, pa.Array, pa.ChunkedArray)):
            total += item.nbytes
            continue
        total += sys.getsizeof(item)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset, deque)):
            stack.extend(item)
        elif not isinstance(item, (str, bytes, int, float, array)):
            for klass in type(item).__mro__:
                for name in getattr(klass, "__slots__", ()):
                    stack.append(getattr(item, name, None))
            stack.extend(getattr(item, "__dict__", {}).values())
    return total


class Meter:
    """Python bytes (tracemalloc) and Arrow bytes (through a proxy of the system memory pool, the
    pool a run uses) allocated since start(); peaks since start() or the last mark()."""

    def start(self) -> None:
        gc.collect()
        tracemalloc.start()
        self.pools = []
        self.mark()

    def mark(self) -> None:
        import pyarrow as pa

        self.level = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        self.pools.append(pa.proxy_memory_pool(pa.system_memory_pool()))
        pa.set_memory_pool(self.pools[-1])

    def held(self) -> int:
        gc.collect()
        return tracemalloc.get_traced_memory()[0] + sum(pool.bytes_allocated() for pool in self.pools)

    def peak_since_mark(self) -> tuple[int, int]:
        """Python's peak above the mark, and Arrow's peak after it (they need not coincide)."""
        return tracemalloc.get_traced_memory()[1] - self.level, self.pools[-1].max_memory()

    def stop(self) -> None:
        tracemalloc.stop()


def synthetic_processed(item, key: str | None, i: int, rng: random.Random, previous, Document):
    """The Document a batch would hand back for input i, with made-up hashes and sketch."""
    from_input = getattr(Document, "from_input", None)
    doc = from_input(item) if from_input else item  # before: discovery's own Document
    if key is not None:
        doc.file_key = key
    if previous is not None and i % 50 == 0:
        doc.content_hash, doc.sketch = previous.content_hash, list(previous.sketch)
        return doc
    doc.content_hash = hashlib.sha256(doc.source_path.encode()).hexdigest()
    if previous is not None and i % 40 == 0:
        sketch = set(previous.sketch[2:]) | {rng.getrandbits(32) for _ in range(2)}
    else:
        sketch = {rng.randrange(2000) * 2_147_483 if rng.random() < 0.1 else rng.getrandbits(32)
                  for _ in range(16)}
    doc.sketch = sorted(sketch)[:16]
    return doc


def register_synthetic(writer, inputs, Document) -> None:
    """Plan, then batch by batch assign keys and register, as the flow does with real batches."""
    plan = writer.plan(inputs)
    todo = deque(plan.to_process[i:i + BATCH] for i in range(0, len(plan.to_process), BATCH))
    del plan
    rng, previous, i = random.Random(8), None, 0
    while todo:
        batch = todo.popleft()
        keys = writer.assign_keys(batch)  # before: set on the discovered Documents, returned None
        docs = []
        for j, item in enumerate(batch):
            previous = synthetic_processed(item, keys[j] if keys else None, i, rng, previous, Document)
            docs.append(previous)
            i += 1
        writer.register(docs)


def measure(n: int, code_root: Path) -> dict:
    sys.path.insert(0, str(code_root))
    from tasks import document, store
    from tasks.read import discover_inputs

    result: dict = {"n": n}
    meter = Meter()
    with tempfile.TemporaryDirectory(prefix="state-memory-") as tmp:
        # A tiny run first: the modules and caches a first commit loads are not per input.
        warm_raw, warm_out = Path(tmp) / "warm-up", Path(tmp) / "warm-up-out"
        make_raw_tree(warm_raw, 10)
        writer = store.DatasetWriter(warm_out, "warm-up-1")
        register_synthetic(writer, discover_inputs(warm_raw), document.Document)
        writer.commit()
        store.DatasetWriter(warm_out, "warm-up-2").plan(discover_inputs(warm_raw))
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        make_raw_tree(raw, n)

        meter.start()
        started = time.perf_counter()
        inputs = discover_inputs(raw)
        result["discover_s"] = time.perf_counter() - started
        result["discover"] = meter.held()
        meter.stop()

        meter.start()
        started = time.perf_counter()
        writer = store.DatasetWriter(out, "run-1-" + "0" * 26)
        register_synthetic(writer, inputs, document.Document)
        del inputs
        result["register_s"] = time.perf_counter() - started
        result["writer"] = meter.held()
        seen: set[int] = set()
        result["writer_holders"] = {name: deep_size(getattr(writer, name, None), seen)
                                    for name in WRITER_HOLDERS if hasattr(writer, name)}
        del seen
        meter.mark()
        started = time.perf_counter()
        writer.commit()
        result["commit_s"] = time.perf_counter() - started
        result["commit_peak"], result["commit_peak_arrow"] = meter.peak_since_mark()
        del writer
        meter.stop()

        inputs = discover_inputs(raw)
        meter.start()
        started = time.perf_counter()
        writer = store.DatasetWriter(out, "run-2-" + "0" * 26)
        plan = writer.plan(inputs)
        assert not plan.to_process, "the rerun should find every input unchanged"
        result["rerun_s"] = time.perf_counter() - started
        result["rerun_peak"], result["rerun_peak_arrow"] = meter.peak_since_mark()
        result["rerun"] = meter.held()
        seen = set()
        result["rerun_holders"] = {name: deep_size(getattr(writer, name, None), seen)
                                   for name in WRITER_HOLDERS if hasattr(writer, name)}
        meter.stop()
    return result


def run_child(n: int, code_root: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", str(n), "--code-root", str(code_root)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"child for n={n} at {code_root} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def render(rows: list[tuple[str, dict]]) -> str:
    def per(r: dict, key: str) -> float:
        return r[key] / r["n"]

    lines = ["bytes per input held after each step, and a step's peak above what was held before it as",
             "Python + Arrow (the two peaks need not coincide); seconds (tracemalloc slows them down)",
             f"{'code':<10} {'N':>7}  {'(a) discover':>12} {'(b) writer':>10} {'commit peak':>13} "
             f"{'(c) rerun':>9} {'rerun peak':>13}   discover, register, commit, rerun plan s"]
    for label, r in rows:
        commit_peak = f"{per(r, 'commit_peak'):.0f}+{per(r, 'commit_peak_arrow'):.0f}"
        rerun_peak = f"{per(r, 'rerun_peak'):.0f}+{per(r, 'rerun_peak_arrow'):.0f}"
        lines.append(f"{label:<10} {r['n']:>7}  {per(r, 'discover'):>12.0f} {per(r, 'writer'):>10.0f} "
                     f"{commit_peak:>13} {per(r, 'rerun'):>9.0f} {rerun_peak:>13}"
                     f"   {r['discover_s']:.1f}, {r['register_s']:.1f}, {r['commit_s']:.1f}, {r['rerun_s']:.1f}")
    lines.append("")
    lines.append("holders, deep size in bytes per input (writer after the last batch | rerun after plan):")
    for label, r in rows:
        parts = ", ".join(f"{k} {v / r['n']:.0f}|{r['rerun_holders'].get(k, 0) / r['n']:.0f}"
                          for k, v in r["writer_holders"].items())
        lines.append(f"  {label:<10} {r['n']:>7}  {parts}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--baseline", metavar="REV", help="also measure tasks/ at this git revision")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--code-root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.code_root)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="state-memory-code-") as old_root:
        versions = [("current", ROOT)]
        if args.baseline:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline, "tasks"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", old_root], input=archive, check=True)
            versions.insert(0, (args.baseline[:10], Path(old_root)))
        for n in args.n:
            for label, code_root in versions:
                rows.append((label, run_child(n, code_root)))
                print(f"measured {label} n={n}", file=sys.stderr, flush=True)
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
