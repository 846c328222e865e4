"""Article metadata read from scraped text: dates, bylines, durations, sites, photo markers.

Every parser here returns None (or nothing) when the input does not clearly state the value:
missing metadata is null in the dataset, never guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTHS, start=1)}
_MONTH_NUMBER.update({m[:3]: i for i, m in enumerate(_MONTHS, start=1)})
_MONTH_NUMBER["sept"] = 9
# Full names and AP-style abbreviations ("Aug.", "Sept."), longest first so "june" beats "jun".
MONTH_PATTERN = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))

# "June 04, 2020 03:41 PM", "Published: Jun. 4, 2020", "Updated June 4, 2020 3:41 PM EDT".
DATE_LINE = re.compile(
    rf"^(?P<label>(?:last )?updated:?|published:?|posted:?)?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
    rf"(?P<month>{MONTH_PATTERN})\.? (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})"
    rf"(?:,? (?:at )?\d{{1,2}}:\d{{2}}(?: ?[ap]\.?m\.?)?(?: [a-z]{{2,5}})?)?"
    # "June 21, 2023 · 4 min read", "March 3, 2011 | Local": a short label after a separator.
    rf"(?: [·|•] [^.!?]{{1,30}})?$",
    re.IGNORECASE,
)
# "By Jeff Seldin", "By Jeff Seldin and Margaret Besheer", "By Jeff Seldin, VOA News".
BYLINE = re.compile(r"^by:? (?P<names>[^\s.!?][^.!?]{0,150})$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r",\s*|\s+and\s+|\s*&\s*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|de|da|van|von|der|bin|al|el|la|le)$")
# Bylines that name the outlet rather than a person ("By VOA News", "By Associated Press").
_ORG_WORDS = {"news", "staff", "reuters", "ap", "afp", "voa", "wire", "service", "agencies",
              "associated", "press"}

FILE_PHOTO = re.compile(r"^FILE\s*[-–—]\s+|\(File\)\s*\.?$", re.IGNORECASE)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_TIME_TOKEN = re.compile(rf"\b{_TIME}\b")
_ISO_DURATION = re.compile(r"^P(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)$", re.IGNORECASE)
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}$")
URL_LINE = re.compile(r"^(?:url:\s*|source:\s*)?(https?://\S+)$", re.IGNORECASE)


def normalize_lines(text: str) -> list[str]:
    """Decoded input -> lines with BOM, CR/CRLF, NBSP and runs of whitespace normalized."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.split()) for line in text.split("\n")]


def parse_date_line(line: str) -> tuple[date, bool] | None:
    """(date, is_update) when the whole line is a publication or update timestamp."""
    if len(line) > 80:
        return None
    m = DATE_LINE.match(line)
    if not m:
        return None
    try:
        value = date(int(m["year"]), _MONTH_NUMBER[m["month"].lower()], int(m["day"]))
    except ValueError:
        return None
    return value, bool(m["label"] and "updated" in m["label"].lower())


def parse_iso_date(value: str) -> date | None:
    """Dates as structured data writes them: "2020-06-04", "2020-06-04T15:41:33-04:00",
    "2020-06-04 19:41:33Z"."""
    value = value.strip()
    if len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def parse_byline(line: str) -> list[str] | None:
    """Authors named by a byline line, or None when the line is not a byline."""
    m = BYLINE.match(line)
    if not m:
        return None
    names = []
    for part in _NAME_SPLIT.split(m["names"]):
        words = part.split()
        if not words:
            continue
        if {w.casefold() for w in words} & _ORG_WORDS:
            continue  # "VOA News", "Associated Press": the outlet, not a person
        if len(words) > 5 or not all(_NAME_WORD.match(w) for w in words):
            return None
        names.append(" ".join(words))
    return names or None


def split_author_names(text: str) -> list[str]:
    """Names from an author string such as "Jeff Seldin and Margaret Besheer"."""
    text = re.sub(r"^by:?\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    return [n for n in (p.strip() for p in _NAME_SPLIT.split(text)) if n]


def longest_duration_s(display: str) -> int | None:
    """Seconds of the longest time in a player display ("0:00 0:03:45 0:00" -> 225)."""
    best = 0
    for token in _TIME_TOKEN.findall(display):
        value = 0
        for unit in token.split(":"):
            value = value * 60 + int(unit)
        best = max(best, value)
    return best or None


def iso_duration_s(value: str) -> int | None:
    """Seconds of an ISO 8601 duration as schema.org writes it ("PT3M45S" -> 225)."""
    m = _ISO_DURATION.match(value.strip())
    if not m or not any(m.groups()):
        return None
    hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    return int(hours * 3600 + minutes * 60 + seconds) or None


def is_file_photo(caption: str) -> bool:
    return bool(FILE_PHOTO.search(caption))


def site_of_url(url: str) -> str | None:
    """"https://www.voanews.com/a/x.html" -> "voanews.com"; None for anything not an http(s) URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not _HOST.match(host):
        return None
    return host.removeprefix("www.")


def site_of_path(source_path: str) -> str | None:
    """The site a user filed a scrape under ("voanews.com/2020/x.txt" -> "voanews.com"): the
    deepest folder whose name is a host name. Files are not considered, only folders."""
    for folder in reversed(source_path.split("/")[:-1]):
        host = folder.lower()
        if _HOST.match(host):
            return host.removeprefix("www.")
    return None
