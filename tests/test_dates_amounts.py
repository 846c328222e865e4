"""Dates and amounts: the samples' mentions (checked by eye), the normalisation rules, and
invariants for any text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.clean import clean_documents
from tasks.document import Document
from tasks.read import discover_inputs, read_documents
from tasks.segment import segment_documents
from tasks.taggers.numbers import OTHER_DIGIT_LEAD_BYTES, tag_amounts, tag_dates

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

# The samples carry no publication date, so relative mentions have no value.
EXPECTED_SAMPLE_DATES = {
    "002_f5878b3e2dcaff7b.txt": [
        ("April 29, 2020", date(2020, 4, 29), "day"), ("Thursday", None, "relative"),
        ("last month", None, "relative"), ("last month", None, "relative"),
        ("March", None, "relative"), ("this week", None, "relative"),
        ("Thursday", None, "relative"), ("April", None, "relative"),
        ("earlier this year", None, "relative"),
    ],
    "003_d9aaa4cf88ec52a0.txt": [
        ("March 23, 2019", date(2019, 3, 23), "day"), ("Today", None, "relative"),
    ],
    "004_f6e9d0adbede25c6.txt": [
        ("June 13, 2021", date(2021, 6, 13), "day"), ("March 2019", date(2019, 3, 1), "month"),
        ("2014", date(2014, 1, 1), "year"),
    ],
}
EXPECTED_SAMPLE_AMOUNTS = {
    "002_f5878b3e2dcaff7b.txt": [
        ("31 countries", 31, "countries"), ("10,000 IS fighters", 10000, "IS fighters"),
        ("2,000 foreign fighters", 2000, "foreign fighters"),
        ("10,000 IS family members", 10000, "IS family members"),
        ("two-thirds", 0.667, None), ("12", 12, None),
    ],
    "003_d9aaa4cf88ec52a0.txt": [
        ("83-member", 83, "member"), ("10,000 ISIS fighters", 10000, "ISIS fighters"),
        ("10,000 ISIS fighters", 10000, "ISIS fighters"), ("5,000 Syrians", 5000, "Syrians"),
        ("3,000 Iraqis", 3000, "Iraqis"), ("2,000 ISIS fighters", 2000, "ISIS fighters"),
        ("half", 0.5, None), ("12 years", 12, "years"),
    ],
    "004_f6e9d0adbede25c6.txt": [
        ("10,000 foreign fighters", 10000, "foreign fighters"),
    ],
}


@pytest.fixture(scope="module")
def samples() -> dict[str, Document]:
    docs = segment_documents(clean_documents(read_documents(discover_inputs(RAW), RAW)))
    for doc in docs:
        tag_dates(doc)
        tag_amounts(doc)
    return {doc.source_path: doc for doc in docs}


@pytest.mark.parametrize("name", sorted(EXPECTED_SAMPLE_DATES))
def test_sample_dates(samples: dict[str, Document], name: str) -> None:
    doc = samples[name]
    got = [(doc.text[d.start:d.end], d.value, d.precision) for d in doc.dates]
    assert got == EXPECTED_SAMPLE_DATES[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_SAMPLE_AMOUNTS))
def test_sample_amounts(samples: dict[str, Document], name: str) -> None:
    doc = samples[name]
    got = [(doc.text[a.start:a.end], a.value, a.unit) for a in doc.amounts]
    assert got == EXPECTED_SAMPLE_AMOUNTS[name]


def tagged(text: str, published: date | None = None) -> Document:
    doc = Document(source_path="t.txt", size=0, mtime_ns=0, text=text, published=published)
    tag_dates(doc)
    tag_amounts(doc)
    return doc


def dates_of(doc: Document) -> list[tuple[str, date | None, str]]:
    return [(doc.text[d.start:d.end], d.value, d.precision) for d in doc.dates]


def amounts_of(doc: Document) -> list[tuple[str, float, str | None]]:
    return [(doc.text[a.start:a.end], a.value, a.unit) for a in doc.amounts]


@pytest.mark.parametrize(("text", "expected"), [
    ("It fell on 23 March 2019.", ("23 March 2019", date(2019, 3, 23), "day")),
    ("Signed Sept. 4, 2021 in Doha.", ("Sept. 4, 2021", date(2021, 9, 4), "day")),
    ("Filed 2019-03-23 at noon.", ("2019-03-23", date(2019, 3, 23), "day")),
    ("Talks resumed in April 2020.", ("April 2020", date(2020, 4, 1), "month")),
    ("The force was created in 2014.", ("2014", date(2014, 1, 1), "year")),
    ("Not since 1998 has it rained so.", ("1998", date(1998, 1, 1), "year")),
])
def test_absolute_dates(text: str, expected: tuple) -> None:
    assert dates_of(tagged(text)) == [expected]


@pytest.mark.parametrize("text", [
    "We may see 2014 people there.",  # a count, not a year
    "He may come.",  # the verb, not the month
    "On February 30, 2020 nothing happened.",  # no such day: not a date
    "The score was 2019-2020 in the final.",
])
def test_not_dates(text: str) -> None:
    assert [d for d in tagged(text).dates if d.precision != "relative"] == []


def test_relative_dates_computed_from_the_article_date() -> None:
    published = date(2020, 5, 15)  # a Friday
    doc = tagged("On Thursday officials met; last month the talks failed; earlier this year "
                 "the plan began; last week nothing; yesterday too; in March the report came; "
                 "on May 3 a vote.", published)
    assert dates_of(doc) == [
        ("Thursday", date(2020, 5, 14), "relative"), ("last month", date(2020, 4, 1), "relative"),
        ("earlier this year", date(2020, 1, 1), "relative"),
        ("last week", date(2020, 5, 4), "relative"), ("yesterday", date(2020, 5, 14), "relative"),
        ("March", date(2020, 3, 1), "relative"), ("May 3", date(2020, 5, 3), "relative"),
    ]
    assert all(d.anchor == published for d in doc.dates)


def test_dateline_month_abbreviation_without_dot() -> None:
    doc = tagged("GENEVA, Nov 14 (Reuters) - Talks ended. Jan Novak spoke in Jan",
                 date(2023, 11, 14))
    assert dates_of(doc) == [("Nov 14", date(2023, 11, 14), "relative")]
    assert doc.amounts == []


def test_relative_dates_without_article_date_have_no_value() -> None:
    doc = tagged("They met on Friday and again last year.")
    assert dates_of(doc) == [("Friday", None, "relative"), ("last year", None, "relative")]
    assert all(d.anchor is None for d in doc.dates)


@pytest.mark.parametrize(("text", "expected"), [
    ("Donors pledged $2.5 million in aid.", [("$2.5 million", 2_500_000, "USD")]),
    ("Oil fell 0.8% on Monday.", [("0.8%", 0.8, "%")]),
    ("Turnout rose 5 percent.", [("5 percent", 5, "%")]),
    ("The €40 billion fund", [("€40 billion", 40e9, "EUR")]),
    ("A two-day summit of the 83-member coalition", [("two-day", 2, "day"),
                                                     ("83-member", 83, "member")]),
    ("Three new cases were found; less than a third were children.",
     [("Three new cases", 3, "new cases"), ("a third", 0.333, None)]),
    ("About 40,000 people fled, 120 rescue boats were sent.",
     [("40,000 people", 40000, "people"), ("120 rescue boats", 120, "rescue boats")]),
    ("It receives nine million visitors a year.", [("nine million visitors", 9e6, "visitors")]),
    ("Caught between two stories right now.", [("two stories", 2, "stories")]),
    ("Half of them are children.", [("Half", 0.5, None)]),
])
def test_amounts(text: str, expected: list) -> None:
    assert amounts_of(tagged(text)) == expected


@pytest.mark.parametrize("text", [
    "Prices recover in the second half of the year.",
    "Duration 0:03:45 on the player.",
    "He scored in the 78th minute of a 2-1 win.",
    "Floods like this since 2004.",
    "Third, the countries of origin must act.",
])
def test_not_amounts(text: str) -> None:
    assert tagged(text).amounts == []


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(list("0123456789,.-$% ") + [
    " March ", " 2019", " in ", "two-thirds", " million", " people", "Thursday", " last month"]),
    max_size=40).map("".join))
def test_mentions_are_in_bounds_ordered_and_disjoint(text: str) -> None:
    doc = tagged(text, date(2021, 1, 1))
    for mentions in (doc.dates, doc.amounts):
        last_end = -1
        for m in mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert m.start >= last_end
            last_end = m.end
    for a in doc.amounts:
        assert not any(a.start < d.end and a.end > d.start for d in doc.dates)


def test_digits_of_other_scripts_are_still_amounts() -> None:
    # Candidates are found with str.find on ASCII digits; text with other digits takes the
    # full regex scan, so "١٠٠٠" and "۲۰۰" count as before.
    doc = tagged("Prices rose ٣٥ percent to ١٠٠٠ dinars, and “۲۰۰ people” fled.")
    assert amounts_of(doc) == [("٣٥ percent", 35, "%"), ("١٠٠٠ dinars", 1000, "dinars"),
                               ("۲۰۰ people", 200, "people")]


def test_other_digit_lead_bytes_cover_every_decimal_digit_outside_ascii() -> None:
    digits = re.findall(r"\d", "".join(map(chr, range(0x80, 0x30000))))
    leads = {digit.encode("utf-8")[:1] for digit in digits}
    assert leads <= set(OTHER_DIGIT_LEAD_BYTES)


def test_keywords_found_in_any_case_and_only_at_word_starts() -> None:
    doc = tagged("TWO-THIRDS of voters and Three new cases; often, attention, yesterday, "
                 "Earlier this week.", date(2021, 3, 10))
    assert [t for t, _, _ in amounts_of(doc)] == ["TWO-THIRDS", "Three new cases"]
    assert [t for t, _, _ in dates_of(doc)] == ["yesterday", "Earlier this week"]
