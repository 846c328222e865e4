"""`newsprep run` killed (SIGKILL) at many points, and two runs started together on one output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks.schema import TABLES
from tasks.store import STATE_DIR

from . import readers
from .conftest import REPO, SAMPLES_DIR

# In the order a run passes them: reading, staging, merging, the journal (commit point),
# renaming files into place, the manifest update, and after everything.
CRASH_POINTS = ["after_discover", "after_read", "while_staging", "after_stage", "while_merging",
                "before_journal", "after_journal", "during_apply", "before_manifest",
                "before_journal_removed", "after_commit"]
EXIT_LOCKED = 75


def run_cli(raw: Path, out: Path, env: dict, failpoint: str | None = None, **popen) -> subprocess.CompletedProcess:
    env = {**env, "NEWSPREP_FAILPOINT": failpoint} if failpoint else env
    return subprocess.run([sys.executable, "-m", "newsprep.cli", "run", "--raw", str(raw), "--out",
                           str(out), "--batch-size", "2"], env=env, capture_output=True, text=True,
                          timeout=300, **popen)


@pytest.fixture(scope="module")
def api_env(prefect_harness):
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, api_env):
    """A dataset from the samples, then a second input state that changes, adds, duplicates and
    removes articles, and the dataset an uninterrupted second run makes from it."""
    root = tmp_path_factory.mktemp("crash")
    raw1, raw2, first = root / "raw1", root / "raw2", root / "first"
    shutil.copytree(SAMPLES_DIR, raw1)
    assert run_cli(raw1, first, api_env).returncode == 0
    shutil.copytree(SAMPLES_DIR, raw2)
    changed = raw2 / "002_f5878b3e2dcaff7b.txt"
    changed.write_text(changed.read_text().replace("31 countries", "32 countries"))
    (raw2 / "004_f6e9d0adbede25c6.txt").rename(raw2 / "004_renamed.txt")
    shutil.copy(raw2 / "003_d9aaa4cf88ec52a0.txt", raw2 / "003_copy.txt")
    (raw2 / "new.txt").write_text("A New One\n\nA paragraph of a new article, long enough to keep.\n")
    expected = root / "expected"
    shutil.copytree(first, expected)
    assert run_cli(raw2, expected, api_env).returncode == 0
    return raw2, first, expected


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_killed_run_leaves_readable_tables_and_the_rerun_matches_an_uninterrupted_run(
        point, scenario, tmp_path, api_env):
    raw2, first, expected = scenario
    out = tmp_path / "out"
    shutil.copytree(first, out)
    assert run_cli(raw2, out, api_env, failpoint=point).returncode == -9
    for name in TABLES:
        counts = readers.row_counts(out, name)
        assert len(set(counts.values())) == 1, (point, name, counts)
    doc_ids = readers.with_pyarrow(out, "articles").column("doc_id").to_pylist()
    assert len(doc_ids) == len(set(doc_ids)), "an article is visible twice"
    assert run_cli(raw2, out, api_env).returncode == 0
    assert not (out / STATE_DIR / "journal.json").exists()
    assert not any((out / STATE_DIR / "staging").iterdir())
    for name in TABLES:
        assert readers.snapshot(out, name) == readers.snapshot(expected, name), (point, name)


def test_readers_never_see_staged_files_of_a_run_in_progress(scenario, tmp_path, api_env):
    raw2, first, _ = scenario
    out = tmp_path / "out"
    shutil.copytree(first, out)
    before = {name: readers.snapshot(out, name) for name in TABLES}
    assert run_cli(raw2, out, api_env, failpoint="before_journal").returncode == -9
    staged = list((out / STATE_DIR / "staging").rglob("*.parquet"))
    assert len(staged) > len(TABLES), "the run should have died with complete staged files"
    for name in TABLES:
        assert readers.snapshot(out, name) == before[name], name


def test_two_runs_started_together_one_refuses_clearly_and_the_dataset_is_right(scenario, tmp_path, api_env):
    raw2, first, expected = scenario
    out = tmp_path / "out"
    shutil.copytree(first, out)
    slow = {**api_env, "NEWSPREP_FAILPOINT": "after_discover:sleep=6"}
    holder = subprocess.Popen([sys.executable, "-m", "newsprep.cli", "run", "--raw", str(raw2),
                               "--out", str(out)], env=slow, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    lock = out / STATE_DIR / "lock"
    deadline = time.monotonic() + 60
    while "pid" not in (lock.read_text() if lock.exists() else "") and time.monotonic() < deadline:
        time.sleep(0.1)
    second = run_cli(raw2, out, api_env)
    assert second.returncode == EXIT_LOCKED
    assert f"is in use by newsprep run pid {holder.pid}" in second.stderr
    assert holder.wait(timeout=120) == 0
    for name in TABLES:
        assert readers.snapshot(out, name) == readers.snapshot(expected, name), name
