"""Write: turn documents into rows of the schema's tables, stage them, commit (see tasks/store.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import Document
from tasks.schema import TABLES
from tasks.store import DatasetWriter, failpoint, piece_path, sentence_sketch, stage_parquet


def _words(text: str) -> int:
    return len(text.split())


def article_rows(doc: Document, run_id: str) -> Iterator[dict]:
    yield {
        "doc_id": doc.doc_id, "source": doc.source, "source_path": doc.source_path,
        "input_format": doc.input_format, "encoding": doc.encoding,
        "content_hash": doc.content_hash, "size_bytes": doc.size, "title": doc.title,
        "summary": doc.summary, "text": doc.text, "language": doc.language,
        "language_prob": doc.language_prob, "language_runner_up": doc.language_runner_up,
        "language_note": doc.language_note, "published": doc.published, "authors": doc.authors,
        "captions": [{"text": c.text, "is_file_photo": c.is_file_photo} for c in doc.captions],
        "media_duration_s": doc.media_duration_s, "n_segments": len(doc.segments),
        "n_sentences": len(doc.sentences), "n_words": _words(doc.text),
        "duplicate_of": doc.duplicate_of, "near_duplicate_of": doc.near_duplicate_of,
        "near_duplicate_similarity": doc.near_duplicate_similarity, "run_id": run_id,
    }


def segment_rows(doc: Document, run_id: str) -> Iterator[dict]:
    for i, seg in enumerate(doc.segments):
        text = doc.text[seg.start:seg.end]
        yield {"doc_id": doc.doc_id, "seg_index": i, "kind": seg.kind, "text": text,
               "start": seg.start, "end": seg.end, "n_words": _words(text),
               "language": seg.language, "language_prob": seg.language_prob,
               "language_inherited": seg.language_inherited}


def sentence_rows(doc: Document, run_id: str) -> Iterator[dict]:
    for i, sent in enumerate(doc.sentences):
        text = doc.text[sent.start:sent.end]
        yield {"doc_id": doc.doc_id, "seg_index": sent.seg_index, "sent_index": i, "text": text,
               "start": sent.start, "end": sent.end, "n_words": _words(text)}


def entity_rows(doc: Document, run_id: str) -> Iterator[dict]:
    for e in doc.entities:
        yield {"doc_id": doc.doc_id, "text": doc.text[e.start:e.end], "label": e.label,
               "canonical": e.canonical, "entity_id": e.entity_id, "start": e.start,
               "end": e.end, "method": e.method}


def quote_rows(doc: Document, run_id: str) -> Iterator[dict]:
    for q in doc.quotes:
        yield {"doc_id": doc.doc_id, "quote": doc.text[q.start:q.end], "speaker": q.speaker,
               "speaker_canonical": q.speaker_canonical, "cue": q.cue, "start": q.start,
               "end": q.end, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end}


def date_rows(doc: Document, run_id: str) -> Iterator[dict]:
    for d in doc.dates:
        yield {"doc_id": doc.doc_id, "text": doc.text[d.start:d.end], "value": d.value,
               "precision": d.precision, "anchor": d.anchor, "start": d.start, "end": d.end}


def amount_rows(doc: Document, run_id: str) -> Iterator[dict]:
    for a in doc.amounts:
        yield {"doc_id": doc.doc_id, "text": doc.text[a.start:a.end], "value": a.value,
               "unit": a.unit, "start": a.start, "end": a.end}


def removal_rows(doc: Document, run_id: str) -> Iterator[dict]:
    for r in doc.removed:
        yield {"doc_id": doc.doc_id, "line_no": r.line_no, "text": r.text, "rule": r.rule}


def reject_rows(doc: Document, run_id: str) -> Iterator[dict]:
    r = doc.reject
    yield {"source_path": doc.source_path, "doc_id": doc.doc_id, "stage": r.stage,
           "reason": r.reason, "detail": r.detail, "content_hash": doc.content_hash or None,
           "run_id": run_id}


ROW_BUILDERS = {
    "articles": article_rows, "segments": segment_rows, "sentences": sentence_rows,
    "entities": entity_rows, "quotes": quote_rows, "dates": date_rows, "amounts": amount_rows,
    "removals": removal_rows, "rejects": reject_rows,
}
assert ROW_BUILDERS.keys() == TABLES.keys(), "every table in the schema needs a row builder"


def build_tables(docs: list[Document], run_id: str) -> dict[str, pa.Table]:
    tables = {}
    for name, builder in ROW_BUILDERS.items():
        wanted = [d for d in docs if (d.reject is not None) == (name == "rejects")]
        rows = [row for doc in wanted for row in builder(doc, run_id)]
        tables[name] = pa.Table.from_pylist(rows, schema=TABLES[name].schema)
    return tables


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
