"""Dates and amounts, by compiled regular expressions over the clean text.

Dates (`tag_dates`)
- day:    "March 23, 2019", "23 March 2019", "Sept. 4, 2021", "2019-03-23"  -> that day
- month:  "April 2020", "late March 2019" (the month part)                 -> first of the month
- year:   "2014" only after a word that makes it a year ("in", "since", "by", "from", "until",
          "before", "after", "during", "of", "through") -> January 1st
- relative: weekdays, "yesterday", "today", "last/this/next week|month|year", "earlier this
          year", a month without a year ("in April", "March 4", the dateline "Nov 14"). Value
          computed from the article
          date (the anchor) when the page gives one: a weekday is the latest such day on or
          before the article date (news speaks of the week just past), "last month" the first
          of the previous month, "in April" April of the article's year. Value null otherwise.
Amounts (`tag_amounts`)
- "10,000 IS fighters" -> 10000 "IS fighters"; "$2.5 million" -> 2500000 "USD"; "0.8%" and
  "5 percent" -> 0.8/5 "%"; "83-member" -> 83 "member"; "two-thirds" -> 0.667; "half" -> 0.5;
  small number words ("three new cases") -> 3 "new cases".
- The unit is the noun phrase after the number, up to three words, ending after a plural noun
  ("two stories [right now]") or before a function word, a verb ending in -ed, punctuation or
  a date. Numbers inside a date mention, times of day/durations ("0:03:45"), ordinals ("78th"),
  scores ("2-1"), bare years and "the second half" are not amounts. A number without a counted
  thing keeps a null unit ("children under age 12"); a number word without one is skipped.
"""

from __future__ import annotations

import bisect
import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from tasks.document import Amount, DateMention, Document
from tasks.taggers.patterns import trie_pattern

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
# Case-sensitive: "may" the verb is not May the month.
# Abbreviations may drop the dot (wire datelines: "GENEVA, Nov 14 (Reuters)"); without a day or
# a year next to them they are not taken as months ("in Jan" is too rare to risk "Jan" the name).
# Plain literal alternatives (no group, no \b) keep the scan fast; every pattern using _MONTH
# requires a space or punctuation after it, so "Janet" is never "Jan".
_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|" + "|".join(
              f"{a}\\.|{a}" for a in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
                                     "Sep", "Oct", "Nov", "Dec")) + ")")
_BARE_MONTH_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
                             "Oct", "Nov", "Dec"}
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

def _matches_at(pattern: re.Pattern[str], text: str, positions: list[int]):
    """pattern.finditer(text) for a pattern whose every match starts at one of `positions`
    (sorted): matching only there skips the engine's attempt at every other position."""
    last_end = 0
    for at in positions:
        if at >= last_end:
            match = pattern.match(text, at)
            if match:
                last_end = match.end()
                yield match


def _positions(text: str, needles: str | tuple[str, ...]) -> list[int]:
    """Where any of `needles` occurs, sorted. str.find runs at C speed: ten single-digit finds
    over a 3,500-character article take about 7 µs, a regex scan for digits about 55 µs."""
    found = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append(at)
            at = text.find(needle, at + 1)
    found.sort()
    return found


def _digit_run_starts(text: str) -> list[int]:
    return [at for at in _positions(text, "0123456789")
            if at == 0 or not "0" <= text[at - 1] <= "9"]


class _KeywordPattern:
    """A regex tried only where one of its keywords occurs (in any case) at the start of a
    word: several times faster than letting the engine try every position, which it must for
    patterns that open with a common letter or ignore case. Keywords are single words, so no
    two occurrences overlap; every pattern's keywords are found together (_keyword_starts)."""

    def __init__(self, keywords: tuple[str, ...], pattern: re.Pattern[str]):
        assert not any(" " in k.strip() for k in keywords), "one word per keyword"
        self.keywords = keywords
        self.pattern = pattern
        _KEYWORD_PATTERNS.append(self)

    def finditer(self, text: str):
        return _matches_at(self.pattern, text, _keyword_starts(text).get(id(self), []))


_KEYWORD_PATTERNS: list[_KeywordPattern] = []


@lru_cache(maxsize=2)
def _keyword_starts(text: str) -> dict[int, list[int]]:
    """Word-start positions of every keyword pattern's keywords, by pattern: one trie-shaped
    scan of the lower-cased text serves the relative dates and the number words (tag_dates and
    tag_amounts run one after the other on the same text). One str.find per keyword was
    slower: 30 finds of a 3,500-character article cost more than the scan."""
    owner, finder = _keyword_finder()
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lower-cases to two characters: keep offsets
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    starts: dict[int, list[int]] = {}
    for match in finder.finditer(lower):
        if _starts_word(text, match.start()):
            starts.setdefault(owner[match.group()], []).append(match.start())
    return starts


@lru_cache(maxsize=1)
def _keyword_finder() -> tuple[dict[str, int], re.Pattern[str]]:
    owner = {k: id(p) for p in _KEYWORD_PATTERNS for k in p.keywords}
    return owner, re.compile(trie_pattern(tuple(owner)))


# Patterns open with a digit or a capital, which lets the regex engine skip ahead fast (a leading
# \b, a lookbehind or IGNORECASE makes a scan 4-10x slower); the left word boundary is checked
# in code (_starts_word).
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_YEAR + r"-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")),
    ("month_day_year", re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b")),
    ("day_month_year", re.compile(r"(?=\d)" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("month_year", re.compile(_MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b")),
    ("month_day", re.compile(_MONTH + r"\s+" + _DAY + r"\b(?!,?\s*\d)")),
    # A bare number is a year only after one of _YEAR_LEAD_INS ("in 2014", "since 1998").
    ("year", re.compile(_YEAR + r"\b(?![-–]\d|,\d|\.\d)")),
    # A month alone ("in April") only after one of _MONTH_LEAD_INS.
    ("in_month", re.compile(_MONTH + r"(?!\w|\s+\d)")),
    ("weekday", re.compile(r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                           r"Sunday)\b")),
    ("relative", _KeywordPattern(
        ("yesterday", "today", "tomorrow", "earlier ", "later ", "last ", "this ", "next ",
         "past "),
        re.compile(r"(?P<rel>(?:yesterday|today|tomorrow)\b|(?:earlier|later) this "
                   r"(?:week|month|year)\b|(?:last|this|next|past) (?:week|month|year)(?:end)?\b)",
                   re.IGNORECASE))),
]
# Where each date pattern can start: a run of digits, a month's first three letters, a weekday.
_STARTS_WITH = {"iso": "digits", "month_day_year": "months", "day_month_year": "digits",
                "month_year": "months", "month_day": "months", "year": "digits",
                "in_month": "months", "weekday": "weekdays"}
_MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                   "Dec")
_MONTH_PREFIX = re.compile("|".join(_MONTH_PREFIXES))  # one scan beats twelve finds here
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_YEAR_LEAD_INS = {"in", "since", "by", "from", "until", "till", "before", "after", "during",
                  "of", "through", "year", "early", "late", "mid"}
_MONTH_LEAD_INS = {"in", "since", "by", "from", "until", "before", "after", "during", "early",
                   "late", "mid", "last", "this", "next"}
_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


def _word_before(text: str, at: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, at - 20), at)
    return match.group(1).lower() if match else ""


class _Taken:
    """Disjoint spans already claimed, kept sorted so that overlap and "next span" queries cost
    a binary search, not a scan (a long article can hold thousands of mentions)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans or []):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return (i > 0 and self.ends[i - 1] > start) or (i < len(self.starts)
                                                         and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def next_start(self, at: int) -> int:
        i = bisect.bisect_left(self.starts, at)
        return self.starts[i] if i < len(self.starts) else 1 << 62


def tag_dates(doc: Document) -> None:
    """Fill doc.dates with date mentions in text order; overlapping patterns: first wins."""
    text, anchor = doc.text, doc.published
    taken = _Taken()
    mentions: list[DateMention] = []
    starts = {"digits": _digit_run_starts(text),
              "months": [m.start() for m in _MONTH_PREFIX.finditer(text)],
              "weekdays": _positions(text, _WEEKDAY_NAMES)}
    for kind, pattern in _DATE_PATTERNS:
        if kind in _STARTS_WITH:
            matches = _matches_at(pattern, text, starts[_STARTS_WITH[kind]])
        else:
            matches = pattern.finditer(text)
        for match in matches:
            start, end = match.span()
            if not _starts_word(text, start) or taken.overlaps(start, end):
                continue
            if kind == "year" and _word_before(text, start) not in _YEAR_LEAD_INS:
                continue
            if kind == "in_month" and (_word_before(text, start) not in _MONTH_LEAD_INS
                                       or match.group("month") in _BARE_MONTH_ABBREVIATIONS):
                continue
            mention = _date_mention(kind, match, anchor)
            if mention is not None:
                taken.add(start, end)
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    doc.dates = mentions


def _date_mention(kind: str, match: re.Match[str], anchor: date | None) -> DateMention | None:
    start, end = match.span()
    groups = match.groupdict()
    month = _month_number(groups["month"]) if groups.get("month") else None
    if kind == "iso":
        month = int(groups["mnum"])
    if kind in ("iso", "month_day_year", "day_month_year"):
        value = _safe_date(int(groups["year"]), month, int(groups["day"]))
        return DateMention(start, end, value, "day") if value else None
    if kind == "month_year":
        return DateMention(start, end, date(int(groups["year"]), month, 1), "month")
    if kind == "year":
        return DateMention(start, end, date(int(groups["year"]), 1, 1), "year")
    if kind == "month_day":
        value = _safe_date(anchor.year, month, int(groups["day"])) if anchor else None
        return DateMention(start, end, value, "relative", anchor)
    if kind == "in_month":
        value = date(anchor.year, month, 1) if anchor else None
        return DateMention(start, end, value, "relative", anchor)
    if kind == "weekday":
        value = None
        if anchor:
            back = (anchor.weekday() - _WEEKDAYS.index(groups["weekday"].lower())) % 7
            value = anchor - timedelta(days=back)
        return DateMention(start, end, value, "relative", anchor)
    return DateMention(start, end, _relative_value(groups["rel"].lower(), anchor), "relative",
                       anchor)


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "February 30": a typo, not a date
        return None


def _relative_value(phrase: str, anchor: date | None) -> date | None:
    """The first day of the period the phrase names, counted from the article date."""
    if anchor is None:
        return None
    unit = phrase.split()[-1].removesuffix("end")
    offset = {"last": -1, "past": -1, "next": 1}.get(phrase.split()[0], 0)
    if phrase in ("yesterday", "today", "tomorrow"):
        return anchor + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[phrase])
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday + timedelta(weeks=offset)
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + offset
        return date(months // 12, months % 12 + 1, 1)
    if unit == "year":
        return date(anchor.year + offset, 1, 1)
    return None


# --- amounts -------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
_FRACTION_WORDS = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
                   "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5}
_FRACTION_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6,
           "bln": 1e9, "m": 1e6, "bn": 1e9}
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}

_AMOUNT = re.compile(
    r"(?=[\d$€£¥U])"  # a known first character keeps the scan fast (see _DATE_PATTERNS)
    r"(?:(?P<currency>US\$|\$|€|£|¥)\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|bln|bn|m)\b)?"
    r"(?:\s?(?P<percent>%|percent\b|per cent\b))?"
    r"(?P<hyphen_unit>-(?!\d)[a-z]+(?:-[a-z]+)*)?"
    r"(?![\w:]|[.,]\d|-\d)"
)
_FRACTIONS = r"(?:half|thirds?|quarters?|fifths?)"
_WORD_AMOUNT = _KeywordPattern(
    ("half", "third", "quarter", "fifth", *_NUMBER_WORDS),
    re.compile(r"(?P<fraction>" + _FRACTIONS + r")\b(?!-)"
               r"|(?P<word>" + "|".join(_NUMBER_WORDS) + r")(?![\s-]" + _FRACTIONS + r"\b)"
               r"(?P<word_hyphen_unit>-[a-z]+)?\b", re.IGNORECASE))
_SCALE_AFTER_WORD = re.compile(r"\s+(thousand|million|billion|trillion)\b", re.IGNORECASE)
_HALF_PERIOD_WORDS = {"first", "second", "latter", "last", "other", "next"}
_NUMERATOR_BEFORE = re.compile(r"\b(a|one|two|three|four)[ -]$", re.IGNORECASE)
_NOT_BEFORE_NUMBER = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,:/-")
_UNIT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z’'.-]*)(?![\w])")
# Words that end the thing counted: "31 countries and partners", "10,000 fighters remained".
_UNIT_STOP = {
    "and", "or", "of", "in", "to", "were", "are", "is", "was", "be", "been", "have", "has",
    "had", "who", "that", "which", "from", "across", "at", "on", "for", "by", "with", "than",
    "still", "as", "a", "an", "the", "their", "its", "his", "her", "into", "per", "over",
    "under", "after", "before", "since", "during", "while", "when", "where", "would", "will",
    "could", "can", "may", "might", "must", "should", "but", "not", "so", "then", "there",
    "this", "these", "those", "them", "it", "they", "we", "he", "she", "you", "i", "more",
    "less", "fewer", "about", "around", "some", "all", "each", "every", "if", "because",
    "mostly", "including", "like", "such", "also", "already", "only", "just", "ago", "old",
    "right", "now", "here", "again", "later", "earlier", "each", "every", "apiece", "ago",
}
_MAX_UNIT_WORDS = 3


def _amount_starts(text: str) -> list[int] | None:
    """Where an amount can start: a currency sign or a run of digits. None when the text has
    digits of other scripts ("١٠٠٠"), which only the full scan finds."""
    if _has_other_digits(text):
        return None
    return sorted(set(_digit_run_starts(text)) | set(_positions(text, ("US$", "$", "€", "£", "¥"))))


# The UTF-8 lead bytes of every decimal digit outside ASCII (Arabic-Indic, Devanagari, Thai,
# fullwidth ...; tests/test_dates_amounts.py checks the list against the regex engine's \d).
# Curly quotes and dashes (lead byte E2) are not among them, so English news skips the scan.
OTHER_DIGIT_LEAD_BYTES = (b"\xd9", b"\xdb", b"\xdf", b"\xe0", b"\xe1", b"\xea", b"\xef", b"\xf0")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _has_other_digits(text: str) -> bool:
    if text.isascii():
        return False
    encoded = text.encode("utf-8", "surrogatepass")
    return (any(lead in encoded for lead in OTHER_DIGIT_LEAD_BYTES)
            and _OTHER_DIGIT.search(text) is not None)


def tag_amounts(doc: Document) -> None:
    """Fill doc.amounts in text order. Run after tag_dates: numbers inside dates are skipped."""
    text = doc.text
    dates = _Taken([(d.start, d.end) for d in doc.dates])
    amounts: list[Amount] = []
    starts = _amount_starts(text)
    for match in (_AMOUNT.finditer(text) if starts is None else
                  _matches_at(_AMOUNT, text, starts)):
        start, end = match.span()
        if (start and text[start - 1] in _NOT_BEFORE_NUMBER) or dates.overlaps(start, end):
            continue
        amount = _numeric_amount(text, match, dates.next_start(end))
        if amount is not None and (not amounts or amount.start >= amounts[-1].end):
            amounts.append(amount)
    taken = _Taken([(d.start, d.end) for d in doc.dates] + [(a.start, a.end) for a in amounts])
    for match in _WORD_AMOUNT.finditer(text):
        start, end = match.span()
        if not _starts_word(text, start) or taken.overlaps(start, end):
            continue
        amount = _word_amount(text, match, dates.next_start(end))
        if amount is not None and not taken.overlaps(amount.start, amount.end):
            amounts.append(amount)
            taken.add(amount.start, amount.end)
    amounts.sort(key=lambda a: a.start)
    doc.amounts = amounts


def _numeric_amount(text: str, match: re.Match[str], limit: int) -> Amount | None:
    start, end = match.span()
    raw_number = match.group("number")
    value = float(raw_number.replace(",", ""))
    currency, scale = match.group("currency"), match.group("scale")
    if scale:
        if scale == "m" and not currency:
            return None  # "5 m" is more likely metres than millions without a currency
        value *= _SCALES[scale]
    if match.group("percent"):
        return Amount(start, end, value, "%")
    if currency:
        return Amount(start, end, value, _CURRENCIES[currency])
    if match.group("hyphen_unit"):
        return Amount(start, end, value, match.group("hyphen_unit")[1:])
    if re.fullmatch(r"(?:1[89]|20)\d\d", raw_number):
        unit, unit_end = _unit_after(text, end, limit)
        if unit is None or not unit.endswith("s"):
            return None  # a bare year ("since 2004"), not a count
        return Amount(start, unit_end, value, unit)
    unit, unit_end = _unit_after(text, end, limit)
    return Amount(start, unit_end if unit else end, value, unit)


def _word_amount(text: str, match: re.Match[str], limit: int) -> Amount | None:
    start, end = match.span()
    if match.group("fraction"):
        fraction = match.group("fraction").lower()
        numerator = _NUMERATOR_BEFORE.search(text, max(0, start - 6), start)
        if numerator is None:
            # "Third, the countries ..." is the ordinal; only "half" stands alone, and "the
            # second half of the year" is a period, not an amount.
            if fraction != "half" or _word_before(text, start) in _HALF_PERIOD_WORDS:
                return None
            return Amount(start, end, 0.5, None)
        count = _FRACTION_NUMERATORS[numerator.group(1).lower()]
        return Amount(numerator.start(), end, round(count * _FRACTION_WORDS[fraction], 3), None)
    value = float(_NUMBER_WORDS[match.group("word").lower()])
    scale = _SCALE_AFTER_WORD.match(text, end)
    if scale and not match.group("word_hyphen_unit"):  # "nine million visitors"
        value *= _SCALES[scale.group(1).lower()]
        end = scale.end()
    if match.group("word_hyphen_unit"):
        return Amount(start, end, value, match.group("word_hyphen_unit")[1:])
    unit, unit_end = _unit_after(text, end, limit)
    if unit is None:
        return None  # a bare number word ("the two", "all three") counts nothing we can name
    return Amount(start, unit_end, value, unit)


def _unit_after(text: str, at: int, limit: int) -> tuple[str | None, int]:
    """The noun phrase right after a number: (unit, end offset), or (None, at)."""
    words: list[str] = []
    end = at
    while len(words) < _MAX_UNIT_WORDS:
        match = _UNIT_WORD.match(text, end)
        if match is None or "\n" in match.group(0) or match.end() > limit:
            break
        word = match.group(1)
        bare = word.rstrip(".,;:")
        lower = bare.lower()
        # Exact case: "IS fighters" is a unit, "is" a verb.
        if bare in _UNIT_STOP or lower in _MONTHS or (words and lower.endswith("ed")):
            break
        words.append(bare)
        end = match.start(1) + len(bare)
        if bare != word:
            break  # punctuation closes the phrase
        if len(bare) > 2 and bare.endswith("s") and not bare.endswith("ss"):
            break  # a plural noun heads the phrase: "two stories [right now]", "IS fighters"
    if not words:
        return None, at
    return " ".join(words), end
