"""How much memory one processed Document holds: what any list that keeps them all will cost.

    .venv/bin/python benchmarks/retained_memory.py [--corpus benchmarks/corpus/n1000]

Runs the corpus through read -> clean -> segment -> tag as plain functions and reports the Python
memory the resulting Documents hold (tracemalloc, after the taggers' models are loaded): what any
list that keeps them all costs per article (the flow once kept every processed Document until
its commit). What a run does hold per input is measured by run_state_memory.py.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tasks.clean import clean_documents  # noqa: E402
from tasks.read import discover_inputs, read_documents  # noqa: E402
from tasks.segment import segment_documents  # noqa: E402
from tasks.tag import tag_documents  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "n1000")
    args = parser.parse_args()
    found = discover_inputs(args.corpus)
    # Load the taggers' models and vocabularies first: they are paid once, not per article.
    tag_documents(segment_documents(clean_documents(read_documents(found[:5], args.corpus))))
    gc.collect()
    tracemalloc.start()
    docs = tag_documents(segment_documents(clean_documents(read_documents(found, args.corpus))))
    gc.collect()
    held, _ = tracemalloc.get_traced_memory()
    print(f"{len(docs)} processed Documents hold {held / 1e6:.1f} MB: "
          f"{held / len(docs) / 1e3:.1f} KB per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
