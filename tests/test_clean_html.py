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
    """The index answers every profile selector (and the other forms the subset allows) with
    the elements soupsieve finds in BeautifulSoup's tree of the same page, compared by their
    place in document order."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    from tasks.cleaners.html import PageIndex, parse_html  # noqa: PLC0415
    from tasks.cleaners.profiles import load_profiles, parse_selectors  # noqa: PLC0415

    eval_pages = Path(__file__).parents[1] / "benchmarks" / "eval" / "clean" / "pages"
    pages = [*FIXTURES.glob("*.html"), *eval_pages.glob("*.html")]
    selectors = sorted({sel for p in load_profiles() for sel in
                        (*p.html.captions, *p.html.summary, *p.html.authors, *p.html.published,
                         *p.html.duration, *p.html.body, *(s for _, s in p.html.remove))}
                       | {"[class=links]", "a.x", "div > p", "body > * > p", "*", "[rel=AUTHOR]",
                          "main p a", "[itemprop]", "ul li", "div.wsw > p", "#article-content"})
    assert len(pages) > 5
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(markup, "lxml")
        bs4_position = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
        index = PageIndex(parse_html(markup), frozenset({"itemprop", "role", "rel"}))
        assert [el.tag for el in index.all] == [tag.name for tag in soup.find_all(True)], page.name
        for selector in selectors:
            ours = [index.position[el] for el in index.select(parse_selectors(selector))]
            assert ours == [bs4_position[id(tag)] for tag in soup.select(selector)], (page.name, selector)


def test_rel_values_match_case_insensitively_as_html_says():
    html = ("<html><head><title>T</title></head><body><article><h1>Story</h1>"
            "<p>By <a rel='Author' href='/u/1'>Ingrid Holm</a></p>"
            "<p>The article text is long enough to be the body of this page, it says.</p>"
            "</article></body></html>")
    assert clean_one(html, "r.html").authors == ["Ingrid Holm"]


def test_script_inside_the_headline_is_not_title_text():
    html = ("<html><body><h1>Ministers Meet<script>track('h1')</script></h1>"
            "<p>Foreign ministers met on Tuesday to discuss the next steps for the coalition.</p>"
            "</body></html>")
    assert clean_one(html, "s.html").title == "Ministers Meet"


def test_page_deeper_than_the_parsers_tree_limit_keeps_what_follows():
    depth = 3_000  # libxml2 stops building trees at 2048 levels; the page is rebuilt from events
    html = ("<html><body>" + "<div>" * depth + "<p>Deep paragraph of the story, text at the bottom.</p>"
            + "</div>" * depth + "<p>And the paragraph after the deep part, still the story.</p></body></html>")
    doc = clean_one(html, "deep.html")
    assert "Deep paragraph of the story" in doc.text
    assert "And the paragraph after the deep part" in doc.text


def test_xhtml_page_with_an_xml_declaration_is_read():
    html = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">'
            "<head><title>Night Trains - Rail Courier</title></head><body><article><h1>Night Trains</h1>"
            "<p>Sleeper trains will run on the northern line again from next month.</p></article></body></html>")
    doc = clean_one(html, "x.xhtml")
    assert doc.ok, doc.reject
    assert doc.title == "Night Trains" and "Sleeper trains" in doc.text


def test_markup_after_the_closing_html_tag_is_part_of_the_page():
    # libxml2 puts it in a second top-level <html>; it is read as the first one is.
    html = ("<html><body><article><h1>Night Trains</h1><p>Sleeper trains will run on the northern "
            "line again from next month, the operator said.</p></article></body></html>\n"
            '<meta property="og:site_name" content="Voice of America"><p class="intro">A dek.</p>')
    doc = clean_one(html, "after.html")
    assert doc.source == "voanews.com"
    assert doc.summary == "A dek."
