"""An earlier version of one of newsprep's modules, from git history, for a benchmark that times
it against the working tree's in the same run (html_bench.py, stage_bench.py)."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True,
                          text=True).stdout


def previous_revision(path: str) -> str:
    """The newest commit whose `path` (relative to the repository) differs from the working tree's."""
    current = (ROOT / path).read_text()
    for rev in git("log", "--format=%H", "--", path).split():
        if git("show", f"{rev}:{path}") != current:
            return rev
    raise SystemExit(f"no commit has a {path} different from the working tree")


def load_module(rev: str, path: str, name: str) -> types.ModuleType:
    """`path` as it was at `rev`, imported as module `name`."""
    module = types.ModuleType(name)
    module.__file__ = f"{rev}:{path}"
    sys.modules[name] = module  # dataclasses look their module up while being built
    exec(compile(git("show", f"{rev}:{path}"), module.__file__, "exec"), module.__dict__)
    return module
