"""Prefect's process pool, with its workers forked from a fork server that has already imported and
warmed every stage (flows/worker_preload.py).

Prefect's ProcessPoolTaskRunner spawns each worker as a fresh interpreter, which then imports
Prefect and the stages and loads the taggers' tables: ~3 s of CPU a worker, all of it after the
flow has started and before its first batch can run. The fork server does that once, started
when the runner is built, so in `newsprep run --workers N` it overlaps the Prefect API's start-up.
Forking from it is safe: it runs no threads (it never starts Prefect's clients or a flow), and
Python 3.14 made it the default start method on Linux for that reason.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver

from prefect.task_runners import ProcessPoolTaskRunner, _initialize_process_pool_worker

PRELOAD = ["flows.worker_preload"]


def fork_server_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_fork_server() -> None:
    """Start the fork server now, in the background, so that it imports and warms the stages while
    this process does other work (idempotent: it lives as long as this process)."""
    fork_server_context()
    # Python 3.11's fork server imports its preload with the interpreter's default path, not this
    # process's: hand it ours, so it loads the same stages the flow does (a checkout, a worktree).
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p or os.getcwd() for p in sys.path)
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved


class ForkServerTaskRunner(ProcessPoolTaskRunner):
    """ProcessPoolTaskRunner whose executor forks its workers from the fork server. Everything
    else is Prefect's: the forwarding of events and logs, the environment and context each task
    run gets. A forked worker also ends without interpreter teardown (the fork server's children
    leave with os._exit), which the spawned ones had to be told to do: freeing every module and
    table one object at a time cost 1.5-2.7 s at the flow's end (measured).

    Build it with flows.runtime.worker_pool, which starts the fork server. Entering the runner
    must not: Prefect enters a copy of the flow's task runner in the worker for every task run,
    and a worker that started a fork server of its own spent seconds importing the stages again
    (measured with py-spy)."""

    def __enter__(self) -> ForkServerTaskRunner:
        super().__enter__()
        spawning, self._executor = self._executor, ProcessPoolExecutor(
            max_workers=self._max_workers, mp_context=fork_server_context(),
            initializer=_initialize_process_pool_worker,
            initargs=(self._subprocess_message_queue, self._initializer, self._initargs))
        spawning.shutdown(wait=False)  # it has started no process: they start on first submit
        return self
