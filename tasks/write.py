"""Write: turn documents into the schema's tables, stage them, commit (see tasks/store.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from operator import attrgetter
from pathlib import Path

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import Document
from tasks.schema import TABLES
from tasks.store import DatasetWriter, failpoint, piece_path, sentence_sketch, stage_parquet

# Tables are built column by column (a list per column, converted by Arrow in one call each):
# a dict per row through Table.from_pylist was over half of staging's CPU, and columns build the
# same tables in about half the time (measured, and equality checked, by benchmarks/stage_bench.py).
Columns = dict[str, list]


def _words(text: str) -> int:
    return len(text.split())


def _field(items: list, name: str) -> list:
    return list(map(attrgetter(name), items))


def _items(docs: list[Document], attr: str) -> tuple[list, list[str]]:
    """Every item of one per-document list (sentences, entities, ...) with its article's doc_id."""
    items, doc_ids = [], []
    for doc in docs:
        found = getattr(doc, attr)
        items += found
        doc_ids += [doc.doc_id] * len(found)
    return items, doc_ids


def _spans(docs: list[Document], attr: str) -> list[str]:
    """The article text each item's [start, end) offsets point at, in `_items` order."""
    return [doc.text[item.start:item.end] for doc in docs for item in getattr(doc, attr)]


def article_columns(docs: list[Document], run_id: str) -> Columns:
    return {
        "doc_id": _field(docs, "doc_id"), "source": _field(docs, "source"),
        "source_path": _field(docs, "source_path"), "input_format": _field(docs, "input_format"),
        "encoding": _field(docs, "encoding"), "content_hash": _field(docs, "content_hash"),
        "size_bytes": _field(docs, "size"), "title": _field(docs, "title"),
        "summary": _field(docs, "summary"), "text": _field(docs, "text"),
        "language": _field(docs, "language"), "language_prob": _field(docs, "language_prob"),
        "language_runner_up": _field(docs, "language_runner_up"),
        "language_note": _field(docs, "language_note"), "published": _field(docs, "published"),
        "authors": _field(docs, "authors"),
        "captions": [[{"text": c.text, "is_file_photo": c.is_file_photo} for c in doc.captions]
                     for doc in docs],
        "media_duration_s": _field(docs, "media_duration_s"),
        "n_segments": [len(doc.segments) for doc in docs],
        "n_sentences": [len(doc.sentences) for doc in docs],
        "n_words": [_words(doc.text) for doc in docs],
        "duplicate_of": _field(docs, "duplicate_of"),
        "near_duplicate_of": _field(docs, "near_duplicate_of"),
        "near_duplicate_similarity": _field(docs, "near_duplicate_similarity"),
        "run_id": [run_id] * len(docs),
    }


def segment_columns(docs: list[Document], run_id: str) -> Columns:
    segments, doc_ids = _items(docs, "segments")
    texts = _spans(docs, "segments")
    return {
        "doc_id": doc_ids, "seg_index": [i for doc in docs for i in range(len(doc.segments))],
        "kind": _field(segments, "kind"), "text": texts, "start": _field(segments, "start"),
        "end": _field(segments, "end"), "n_words": [_words(t) for t in texts],
        "language": _field(segments, "language"), "language_prob": _field(segments, "language_prob"),
        "language_inherited": _field(segments, "language_inherited"),
    }


def sentence_columns(docs: list[Document], run_id: str) -> Columns:
    sentences, doc_ids = _items(docs, "sentences")
    texts = _spans(docs, "sentences")
    return {
        "doc_id": doc_ids, "seg_index": _field(sentences, "seg_index"),
        "sent_index": [i for doc in docs for i in range(len(doc.sentences))], "text": texts,
        "start": _field(sentences, "start"), "end": _field(sentences, "end"),
        "n_words": [_words(t) for t in texts],
    }


def entity_columns(docs: list[Document], run_id: str) -> Columns:
    entities, doc_ids = _items(docs, "entities")
    return {
        "doc_id": doc_ids, "text": _spans(docs, "entities"), "label": _field(entities, "label"),
        "canonical": _field(entities, "canonical"), "entity_id": _field(entities, "entity_id"),
        "start": _field(entities, "start"), "end": _field(entities, "end"),
        "method": _field(entities, "method"),
    }


def quote_columns(docs: list[Document], run_id: str) -> Columns:
    quotes, doc_ids = _items(docs, "quotes")
    return {
        "doc_id": doc_ids, "quote": _spans(docs, "quotes"), "speaker": _field(quotes, "speaker"),
        "speaker_canonical": _field(quotes, "speaker_canonical"), "cue": _field(quotes, "cue"),
        "start": _field(quotes, "start"), "end": _field(quotes, "end"),
        "speaker_start": _field(quotes, "speaker_start"), "speaker_end": _field(quotes, "speaker_end"),
    }


def date_columns(docs: list[Document], run_id: str) -> Columns:
    dates, doc_ids = _items(docs, "dates")
    return {
        "doc_id": doc_ids, "text": _spans(docs, "dates"), "value": _field(dates, "value"),
        "precision": _field(dates, "precision"), "anchor": _field(dates, "anchor"),
        "start": _field(dates, "start"), "end": _field(dates, "end"),
    }


def amount_columns(docs: list[Document], run_id: str) -> Columns:
    amounts, doc_ids = _items(docs, "amounts")
    return {
        "doc_id": doc_ids, "text": _spans(docs, "amounts"), "value": _field(amounts, "value"),
        "unit": _field(amounts, "unit"), "start": _field(amounts, "start"),
        "end": _field(amounts, "end"),
    }


def removal_columns(docs: list[Document], run_id: str) -> Columns:
    removals, doc_ids = _items(docs, "removed")
    return {
        "doc_id": doc_ids, "line_no": _field(removals, "line_no"), "text": _field(removals, "text"),
        "rule": _field(removals, "rule"),
    }


def reject_columns(docs: list[Document], run_id: str) -> Columns:
    rejects = _field(docs, "reject")
    return {
        "source_path": _field(docs, "source_path"), "doc_id": _field(docs, "doc_id"),
        "stage": _field(rejects, "stage"), "reason": _field(rejects, "reason"),
        "detail": _field(rejects, "detail"),
        "content_hash": [doc.content_hash or None for doc in docs], "run_id": [run_id] * len(docs),
    }


COLUMN_BUILDERS = {
    "articles": article_columns, "segments": segment_columns, "sentences": sentence_columns,
    "entities": entity_columns, "quotes": quote_columns, "dates": date_columns,
    "amounts": amount_columns, "removals": removal_columns, "rejects": reject_columns,
}
assert COLUMN_BUILDERS.keys() == TABLES.keys(), "every table in the schema needs a column builder"
SCHEMAS = {name: table.schema for name, table in TABLES.items()}


def build_tables(docs: list[Document], run_id: str) -> dict[str, pa.Table]:
    written = [d for d in docs if d.reject is None]
    rejected = [d for d in docs if d.reject is not None]
    return {name: pa.Table.from_pydict(builder(rejected if name == "rejects" else written, run_id),
                                       schema=SCHEMAS[name])
            for name, builder in COLUMN_BUILDERS.items()}


def stage_documents(docs: list[Document], staging: str | Path, run_id: str, batch_no: int) -> dict[str, int]:
    """Write this batch's rows into the run's staging folder, one piece per file key and table,
    then drop the documents' heavy fields: only a small record travels back to the flow."""
    by_key: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        if not doc.same_as_last_run:
            by_key[doc.file_key].append(doc)
    counts: Counter[str] = Counter()
    for key, group in sorted(by_key.items()):
        for name, table in build_tables(group, run_id).items():
            if table.num_rows:
                stage_parquet(table, staging, piece_path(key, name, batch_no))
                failpoint("while_staging")
            counts[name] += table.num_rows
    for doc in docs:
        if doc.ok and not doc.same_as_last_run:
            doc.sketch = sentence_sketch(doc)
        lighten(doc)
    return dict(counts)


def lighten(doc: Document) -> None:
    doc.raw_text = doc.text = ""
    doc.blocks, doc.segments, doc.sentences = [], [], []
    doc.entities, doc.quotes, doc.dates, doc.amounts, doc.captions = [], [], [], [], []


@task(name="stage", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def stage_batch(docs: list[Document], staging: str, run_id: str, batch_no: int) -> dict[str, int]:
    return stage_documents(docs, staging, run_id, batch_no)


@task(name="commit", cache_policy=NO_CACHE)
def commit_task(writer: DatasetWriter) -> dict[str, int]:
    return writer.commit()
