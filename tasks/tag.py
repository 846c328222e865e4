"""Tag: language, entities, quotes, dates and amounts over the clean text.

The taggers run in this order because later ones read earlier results: NER only fills gaps the
gazetteer left, and quotes resolve speakers against the PERSON entities. Each tagger is a plain function over one Document (see
tasks/taggers/); this module only sequences them and wraps the batch in a Prefect task.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import Document, apply_per_document
from tasks.taggers.entities import tag_entities
from tasks.taggers.language import tag_language
from tasks.taggers.ner import tag_ner
from tasks.taggers.numbers import tag_amounts, tag_dates
from tasks.taggers.quotes import tag_quotes


def tag_document(doc: Document) -> None:
    tag_language(doc)
    tag_entities(doc)
    tag_ner(doc)  # statistical NER: a no-op unless NEWSPREP_SPACY_MODEL names a spaCy model
    tag_quotes(doc)
    tag_dates(doc)
    tag_amounts(doc)


def tag_documents(docs: list[Document]) -> list[Document]:
    return apply_per_document(docs, "tag", tag_document)


@task(name="tag", cache_policy=NO_CACHE)
def tag_batch(docs: list[Document]) -> list[Document]:
    return tag_documents(docs)
