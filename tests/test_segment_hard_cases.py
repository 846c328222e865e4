"""The hard-case suite (tests/segment_cases.py) for our splitter: exact sentence strings."""

from __future__ import annotations

import pytest
from .segment_cases import CASES

from tasks.segment import split_sentences

# Every phenomenon the segmentation issue lists must have cases in the suite.
REQUIRED_CATEGORIES = {
    "abbreviation", "initials", "numbers", "ellipsis", "quotation", "exclamation_question",
    "parentheses", "list", "url_email", "heading", "whitespace", "non_english",
}


def test_suite_is_big_and_covers_every_listed_phenomenon() -> None:
    assert len(CASES) >= 60
    assert len({case_id for case_id, *_ in CASES}) == len(CASES), "case ids must be unique"
    assert REQUIRED_CATEGORIES <= {category for _, category, _, _ in CASES}


@pytest.mark.parametrize(("text", "expected"),
                         [pytest.param(text, expected, id=case_id)
                          for case_id, _, text, expected in CASES])
def test_hard_case(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == expected
