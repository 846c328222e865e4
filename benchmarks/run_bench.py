"""newsprep end to end against the langdetect floor, a naive pipeline and trafilatura, on one corpus.

    .venv/bin/python benchmarks/run_bench.py --n 10000            # generate (or reuse) and run all
    .venv/bin/python benchmarks/run_bench.py --n 1000 --profile   # + a cProfile'd flow run
    .venv/bin/python benchmarks/run_bench.py --corpus DIR --variants floor,trafilatura

Every variant runs in its own child process, one after the other, so its peak RSS (from
`os.wait4`, which covers the child and the processes it waited for, e.g. Prefect's temporary
server) and its start-up are its own. Variants:

* newsprep         the real flow, `flows.process_articles.process_articles`, with embedded
                   Prefect (no PREFECT_API_URL). A trivial flow runs first, so the temporary
                   server's start-up is reported apart from processing ("startup_s"). Time and
                   thread CPU spent inside newsprep's own code (stage functions, the dataset
                   writer) are measured by wrapping those functions; the flow process's other CPU
                   is Prefect's (plus a little flow bookkeeping): "Prefect share".
* newsprep_rerun   the same flow again over the already-processed output: the no-op rerun.
* newsprep_w1/w2   1 vs 2 workers (a process pool sharing one Prefect API, as `--workers 2`);
                   `--worker-pairs K` alternates K pairs and takes the median ratio. Both start
                   their work with the stages loaded and warm (the pool's fork server preloads
                   them while the API starts; the one-process run imports the same preload).
* floor            read every file + one seeded langdetect call on its first 1,000 characters.
* naive            what a user might write: BeautifulSoup(html.parser).get_text, a line filter,
                   langdetect on the body, pySBD, pandas DataFrame.to_parquet.
* trafilatura      trafilatura.extract on the HTML share only.
* newsprep_stages  (on request only) the real flow with a nested task run per stage and batch
                   (`newsprep run --stage-task-runs`): what those task runs cost.

Throughputs are articles per second of processing wall time (start-up excluded, reported apart).
The newsprep figure for the HTML share is estimated inside the one flow run: the per-document
stage seconds of HTML documents, plus every document's equal share of the batch-level work
(writing, planning, Prefect). Results: a table on stdout and JSON under benchmarks/results/.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import inspect
import io
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

ALL_VARIANTS = ("newsprep", "newsprep_rerun", "floor", "naive", "trafilatura")
FLOOR_SAMPLE_CHARS = 1000
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)

# The targets of issue 8, checked against this run's numbers.
TARGET_FLOOR_RATIO = 0.5
TARGET_NAIVE_RATIO = 5.0
TARGET_TRAFILATURA_RATIO = 1.0
TARGET_PEAK_RSS_MB = 1024
TARGET_RSS_GROWTH = 0.10
TARGET_PREFECT_SHARE = 0.05
TARGET_WORKER_SPEEDUP = 1.7
TARGET_NOOP_RERUN_S = 10.0


# -- children: one variant each -------------------------------------------------------------------
def corpus_files(corpus: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """The corpus's input files in a stable order, without building a list of all of them."""
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(suffixes):
                yield Path(dirpath, name)


def run_floor(corpus: Path, limit: int | None) -> dict:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    read_s = detect_s = 0.0
    docs = 0
    for path in corpus_files(corpus, HTML_SUFFIXES + TEXT_SUFFIXES):
        if limit is not None and docs >= limit:
            break
        started = time.perf_counter()
        text = path.read_bytes().decode("utf-8", errors="replace")
        read_done = time.perf_counter()
        try:
            detect(text[:FLOOR_SAMPLE_CHARS])
        except LangDetectException:
            pass
        detect_s += time.perf_counter() - read_done
        read_s += read_done - started
        docs += 1
    return {"docs": docs, "stage_seconds": {"read": read_s, "langdetect": detect_s}}


def run_naive(corpus: Path, limit: int | None) -> dict:
    import pandas as pd
    import pysbd
    from bs4 import BeautifulSoup
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    segmenter = pysbd.Segmenter(language="en", clean=False)
    timings: dict[str, float] = defaultdict(float)
    articles, sentences = [], []
    for path in corpus_files(corpus, HTML_SUFFIXES + TEXT_SUFFIXES):
        if limit is not None and len(articles) >= limit:
            break
        t0 = time.perf_counter()
        raw = path.read_bytes().decode("utf-8", errors="replace")
        t1 = time.perf_counter()
        text = BeautifulSoup(raw, "html.parser").get_text("\n") if path.suffix in HTML_SUFFIXES else raw
        # The usual first attempt at boilerplate: keep lines that look like prose.
        body = "\n".join(line.strip() for line in text.splitlines() if len(line.split()) >= 8)
        t2 = time.perf_counter()
        try:
            language = detect(body)
        except LangDetectException:
            language = None
        t3 = time.perf_counter()
        doc_sentences = segmenter.segment(body)
        t4 = time.perf_counter()
        doc_id = path.stem
        articles.append({"doc_id": doc_id, "source_path": str(path.relative_to(corpus)),
                         "language": language, "text": body})
        sentences += [{"doc_id": doc_id, "sent_index": i, "text": s} for i, s in enumerate(doc_sentences)]
        for stage, seconds in (("read", t1 - t0), ("clean", t2 - t1), ("langdetect", t3 - t2),
                               ("segment", t4 - t3)):
            timings[stage] += seconds
    t5 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="naive-") as out:
        pd.DataFrame(articles).to_parquet(Path(out, "articles.parquet"))
        pd.DataFrame(sentences).to_parquet(Path(out, "sentences.parquet"))
    timings["write"] = time.perf_counter() - t5
    return {"docs": len(articles), "sentences": len(sentences), "stage_seconds": dict(timings)}


def run_trafilatura(corpus: Path, limit: int | None) -> dict:
    import trafilatura

    docs = extracted = 0
    for path in corpus_files(corpus, HTML_SUFFIXES):
        if limit is not None and docs >= limit:
            break
        text = trafilatura.extract(path.read_bytes().decode("utf-8", errors="replace"))
        extracted += bool(text)
        docs += 1
    return {"docs": docs, "extracted": extracted, "version": trafilatura.__version__}


class StageClock:
    """Wraps newsprep's own functions to split the flow's wall time into our work and the rest.

    Stage functions are looked up by module attribute at call time, so replacing the attribute is
    enough; the flow and task code stay untouched. Batches may run concurrently in task-runner
    threads, so per-bucket wall sums can exceed the wall clock: the headline is the *union* of
    the intervals in which any of our code ran ("own wall"), and thread CPU time per bucket. Work
    done in other processes (process workers) is invisible here and is reported as such."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.intervals: list[tuple[float, float]] = []
        self.doc_intervals: list[tuple[float, float]] = []  # read/clean/segment/tag only
        self.own_cpu = 0.0
        self.by_format: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.docs_by_format: dict[str, int] = defaultdict(int)
        self._depth = threading.local()
        self._lock = threading.Lock()

    def wrap(self, owner: object, name: str, bucket: str, top_level: bool = True,
             per_document: bool = False) -> None:
        original = inspect.getattr_static(owner, name, None)
        if original is None or not callable(original):  # renamed by a later change: skip it
            return
        original = getattr(owner, name)
        clock = self

        @functools.wraps(original)
        def timed(*args, **kwargs):
            depth = getattr(clock._depth, "n", 0)
            outermost = top_level and depth == 0
            clock._depth.n = depth + (1 if top_level else 0)
            wall0, cpu0 = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                wall1, cpu1 = time.perf_counter(), time.thread_time()
                clock._depth.n = depth
                with clock._lock:
                    clock.wall[bucket] += wall1 - wall0
                    clock.cpu[bucket] += cpu1 - cpu0
                    clock.calls[bucket] += 1
                    if outermost:
                        clock.intervals.append((wall0, wall1))
                        clock.own_cpu += cpu1 - cpu0
                    if per_document:
                        clock.doc_intervals.append((wall0, wall1))

        setattr(owner, name, timed)

    def count_formats(self, owner: object, name: str) -> None:
        """Per-format stage seconds of the documents a batch brings back to the flow."""
        original = getattr(owner, name, None)
        if original is None:
            return
        clock = self

        @functools.wraps(original)
        def counting(summary, docs, *args, **kwargs):
            with clock._lock:
                for doc in docs:
                    fmt = doc.input_format or "unread"
                    clock.docs_by_format[fmt] += 1
                    for stage, seconds in doc.stage_seconds.items():
                        clock.by_format[fmt][stage] += seconds
            return original(summary, docs, *args, **kwargs)

        setattr(owner, name, counting)

    def install(self) -> None:
        import flows.process_articles as flow_module
        import tasks.clean
        import tasks.read
        import tasks.segment
        import tasks.tag
        import tasks.write
        from tasks.store import DatasetWriter

        import flows.runtime

        self.wrap(tasks.read, "discover_inputs", "discover")
        self.wrap(tasks.clean, "learn_boilerplate", "clean.learn")
        self.wrap(flows.runtime, "settle_long_lived_heap", "gc.settle")
        for module, name, bucket in ((tasks.read, "read_documents", "read"),
                                     (tasks.clean, "clean_documents", "clean"),
                                     (tasks.segment, "segment_documents", "segment"),
                                     (tasks.tag, "tag_documents", "tag")):
            self.wrap(module, name, bucket, per_document=True)
        self.wrap(tasks.write, "stage_documents", "write.stage")
        for name in ("recover", "mark_same_as_last_run"):
            self.wrap(flow_module, name, f"write.{name}")
        for name, member in vars(DatasetWriter).items():
            if isinstance(member, types.FunctionType) and not name.startswith("__"):
                self.wrap(DatasetWriter, name, f"write.{name}")
        for name in ("clean_html_page", "clean_text_scrape"):
            self.wrap(tasks.clean, name, f"clean.{name.split('_')[1]}", top_level=False)
        for name in ("tag_language", "tag_entities", "tag_ner", "tag_quotes", "tag_dates", "tag_amounts"):
            self.wrap(tasks.tag, name, f"tag.{name.removeprefix('tag_')}", top_level=False)
        self.count_formats(flow_module.RunSummary, "add_batch")

    def own_wall(self) -> float:
        return _union_length(self.intervals)

    def document_stage_wall(self) -> float:
        return _union_length(self.doc_intervals)


def _union_length(intervals: list[tuple[float, float]]) -> float:
    total, end_so_far = 0.0, float("-inf")
    for start, end in sorted(intervals):
        if end <= end_so_far:
            continue
        total += end - max(start, end_so_far)
        end_so_far = end
    return total


class RssSampler:
    """The flow process's RSS every `every_s` while the flow runs: where in the run the peak
    falls (at the start, with every input discovered, or at the end, with the writer's state
    full) says what grows with the corpus."""

    def __init__(self, process, every_s: float = 0.5) -> None:
        self.process, self.every_s = process, every_s
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        started = time.perf_counter()
        while not self._stop.is_set():
            self.samples.append((time.perf_counter() - started, self.process.memory_info().rss / 2**20))
            self._stop.wait(self.every_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def deciles(self) -> list[float]:
        """Peak RSS (MB) in each tenth of the flow's duration."""
        if not self.samples:
            return []
        end = self.samples[-1][0] or 1.0
        peaks = [0.0] * 10
        for t, rss in self.samples:
            i = min(int(10 * t / end), 9)
            peaks[i] = max(peaks[i], rss)
        return [round(p) for p in peaks]


class ThreadProfiler:
    """cProfile for every thread that starts after `start()` (task-runner workers) plus this one;
    cProfile alone sees only the thread that enabled it. Timed in thread CPU time: with batches
    in several threads, wall-clock profiles charge GIL waits to whatever call was waiting (a
    `stat` that released the GIL, say), which hides where the CPU goes."""

    def __init__(self) -> None:
        self.profilers: list[cProfile.Profile] = []

    def start(self) -> None:
        def start_in_thread(*_args) -> None:
            sys.setprofile(None)
            profiler = cProfile.Profile(time.thread_time)
            self.profilers.append(profiler)
            profiler.enable()

        threading.setprofile(start_in_thread)
        main = cProfile.Profile(time.thread_time)
        self.profilers.append(main)
        main.enable()

    def stop(self) -> pstats.Stats:
        threading.setprofile(None)
        self.profilers[0].disable()
        stats = pstats.Stats(self.profilers[0], stream=io.StringIO())
        for profiler in self.profilers[1:]:
            profiler.create_stats()
            if profiler.stats:
                stats.add(profiler)
        return stats


def run_newsprep(corpus: Path, out: Path, batch_size: int | None, workers: int | None,
                 profile_to: Path | None, stage_task_runs: bool = False) -> dict:
    from flows.runtime import apply_offline_defaults

    apply_offline_defaults()
    t0 = time.perf_counter()
    import psutil
    from prefect import flow

    from flows.process_articles import process_articles
    from flows.runtime import api_shared_with_workers, task_runner_for, wait_until_recorded, worker_parameters

    try:  # pyarrow imports pandas (a dev dependency here) on its first conversion of Python
        import pandas  # noqa: F401  objects: ~0.5 s that would land in whichever stage came first
    except ImportError:
        pass

    @flow(name="bench-warmup")
    def warmup() -> int:
        return 1

    import_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    if not workers or workers <= 1:
        # The stages run in this process: load and warm them here as the pool's fork server does
        # for its workers, so that both variants start their work with the stages ready.
        import flows.worker_preload  # noqa: F401
    # Built before the API starts, as `newsprep run --workers N` does: a pool's fork server
    # imports and warms the stages meanwhile (flows/pool.py).
    runner = task_runner_for(workers) if workers else None
    shared_api = api_shared_with_workers()  # what `newsprep run --workers N` does
    shared_api.__enter__()
    warmup()  # starts the embedded server: flow start-up, reported apart from processing
    startup_s = time.perf_counter() - t1

    clock = StageClock()
    if not workers or workers <= 1:  # its wrappers hold thread-locals: they cannot travel to workers
        clock.install()
    params: dict = {"raw": str(corpus), "out": str(out), "stage_task_runs": stage_task_runs,
                    **worker_parameters(workers or 1)}  # as `newsprep run --workers N` does
    if batch_size:
        params["batch_size"] = batch_size
    flow_to_run = process_articles.with_options(task_runner=runner) if runner else process_articles
    profiler = ThreadProfiler() if profile_to else None
    me = psutil.Process()
    server_cpu0 = _children_cpu(me)
    cpu0 = _process_cpu()
    t2 = time.perf_counter()
    if profiler:
        profiler.start()
    with RssSampler(me) as rss:
        state = flow_to_run(**params, return_state=True)
    stats = profiler.stop() if profiler else None
    flow_s = time.perf_counter() - t2
    process_cpu_s = _process_cpu() - cpu0
    server_cpu_s = _children_cpu(me) - server_cpu0
    summary = state.result(raise_on_failure=True)
    t3 = time.perf_counter()
    recorded = wait_until_recorded(str(state.state_details.flow_run_id), summary.task_runs)
    drain_s = time.perf_counter() - t3
    result = {
        "docs": summary.inputs, "written": summary.written, "rejected": summary.rejected,
        "unchanged": summary.unchanged, "rejects_by_reason": summary.rejects_by_reason,
        "languages": summary.languages, "batches": summary.batches, "task_runs": summary.task_runs,
        "task_runs_recorded": recorded, "import_s": import_s, "startup_s": startup_s,
        "flow_s": flow_s, "drain_s": drain_s, "own_s": clock.own_wall(),
        "document_stages_wall_s": clock.document_stage_wall(), "own_cpu_s": clock.own_cpu,
        "process_cpu_s": process_cpu_s, "server_cpu_s": server_cpu_s, "rss_deciles_mb": rss.deciles(),
        "summary_stage_seconds": summary.stage_seconds,
        "stage_seconds": dict(clock.wall), "stage_cpu_seconds": dict(clock.cpu),
        "stage_calls": dict(clock.calls),
        "by_format": {fmt: dict(s) for fmt, s in clock.by_format.items()},
        "docs_by_format": dict(clock.docs_by_format),
        "params": {k: v for k, v in params.items() if k not in ("raw", "out")},
    }
    if stats is not None:
        stats.dump_stats(profile_to)
        result["profile"] = {"file": str(profile_to), "threads": len(profiler.profilers),
                             "top_tottime": _top_lines(stats, "tottime"),
                             "top_cumulative": _top_lines(stats, "cumulative")}
    return result


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu(process) -> float:
    """CPU of the processes this one started (Prefect's temporary server), while they live."""
    total = 0.0
    for child in process.children(recursive=True):
        try:
            times = child.cpu_times()
            total += times.user + times.system
        except Exception:  # noqa: BLE001 - a child that just exited has no times left to read
            pass
    return total


# Where idle threads wait (heartbeats, queues, futures): large in tottime, but no cost.
IDLE_WAITS = ("time.sleep", "'acquire' of '_thread.lock'", "'get' of '_queue.SimpleQueue'",
              "threading.py", "'poll' of", "'select' of", "'recv' of")


def _top_lines(stats: pstats.Stats, key: str, lines: int = 30) -> str:
    buffer = io.StringIO()
    stats.stream = buffer
    stats.strip_dirs().sort_stats(key).print_stats(lines + 15)
    text = buffer.getvalue()
    text = text[text.find("   ncalls"):] if "   ncalls" in text else text
    kept = [line for line in text.splitlines() if line.strip() and not any(w in line for w in IDLE_WAITS)]
    return "\n".join(kept[: lines + 1])


def child_main(args: argparse.Namespace) -> int:
    variant = args.child
    started = time.perf_counter()
    if variant in ("floor",):
        result = run_floor(args.corpus, args.limit)
    elif variant == "naive":
        result = run_naive(args.corpus, args.limit)
    elif variant == "trafilatura":
        result = run_trafilatura(args.corpus, args.limit)
    else:
        result = run_newsprep(args.corpus, args.out, args.batch_size, args.workers, args.profile_to,
                              stage_task_runs=variant == "newsprep_stages")
    result["wall_s"] = time.perf_counter() - started
    result["self_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    args.result.write_text(json.dumps(result))
    return 0


# -- the parent: run variants, compare, report ----------------------------------------------------
def speed_probe(steps: int = 10_000_000) -> float:
    """Seconds for a fixed pure-Python loop, run just before each child: this VM's speed drifts
    (the same loop took 2.0-3.7 s within one hour), and the probe shows by how much."""
    started = time.perf_counter()
    total = 0
    for i in range(steps):
        total += i
    return time.perf_counter() - started


def spawn(variant: str, args: argparse.Namespace, corpus: Path, result_dir: Path, **extra) -> dict:
    result_file = result_dir / f"{variant}.json"
    log_file = result_dir / f"{variant}.log"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", variant, "--corpus", str(corpus),
           "--result", str(result_file)]
    for key, value in extra.items():
        if value is not None:
            cmd += [f"--{key.replace('_', '-')}", str(value)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PREFECT_API_URL", None)  # embedded Prefect: the configuration the issue measures
    probe_s = speed_probe()
    print(f"  running {variant} (speed probe {probe_s:.2f} s) ...", end="", flush=True, file=sys.stderr)
    started = time.perf_counter()
    with log_file.open("w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    print(f" {elapsed:.1f}s", file=sys.stderr)
    if proc.returncode != 0 or not result_file.exists():
        tail = log_file.read_text(errors="replace")[-3000:]
        return {"error": f"exit code {proc.returncode}; log {log_file}:\n{tail}"}
    result = json.loads(result_file.read_text())
    result["process_s"] = elapsed
    result["speed_probe_s"] = probe_s
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # the child and its waited-for children
    return result


def processing_s(result: dict) -> float:
    """Wall time of the work itself: the flow call for newsprep, the whole child otherwise."""
    return result["flow_s"] if "flow_s" in result else result["wall_s"]


def throughput(result: dict) -> float | None:
    if "error" in result or not result.get("docs"):
        return None
    return result["docs"] / processing_s(result)


def newsprep_html_throughput(result: dict) -> float | None:
    """HTML share estimate from the one flow run. The wall time in which per-document stages ran
    is split between formats by their per-document stage seconds; the rest of the flow's wall
    (batch writing, planning, Prefect) is shared equally by every document."""
    by_format, counts = result.get("by_format", {}), result.get("docs_by_format", {})
    n_html, n_all = counts.get("html", 0), sum(counts.values())
    work = {fmt: sum(stages.values()) for fmt, stages in by_format.items()}
    if not n_html or not sum(work.values()) or not result.get("document_stages_wall_s"):
        return None
    stages_wall = result["document_stages_wall_s"]
    html_wall = stages_wall * work.get("html", 0.0) / sum(work.values()) \
        + (result["flow_s"] - stages_wall) * n_html / n_all
    return n_html / html_wall


def prefect_share(result: dict) -> float | None:
    """Prefect's share of the flow's wall time, from CPU: the flow process is bound to one core by
    the GIL (its CPU time is within a few percent of its wall time), so CPU that the process
    spent outside newsprep's functions (Prefect's engine walking task parameters, events,
    logging, state changes) is wall time the articles waited. The wall-clock view ("no newsprep
    function running", `prefect_idle_share`) misses Prefect work done in one thread while
    another thread is inside a stage, so it is only a lower bound."""
    if not result.get("process_cpu_s"):
        return None
    return max(0.0, result["process_cpu_s"] - result["own_cpu_s"]) / result["process_cpu_s"]


def prefect_idle_share(result: dict) -> float | None:
    if not result.get("flow_s"):
        return None
    return max(0.0, result["flow_s"] - result["own_s"]) / result["flow_s"]


def worker_pairs(results: dict[str, dict]) -> list[dict]:
    """Each adjacent (1 process, 2 workers) pair: throughputs and ratios, the end-to-end one with
    start-up included (what a user waits for)."""
    pairs = []
    for pair in range(1, 100):
        suffix = "" if pair == 1 else f"_{pair}"
        w1, w2 = results.get(f"newsprep_w1{suffix}"), results.get(f"newsprep_w2{suffix}")
        if not w1 or not w2 or not throughput(w1) or not throughput(w2):
            break
        pairs.append({"w1": throughput(w1), "w2": throughput(w2), "ratio": throughput(w2) / throughput(w1),
                      "end_to_end_ratio": (w1["startup_s"] + w1["flow_s"]) / (w2["startup_s"] + w2["flow_s"]),
                      "speed_probe_s": [w1.get("speed_probe_s"), w2.get("speed_probe_s")]})
    return pairs


def compare(results: dict[str, dict], previous: dict | None) -> dict:
    news = results.get("newsprep", {})
    rate = {name: throughput(r) for name, r in results.items()}
    ratios: dict[str, float | None] = {}

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a and b else None

    ratios["newsprep/floor"] = ratio(rate.get("newsprep"), rate.get("floor"))
    ratios["newsprep/naive"] = ratio(rate.get("newsprep"), rate.get("naive"))
    ratios["newsprep_html/trafilatura"] = ratio(newsprep_html_throughput(news), rate.get("trafilatura"))
    pairs = worker_pairs(results)
    ratios["w2/w1"] = statistics.median(p["ratio"] for p in pairs) if pairs else None
    ratios["w2/w1 end to end"] = (statistics.median(p["end_to_end_ratio"] for p in pairs)
                                  if pairs else None)
    # For information: both cores (`newsprep run --workers 2`) against the one-process floor. The
    # targets below are judged on the one-process run.
    ratios["newsprep_w2/floor"] = ratio(rate.get("newsprep_w2"), rate.get("floor"))
    if "newsprep_stages" in results:
        ratios["newsprep_stages/newsprep"] = ratio(rate.get("newsprep_stages"), rate.get("newsprep"))
    share = prefect_share(news)
    idle_share = prefect_idle_share(news)
    rerun = results.get("newsprep_rerun", {})
    checks = [
        ("newsprep >= 0.5 x floor", ratios["newsprep/floor"], TARGET_FLOOR_RATIO, ">="),
        ("newsprep >= 5 x naive", ratios["newsprep/naive"], TARGET_NAIVE_RATIO, ">="),
        ("HTML: newsprep >= trafilatura", ratios["newsprep_html/trafilatura"], TARGET_TRAFILATURA_RATIO, ">="),
        ("peak RSS < 1 GiB (MB)", news.get("peak_rss_mb"), TARGET_PEAK_RSS_MB, "<"),
        ("Prefect share <= 5%", share, TARGET_PREFECT_SHARE, "<="),
        ("2 workers >= 1.7 x 1 (median of pairs)", ratios["w2/w1"], TARGET_WORKER_SPEEDUP, ">="),
        ("no-op rerun <= 10 s + start-up (s)", rerun.get("flow_s"), TARGET_NOOP_RERUN_S, "<="),
    ]
    if previous is not None:
        small, large = sorted([previous, {"n": None, "results": results}],
                              key=lambda r: r["results"].get("newsprep", {}).get("docs", 0))
        a = small["results"].get("newsprep", {}).get("peak_rss_mb")
        b = large["results"].get("newsprep", {}).get("peak_rss_mb")
        growth = (b / a - 1) if a and b else None
        checks.append(("peak RSS growth <= +10% (vs other N)", growth, TARGET_RSS_GROWTH, "<="))
    table = []
    for name, value, target, op in checks:
        met = None if value is None else (value >= target if op == ">=" else
                                         value < target if op == "<" else value <= target)
        table.append({"target": name, "value": value, "limit": target, "met": met})
    return {"throughput_docs_per_s": rate, "newsprep_html_docs_per_s": newsprep_html_throughput(news),
            "worker_pairs": pairs,
            "prefect_share": share, "prefect_idle_share": idle_share, "ratios": ratios,
            "targets": table}


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def render(report: dict) -> str:
    results, cmp = report["results"], report["comparison"]
    out = [f"newsprep benchmark  {report['date']}  {report['machine']}  code {report.get('code', '?')}",
           f"corpus: {report['corpus']}  ({report['corpus_info'].get('n')} articles, "
           f"{report['corpus_info'].get('files_by_kind')}, {report['corpus_info'].get('bytes', 0) / 1e6:.1f} MB)",
           "",
           f"{'variant':<16}{'docs':>8}{'work s':>10}{'docs/s':>10}{'start-up s':>12}{'peak RSS MB':>13}  note"]
    for name, r in results.items():
        if "error" in r:
            out.append(f"{name:<16}  ERROR {r['error'].splitlines()[0]}")
            continue
        startup = r.get("startup_s")
        note = ""
        if name.startswith("newsprep"):
            note = (f"written {r['written']}, rejected {r['rejected']}, unchanged {r['unchanged']}; "
                    f"drain {r['drain_s']:.1f}s")
            if r["rejects_by_reason"]:
                note += f"; REJECTS {r['rejects_by_reason']}"
        elif name == "trafilatura":
            note = f"HTML share only; trafilatura {r['version']}; extracted {r['extracted']}"
        elif name == "naive":
            note = f"{r['sentences']} sentences"
        out.append(f"{name:<16}{r['docs']:>8}{processing_s(r):>10.1f}{_fmt(throughput(r), 1):>10}"
                   f"{_fmt(startup, 1):>12}{r['peak_rss_mb']:>13.0f}  {note}")
    news = results.get("newsprep", {})
    if "stage_seconds" in news:
        docs = max(news["docs"], 1)
        out += ["", "newsprep time by stage (wall s summed over calls, may overlap across threads; "
                    "thread CPU s; CPU ms per article):"]
        hidden = 0
        for stage, seconds in sorted(news["stage_seconds"].items()):
            cpu = news["stage_cpu_seconds"].get(stage, 0.0)
            if 1000 * cpu / docs < 0.01:
                hidden += 1
                continue
            out.append(f"  {stage:<34}{seconds:>9.2f}{cpu:>9.2f}{1000 * cpu / docs:>9.2f}")
        if hidden:
            out.append(f"  ({hidden} more writer functions under 0.01 ms CPU per article: see report.json)")
        for label, seconds in (("(newsprep own: wall union)", news["own_s"]),
                               ("(newsprep own: CPU)", news["own_cpu_s"]),
                               ("(flow process CPU)", news["process_cpu_s"]),
                               ("(Prefect server CPU)", news["server_cpu_s"]),
                               ("(flow wall)", news["flow_s"])):
            out.append(f"  {label:<34}{seconds:>9.2f}{'':>9}{1000 * seconds / docs:>9.2f}")
        if news.get("rss_deciles_mb"):
            out.append(f"  flow-process RSS, peak MB in each tenth of the flow: {news['rss_deciles_mb']}")
        for fmt, stages in sorted(news.get("by_format", {}).items()):
            n = max(news["docs_by_format"].get(fmt, 0), 1)
            per = ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in sorted(stages.items()))
            out.append(f"  per {fmt} article (ms): {per}  [{n} articles]")
    share, idle = cmp["prefect_share"], cmp["prefect_idle_share"]
    out += ["", f"Prefect share of flow wall time: {_fmt(share and 100 * share, 1)}% "
                "(flow-process CPU outside newsprep's functions / flow-process CPU); "
                f"lower bound {_fmt(idle and 100 * idle, 1)}% (wall with no newsprep function running); "
                f"start-up {_fmt(news.get('startup_s'), 1)} s, reported apart",
            f"newsprep on the HTML share (estimate): {_fmt(cmp['newsprep_html_docs_per_s'], 1)} docs/s",
            *([f"newsprep_stages (a task run per stage): Prefect share "
               f"{_fmt(100 * prefect_share(results['newsprep_stages']), 1)}%, "
               f"{_fmt(throughput(results['newsprep_stages']), 1)} docs/s"]
              if "process_cpu_s" in results.get("newsprep_stages", {}) else []),
            "", "ratios (throughput, same run):"]
    for name, value in cmp["ratios"].items():
        out.append(f"  {name:<28}{_fmt(value, 3)}")
    if len(cmp.get("worker_pairs", [])) > 1:
        out.append("  w2/w1 of each pair, in run order (work only | with start-up) [speed probe s before w1, w2]:")
        out += [f"    {p['ratio']:.3f} | {p['end_to_end_ratio']:.3f}  [{_fmt(p['speed_probe_s'][0])}, "
                f"{_fmt(p['speed_probe_s'][1])}]" for p in cmp["worker_pairs"]]
    out += ["", "targets:"]
    for row in cmp["targets"]:
        verdict = {True: "MET", False: "NOT MET", None: "not measured"}[row["met"]]
        out.append(f"  {row['target']:<40}{_fmt(row['value'], 3):>12}  (limit {row['limit']})  {verdict}")
    return "\n".join(out)


def code_version() -> str:
    """The commit measured, and whether the tree had uncommitted changes (read-only git calls)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" + uncommitted changes" if dirty else "")


def machine() -> str:
    return f"{platform.node()} {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}"


def parent_main(args: argparse.Namespace) -> int:
    from corpus import generate_corpus

    corpus = args.corpus or HERE / "corpus" / f"n{args.n}"
    if args.n:
        print(f"corpus: generating/reusing {args.n} articles in {corpus}", file=sys.stderr)
        corpus_info = generate_corpus(corpus, args.n, args.seed)
    else:
        info_path = corpus / "corpus.json"
        corpus_info = json.loads(info_path.read_text()) if info_path.exists() else {}
    variants = [v for v in (args.variants.split(",") if args.variants else ALL_VARIANTS) if v]
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    results_dir = args.results_dir or HERE / "results"
    run_dir = results_dir / f"{stamp}_n{corpus_info.get('n', 'x')}"
    run_dir.mkdir(parents=True, exist_ok=True)
    out_root = Path(tempfile.mkdtemp(prefix="newsprep-bench-out-"))
    results: dict[str, dict] = {}
    try:
        for variant in variants:
            if variant == "newsprep":
                results["newsprep"] = spawn("newsprep", args, corpus, run_dir, out=out_root / "main",
                                            batch_size=args.batch_size, workers=1)
            elif variant == "newsprep_rerun":
                results["newsprep_rerun"] = spawn("newsprep_rerun", args, corpus, run_dir,
                                                  out=out_root / "main", batch_size=args.batch_size)
            elif variant == "newsprep_stages":
                results[variant] = spawn(variant, args, corpus, run_dir, out=out_root / "stages",
                                         batch_size=args.batch_size)
            elif variant in ("floor", "naive", "trafilatura"):
                limit = args.naive_limit if variant == "naive" else None
                results[variant] = spawn(variant, args, corpus, run_dir, limit=limit)
            else:
                raise SystemExit(f"unknown variant {variant!r}; known: {', '.join(ALL_VARIANTS)}, "
                                 "newsprep_stages")
        if "newsprep" in variants and not args.no_workers_compare:
            # One process then two workers, alternately: the machine's speed drifts by tens of
            # percent over minutes, so the ratio is the median of several adjacent pairs.
            results["newsprep_w1"] = results["newsprep"]
            for pair in range(1, args.worker_pairs + 1):
                suffix = "" if pair == 1 else f"_{pair}"
                if pair > 1:
                    results[f"newsprep_w1{suffix}"] = spawn(
                        f"newsprep_w1{suffix}", args, corpus, run_dir, out=out_root / f"w1{suffix}",
                        batch_size=args.batch_size, workers=1)
                results[f"newsprep_w2{suffix}"] = spawn(
                    f"newsprep_w2{suffix}", args, corpus, run_dir, out=out_root / f"w2{suffix}",
                    batch_size=args.batch_size, workers=2)
        if args.profile:
            results["newsprep_profiled"] = spawn(
                "newsprep_profiled", args, corpus, run_dir, out=out_root / "profiled",
                batch_size=args.batch_size, profile_to=run_dir / "newsprep.prof")
    finally:
        if not args.keep_output:
            shutil.rmtree(out_root, ignore_errors=True)
    previous = None
    if args.compare_rss:
        previous = json.loads(Path(args.compare_rss).read_text())
    report = {"date": stamp, "machine": machine(), "code": code_version(),
              "corpus": str(corpus), "corpus_info": corpus_info,
              "command": " ".join(sys.argv), "results": results}
    report["comparison"] = compare(results, previous)
    text = render(report)
    print(text)
    profiled = results.get("newsprep_profiled", {}).get("profile")
    if profiled:
        print("\nprofile (cProfile in thread CPU time over all threads, flow call; by tottime):\n" + profiled["top_tottime"])
        print("profile (sorted by cumulative):\n" + profiled["top_cumulative"])
    (run_dir / "report.json").write_text(json.dumps(report, indent=2, default=str))
    (run_dir / "report.txt").write_text(text + "\n")
    print(f"\nsaved: {run_dir}/report.json", file=sys.stderr)
    return 0 if all("error" not in r for r in results.values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, help="generate (or reuse) benchmarks/corpus/n<N> and use it")
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder (or where to generate --n)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", help=f"comma-separated subset of {','.join(ALL_VARIANTS)}, "
                                           "or newsprep_stages")
    parser.add_argument("--batch-size", type=int, help="process_articles batch_size (default: the flow's)")
    parser.add_argument("--no-workers-compare", action="store_true",
                        help="skip the 2-worker run that follows the newsprep variant")
    parser.add_argument("--worker-pairs", type=int, default=1,
                        help="alternate this many (1 process, 2 workers) pairs; the ratio is their median")
    parser.add_argument("--naive-limit", type=int, help="run the naive baseline on the first N articles only")
    parser.add_argument("--profile", action="store_true", help="also run the flow under cProfile")
    parser.add_argument("--compare-rss", help="report.json of a run at another N: peak RSS growth")
    parser.add_argument("--results-dir", type=Path, help="default: benchmarks/results")
    parser.add_argument("--keep-output", action="store_true", help="keep the newsprep output folders")
    # Internal: a child process running one variant.
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args)
    if not args.n and not args.corpus:
        parser.error("give --n (generate a corpus) or --corpus (use one)")
    return parent_main(args)


if __name__ == "__main__":
    sys.exit(main())
