"""The three VOA sample scrapes clean to exactly the hand-checked expectation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tasks.document import BLOCK_SEPARATOR, CAPTION, HEADING, PARAGRAPH, SUMMARY, TITLE
from tests.clean_helpers import clean_one

SAMPLES = Path(__file__).parent / "fixtures" / "clean" / "samples"
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


@pytest.fixture(params=STEMS)
def sample(request):
    raw = (SAMPLES / f"{request.param}.txt").read_bytes()
    expected = json.loads((SAMPLES / f"{request.param}.expected.json").read_text())
    return raw, expected, clean_one(raw, f"{request.param}.txt")


def test_three_samples_present():
    assert len(STEMS) == 3


def test_blocks_match_expectation(sample):
    _, expected, doc = sample
    assert doc.ok, doc.reject
    assert [(b.kind, b.text) for b in doc.blocks] == [(b["kind"], b["text"]) for b in expected["blocks"]]
    assert doc.text == BLOCK_SEPARATOR.join(b["text"] for b in expected["blocks"])


def test_metadata_matches_expectation(sample):
    _, expected, doc = sample
    assert doc.title == expected["title"]
    assert doc.summary == expected["summary"]
    assert doc.media_duration_s == expected["media_duration_s"]
    assert [(c.text, c.is_file_photo) for c in doc.captions] == [
        (c["text"], c["is_file_photo"]) for c in expected["captions"]]
    # Nothing in a bare scrape names the site, the date or an author: they stay null.
    assert (doc.source, doc.published, doc.authors) == (None, None, [])


def test_removals_match_expectation(sample):
    _, expected, doc = sample
    assert [(r.line_no, r.rule, r.text) for r in doc.removed] == [
        (r["line_no"], r["rule"], r["text"]) for r in expected["removed"]]


def test_every_input_line_is_kept_or_accounted_for(sample):
    raw, _, doc = sample
    lines = [" ".join(line.split()) for line in raw.decode("utf-8").splitlines()]
    nonblank = {(no, line) for no, line in enumerate(lines, start=1) if line}
    removed = {(r.line_no, r.text) for r in doc.removed}
    kept_texts = [b.text for b in doc.blocks]
    assert removed <= nonblank
    assert sorted(line for _, line in nonblank - removed) == sorted(kept_texts)


def test_no_boilerplate_survives(sample):
    _, _, doc = sample
    chrome = {"accessibility links", "breaking news", "please wait",
              "no media source currently available"}
    assert not [b.text for b in doc.blocks if b.text.casefold() in chrome]
    assert not [b.text for b in doc.blocks if b.text[:1].isdigit() and ":" in b.text[:5]]


def test_expected_kinds_are_plausible(sample):
    """Guards the fixture itself: title first, then caption, summary only before the body."""
    _, expected, _ = sample
    kinds = [b["kind"] for b in expected["blocks"]]
    assert kinds[0] == TITLE and kinds[1] == CAPTION
    body = kinds[kinds.index(PARAGRAPH):]
    assert set(body) <= {PARAGRAPH, HEADING}
    assert SUMMARY not in body
