"""Segment: turn cleaned blocks into segments and sentences with offsets into the clean text."""

from __future__ import annotations

import re

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import BLOCK_SEPARATOR, Document, Segment, Sentence, apply_per_document

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "gov",
    "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "u.s", "u.n",
    "u.k", "e.g", "i.e",
}
_CANDIDATE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` into `text`, in order, non-overlapping, without the
    whitespace between sentences."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if end <= start or not _is_boundary(text, match.start(), end):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_boundary(text: str, punct_at: int, end: int) -> bool:
    if text[punct_at] == ".":
        word_start = punct_at
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:punct_at].lstrip("\"“‘'(").lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    following = text[_skip_space(text, end):_skip_space(text, end) + 1]
    return not following or not following.islower()


def segment_document(doc: Document) -> None:
    offset = 0
    for seg_index, block in enumerate(doc.blocks):
        start, end = offset, offset + len(block.text)
        doc.segments.append(Segment(block.kind, start, end))
        for s, e in split_sentences(block.text):
            doc.sentences.append(Sentence(seg_index, start + s, start + e))
        offset = end + len(BLOCK_SEPARATOR)


def segment_documents(docs: list[Document]) -> list[Document]:
    return apply_per_document(docs, "segment", segment_document)


@task(name="segment", cache_policy=NO_CACHE)
def segment_batch(docs: list[Document]) -> list[Document]:
    return segment_documents(docs)
