"""HTML pages: Pangea structure, generic pages, metadata, and hostile or broken markup."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tasks.document import PARAGRAPH, TITLE
from tests.clean_helpers import clean_one, kinds_and_texts

FIXTURES = Path(__file__).parent / "fixtures" / "clean" / "html"
PAGES = ["pangea_article", "generic_article"]


@pytest.mark.parametrize("name", PAGES)
def test_page_cleans_to_hand_written_expectation(name):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text())
    doc = clean_one((FIXTURES / f"{name}.html").read_bytes(), f"pages/{name}.html")
    assert doc.ok, doc.reject
    assert kinds_and_texts(doc) == [(b["kind"], b["text"]) for b in expected["blocks"]]
    assert doc.source == expected["source"]
    assert doc.title == expected["title"]
    assert doc.summary == expected["summary"]
    assert (str(doc.published) if doc.published else None) == expected["published"]
    assert doc.authors == expected["authors"]
    assert doc.media_duration_s == expected["media_duration_s"]
    assert [(c.text, c.is_file_photo) for c in doc.captions] == [
        (c["text"], c["is_file_photo"]) for c in expected["captions"]]


def test_pangea_removals_are_audited_with_their_rules():
    doc = clean_one((FIXTURES / "pangea_article.html").read_bytes(), "p.html")
    rules = {r.rule for r in doc.removed}
    assert {"media:player", "chrome:inline_embed", "chrome:share_widget", "chrome:comments",
            "html:link_only"} <= rules
    assert all(r.line_no == 0 and r.text for r in doc.removed)
    # Code is not article text: scripts and styles leave no audit rows.
    assert not any("schema.org" in r.text for r in doc.removed)


def test_pangea_structure_is_recognized_without_a_known_host():
    html = (FIXTURES / "pangea_article.html").read_text().replace(
        '<meta property="og:site_name" content="Polygraph.info">', "")
    doc = clean_one(html, "p.html")
    assert doc.source is None  # the page no longer says where it is from
    assert doc.summary is not None and doc.media_duration_s == 125


def test_generic_page_removes_cookie_banner_ads_share_and_comments():
    doc = clean_one((FIXTURES / "generic_article.html").read_bytes(), "g.html")
    text = doc.text.casefold()
    for chrome in ("cookies", "advertisement", "share on", "great news", "read more"):
        assert chrome not in text


def test_old_pangea_bare_text_with_line_breaks_is_read():
    html = ('<html><head><meta property="og:title" content="Old Story"></head><body>'
            '<div id="article-content"><div class="wsw"><div class="wordclick">'
            "FAITH LAPIDUS: I'm Faith Lapidus.<br /> <br />STEVE EMBER: And I'm Steve Ember.<br />"
            "</div></div></div></body></html>")
    assert kinds_and_texts(clean_one(html, "o.html")) == [
        (TITLE, "Old Story"), (PARAGRAPH, "FAITH LAPIDUS: I'm Faith Lapidus."),
        (PARAGRAPH, "STEVE EMBER: And I'm Steve Ember.")]


def test_deeply_nested_markup_is_bounded():
    depth = 100_000
    html = ("<html><head><title>Deep</title></head><body>" + "<div>" * depth +
            "<p>A paragraph at the bottom of a very deep tree, still article text.</p>" +
            "</div>" * depth + "</body></html>")
    started = time.perf_counter()
    doc = clean_one(html, "deep.html")
    assert doc.ok, doc.reject
    assert "A paragraph at the bottom" in doc.text
    assert time.perf_counter() - started < 30


def test_deeply_nested_inline_markup_is_bounded():
    html = ("<html><body><p>" + "<span>x " * 20_000 + "</span>" * 20_000 + "</p></body></html>")
    started = time.perf_counter()
    doc = clean_one(html, "inline.html")
    assert doc.ok or doc.reject.reason == "no_body"
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize("html, reason", [
    pytest.param("<html><body></body></html>", "no_body", id="empty-body"),
    pytest.param("<html><head><script>var x = 1;</script></head><body><script>render()</script></body></html>",
                 "no_body", id="script-only"),
    pytest.param("<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2020</footer></body></html>",
                 "no_body", id="only-chrome"),
])
def test_pages_without_an_article_are_rejected(html, reason):
    doc = clean_one(html, "x.html")
    assert doc.reject is not None and doc.reject.reason == reason


def test_broken_markup_still_yields_the_article():
    html = ("<html><body><article><h1>Broken Page</h1><p>First paragraph of the story with an "
            "<b>unclosed bold tag and a <a href='x'>dangling link<p>Second paragraph after the "
            "unclosed tags, still article text.</article></div></span><p>")
    doc = clean_one(html, "broken.html")
    assert doc.ok, doc.reject
    assert "Second paragraph after the unclosed tags" in doc.text


def test_hostile_json_ld_is_ignored_not_fatal():
    html = ('<html><head><script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 +
            '</script><script type="application/ld+json">{"@type": "NewsArticle", "author": 5}'
            '</script></head><body><h1>T</h1><p>Some article text that is long enough.</p></body></html>')
    doc = clean_one(html, "j.html")
    assert doc.ok and doc.authors == []


def test_page_index_selects_exactly_what_soupsieve_selects():
    from bs4 import BeautifulSoup  # noqa: PLC0415

    from tasks.cleaners.html import PageIndex  # noqa: PLC0415
    from tasks.cleaners.profiles import load_profiles  # noqa: PLC0415

    eval_pages = Path(__file__).parents[1] / "benchmarks" / "eval" / "clean" / "pages"
    pages = [*FIXTURES.glob("*.html"), *eval_pages.glob("*.html")]
    selectors = sorted({sel for p in load_profiles() for sel in
                        (*p.html.captions, *p.html.summary, *p.html.authors, *p.html.published,
                         *p.html.duration, *(s for _, s in p.html.remove))} | {"[class=links]", "a.x"})
    assert len(pages) > 5
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        index = PageIndex(soup)
        for selector in selectors:
            assert index.select((selector,)) == soup.select(selector), (page.name, selector)
        assert index.select(tuple(selectors)) == soup.select(", ".join(selectors)), page.name
