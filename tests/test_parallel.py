"""CPU-bound work on several processes: the same dataset, and one Prefect API for all of them."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from prefect import flow, task

from flows.process_articles import process_articles
from flows.runtime import task_runner_for, worker_parameters
from tasks.schema import TABLES

from . import readers
from .conftest import REPO, SAMPLES_DIR


def corpus(tmp_path, copies: int = 4):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(copies):
        for path in SAMPLES_DIR.glob("*.txt"):
            # Vary each copy so they are not all exact duplicates of each other.
            (raw / f"{i}_{path.name}").write_text(
                path.read_text() + f"\n\nThis copy is edition number {i} of the article.\n")
    return raw


def test_two_worker_processes_write_the_same_tables_as_one(prefect_harness, tmp_path):
    raw = corpus(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    process_articles(raw=str(raw), out=str(one), batch_size=3)
    pooled = process_articles.with_options(task_runner=task_runner_for(2))
    summary = pooled(raw=str(raw), out=str(two), batch_size=3, **worker_parameters(2))
    assert summary.written == 12 and summary.batches == 4
    # discover, learn, 4 batches, commit
    assert summary.task_runs == 7
    for name in TABLES:
        assert readers.snapshot(two, name) == readers.snapshot(one, name), name


def test_a_local_dask_cluster_writes_the_same_tables_as_the_default_run(prefect_harness, tmp_path):
    raw = corpus(tmp_path, copies=2)
    default, dask = tmp_path / "default", tmp_path / "dask"
    process_articles(raw=str(raw), out=str(default), batch_size=2)
    on_dask = process_articles.with_options(task_runner=task_runner_for(2, dask=True))
    summary = on_dask(raw=str(raw), out=str(dask), batch_size=2)
    assert summary.written == 6 and summary.batches == 3
    for name in TABLES:
        assert readers.snapshot(dask, name) == readers.snapshot(default, name), name


def test_cli_workers_share_one_temporary_prefect_server(tmp_path):
    raw = corpus(tmp_path, copies=2)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run([sys.executable, "-m", "newsprep.cli", "run", "--raw", str(raw), "--out",
                           str(tmp_path / "out"), "--workers", "2", "--batch-size", "2"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "written:      6" in done.stdout
    log = done.stdout + done.stderr
    assert log.count("Starting temporary server") == 1, log[-3000:]
    # Workers end without interpreter teardown (flows/pool.py): nothing they reported may be
    # lost on the way.
    assert "warning: Prefect recorded" not in log, log[-3000:]
    assert log.count("Task run 'process-batch-") == 3, log[-3000:]


@task
def worker_state() -> dict:
    from multiprocessing import forkserver

    return {"pid": os.getpid(), "parent": os.getppid(), "preloaded": "flows.worker_preload" in sys.modules,
            "own_fork_server": forkserver._forkserver._forkserver_pid,
            "tables_frozen": gc.get_freeze_count() > 0,
            "stages_from": sys.modules["tasks.clean"].__file__}


@flow
def inspect_workers(n: int) -> list[dict]:
    return [f.result() for f in [worker_state.submit() for _ in range(n)]]


def test_pool_workers_are_forked_ready_from_the_preloaded_fork_server(prefect_harness):
    from multiprocessing import forkserver

    states = inspect_workers.with_options(task_runner=task_runner_for(2))(4)
    server_pid = forkserver._forkserver._forkserver_pid
    assert server_pid is not None
    for state in states:
        assert state["pid"] != os.getpid() and state["parent"] == server_pid, state
        assert state["preloaded"] and state["tables_frozen"], state
        # The task run's context rebuilds the flow's task runner in the worker: it must not start
        # a fork server there (each one imports every stage again).
        assert state["own_fork_server"] is None, state
        # The same checkout as this process, whatever the interpreter's default path would find.
        assert state["stages_from"] == sys.modules["tasks.clean"].__file__, state
