"""The output dataset's schema: the single source of truth for every table and column.

`SCHEMA.md` is generated from this module (`python -m tasks.schema > SCHEMA.md`) and a test
fails when the two disagree. Change a column here, bump SCHEMA_VERSION, regenerate the doc.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import pyarrow as pa

SCHEMA_VERSION = "1"

try:
    NEWSPREP_VERSION = version("newsprep")
except PackageNotFoundError:  # running from a checkout that was never installed
    NEWSPREP_VERSION = "0+unknown"


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    nullable: bool
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]

    @property
    def schema(self) -> pa.Schema:
        fields = [
            pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description})
            for c in self.columns
        ]
        return pa.schema(fields, metadata={
            "newsprep.table": self.name,
            "newsprep.schema_version": SCHEMA_VERSION,
            "newsprep.version": NEWSPREP_VERSION,
            "newsprep.description": self.description,
        })

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: pa.DataType, nullable: bool, description: str) -> Column:
    return Column(name, type_, nullable, description)


_OFFSET_NOTE = "character offset into articles.text (Python str index, i.e. Unicode code points)"
DOC_ID = _c("doc_id", pa.string(), False,
            "stable article id: blake2b-64 of the path under the raw root; joins every table")
START = _c("start", pa.int32(), False, f"first {_OFFSET_NOTE}")
END = _c("end", pa.int32(), False, f"one past the last {_OFFSET_NOTE}; text == articles.text[start:end]")
RUN_ID = _c("run_id", pa.string(), False, "Prefect flow run id (or a local id) of the run that wrote the row")

ARTICLES = Table("articles", "One row per current raw article that was processed.", (
    DOC_ID,
    _c("source", pa.string(), True, "site the article came from (e.g. voanews.com); null when unknown"),
    _c("source_path", pa.string(), False, "path of the raw file relative to the raw root, '/'-separated"),
    _c("input_format", pa.string(), False, "text (a plain-text scrape) or html"),
    _c("encoding", pa.string(), False, "how the raw bytes were decoded (utf-8, utf-8-sig, utf-16, cp1252, latin-1)"),
    _c("content_hash", pa.string(), False, "sha256 of the raw file's bytes, hex"),
    _c("size_bytes", pa.int64(), False, "size of the raw file in bytes"),
    _c("title", pa.string(), True, "headline"),
    _c("summary", pa.string(), True, "summary line (dek) under the headline, when the page has one"),
    _c("text", pa.string(), False,
       "clean article text: title, caption, summary, headings and paragraphs joined by a blank line; "
       "every offset in the dataset points into it"),
    _c("language", pa.string(), True, "ISO 639-1 code from langdetect (seeded); null when undetectable"),
    _c("language_prob", pa.float32(), True, "langdetect's probability for `language`"),
    _c("language_runner_up", pa.string(), True, "second most likely language, when there is one"),
    _c("language_note", pa.string(), True,
       "why `language` is null, when it is: 'empty: ...', 'too_short: ...' (under 20 letters) or "
       "'no_features: ...' (digits, URLs only)"),
    _c("published", pa.date32(), True, "publication date, when the page states it"),
    _c("authors", pa.list_(pa.string()), False, "bylines, in page order; empty when none"),
    _c("captions", pa.list_(pa.struct([
        pa.field("text", pa.string(), nullable=False),
        pa.field("is_file_photo", pa.bool_(), nullable=False),
    ])), False, "photo captions; is_file_photo when marked 'FILE - ...' or '... (File)'"),
    _c("media_duration_s", pa.int32(), True, "length of the embedded audio/video player in seconds"),
    _c("n_segments", pa.int32(), False, "rows in `segments` for this article"),
    _c("n_sentences", pa.int32(), False, "rows in `sentences` for this article"),
    _c("n_words", pa.int32(), False, "whitespace-separated words in `text`"),
    _c("duplicate_of", pa.string(), True,
       "doc_id of the first article with byte-identical raw content; null for originals"),
    _c("near_duplicate_of", pa.string(), True,
       "doc_id of an earlier article sharing most of its sentences (MinHash over sentences); null if none"),
    _c("near_duplicate_similarity", pa.float32(), True,
       "estimated Jaccard similarity of the two articles' sentence sets (>= 0.7 to be flagged)"),
    RUN_ID,
))

SEGMENTS = Table("segments", "The article's parts in reading order.", (
    DOC_ID,
    _c("seg_index", pa.int32(), False, "0-based position of the segment in the article"),
    _c("kind", pa.string(), False,
       "title | summary | caption | dateline | heading | paragraph | list_item"),
    _c("text", pa.string(), False, "the segment's text"),
    START,
    END,
    _c("n_words", pa.int32(), False, "whitespace-separated words"),
    _c("language", pa.string(), True, "segment language; the article's when `language_inherited`"),
    _c("language_prob", pa.float32(), True, "probability of the segment's own detection; null when inherited"),
    _c("language_inherited", pa.bool_(), False,
       "true when the segment took the article's language: under 80 letters, plainly written in the "
       "article's language (its function words), or the detector under 0.9 sure of its own guess"),
))

SENTENCES = Table("sentences", "Sentences of every segment.", (
    DOC_ID,
    _c("seg_index", pa.int32(), False, "segment the sentence belongs to (segments.seg_index)"),
    _c("sent_index", pa.int32(), False, "0-based position of the sentence in the article"),
    _c("text", pa.string(), False, "the sentence's text"),
    START,
    END,
    _c("n_words", pa.int32(), False, "whitespace-separated words"),
))

ENTITIES = Table("entities", "Mentions of people, organisations, places and groups.", (
    DOC_ID,
    _c("text", pa.string(), False, "the mention as written"),
    _c("label", pa.string(), False, "PERSON | ORG | GPE (country, city) | LOC | GROUP"),
    _c("canonical", pa.string(), False, "canonical name: every alias of one entity maps to the same value"),
    _c("entity_id", pa.string(), True, "id from the vocabulary (e.g. a Wikidata QID), when it has one"),
    START,
    END,
    _c("method", pa.string(), False, "gazetteer | alias_resolution | ner"),
))

QUOTES = Table("quotes", "Direct quotations and who said them.", (
    DOC_ID,
    _c("quote", pa.string(), False, "the quoted words, without the quote marks"),
    _c("speaker", pa.string(), True, "the speaker as written near the quote; null when unknown"),
    _c("speaker_canonical", pa.string(), True, "canonical name of the speaker, when resolved"),
    _c("cue", pa.string(), True, "the speech verb (said, told, warned, ...)"),
    START,
    END,
    _c("speaker_start", pa.int32(), True, f"start of the speaker mention; {_OFFSET_NOTE}"),
    _c("speaker_end", pa.int32(), True, f"end of the speaker mention; {_OFFSET_NOTE}"),
))

DATES = Table("dates", "Date mentions, normalised.", (
    DOC_ID,
    _c("text", pa.string(), False, "the mention as written"),
    _c("value", pa.date32(), True, "ISO date; first day of the period for month or year precision"),
    _c("precision", pa.string(), False, "day | month | year | relative"),
    _c("anchor", pa.date32(), True, "article date that a relative mention is relative to, when known"),
    START,
    END,
))

AMOUNTS = Table("amounts", "Numbers and what they count.", (
    DOC_ID,
    _c("text", pa.string(), False, "the mention as written"),
    _c("value", pa.float64(), False, "the number (two-thirds -> 0.667, 10,000 -> 10000)"),
    _c("unit", pa.string(), True, "the thing counted (e.g. 'IS fighters'), when stated"),
    START,
    END,
))

REMOVALS = Table("removals", "Audit trail: every line the cleaner removed, and why.", (
    DOC_ID,
    _c("line_no", pa.int32(), False, "1-based line in the decoded raw text; 0 for HTML elements"),
    _c("text", pa.string(), False, "what was removed (HTML elements: their text, cut at 500 chars)"),
    _c("rule", pa.string(), False, "rule that removed it, '<family>:<name>' (chrome:skip_link, media:time_display, ...)"),
))

REJECTS = Table("rejects", "Inputs that could not be processed, and why.", (
    _c("source_path", pa.string(), False, "path of the raw file relative to the raw root"),
    _c("doc_id", pa.string(), False, "the id the article would have had"),
    _c("stage", pa.string(), False, "stage that rejected it: discover | read | clean | segment | tag"),
    _c("reason", pa.string(), False,
       "stable code: empty, binary, too_large, undecodable, only_boilerplate, no_body, vanished, ..."),
    _c("detail", pa.string(), False, "human-readable explanation"),
    _c("content_hash", pa.string(), True, "sha256 of the raw bytes, when they could be read"),
    RUN_ID,
))

TABLES: dict[str, Table] = {t.name: t for t in (
    ARTICLES, SEGMENTS, SENTENCES, ENTITIES, QUOTES, DATES, AMOUNTS, REMOVALS, REJECTS)}

# Internal state, not a table for readers: kept under <out>/_newsprep/, outside the table folders.
MANIFEST = Table("manifest", "One row per raw input the dataset accounts for (written or rejected).", (
    _c("source_path", pa.string(), False, "path of the raw file relative to the raw root"),
    _c("doc_id", pa.string(), False, "the article's doc_id"),
    _c("size", pa.int64(), False, "file size when last processed"),
    _c("mtime_ns", pa.int64(), False, "modification time (ns) when last processed; with size, the cheap change check"),
    _c("content_hash", pa.string(), True, "sha256 of the raw bytes; null when they could not be read"),
    _c("outcome", pa.string(), False, "written | rejected"),
    _c("reason", pa.string(), True, "reject reason, when rejected"),
    _c("file_key", pa.string(), False, "data file holding the input's rows, e.g. ingest_month=2026-11/part-00000"),
    _c("duplicate_of", pa.string(), True, "doc_id this input duplicates exactly"),
    _c("pipeline_version", pa.string(), False, "newsprep and schema version that produced the rows; a change reprocesses"),
    RUN_ID,
))


def _column_table(table: Table) -> list[str]:
    lines = ["| column | type | nullable | meaning |", "| --- | --- | --- | --- |"]
    for c in table.columns:
        lines.append(f"| `{c.name}` | `{c.type}` | {'yes' if c.nullable else 'no'} | {c.description} |")
    return lines


def render_markdown() -> str:
    lines = [
        "# newsprep output schema",
        "",
        f"Schema version {SCHEMA_VERSION}. Generated from `tasks/schema.py` by "
        "`python -m tasks.schema > SCHEMA.md`; a test fails when this file is stale.",
        "",
        "Every table is a folder of Parquet files under the output root (default `data/processed/`), "
        "hive-partitioned by the month an article was first ingested: "
        "`<table>/ingest_month=YYYY-MM/part-NNNNN.parquet` (readers with hive partitioning add an "
        "`ingest_month` column). All tables join on `doc_id`; all rows of one article sit in files "
        "of the same name in every table. Offsets (`start`, `end`) index `articles.text` in Unicode "
        "code points, so `articles.text[start:end]` is the row's text (in SQL: "
        "`substr(text, start + 1, \"end\" - start)`; `end` is a reserved word, quote it).",
        "Each file's Parquet key-value metadata carries `newsprep.table`, `newsprep.schema_version` "
        "and `newsprep.version`; each column's field metadata carries its description.",
    ]
    for table in TABLES.values():
        lines += ["", f"## {table.name}", "", table.description, "", *_column_table(table)]
    lines += ["", "## Internal state (not for queries)", "",
              "`<out>/_newsprep/` is outside every table folder. `manifest.parquet` lets a run skip "
              "unchanged inputs; `sketches.parquet` holds near-duplicate sketches; `journal.json` "
              "exists only while a commit is being applied; `lock` is held by the running run.", "",
              *_column_table(MANIFEST)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
