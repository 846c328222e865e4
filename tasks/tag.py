"""Tag: language, entities, quotes, dates and amounts over the clean text."""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import PARAGRAPH, SUMMARY, Document, apply_per_document

# langdetect is randomised; without a fixed seed ~5% of short texts flip between runs.
DetectorFactory.seed = 0
# Detection cost grows with text length; this much body text is plenty to be sure.
LANGUAGE_SAMPLE_CHARS = 2000


def language_sample(doc: Document) -> str:
    """Body text only: titles and headings are short and mislead the detector."""
    parts, size = [], 0
    for seg in doc.segments:
        if seg.kind in (PARAGRAPH, SUMMARY):
            parts.append(doc.text[seg.start:seg.end])
            size += seg.end - seg.start
            if size >= LANGUAGE_SAMPLE_CHARS:
                break
    return " ".join(parts)[:LANGUAGE_SAMPLE_CHARS] or doc.text[:LANGUAGE_SAMPLE_CHARS]


def detect_language(text: str) -> tuple[str | None, float | None, str | None, str | None]:
    """(language, probability, runner-up, note); note says why language is None."""
    try:
        ranked = detect_langs(text)
    except LangDetectException as exc:
        return None, None, None, f"langdetect: {exc}"
    best = ranked[0]
    runner_up = ranked[1].lang if len(ranked) > 1 else None
    return best.lang, round(best.prob, 4), runner_up, None


def tag_document(doc: Document) -> None:
    (doc.language, doc.language_prob, doc.language_runner_up,
     doc.language_note) = detect_language(language_sample(doc))
    for seg in doc.segments:
        seg.language, seg.language_prob, seg.language_inherited = doc.language, None, True


def tag_documents(docs: list[Document]) -> list[Document]:
    return apply_per_document(docs, "tag", tag_document)


@task(name="tag", cache_policy=NO_CACHE)
def tag_batch(docs: list[Document]) -> list[Document]:
    return tag_documents(docs)
