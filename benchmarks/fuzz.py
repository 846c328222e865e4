"""A long fuzz run of the chain's properties (tests/test_fuzz_chain.py), outside `make test`.

    .venv/bin/python benchmarks/fuzz.py [--examples 5000]

Hypothesis keeps any failing example in .hypothesis/ and replays it first next time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per property")
    args = parser.parse_args()
    env = {**os.environ, "NEWSPREP_FUZZ_EXAMPLES": str(args.examples)}
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "tests/test_fuzz_chain.py"], cwd=REPO, env=env)


if __name__ == "__main__":
    sys.exit(main())
