"""Process-level Prefect plumbing: quiet offline defaults, and an exit that loses no records."""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager

OFFLINE_DEFAULTS = {
    # This machine has no route to Prefect's telemetry endpoints; trying only adds noise.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


def apply_offline_defaults() -> None:
    """Call before importing prefect: its settings are read at import time."""
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)


@contextmanager
def api_shared_with_workers():
    """Without PREFECT_API_URL every process starts its own temporary server (seconds each):
    start this process's one now and hand its address to worker processes through the settings
    that Prefect's process pool passes on."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


def batches_in_flight(workers: int) -> int:
    """How many batches the flow keeps submitted at once. In one process two are enough (one
    computes while the other waits on disk), and every batch in flight costs memory (at 10k
    articles, 4 x 500 in flight peaked at 810 MB RSS); a pool needs one batch per worker plus one
    ready to start."""
    return workers + 1 if workers > 1 else 2


def worker_parameters(workers: int) -> dict[str, int]:
    """The flow parameters that depend on how many workers run the batches."""
    return {"in_flight": batches_in_flight(workers)}


def task_runner_for(workers: int, dask_address: str | None = None, dask: bool = False):
    """The task runner for the CPU-bound batch work: this process (None), a local process pool,
    a local Dask cluster, or an existing Dask cluster. Dask workers get one thread each: the
    stages are pure-Python CPU work, so more threads per process would only contend for the GIL."""
    if dask_address or dask:
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": max(workers, 1), "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    if workers > 1:
        return worker_pool(workers)
    return None


def worker_pool(workers: int):
    """Prefect's process pool, its workers forked from a fork server that is started now and has
    imported and warmed every stage by the time the first batch is submitted (flows/pool.py)."""
    from flows.pool import ForkServerTaskRunner, start_fork_server

    start_fork_server()
    return ForkServerTaskRunner(max_workers=workers)


def wait_until_recorded(flow_run_id: str, expected_task_runs: int, timeout_s: float = 60.0) -> int:
    """Block until the API holds `expected_task_runs` finished task runs for the flow run.

    Task-run states travel to the server as events through background queues; a process that
    exits right after its flow loses the ones still queued (measured: 42 of 100 recorded), so
    drain the queues, then confirm on the server. Returns how many were found.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    EventsWorker.drain_all(timeout=timeout_s, at_exit=False)
    APILogWorker.drain_all(timeout=timeout_s, at_exit=False)
    deadline = time.monotonic() + timeout_s
    with get_client(sync_client=True) as client:
        while True:
            finished = 0
            page, offset = 200, 0
            while True:
                runs = client.read_task_runs(
                    flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                    limit=page, offset=offset)
                finished += sum(1 for r in runs if r.state is not None and r.state.is_final())
                if len(runs) < page:
                    break
                offset += page
            if finished >= expected_task_runs or time.monotonic() > deadline:
                return finished
            time.sleep(0.2)


def use_returnable_memory() -> None:
    """Arrow's default allocator (mimalloc) keeps what it freed for reuse, so every commit's merge
    left its high-water mark in the process; the system allocator gives it back (peak RSS at 1k
    articles 497 -> 455 MB, same speed; benchmarks/README.md)."""
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def settle_long_lived_heap() -> None:
    """Exclude what the process holds now from the cyclic garbage collector's full passes, which
    otherwise walk every object in the process: its modules, the taggers' tables, the run's
    manifest. Each batch promotes its documents to the oldest generation and so sets off such a
    pass; at 10k articles on 2 workers they took 4 s of CPU in each worker and 3.6 s in the flow
    process (measured with gc.callbacks; benchmarks/README.md). One full collection first, so no
    garbage is kept for good."""
    gc.collect()
    gc.freeze()


@contextmanager
def heap_settled_within():
    """Yields `settle_long_lived_heap`, and unfreezes when the block ends: a process that runs flow
    after flow (`newsprep serve`, a test session) keeps nothing frozen between runs, so what a run
    held becomes collectable again."""
    try:
        yield settle_long_lived_heap
    finally:
        gc.unfreeze()


_settled = False


def settle_once() -> None:
    """settle_long_lived_heap, once in a process's life: in a worker, when the stages have loaded
    their tables."""
    global _settled
    if not _settled:
        _settled = True
        settle_long_lived_heap()


def return_freed_memory() -> None:
    """Hand memory freed by a finished batch back to the OS. glibc keeps freed chunks of big
    strings (pages, article texts) in its per-thread heaps, where later batches' allocations
    fragment them: without this a one-process run's RSS grew with every batch (measured, see benchmarks/README.md)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        pass
