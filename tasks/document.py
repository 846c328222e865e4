"""The document record that flows through every stage: raw -> clean -> segment -> tag -> write.

Each stage fills in its own fields and never rewrites an earlier stage's. A document that a stage
cannot handle is marked with a `Reject`; later stages pass it through untouched and the writer
records it in the `rejects` table, so one bad input never sinks its batch.
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

# Clean text is the article's blocks joined by this separator; every offset in the dataset
# points into that text, so it must never change without a schema version bump.
BLOCK_SEPARATOR = "\n\n"

# Segment kinds, in the order they usually appear in an article.
TITLE = "title"
SUMMARY = "summary"
CAPTION = "caption"
DATELINE = "dateline"
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
SEGMENT_KINDS = (TITLE, SUMMARY, CAPTION, DATELINE, HEADING, PARAGRAPH, LIST_ITEM)


@dataclass(frozen=True, slots=True)
class Reject:
    stage: str
    reason: str  # a short, stable code: queryable ("empty", "binary", "too_large", ...)
    detail: str  # what a person needs to understand or fix it


@dataclass(slots=True)
class Block:
    """A cleaned piece of the article in reading order, before offsets are assigned."""

    kind: str
    text: str


@dataclass(slots=True)
class Removal:
    """One line (or element) the cleaner threw away, and the rule that threw it away."""

    line_no: int  # 1-based line in the decoded input; 0 for HTML elements
    text: str
    rule: str


@dataclass(slots=True)
class Caption:
    text: str
    is_file_photo: bool  # VOA marks archive photos "FILE - ..." or "... (File)"


@dataclass(slots=True)
class Segment:
    kind: str
    start: int
    end: int
    language: str | None = None
    language_prob: float | None = None
    language_inherited: bool = True


@dataclass(slots=True)
class Sentence:
    seg_index: int
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    label: str  # PERSON, ORG, GPE (countries, cities), LOC, GROUP
    canonical: str
    entity_id: str | None = None
    method: str = "gazetteer"  # gazetteer | alias_resolution | ner


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    speaker: str | None
    speaker_canonical: str | None
    cue: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    value: date | None  # first day of the period for month/year precision
    precision: str  # day | month | year | relative
    anchor: date | None = None  # the article date a relative mention hangs from


@dataclass(slots=True)
class Amount:
    start: int
    end: int
    value: float
    unit: str | None  # the thing counted ("IS fighters", "countries"), when stated


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as discovery found it: where it is and what its stat said, nothing read yet.

    A run holds one per input from discovery until the input's batch runs, so it is small (about
    0.2 KB, where an empty Document is 1.1 KB with its lists and dicts) and immutable: a batch
    builds its Documents from its inputs (`Document.from_input`), so a retried batch starts from
    exactly the same inputs. An input that could not be stat'ed carries its reject.
    """

    source_path: str  # relative to the raw root, with forward slashes
    size: int
    mtime_ns: int
    reject: Reject | None = None

    @property
    def ok(self) -> bool:
        return self.reject is None

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.source_path)


@dataclass(slots=True)
class Document:
    # discovered
    source_path: str  # relative to the raw root, with forward slashes
    size: int
    mtime_ns: int
    # read
    content_hash: str = ""
    doc_id: str = ""
    input_format: str = ""  # text | html
    encoding: str = ""
    raw_text: str = ""
    # clean
    source: str | None = None  # site, e.g. "voanews.com"; None when unknown
    title: str | None = None
    summary: str | None = None
    captions: list[Caption] = field(default_factory=list)
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    media_duration_s: int | None = None
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    text: str = ""
    # segment
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # tag
    language: str | None = None
    language_prob: float | None = None
    language_runner_up: str | None = None
    language_note: str | None = None  # why language is null, when it is
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    # write: where the rows live and what they duplicate (decided against the dataset's manifest)
    duplicate_of: str | None = None  # doc_id of the first article with identical raw bytes
    near_duplicate_of: str | None = None
    near_duplicate_similarity: float | None = None
    file_key: str | None = None  # the data file (same name in every table) holding its rows
    sketch: list[int] = field(default_factory=list)  # near-duplicate sketch (tasks/store.py)
    same_as_last_run: bool = False  # bytes identical to what the dataset already holds: skipped
    # bookkeeping
    reject: Reject | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.reject is None

    @classmethod
    def from_input(cls, raw: RawInput) -> Document:
        return cls(source_path=raw.source_path, size=raw.size, mtime_ns=raw.mtime_ns,
                   doc_id=raw.doc_id, reject=raw.reject)


def doc_id_for(source_path: str) -> str:
    """Stable across runs and machines: derived from where the article lives under the raw root,
    not from its bytes, so a re-scraped (changed) article keeps its id and replaces its old rows."""
    return hashlib.blake2b(source_path.encode(), digest_size=8).hexdigest()


# A document that takes longer than this in one stage is rejected ("timeout"), so one
# pathological input cannot hang a run. Enforced with SIGALRM, so only where a stage runs on a
# process's main thread (the default run and process-pool workers; not Dask worker threads), and
# only between Python bytecodes: a single long C call (one regex match, one lxml parse) finishes first.
DOCUMENT_TIMEOUT_S = 30.0


class DocumentTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise DocumentTimeout()


@contextmanager
def _deadline(seconds: float):
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def apply_per_document(
    docs: Iterable[Document], stage: str, fn: Callable[[Document], None],
    timeout_s: float = DOCUMENT_TIMEOUT_S,
) -> list[Document]:
    """Run `fn` on every document still in play; an exception rejects only that document."""
    out = []
    for doc in docs:
        if doc.ok and not doc.same_as_last_run:
            started = time.perf_counter()
            try:
                with _deadline(timeout_s):
                    fn(doc)
            except RejectError as exc:
                doc.reject = Reject(stage, exc.reason, exc.detail)
            except DocumentTimeout:
                doc.reject = Reject(stage, "timeout", f"took more than {timeout_s:g} s in {stage}")
            except Exception as exc:  # noqa: BLE001 - one bad document must not sink the batch
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                doc.reject = Reject(
                    stage,
                    "internal_error",
                    f"{type(exc).__name__}: {exc} (at {frame.filename}:{frame.lineno})",
                )
            doc.stage_seconds[stage] = time.perf_counter() - started
        out.append(doc)
    return out


class RejectError(Exception):
    """Raised by a stage when the input itself is unusable (as opposed to a bug)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
