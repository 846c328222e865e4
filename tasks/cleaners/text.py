"""Text scrapes: remove chrome line by line, keep the article, say why each line went.

A scrape reads top to bottom as: navigation preamble, title, photo caption (with the image's
alt-text maybe repeated), summary, media player, byline/date, body (paragraphs, subheadings,
embedded players and related-story boxes), footer. Lines are classified in passes over that layout;
each removal is recorded with its rule. Nothing here backtracks: every pass is linear in the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.cleaners.metadata import (
    MONTH_PATTERN,
    URL_LINE,
    is_file_photo,
    longest_duration_s,
    normalize_lines,
    parse_byline,
    parse_date_line,
    site_of_path,
    site_of_url,
)
from tasks.cleaners.profiles import SourceProfile, generic_profile, profile_for_scrape, profile_for_site
from tasks.document import (
    BLOCK_SEPARATOR,
    CAPTION,
    HEADING,
    PARAGRAPH,
    SUMMARY,
    TITLE,
    Block,
    Caption,
    Document,
    RejectError,
    Removal,
)

# VOA captions end with the photo's date: "... in Washington, April 29, 2020.", "Aug. 5, 2022."
_DATED_CAPTION = re.compile(rf"\b(?:{MONTH_PATTERN})\.? \d{{1,2}}, \d{{4}}\.?$", re.IGNORECASE)
_FILE_MARKERS = re.compile(r"^FILE\s*[-–—]\s+|\s*\(File\)\s*\.?$", re.IGNORECASE)
_SENTENCE_END = tuple('.!?:;"”’)…。！？»')
_PARAGRAPH_END = tuple('.:;"”’…。»')
HEADING_MAX_WORDS = 10
# A prose line is a sentence of some length: it can only be article text (or a caption).
PROSE_MIN_WORDS = 12
# Byline and date lines are looked for among this many kept lines after the title.
METADATA_WINDOW = 8
# The article's own player splits the head (caption, summary) from the body only this early.
MAX_HEAD_LINES = 4
_SIGNATURE_LINES = 60


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the decoded input
    text: str
    rule: str | None = None  # set once the line is removed
    candidate_rule: str | None = None  # chrome only if it stands in a chrome run

    @property
    def kept(self) -> bool:
        return self.rule is None


def is_prose(text: str) -> bool:
    return len(text.split()) >= PROSE_MIN_WORDS and text.endswith(_SENTENCE_END)


def is_heading(text: str) -> bool:
    return len(text.split()) <= HEADING_MAX_WORDS and not text.endswith(_SENTENCE_END)


def _caption_like(text: str) -> bool:
    return is_file_photo(text) or bool(_DATED_CAPTION.search(text))


def clean_text_scrape(doc: Document, learned_lines: frozenset[str] = frozenset()) -> None:
    lines = [Line(no, text) for no, text in enumerate(normalize_lines(doc.raw_text), start=1) if text]
    if not lines:
        raise RejectError("empty", "no non-blank line in the input")
    site = site_of_path(doc.source_path)
    profile = (profile_for_site(site)
               or profile_for_scrape([ln.text for ln in lines[:_SIGNATURE_LINES]])
               or generic_profile())

    mark_rules(lines, profile, learned_lines)
    site = site or read_url_lines(lines)
    remove_preamble(lines, profile)
    remove_chrome_runs(lines, leading_only=True)  # the page's top, so the title can be found
    title_at = next((i for i, ln in enumerate(lines) if ln.kept), None)
    if title_at is None:
        raise RejectError("only_boilerplate", f"all {len(lines)} non-blank lines were boilerplate")
    title = lines[title_at].text
    # Structural rules before the run rule, so the audit names the specific reason.
    player_at = remove_player_residue(lines, title_at, profile)
    remove_footer(lines, title_at, profile)
    remove_related_lists(lines, title_at, profile)
    remove_chrome_runs(lines)
    read_byline_and_date(doc, lines, title_at)
    doc.media_duration_s = next((longest_duration_s(ln.text) for ln in lines
                                 if ln.rule == "media:time_display"), None)

    kept = [ln for ln in lines[title_at + 1:] if ln.kept]
    head_len = _head_length(lines, title_at, player_at)
    if head_len:
        # Alt text is looked for in the same window as without a player (the head and the line
        # after it), so cleaning a cleaned article - where the player is gone - changes nothing.
        remove_alt_text_until_stable(kept, head_len + 1)
        head = [ln for ln in kept[:head_len] if ln.kept]
        body = [ln for ln in kept[head_len:] if ln.kept]
    else:
        # No player to mark where the head ends: only a caption (and its alt text) can be told
        # from the body, by its "FILE -" marker or closing date.
        remove_alt_text_until_stable(kept, 2)
        body = [ln for ln in kept if ln.kept]
        head = []
        if len(body) > 1 and _caption_like(body[0].text):
            head, body = body[:1], body[1:]

    blocks = [Block(TITLE, title)]
    for i, ln in enumerate(head):
        if i == 0 and (len(head) > 1 or _caption_like(ln.text)):
            doc.captions.append(Caption(ln.text, is_file_photo(ln.text)))
            blocks.append(Block(CAPTION, ln.text))
        else:
            doc.summary = ln.text if doc.summary is None else f"{doc.summary} {ln.text}"
            blocks.append(Block(SUMMARY, ln.text))
    for ln in body:
        if is_file_photo(ln.text) and is_prose(ln.text):
            doc.captions.append(Caption(ln.text, True))
            blocks.append(Block(CAPTION, ln.text))
        else:
            blocks.append(Block(HEADING if is_heading(ln.text) else PARAGRAPH, ln.text))
    if not any(b.kind == PARAGRAPH for b in blocks):
        raise RejectError("no_body", "no body paragraph left after removing boilerplate")

    doc.removed.extend(Removal(ln.no, ln.text, ln.rule) for ln in lines if ln.rule)
    doc.source = site
    doc.title = title
    doc.blocks = blocks
    doc.text = BLOCK_SEPARATOR.join(b.text for b in blocks)


def mark_rules(lines: list[Line], profile: SourceProfile, learned: frozenset[str]) -> None:
    """Named line rules remove a line anywhere; edge lines and learned lines become candidates."""
    for ln in lines:
        ln.rule = profile.rule_for_line(ln.text)
        if ln.rule is None:
            edge_rule = profile.edge_line_rules.get(ln.text.casefold())
            if edge_rule is not None:
                ln.candidate_rule = edge_rule
            elif ln.text in learned:
                ln.candidate_rule = "learned:repeated_line"


def remove_preamble(lines: list[Line], profile: SourceProfile) -> None:
    """Everything before the platform's last preamble marker (e.g. "Breaking News") that comes
    before the first prose line is navigation."""
    first_prose = next((i for i, ln in enumerate(lines) if is_prose(ln.text)), len(lines))
    end = None
    for i in range(first_prose):
        if lines[i].text.casefold() in profile.preamble_end:
            end = i
    if end is None:
        return
    for ln in lines[:end]:
        if ln.kept:
            ln.rule = ln.candidate_rule or "chrome:navigation"


def remove_chrome_runs(lines: list[Line], leading_only: bool = False) -> None:
    """Candidates are removed when they stand in a run of consecutive non-kept-or-candidate lines
    that holds a line a named rule removed, or that touches either end of the page."""
    i, n = 0, len(lines)
    while i < n and not (leading_only and i > 0):
        if lines[i].kept and lines[i].candidate_rule is None:
            i += 1
            continue
        j = i
        while j < n and (not lines[j].kept or lines[j].candidate_rule is not None):
            j += 1
        run = lines[i:j]
        if i == 0 or j == n or any(not ln.kept for ln in run):
            for ln in run:
                if ln.kept:
                    ln.rule = ln.candidate_rule
        i = j


def remove_player_residue(lines: list[Line], title_at: int, profile: SourceProfile) -> int | None:
    """Remove the player's repeat of the title and the title of any other embedded player (the
    line just before "please wait"). Returns where the article's own player (the one that repeats
    the title) starts: on video pages the caption and summary sit between title and player."""
    title = lines[title_at].text
    player_at = None
    for i in range(title_at + 1, len(lines)):
        ln = lines[i]
        if ln.kept and ln.text == title:
            ln.rule = "media:repeated_title"
        elif (ln.kept and i + 1 < len(lines)
              and lines[i + 1].text.casefold() in profile.player_markers and not is_prose(ln.text)):
            ln.rule = "media:player_title"
        if player_at is None and ln.rule == "media:repeated_title":
            player_at = i
    return player_at


def remove_footer(lines: list[Line], title_at: int, profile: SourceProfile) -> None:
    start = next((i for i in range(title_at + 1, len(lines))
                  if lines[i].text.casefold() in profile.footer_start), None)
    if start is None:
        return
    for ln in lines[start:]:
        if ln.kept:
            ln.rule = "chrome:footer"


def remove_related_lists(lines: list[Line], title_at: int, profile: SourceProfile) -> None:
    """A "Related" marker and the headlines under it (at most `related_max_items`), up to the
    first line that ends like a sentence."""
    i = title_at + 1
    while i < len(lines):
        if lines[i].kept and lines[i].text.casefold() in profile.related_start:
            lines[i].rule = "chrome:related_list"
            taken, j = 0, i + 1
            # Headlines do not end like a sentence; the first line that does is article text.
            while (j < len(lines) and taken < profile.related_max_items
                   and not lines[j].text.endswith(_PARAGRAPH_END)):
                if lines[j].kept:
                    lines[j].rule = "chrome:related_list"
                    taken += 1
                j += 1
            i = j
        else:
            i += 1


def read_url_lines(lines: list[Line]) -> str | None:
    """A bare URL line (some scrapers save the page address) names the site; it is not article."""
    site = None
    for ln in lines:
        if ln.kept:
            m = URL_LINE.match(ln.text)
            if m and (found := site_of_url(m[1])):
                ln.rule = "meta:url"
                site = site or found
    return site


def read_byline_and_date(doc: Document, lines: list[Line], title_at: int) -> None:
    seen = 0
    for ln in lines[title_at + 1:]:
        if not ln.kept:
            continue
        seen += 1
        if seen > METADATA_WINDOW:
            break
        dated = parse_date_line(ln.text)
        if dated is not None:
            value, is_update = dated
            ln.rule = "meta:updated" if is_update else "meta:published"
            if not is_update and doc.published is None:
                doc.published = value
            continue
        names = parse_byline(ln.text)
        if names is not None:
            ln.rule = "meta:byline"
            doc.authors.extend(n for n in names if n not in doc.authors)


def _head_length(lines: list[Line], title_at: int, player_at: int | None) -> int:
    """How many kept lines between the title and an early media player are caption and summary."""
    if player_at is None:
        return 0
    count = sum(1 for ln in lines[title_at + 1:player_at] if ln.kept)
    return count if count <= MAX_HEAD_LINES else 0


def _comparable(text: str) -> str:
    text = _FILE_MARKERS.sub("", text)
    return " ".join(text.casefold().rstrip(".").split())


def remove_alt_text_until_stable(kept: list[Line], window: int) -> None:
    """Removing one copy brings the next line into the window; repeat until nothing changes, or a
    second cleaning would find what the first left."""
    while True:
        lines = [ln for ln in kept if ln.kept][:window]
        if len(remove_alt_text(lines)) == len(lines):
            return


def remove_alt_text(head: list[Line]) -> list[Line]:
    """An image's alt text repeats its caption (often without the "FILE -" marker, sometimes cut
    short): keep the caption, remove the copy. Only a copy of a line that reads as a caption
    (marker or closing date) counts, so two similar opening paragraphs are both kept."""
    kept: list[Line] = []
    for ln in head:
        duplicate_of = next((k for k in kept if _same_caption(k.text, ln.text)), None)
        if duplicate_of is None:
            kept.append(ln)
            continue
        # Keep whichever carries more (the marker, the full text); the other is the alt text.
        caption, copy = ((ln, duplicate_of) if len(ln.text) > len(duplicate_of.text)
                         else (duplicate_of, ln))
        if not _caption_like(caption.text):
            kept.append(ln)
            continue
        copy.rule = "media:alt_text"
        if caption is ln:  # the earlier line was the copy: the caption takes its place
            kept[kept.index(duplicate_of)] = ln
    return kept


def _same_caption(a: str, b: str) -> bool:
    ca, cb = _comparable(a), _comparable(b)
    if len(ca.split()) < 4 or len(cb.split()) < 4:
        return ca == cb and bool(ca)
    shorter, longer = sorted((ca, cb), key=len)
    return longer.startswith(shorter)
