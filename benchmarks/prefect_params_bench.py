"""What Prefect costs per task call when a task's parameter is a batch of processed Documents.

    .venv/bin/python benchmarks/prefect_params_bench.py [--corpus benchmarks/corpus/n1000] [--batch 200]

Before calling a task, Prefect's engine walks every parameter twice, recursively, through every
list and dataclass field: once to resolve futures and states (`resolve_inputs_sync`), once to
record upstream task runs (`collect_task_run_inputs_sync`). A batch of tagged Documents is a deep
tree (blocks, segments, sentences, entities, ...), so the walk costs real time on every task
call. This measures that walk on one real batch, plain and wrapped in
`prefect.utilities.annotations.quote` (which tells Prefect not to look inside), without a server.
The profile of run_bench.py --profile shows the same functions (visit_collection) in the flow.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from flows.runtime import apply_offline_defaults  # noqa: E402

apply_offline_defaults()

from prefect.utilities.annotations import quote  # noqa: E402
from prefect.utilities.engine import collect_task_run_inputs_sync, resolve_inputs_sync  # noqa: E402

from tasks.clean import clean_documents  # noqa: E402
from tasks.read import discover_inputs, read_documents  # noqa: E402
from tasks.segment import segment_documents  # noqa: E402
from tasks.tag import tag_documents  # noqa: E402


def walk_seconds(parameters: dict, repeats: int) -> float:
    """Mean seconds of Prefect's two pre-call walks over `parameters`."""
    started = time.perf_counter()
    for _ in range(repeats):
        resolve_inputs_sync(parameters, max_depth=-1)
        for value in parameters.values():
            collect_task_run_inputs_sync(value)
    return (time.perf_counter() - started) / repeats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "n1000")
    parser.add_argument("--batch", type=int, default=200, help="documents per batch (the flow's default)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    docs = read_documents(discover_inputs(args.corpus)[: args.batch], args.corpus)
    read_only = [d for d in docs]
    walk_read = walk_seconds({"docs": read_only}, args.repeats)
    started = time.perf_counter()
    docs = tag_documents(segment_documents(clean_documents(docs)))
    stages_s = time.perf_counter() - started
    walk_tagged = walk_seconds({"docs": docs}, args.repeats)
    walk_quoted = walk_seconds({"docs": quote(docs)}, args.repeats)
    n = len(docs)
    print(f"batch of {n} documents from {args.corpus}")
    print(f"  stages read->tag, plain functions: {stages_s:8.3f} s  ({1000 * stages_s / n:.2f} ms/doc)")
    print(f"  Prefect parameter walks per task call, tagged docs:  {1000 * walk_tagged:8.1f} ms "
          f"({1000 * walk_tagged / n:.3f} ms/doc)")
    print(f"  ... same batch wrapped in quote():                   {1000 * walk_quoted:8.3f} ms")
    print(f"  (walk over the freshly discovered batch, before any stage: {1000 * walk_read:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
