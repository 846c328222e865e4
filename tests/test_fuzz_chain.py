"""Property tests over read-decoding -> clean -> segment -> tag on arbitrary input: no exception
escapes a stage (a bad input is rejected with a reason, never an internal error), offsets stay
valid, and cleaning its own output changes nothing.

`make test` runs a modest number of examples; `benchmarks/fuzz.py` runs the same properties with
many more."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.clean import clean_documents
from tasks.document import Document, RejectError
from tasks.read import decode_bytes, looks_like_html
from tasks.segment import segment_documents
from tasks.tag import tag_documents

# Modest in `make test`; benchmarks/fuzz.py sets NEWSPREP_FUZZ_EXAMPLES for a long run.
# The short run is derandomized so CI is repeatable; the long run explores.
LONG_RUN = "NEWSPREP_FUZZ_EXAMPLES" in os.environ
chain_settings = settings(max_examples=int(os.environ.get("NEWSPREP_FUZZ_EXAMPLES", 60)),
                          derandomize=not LONG_RUN, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])

LINES = st.sampled_from([
    "Accessibility links", "Breaking News", "please wait", "No media source currently available",
    "0:00 0:03:45 0:00", "Embed", "Share", "FILE - A caption, April 29, 2020.", "IS foreign fighters",
    "“Our fight continues. We cannot rest,” Pompeo said.", "He said “unbalanced", "U.S. officials met.",
    "The Islamic State (ISIS) lost 10,000 fighters on March 23, 2019.", "", "\r", "\t", "“", "”", "\"",
])
SCRAPES = st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=25).map(
    lambda lines: "\n".join(lines))
TAGS = st.sampled_from(["p", "div", "h1", "h2", "h4", "article", "script", "style", "nav", "li",
                        "span", "figcaption", "meta", "title", "br", "header", "footer"])
HTML = st.recursive(
    st.one_of(st.text(max_size=40), LINES),
    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]} id='article-content' class='wsw'>{''.join(t[1])}" + (f"</{t[0]}>" if t[2] else "")),
    max_leaves=20,
).map(lambda body: f"<html><head><meta property='og:title' content='T'></head><body>{body}</body></html>")


def run_chain(text: str, input_format: str) -> Document:
    doc = Document(source_path="fuzz.txt", size=len(text), mtime_ns=0, doc_id="f" * 16,
                   raw_text=text, input_format=input_format, content_hash="0" * 64)
    [doc] = tag_documents(segment_documents(clean_documents([doc])))
    return doc


def assert_sound(doc: Document) -> None:
    if doc.reject is not None:
        assert doc.reject.reason != "internal_error", doc.reject.detail
        assert doc.reject.reason and doc.reject.detail
        return
    n = len(doc.text)
    for seg in doc.segments:
        assert 0 <= seg.start <= seg.end <= n
    previous_end = 0
    for sent in doc.sentences:
        assert previous_end <= sent.start < sent.end <= n
        seg = doc.segments[sent.seg_index]
        assert seg.start <= sent.start and sent.end <= seg.end
        previous_end = sent.end
    for item in [*doc.entities, *doc.quotes, *doc.dates, *doc.amounts]:
        assert 0 <= item.start <= item.end <= n, item


@chain_settings
@given(SCRAPES)
def test_any_text_scrape_is_processed_or_rejected_cleanly(text):
    doc = run_chain(text, "text")
    assert_sound(doc)
    if doc.ok:  # idempotent: cleaning the clean text gives the same text back
        again = run_chain(doc.text, "text")
        assert again.ok and again.text == doc.text


@chain_settings
@given(HTML)
def test_any_html_ish_page_is_processed_or_rejected_cleanly(html):
    assert_sound(run_chain(html, "html"))


@chain_settings
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_rejected_with_a_reason(data):
    try:
        text, _ = decode_bytes(data)
    except RejectError as exc:
        assert exc.reason in {"empty", "binary", "undecodable"}
        return
    assert_sound(run_chain(text, "html" if looks_like_html(data) else "text"))
