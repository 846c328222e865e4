"""Optional statistical NER with spaCy: off by default, on when a model is configured.

The gazetteer (entities.py) finds the actors it knows, fast and explainably; a statistical model
finds the ones it does not know (a minister named once, a new group), at a much higher cost per
article. Set NEWSPREP_SPACY_MODEL to an installed spaCy pipeline name or path (for example
en_core_web_sm) to add its PERSON/ORG/GPE/LOC mentions where the gazetteer found nothing.
spaCy is not a dependency of newsprep: installing it and a model is the user's choice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from tasks.document import Document, Entity
from tasks.taggers.entities import AliasTable, alias_key, matcher_for, vocabulary_paths

NER_MODEL_ENV = "NEWSPREP_SPACY_MODEL"
NER = "ner"
# spaCy's (OntoNotes) labels that name the things this table is about; dates, numbers and the
# like belong to the dates and amounts taggers, nationalities (NORP) are not entities here.
SPACY_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
# The components a spaCy pipeline needs to run its entity recogniser; the rest are switched off.
NER_COMPONENTS = {"ner", "tok2vec", "transformer"}
_SPACE = re.compile(r"\s+")


def configured_model() -> str | None:
    return os.environ.get(NER_MODEL_ENV) or None


@lru_cache(maxsize=2)
def load_pipeline(model: str) -> Callable[[str], Any]:
    try:
        import spacy
    except ImportError as exc:
        raise RuntimeError(f"{NER_MODEL_ENV}={model!r} needs spaCy: pip install spacy") from exc
    nlp = spacy.load(model)
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in NER_COMPONENTS])
    return nlp


def tag_ner(doc: Document, nlp: Callable[[str], Any] | None = None,
            aliases: AliasTable | None = None) -> None:
    """Add the model's mentions that overlap no entity found so far (method "ner"). A mention
    whose text is a vocabulary alias gets that entity's canonical name, label and id
    (`aliases`: the configured vocabulary's when not given).

    The model runs segment by segment: entities never span segments, and each call stays far
    below spaCy's maximum text length however long the article is."""
    if nlp is None:
        model = configured_model()
        if model is None:
            return
        nlp = load_pipeline(model)
    if aliases is None:
        aliases = matcher_for(vocabulary_paths()).aliases
    spans = [(seg.start, seg.end) for seg in doc.segments] or [(0, len(doc.text))]
    taken = bytearray(len(doc.text))
    for e in doc.entities:
        taken[e.start:e.end] = b"\x01" * (e.end - e.start)
    added = []
    for (offset, end_of_segment), parsed in zip(spans, map(nlp, (doc.text[s:e] for s, e in spans))):
        for ent in parsed.ents:
            label = SPACY_LABELS.get(ent.label_)
            start, end = offset + ent.start_char, offset + ent.end_char
            if label is None or end > end_of_segment or 1 in taken[start:end]:
                continue
            surface = _SPACE.sub(" ", doc.text[start:end])
            known = aliases.get(alias_key(surface))
            if known is not None:
                vocab = known[1]
                added.append(Entity(start, end, vocab.label, vocab.canonical, vocab.entity_id, NER))
            else:
                added.append(Entity(start, end, label, surface, None, NER))
    if added:
        doc.entities = sorted(doc.entities + added, key=lambda m: m.start)
