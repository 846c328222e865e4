"""The on-disk dataset behind the write stage: layout, manifest, atomic commits, recovery, lock.

Layout under the output root::

    <table>/ingest_month=YYYY-MM/part-NNNNN.parquet   one folder per table, hive-partitioned
    _newsprep/manifest.parquet                         what every raw input became (incremental runs)
    _newsprep/journal.json                             only while a commit is being applied
    _newsprep/staging/<run_id>/                        files being built; never inside a table folder
    _newsprep/lock                                     held by the run that owns the output

Invariants that make the dataset safe to read at any moment:
- all rows of one article, in every table, live in one *file key* (the same relative file name in
  each table folder); an article never has rows in two files;
- a file only ever changes by one replace (`os.replace`) of a complete, fsynced file, so a reader
  sees the old file or the new one, never a torn file, and never an article twice or half-present in a table;
- a commit first stages every new file, then writes a journal naming them, then applies it. A run
  killed before the journal leaves the dataset untouched; one killed after it is rolled forward by
  the next run (`recover`), which ends in exactly the dataset an uninterrupted run would have made.
New articles fill the current month's open file up to MAX_DOCS_PER_FILE, rewriting it in place, so
scheduled runs never leave a trail of tiny files behind (compaction happens on write).

The output root may be object storage (`s3://bucket/prefix`, tasks/storage.py). The same story
holds there, for these reasons:
- an object PUT is all-or-nothing, and "replace" is a server-side copy that swaps the target
  object whole, so a reader listing a table sees each file old or new, never torn;
- staging lives on the store too (`_newsprep/staging/<run_id>/`), not on the machine of the run:
  Dask workers elsewhere stage their pieces there, and a journal only ever names objects that
  outlive the process, so any later run, on any machine, can roll a commit forward;
- the journal is one object written last (the commit point); replaying it copies the staged
  objects that are still there (a copy that happened but whose source was not yet deleted is
  repeated with the same bytes), so recovery is idempotent as on disk;
- S3 lists and reads are strongly consistent, so the next run sees the journal and every object.
There is no flock on object storage and pyarrow cannot send a conditional PUT (If-None-Match), so
the lock there is best effort (`ObjectStoreLock`); the guard that matters is the deployment's
concurrency limit of 1 (prefect.yaml, `newsprep serve`).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import socket
import threading
import time
import uuid
import zlib
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from operator import attrgetter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from tasks.document import Document, RawInput
from tasks.schema import MANIFEST, NEWSPREP_VERSION, SCHEMA_VERSION, TABLES
from tasks.storage import LocalStorage, ObjectStorage, open_storage

STATE_DIR = "_newsprep"
PIPELINE_VERSION = f"{NEWSPREP_VERSION}+schema.{SCHEMA_VERSION}"
MAX_DOCS_PER_FILE = 2000
# DuckDB's own row-group size; large groups compress and scan well, and it parallelises over them.
ROW_GROUP_ROWS = 122_880
# Files merged at once by a commit; each holds one merged table in memory.
MERGE_THREADS = min(4, os.cpu_count() or 1)
PARQUET_OPTIONS = {"compression": "zstd", "write_page_index": True, "row_group_size": ROW_GROUP_ROWS}
# Reasons that may go away by themselves: such inputs are retried even when they look unchanged.
TRANSIENT_REASONS = {"vanished", "unreadable", "os_error", "internal_error", "timeout", "symlink_loop"}
NEAR_DUPLICATE_SKETCH = 16  # sentence hashes kept per article (bottom-k MinHash)
NEAR_DUPLICATE_MIN_JACCARD = 0.7
# Only each article's smallest few hashes go into the lookup index. An earlier article with
# Jaccard >= 0.7 shares at least one of the 4 smallest hashes of the two articles' union with
# probability 1 - 0.3**4 > 0.99, and such a hash is among the 4 smallest of each: candidates are
# found as with all 16 indexed, at a quarter of the index (a 100k-article run holds it in memory).
NEAR_DUPLICATE_INDEXED = 4
# A hash that many articles share (a wire service's boilerplate sentence) is looked up in its
# first few holders only, so one article's check stays bounded however large the dataset.
NEAR_DUPLICATE_HOLDERS_CHECKED = 50
_SORT_COLUMNS = ("seg_index", "sent_index", "start", "line_no")
# The run's state files are turned into Python objects this many rows at a time.
LOAD_ROWS = 8192


class OutputLocked(RuntimeError):
    """Another run holds the output folder."""


def failpoint(name: str) -> None:
    """Crash and overlap tests name a point here through NEWSPREP_FAILPOINT: `name` kills the
    process there as SIGKILL would; `name:sleep=S` pauses it S seconds. One lookup when unused."""
    wanted = os.environ.get("NEWSPREP_FAILPOINT")
    if wanted is None or not wanted.startswith(name):
        return
    if wanted == name:
        os.kill(os.getpid(), signal.SIGKILL)
    elif wanted.startswith(f"{name}:sleep="):
        time.sleep(float(wanted.split("=", 1)[1]))


def _holder_description() -> str:
    return (f"newsprep run pid {os.getpid()} on {socket.gethostname()} since "
            f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}")


def _locked_error(out: str, holder: str) -> OutputLocked:
    return OutputLocked(f"output {out} is in use by {holder}; "
                        "this run did nothing (try again later, or pass a lock wait)")


class RunLock:
    """An exclusive lock on the output for the whole run: flock on a local folder, a best-effort
    lock object on object storage (ObjectStoreLock)."""

    def __init__(self, out_root: str | Path, wait_s: float = 0.0):
        storage = open_storage(out_root)
        self._lock = FileLock(storage, wait_s) if storage.is_local else ObjectStoreLock(storage, wait_s)

    def __enter__(self) -> RunLock:
        self._lock.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()

    def ensure_held(self) -> None:
        """Raise OutputLocked if another run has taken the output over (object storage only)."""
        self._lock.ensure_held()


class FileLock:
    """An exclusive advisory flock on `<out>/_newsprep/lock`; the kernel drops it when the process dies."""

    def __init__(self, storage: LocalStorage, wait_s: float = 0.0):
        self.path = storage.path(f"{STATE_DIR}/lock")
        self.wait_s = wait_s
        self._fh = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+")
        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    fh.close()
                    raise _locked_error(str(self.path.parent.parent), holder) from None
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(_holder_description())
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.seek(0)
            self._fh.truncate()
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def ensure_held(self) -> None:
        """A flock cannot be taken away while the process lives."""


class ObjectStoreLock:
    """Best effort: a lock object `<out>/_newsprep/lock` naming its holder, kept fresh by a heartbeat.

    Object storage has no flock, and pyarrow cannot send the conditional PUT (If-None-Match) that
    would make taking the lock atomic. So: a run that finds no live lock object writes its own,
    waits SETTLE_S and reads it back; if another run wrote meanwhile, the last writer wins and
    the other gives up. Two runs only both proceed if one stalls for longer than SETTLE_S between
    checking and writing. A lock is abandoned (taken over) once its last heartbeat is older than
    STALE_S, or at once when its holder was a process on this host that no longer exists (a
    killed run: there is no kernel to drop the lock as with flock). Before the commit point the run checks that it still holds the lock.
    The real guard on object storage is the deployment's concurrency limit of 1.
    """

    HEARTBEAT_S = 30.0
    # The age compares this machine's clock with the store's; S3 refuses requests from clocks more
    # than 15 minutes off, so 20 minutes cannot mistake a live holder for a dead one.
    STALE_S = 1200.0
    SETTLE_S = 1.0

    def __init__(self, storage: ObjectStorage, wait_s: float = 0.0):
        self.storage = storage
        self.rel = f"{STATE_DIR}/lock"
        self.wait_s = wait_s
        self.token = uuid.uuid4().hex
        self.record = {}
        self._stop = threading.Event()
        self._lost = False
        self._heartbeat: threading.Thread | None = None

    def _current(self) -> tuple[dict, float] | None:
        """The lock object's record, and its age: our clock against the store's LastModified."""
        try:
            mtime_ns = self.storage.mtime_ns(self.rel)
            if mtime_ns is None:
                return None
            record = json.loads(self.storage.read_text(self.rel))
        except FileNotFoundError:
            return None
        except ValueError:  # not ours, or from an older version: treat as held, let it go stale
            record = {"holder": "an unreadable lock object"}
        return record, time.time() - mtime_ns / 1e9

    def _abandoned(self, record: dict, age_s: float) -> bool:
        if age_s > self.STALE_S:
            return True
        if record.get("host") == socket.gethostname() and isinstance(record.get("pid"), int):
            try:
                os.kill(record["pid"], 0)
            except ProcessLookupError:
                return True
            except PermissionError:
                return False
        return False

    def _write(self) -> None:
        self.storage.write_text_atomically(self.rel, json.dumps(self.record))

    def acquire(self) -> None:
        deadline = time.monotonic() + self.wait_s
        self.record = {"holder": _holder_description(), "pid": os.getpid(),
                       "host": socket.gethostname(), "token": self.token}
        while True:
            current = self._current()
            if current is None or self._abandoned(*current):
                self._write()
                time.sleep(self.SETTLE_S)
                current = self._current()
                if current is not None and current[0].get("token") == self.token:
                    break
            if time.monotonic() >= deadline:
                holder = current[0].get("holder", "another run") if current else "another run"
                raise _locked_error(self.storage.location, holder)
            time.sleep(1.0)
        self._heartbeat = threading.Thread(target=self._beat, name="newsprep-lock-heartbeat", daemon=True)
        self._heartbeat.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.HEARTBEAT_S):
            try:
                current = self._current()
                if current is None or current[0].get("token") != self.token:
                    self._lost = True
                    return
                self._write()
            except OSError:
                continue  # a missed beat is harmless; STALE_S allows many

    def ensure_held(self) -> None:
        current = self._current()
        if self._lost or current is None or current[0].get("token") != self.token:
            holder = current[0].get("holder", "another run") if current else "nobody"
            raise OutputLocked(f"output {self.storage.location} was taken over (lock now held by "
                               f"{holder}); this run stops before its commit point")

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=10)
            self._heartbeat = None
            current = self._current()
            if current is not None and current[0].get("token") == self.token:
                self.storage.delete(self.rel)


@dataclass(slots=True)
class ManifestEntry:
    source_path: str
    doc_id: str
    size: int
    mtime_ns: int
    content_hash: str | None
    outcome: str
    reason: str | None
    file_key: str
    duplicate_of: str | None
    pipeline_version: str
    run_id: str


assert [f.name for f in fields(ManifestEntry)] == MANIFEST.column_names


def load_manifest(out_root: str | Path | LocalStorage | ObjectStorage) -> dict[str, ManifestEntry]:
    store = open_storage(out_root)
    rel = f"{STATE_DIR}/manifest.parquet"
    if not store.exists(rel):
        return {}
    # Column by column: a dict per row first would cost ~0.6 KB per input for nothing (65 MB at
    # 100k inputs, measured as the no-op rerun's peak); and a slice at a time, so the columns'
    # Python lists exist for a few thousand rows at once, not for the whole manifest.
    manifest = {}
    for rows in store.read_parquet(rel).to_batches(max_chunksize=LOAD_ROWS):
        columns = [_shared_values(rows.column(f.name)) if f.name in _REPEATED_MANIFEST_COLUMNS
                   else rows.column(f.name).to_pylist() for f in fields(ManifestEntry)]
        manifest.update((values[0], ManifestEntry(*values)) for values in zip(*columns))
    return manifest


# Columns that hold a few distinct values over every row: one Python string per value, not per
# row (0.28 KB an entry, 28 MB over a 100k-input manifest, measured by run_state_memory.py).
_REPEATED_MANIFEST_COLUMNS = {"outcome", "reason", "file_key", "pipeline_version", "run_id"}


def _shared_values(column: pa.Array) -> list:
    encoded = pc.dictionary_encode(column)
    values = encoded.dictionary.to_pylist()
    return [None if i is None else values[i] for i in encoded.indices.to_pylist()]


def piece_dir(file_key: str, table: str) -> str:
    """Where batches stage their rows for one file key and table, under the run's staging root."""
    return f"pieces/{file_key}/{table}"


def piece_path(file_key: str, table: str, batch_no: int) -> str:
    return f"{piece_dir(file_key, table)}/b{batch_no:06d}.parquet"


def discard_pieces(staging: str | Path, file_keys: Iterable[str], batch_no: int) -> None:
    """Delete what an earlier attempt of batch `batch_no` staged. A retry can stage fewer pieces
    than the attempt that failed (an input vanished in between, a document timed out), and a piece
    left behind would be committed with the others."""
    storage = open_storage(staging)
    for key in sorted(set(file_keys)):
        for name in TABLES:
            storage.delete(piece_path(key, name, batch_no))


def stage_parquet(table: pa.Table, staging: str | Path, rel: str) -> None:
    """Write a complete, durable file under a run's staging root (a folder or an s3:// prefix)."""
    open_storage(staging).write_parquet(rel, table, **PARQUET_OPTIONS)


def sentence_sketch(doc: Document) -> list[int]:
    """Bottom-k hashes of the article's normalised sentences: articles sharing most sentences
    (a wire story republished with small edits) share most of their sketch."""
    hashes = set()
    for sent in doc.sentences:
        words = re.findall(r"\w+", doc.text[sent.start:sent.end].lower())
        if len(words) >= 4:  # "He said." is shared by everything
            hashes.add(zlib.crc32(" ".join(words).encode()))
    return sorted(hashes)[:NEAR_DUPLICATE_SKETCH]


def estimated_jaccard(a: list[int], b: list[int]) -> float:
    union = sorted(set(a) | set(b))[:NEAR_DUPLICATE_SKETCH]
    if not union:
        return 0.0
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


class SketchIndex:
    """The near-duplicate sketches of the dataset's articles, and the lookup from a hash to the
    articles holding it among their NEAR_DUPLICATE_INDEXED smallest, oldest first.

    A run holds this for every article until its commit (1.6M hashes at 100k articles), so it is
    flat: articles are numbered as they are added, their sketches follow one another in one array,
    and the lookup is a sorted array of `hash << 32 | article number`, 8 bytes an indexed hash
    where a dict of int keys took ~80. Articles added one by one wait in a small dict until
    MERGE_EVERY of their hashes are merged into the sorted array at once (Arrow sorts it).
    """

    MERGE_EVERY = 16384

    def __init__(self) -> None:
        self.paths: list[str] = []
        self._hashes = array("I")
        self._ends = array("i")  # where each article's sketch ends in _hashes (Arrow's list offsets)
        self._sorted = array("Q")
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0

    def _append(self, path: str, sketch: Sequence[int]) -> tuple[int, list[int]]:
        article = len(self.paths)
        self.paths.append(path)
        self._hashes.extend(sketch)
        self._ends.append(len(self._hashes))
        return article, sorted(sketch)[:NEAR_DUPLICATE_INDEXED]

    def add(self, path: str, sketch: Sequence[int]) -> None:
        article, indexed = self._append(path, sketch)
        for h in indexed:
            self._recent.setdefault(h, []).append(article)
        self._recent_count += len(indexed)
        if self._recent_count >= self.MERGE_EVERY:
            self._merge(array("Q", sorted(h << 32 | article for h, articles in self._recent.items()
                                          for article in articles)))
            self._recent, self._recent_count = {}, 0

    def add_all(self, sketches: Iterable[tuple[str, Sequence[int]]]) -> None:
        """Many articles at once (the dataset's, when a run starts), indexed with one sort."""
        assert not self._recent, "articles added one by one must stay after these"
        keys = array("Q")
        for path, sketch in sketches:
            article, indexed = self._append(path, sketch)
            keys.extend(h << 32 | article for h in indexed)
        self._merge(keys)

    def _merge(self, keys: array) -> None:
        both = self._sorted + keys
        ordered = pa.Array.from_buffers(pa.uint64(), len(both), [None, pa.py_buffer(both)]).sort()
        self._sorted = array("Q")
        self._sorted.frombytes(ordered.buffers()[1])

    def sketch(self, article: int) -> array:
        return self._hashes[self._ends[article - 1] if article else 0:self._ends[article]]

    def holders(self, h: int, limit: int) -> list[int]:
        """The first `limit` articles added with `h` among their smallest hashes."""
        start = bisect_left(self._sorted, h << 32)
        end = bisect_left(self._sorted, (h + 1) << 32, start, min(start + limit, len(self._sorted)))
        found = [key & 0xFFFF_FFFF for key in self._sorted[start:end]]
        return found + self._recent.get(h, [])[:limit - len(found)]

    def table(self) -> pa.Table:
        """(source_path, sketch) of every article, sorted by path. Every article here is live:
        the writer indexes the manifest's articles but those removed or processed again, and
        the articles its run wrote."""
        offsets = array("i", [0])
        offsets.extend(self._ends)
        sketches = pa.ListArray.from_arrays(
            pa.Array.from_buffers(pa.int32(), len(offsets), [None, pa.py_buffer(offsets)]),
            pa.Array.from_buffers(pa.uint32(), len(self._hashes), [None, pa.py_buffer(self._hashes)]
                                  ).cast(pa.int64()))
        return pa.table({"source_path": pa.array(self.paths, pa.string()), "sketch": sketches}
                        ).sort_by("source_path")


@dataclass
class Plan:
    to_process: list[RawInput]
    unchanged: int
    removed: list[ManifestEntry]


class DatasetWriter:
    """One run's view of the dataset: what to process, where rows go, and the commit."""

    def __init__(self, out_root: str | Path, run_id: str, now: datetime | None = None,
                 lock: RunLock | None = None):
        self.store = open_storage(out_root)
        self.run_id = run_id
        self.lock = lock
        self.staging_rel = f"{STATE_DIR}/staging/{run_id}"
        # Where batches stage their rows, as a location any worker process can open.
        self.staging = self.store.child(self.staging_rel)
        self.month = (now or datetime.now(timezone.utc)).strftime("%Y-%m")
        self.manifest = load_manifest(self.store)
        # Per input, only what the commit needs: the manifest's new entries (processed inputs are
        # the ones carrying this run's id), the sketches, and duplicate flags for the articles
        # that have one. No document is kept alive for the whole run (88 KB each, measured).
        self.updates: dict[str, ManifestEntry] = {}
        self.removed: list[ManifestEntry] = []
        self.sketches = SketchIndex()
        self.flags: dict[str, tuple[str | None, str | None, float | None]] = {}
        self._by_hash: dict[str, str] = {}
        # Sketches of inputs this run processes again; one is indexed again only if its bytes
        # turn out unchanged (`same_as_last_run`).
        self._earlier_sketches: dict[str, array] = {}
        self._docs_in_key: dict[str, int] = defaultdict(int)
        self._open_key: str | None = None

    # -- planning -------------------------------------------------------------------------------
    def plan(self, discovered: list[RawInput]) -> Plan:
        """Stat-only change detection: a file whose size and mtime match the manifest is not read."""
        current = {raw.source_path for raw in discovered}
        self.removed = [e for p, e in self.manifest.items() if p not in current]
        del current
        to_process, unchanged = [], []
        for raw in discovered:
            entry = self.manifest.get(raw.source_path)
            if raw.ok and entry is not None and entry.size == raw.size \
                    and entry.mtime_ns == raw.mtime_ns and entry.pipeline_version == PIPELINE_VERSION \
                    and not (entry.outcome == "rejected" and entry.reason in TRANSIENT_REASONS):
                unchanged.append(raw)
            else:
                to_process.append(raw)
        # An article flagged as a duplicate of one that changes or goes must be judged again.
        redo = {raw.doc_id for raw in to_process} | {e.doc_id for e in self.removed}
        dependents = [raw for raw in unchanged if self.manifest[raw.source_path].duplicate_of in redo]
        if dependents:
            again = {raw.source_path for raw in dependents}
            unchanged = [raw for raw in unchanged if raw.source_path not in again]
            to_process += dependents
            to_process.sort(key=lambda raw: raw.source_path)
        self._build_indexes(reprocessed={raw.source_path for raw in to_process})
        return Plan(to_process, len(unchanged), self.removed)

    def _build_indexes(self, reprocessed: set[str]) -> None:
        removed = {e.source_path for e in self.removed}
        for path in sorted(self.manifest):
            entry = self.manifest[path]
            if path in removed:
                continue
            if path not in reprocessed:
                self._docs_in_key[entry.file_key] += 1
                if entry.outcome == "written" and entry.duplicate_of is None and entry.content_hash:
                    self._by_hash.setdefault(entry.content_hash, entry.doc_id)
            else:
                # It keeps its file; the count is re-added when the new rows are assigned.
                self._docs_in_key.setdefault(entry.file_key, 0)
        self._load_sketches(reprocessed, removed)

    def _load_sketches(self, reprocessed: set[str], removed: set[str]) -> None:
        rel = f"{STATE_DIR}/sketches.parquet"
        if not self.store.exists(rel):
            return
        table = self.store.read_parquet(rel)

        def still_live():
            for rows in table.to_batches(max_chunksize=LOAD_ROWS):
                # Straight from Arrow's buffers into an array of hashes: no Python int per hash
                # (1.6M of them at 100k articles) on the way.
                sketches = rows.column("sketch")
                values = sketches.flatten().cast(pa.uint32())
                flat = array("I")
                flat.frombytes(memoryview(values.buffers()[1])[values.offset * 4:(values.offset + len(values)) * 4])
                offsets = pc.subtract(sketches.offsets, sketches.offsets[0]).to_pylist()
                for i, path in enumerate(rows.column("source_path").to_pylist()):
                    entry = self.manifest.get(path)
                    if entry is None or path in removed:
                        continue
                    path = entry.source_path  # the manifest's own string, not a second copy
                    sketch = flat[offsets[i]:offsets[i + 1]]
                    if path not in reprocessed:
                        yield path, sketch
                    elif entry.outcome == "written" and entry.pipeline_version == PIPELINE_VERSION:
                        self._earlier_sketches[path] = sketch

        self.sketches.add_all(still_live())

    def known_hashes(self, inputs: Sequence[RawInput]) -> dict[str, str]:
        """Content hashes the dataset already holds rows for, so a worker can skip a touched file
        whose bytes did not change (`mark_same_as_last_run`)."""
        known = {}
        for raw in inputs:
            entry = self.manifest.get(raw.source_path)
            if entry is not None and entry.outcome == "written" and entry.content_hash \
                    and entry.pipeline_version == PIPELINE_VERSION:
                known[raw.source_path] = entry.content_hash
        return known

    # -- assignment -----------------------------------------------------------------------------
    def assign_keys(self, inputs: Sequence[RawInput]) -> list[str]:
        """Before processing, the file key each input's rows go to (`Document.file_key`): an
        input keeps its file; a new one fills the month's open file."""
        keys = []
        for raw in inputs:
            entry = self.manifest.get(raw.source_path)
            key = entry.file_key if entry is not None else self._next_new_key()
            self._docs_in_key[key] += 1
            keys.append(key)
        return keys

    def register(self, docs: list[Document]) -> None:
        """After processing, in input order: duplicate flags and the manifest's new entries."""
        for doc in docs:
            earlier_sketch = self._earlier_sketches.pop(doc.source_path, ())
            if doc.same_as_last_run:
                entry = self.manifest[doc.source_path]
                self.updates[doc.source_path] = replace(entry, size=doc.size, mtime_ns=doc.mtime_ns)
                self._by_hash.setdefault(entry.content_hash, entry.doc_id)
                self.sketches.add(entry.source_path, earlier_sketch)
                continue
            if doc.ok:
                first = self._by_hash.setdefault(doc.content_hash, doc.doc_id)
                doc.duplicate_of = first if first != doc.doc_id else None
                if doc.duplicate_of is None:
                    self._flag_near_duplicate(doc, doc.sketch)
                self.sketches.add(doc.source_path, doc.sketch)
                if doc.duplicate_of or doc.near_duplicate_of:
                    self.flags[doc.doc_id] = (doc.duplicate_of, doc.near_duplicate_of,
                                              doc.near_duplicate_similarity)
            self.updates[doc.source_path] = ManifestEntry(
                source_path=doc.source_path, doc_id=doc.doc_id, size=doc.size,
                mtime_ns=doc.mtime_ns, content_hash=doc.content_hash or None,
                outcome="written" if doc.ok else "rejected",
                reason=None if doc.ok else doc.reject.reason, file_key=doc.file_key,
                duplicate_of=doc.duplicate_of, pipeline_version=PIPELINE_VERSION, run_id=self.run_id)

    def _flag_near_duplicate(self, doc: Document, sketch: list[int]) -> None:
        candidates: dict[int, None] = {}
        for h in sorted(sketch)[:NEAR_DUPLICATE_INDEXED]:
            for article in self.sketches.holders(h, NEAR_DUPLICATE_HOLDERS_CHECKED):
                if self.sketches.paths[article] != doc.source_path:
                    candidates.setdefault(article)
        best, best_j = None, 0.0
        mine = set(sketch)
        for article in candidates:
            theirs = self.sketches.sketch(article)
            # The estimate is at most shared / min(k, union): most candidates share a hash or two
            # (a wire service's stock sentence) and are dropped here, before the exact estimate.
            shared = len(mine.intersection(theirs))
            if shared < NEAR_DUPLICATE_MIN_JACCARD * min(NEAR_DUPLICATE_SKETCH,
                                                         len(mine) + len(theirs) - shared):
                continue
            j = estimated_jaccard(sketch, theirs)
            if j > best_j:
                best, best_j = self.sketches.paths[article], j
        if best is not None and best_j >= NEAR_DUPLICATE_MIN_JACCARD:
            other = self.updates.get(best) or self.manifest.get(best)
            doc.near_duplicate_of = other.doc_id if other else None
            doc.near_duplicate_similarity = round(best_j, 3)

    def _next_new_key(self) -> str:
        if self._open_key is None or self._docs_in_key[self._open_key] >= MAX_DOCS_PER_FILE:
            prefix = f"ingest_month={self.month}/part-"
            taken = [int(k[len(prefix):]) for k in self._docs_in_key if k.startswith(prefix)]
            # Fill the month's last file before opening another.
            if taken and self._docs_in_key[f"{prefix}{max(taken):05d}"] < MAX_DOCS_PER_FILE:
                self._open_key = f"{prefix}{max(taken):05d}"
            else:
                self._open_key = f"{prefix}{(max(taken) + 1) if taken else 0:05d}"
        return self._open_key

    # -- staging and commit ---------------------------------------------------------------------
    def commit(self) -> dict[str, int]:
        """Merge staged pieces into final files, journal them, apply. Returns files replaced/deleted.
        A writer commits once: its manifest is the one the run started from."""
        # Lists, not sets: an input is processed or removed, never both (a set per file of 2000
        # ids took 64 bytes an id).
        drop: dict[str, list[str]] = defaultdict(list)
        for entry in self.updates.values():
            if entry.run_id == self.run_id:  # processed by this run, not found unchanged by a worker
                drop[entry.file_key].append(entry.doc_id)
        for entry in self.removed:
            drop[entry.file_key].append(entry.doc_id)
        if not drop and all(self.manifest.get(p) == e for p, e in self.updates.items()):
            self.store.delete_tree(self.staging_rel)
            return {"replaced": 0, "deleted": 0}
        # The new manifest as one sorted list of entries, not a second dict of the whole manifest.
        removed = {e.source_path for e in self.removed}
        entries = [self.updates.get(p, e) for p, e in self.manifest.items() if p not in removed]
        entries += [e for p, e in self.updates.items() if p not in self.manifest]
        entries.sort(key=attrgetter("source_path"))
        live_keys = {e.file_key for e in entries}
        to_delete = [f"{name}/{key}.parquet" for key in sorted(drop) if key not in live_keys for name in TABLES]

        # Reading, sorting and writing Parquet run in Arrow with the GIL released: files merged
        # side by side use every core, where one after another the commit was the run's longest
        # serial step (13 s at 100k articles).
        jobs = [(name, key, drop[key]) for key in sorted(drop) if key in live_keys for name in TABLES]
        with ThreadPoolExecutor(MERGE_THREADS) as pool:
            to_replace = list(pool.map(self._write_merged, *zip(*jobs))) if jobs else []
        # Column by column, for the same reason as load_manifest.
        manifest_table = pa.table({f.name: pa.array([getattr(e, f.name) for e in entries],
                                                    MANIFEST.schema.field(f.name).type)
                                   for f in fields(ManifestEntry)}, schema=MANIFEST.schema)
        del entries
        staged_manifest = f"{self.staging_rel}/manifest.parquet"
        self.store.write_parquet(staged_manifest, manifest_table, **PARQUET_OPTIONS)
        del manifest_table
        to_replace.append([staged_manifest, f"{STATE_DIR}/manifest.parquet"])
        staged_sketches = f"{self.staging_rel}/sketches.parquet"
        # Hashes do not repeat: a dictionary encoder would only cost memory (Parquet's tries one
        # until it gives up, 35 MB of RSS more at the end of a 20k-article run, measured).
        self.store.write_parquet(staged_sketches, self.sketches.table(),
                                 **{**PARQUET_OPTIONS, "use_dictionary": False})
        to_replace.append([staged_sketches, f"{STATE_DIR}/sketches.parquet"])
        failpoint("before_journal")
        if self.lock is not None:
            self.lock.ensure_held()
        journal = {"run_id": self.run_id, "replace": to_replace, "delete": to_delete}
        self.store.write_text_atomically(f"{STATE_DIR}/journal.json", json.dumps(journal))  # the commit point
        failpoint("after_journal")
        apply_journal(self.store)
        return {"replaced": len(to_replace) - 2, "deleted": len(to_delete)}

    def _write_merged(self, name: str, key: str, drop_ids: list[str]) -> list[str]:
        """Stage one final file; returns its journal entry [staged, target]."""
        target = f"{name}/{key}.parquet"
        staged = f"{self.staging_rel}/final/{target}"
        self.store.write_parquet(staged, self._merged(name, key, drop_ids), **PARQUET_OPTIONS)
        failpoint("while_merging")
        return [staged, target]

    def _merged(self, name: str, key: str, drop_ids: list[str]) -> pa.Table:
        schema = TABLES[name].schema
        parts = []
        current = f"{name}/{key}.parquet"
        if self.store.exists(current):
            old = self.store.read_parquet(current, schema=schema)
            parts.append(old.filter(pc.invert(pc.is_in(old.column("doc_id"), pa.array(sorted(drop_ids))))))
        pieces = f"{self.staging_rel}/{piece_dir(key, name)}"
        parts += [self.store.read_parquet(f"{pieces}/{p}", schema=schema)
                  for p in self.store.list_names(pieces)]
        merged = pa.concat_tables(parts) if parts else schema.empty_table()
        if name == "articles" and self.flags and merged.num_rows:
            merged = self._with_duplicate_flags(merged)
        order = [("doc_id", "ascending")] + [(c, "ascending") for c in _SORT_COLUMNS if c in schema.names]
        return merged.sort_by(order)


    def _with_duplicate_flags(self, articles: pa.Table) -> pa.Table:
        """Workers stage articles before the run knows which are duplicates; the flags are set here."""
        ids = articles.column("doc_id").to_pylist()
        for i, column in enumerate(("duplicate_of", "near_duplicate_of", "near_duplicate_similarity")):
            field = articles.schema.field(column)
            values = [self.flags[d][i] if d in self.flags else v
                      for d, v in zip(ids, articles.column(column).to_pylist())]
            articles = articles.set_column(articles.schema.get_field_index(column), field,
                                           pa.array(values, field.type))
        return articles


def mark_same_as_last_run(docs: list[Document], known_hashes: dict[str, str]) -> int:
    """A file that was touched but whose bytes the dataset already holds is not processed again."""
    same = 0
    for doc in docs:
        if doc.ok and known_hashes.get(doc.source_path) == doc.content_hash:
            doc.same_as_last_run = True
            same += 1
    return same


def apply_journal(out_root: str | Path | LocalStorage | ObjectStorage) -> bool:
    """Roll a journaled commit forward. Idempotent: safe to run again after a crash inside it."""
    store = open_storage(out_root)
    journal = f"{STATE_DIR}/journal.json"
    if not store.exists(journal):
        return False
    plan = json.loads(store.read_text(journal))
    for i, (staged, target) in enumerate(plan["replace"]):
        if target.startswith(STATE_DIR):
            failpoint("before_manifest")
        if store.exists(staged):
            store.replace(staged, target)
        if i == 0:
            failpoint("during_apply")
    for target in plan["delete"]:
        store.delete(target)
    failpoint("before_journal_removed")
    store.delete(journal)
    store.delete_tree(f"{STATE_DIR}/staging/{plan['run_id']}")
    return True


def recover(out_root: str | Path) -> str:
    """Called under the lock before a run: finish a journaled commit, discard abandoned staging."""
    store = open_storage(out_root)
    rolled_forward = apply_journal(store)
    abandoned = store.list_names(f"{STATE_DIR}/staging")
    for name in abandoned:
        store.delete_tree(f"{STATE_DIR}/staging/{name}")
    for name in store.list_names(STATE_DIR):
        if name.endswith(".tmp"):
            store.delete(f"{STATE_DIR}/{name}")
    parts = []
    if rolled_forward:
        parts.append("rolled forward an interrupted commit")
    if abandoned:
        parts.append(f"discarded {len(abandoned)} abandoned staging folder(s)")
    return "; ".join(parts)
