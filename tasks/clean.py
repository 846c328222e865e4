"""Clean: strip scraped boilerplate, keep the article, and record every removal with its rule.

Text scrapes and HTML pages have their own cleaners (tasks/cleaners/text.py, html.py); site rules
live in tasks/cleaners/profiles/*.toml. Corpus-learned boilerplate is computed once per run from
the read documents (`learn_boilerplate`) and passed to every batch.
"""

from __future__ import annotations

from collections.abc import Iterator

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.cleaners.boilerplate import LearnedBoilerplate, learn_boilerplate, learning_sample, uses_learned_lines
from tasks.cleaners.html import clean_html_page
from tasks.cleaners.text import clean_text_scrape
from tasks.document import Document, RawInput, apply_per_document
from tasks.read import read_documents
from tasks.storage import open_storage

__all__ = ["LearnedBoilerplate", "clean_batch", "clean_document", "clean_documents",
           "learn_boilerplate", "learning_sample", "needs_learned_lines"]


def clean_document(doc: Document, learned: LearnedBoilerplate | None = None) -> None:
    if doc.input_format == "html":
        clean_html_page(doc)
    else:
        use_learned = learned is not None and uses_learned_lines(doc.source_path)
        clean_text_scrape(doc, learned.lines_for(doc) if use_learned else frozenset())


def needs_learned_lines(inputs: list[RawInput]) -> bool:
    return any(uses_learned_lines(raw.source_path) for raw in inputs)


def clean_documents(docs: list[Document], learned: LearnedBoilerplate | None = None) -> list[Document]:
    return apply_per_document(docs, "clean", lambda doc: clean_document(doc, learned))


@task(name="clean", cache_policy=NO_CACHE)
def clean_batch(docs: list[Document], learned: LearnedBoilerplate | None = None) -> list[Document]:
    return clean_documents(docs, learned)


@task(name="learn-boilerplate", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def learn_boilerplate_task(sample: list[RawInput], raw_root: str, max_input_bytes: int) -> LearnedBoilerplate:
    """Read a bounded, spread sample of every folder (`learning_sample`) and learn its repeated
    lines. The sample, not every input, is what travels to a worker."""
    return learn_boilerplate(read_one_by_one(sample, raw_root, max_input_bytes))


def read_one_by_one(inputs: list[RawInput], raw_root: str, max_input_bytes: int) -> Iterator[Document]:
    """Each input read just before it is used: the learning pass holds one article's text at a
    time, not the whole sample's (which was a third of a 10k run's peak memory)."""
    storage = open_storage(raw_root)
    for raw in inputs:
        yield from read_documents([raw], storage, max_input_bytes)
