"""Invariants of the text cleaner on synthetic articles whose paragraphs are known."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.clean import clean_documents
from tasks.document import BLOCK_SEPARATOR, PARAGRAPH, Document
from tests.clean_helpers import clean_one

WORDS = ["the", "council", "said", "bridge", "river", "Monday", "officials", "will", "open",
         "new", "budget", "people", "in", "of", "and", "Iraq", "Syria", "Pompeo", "U.S.",
         "10,000", "“quoted”", "it’s", "report", "2020", "village", "by", "By", "Share", "Print",
         "Embed", "Europe", "World", "June", "4,", "FILE", "-", "0:00"]
CHROME_BEFORE = ["Accessibility links", "Skip to main content", "Breaking News", "Search", "Live"]
PLAYER = ["please wait", "No media source currently available", "0:00 0:02:10 0:00", "Embed"]
CHROME_AFTER = ["Link has been copied to clipboard", "Share", "Facebook", "Print Options:",
                "Back to top", "Follow Us", "XS", "SM"]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(
    lambda ws: " ".join(ws).capitalize() + st_choice_end(ws))


def st_choice_end(words: list[str]) -> str:
    return "." if len(words) % 3 else "?"


paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
heading = st.lists(st.sampled_from(["Resurgence", "in", "Syria", "foreign", "fighters", "IS",
                                    "What", "comes", "next", "Europe"]),
                   min_size=1, max_size=6).map(" ".join)
title = st.lists(st.sampled_from(["US", "Warns", "No", "End", "to", "Fight", "Bridge", "Stays",
                                  "Open", "Uprooting", "ISIS"]), min_size=2, max_size=9).map(" ".join)


@st.composite
def article(draw):
    """(scrape, paragraphs): a synthetic article in the VOA scrape layout, with chrome around."""
    paragraphs = draw(st.lists(paragraph, min_size=1, max_size=8))
    body: list[str] = []
    for p in paragraphs:
        if draw(st.booleans()) and body:
            body.append(draw(heading))
        body.append(p)
    head_title = draw(title)
    lines = []
    if draw(st.booleans()):
        lines += CHROME_BEFORE
    lines.append(head_title)
    if len(paragraphs) > 1 and draw(st.booleans()):  # video page: summary, player repeating title
        lines += [paragraphs[0], head_title, *PLAYER]
        lines += body[1:] if body[0] == paragraphs[0] else body
    else:
        lines += body
    if draw(st.booleans()):
        lines += CHROME_AFTER
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n"]))
    return separator.join(lines), paragraphs


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_no_body_paragraph_is_ever_dropped(case):
    raw, paragraphs = case
    doc = clean_one(raw)
    assert doc.ok, doc.reject
    kept = [b.text for b in doc.blocks]
    for p in paragraphs:
        assert " ".join(p.split()) in kept


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_cleaning_is_idempotent(case):
    raw, _ = case
    once = clean_one(raw)
    twice = clean_one(once.text)
    assert twice.ok, twice.reject
    assert twice.text == once.text
    assert twice.removed == []
    assert twice.title == once.title


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["text", "html"]))
def test_arbitrary_input_never_raises_out_of_the_stage(raw, input_format):
    doc = Document(source_path="x/a.txt", size=len(raw), mtime_ns=0, raw_text=raw,
                   input_format=input_format)
    [doc] = clean_documents([doc])
    assert doc.ok or doc.reject.reason in {"only_boilerplate", "no_body", "empty"}, doc.reject
    if doc.ok:
        assert doc.text == BLOCK_SEPARATOR.join(b.text for b in doc.blocks)
        assert any(b.kind == PARAGRAPH for b in doc.blocks)
