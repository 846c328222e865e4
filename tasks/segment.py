"""Segment: turn cleaned blocks into segments and sentences with offsets into the clean text.

Segments are the cleaner's blocks (kinds: see `tasks.document.SEGMENT_KINDS`), located in
`doc.text` so that `doc.text[start:end]` is the block's text. Sentences are found inside each
segment by `split_sentences`, and carry the index of their segment.

`split_sentences` is a rule-based splitter tuned for English news prose. No library met both
targets (>= 10x pySBD's speed and >= its accuracy on tests/segment_cases.py): pySBD is slow,
sentencex/blingfire/syntok miss quote, list, heading and abbreviation cases; see
benchmarks/segment_bench.py for the numbers. One compiled regex finds candidate boundaries
(terminal punctuation followed by space, CJK terminal punctuation, line breaks, inline bullets);
a few precise rules decide each candidate:

* A sentence never ends before a word that starts in lower case ("at 9 a.m. local time",
  "“Is anyone there?” he called", "Our fight ... continues").
* Titles before names never end a sentence (Dr., Sen., Gen., St.); nor do "No.", "Fig.", "Jan."
  and other number prefixes when a number follows ("No. 5", "Jan. 15").
* Abbreviations that can end a sentence (U.S., Inc., etc., initials such as "W.") end one only
  when the next word is a typical sentence opener ("... to the U.S. He landed" vs "U.S. Senate").
  a.m./p.m. end one unless a weekday, month or time zone follows ("8 p.m. Results" vs
  "10 a.m. Monday").
* A quotation is never broken: a sentence does not end inside a double-quoted passage that closes
  later on the same line, so a quote of several sentences stays one sentence with its
  attribution (“Our fight ... continues. We cannot rest,” Pompeo said.). A closing quote after
  "?"/"!" followed by "Name said" keeps the attribution too (“Why now?” Pompeo asked.).
* A blank line always ends a sentence; a single line break ends one after a heading-like line
  (short, no final punctuation), a line ending in ":", or around bullet and numbered list lines.
  Bullet glyphs ("-", "•", ...) starting a list line are not part of the sentence.
* Text in scripts without letter case (Arabic, Hindi, Chinese, ...) splits at its own terminal
  punctuation; nothing in the rules assumes English beyond the abbreviation lists, so other
  languages degrade to "split at terminal punctuation before a non-lower-case word".
"""

from __future__ import annotations

import re

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import (
    SEGMENT_KINDS,
    Document,
    RejectError,
    Segment,
    Sentence,
    apply_per_document,
)

# Titles that precede a name: never the last word of a sentence.
_TITLES = frozenset("""
    mr mrs ms messrs mmes dr drs prof sen sens rep reps gen gens brig lt col maj capt cmdr cdr adm
    sgt cpl pvt spc pfc gov govs pres sec supt insp det rev fr hon amb atty st ste mt ft vs v cf
""".split())
# Words that are abbreviations before a number ("No. 5", "Jan. 15", "Fig. 2"); without one they
# are judged like any other word ("The answer was No.", "John P. Smith").
_NUMBER_PREFIXES = frozenset("""
    no nos vol vols p pp art arts fig figs ch para op approx jan feb mar apr jun jul aug sep
    sept oct nov dec
""".split())
# Abbreviations that may also end a sentence; dotted acronyms (U.S., U.N., e.g.) and single
# capital initials are treated the same way.
_MAYBE_FINAL = frozenset("""
    inc ltd co corp jr sr bros llc plc esq etc ph.d al dept univ assn ret
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn vt va wash wis wyo
""".split())
_TIME_ABBREVIATIONS = frozenset(("a.m", "p.m"))
# Words that continue a sentence after "a.m."/"p.m.".
_TIME_CONTINUATIONS = frozenset("""
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist eastern
    pacific central mountain greenwich
""".split())
# Typical first words of a sentence: after an abbreviation that may end a sentence, one of these
# (capitalised) says it did end there. Mostly function words, which rarely start a name, and a
# few subjects that open many news sentences ("... over the U.S. Officials blamed Iran.").
_SENTENCE_OPENERS = frozenset("""
    the a an he she it they we i you his her its their our my your this that these those there
    here but and or so yet in on at for with as if when while after before since although though
    however meanwhile still now then some many most much no none nor not what who why how where
    which one two three last next earlier later also according despite during under other such
    both each all every more several nonetheless nevertheless instead yes only even just
    officials authorities police nobody everyone everybody someone somebody nothing
""".split())

# "“Why now?” Pompeo asked." - a capitalised speaker and a speech verb after a closing quote
# continue the quote's sentence.
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|asked|asks|told|tells|shouted|shouts|added|adds|"
    r"replied|replies|wrote|writes|recalled|recalls|explained|insisted|warned|cried|yelled|"
    r"continued|declared|stated|noted|argued|answered)\b"
)
_CLOSERS = "\"'”’»)\\]}›」』）"
_QUOTE_CLOSERS = "\"'”’»›"
_OPENERS = "\"'“‘«([{¿¡‹「『（"
_BULLET_GLYPHS = "-*•▪◦●○■□►▶‣⁃∙·➢✓–—"
_INLINE_BULLET_GLYPHS = "•▪◦●■►▶‣"

_TERMINALS = ".!?…‼⁇⁈⁉।॥؟۔።"
_CJK_TERMINALS = "。！？｡︒"
_CANDIDATE = re.compile(
    # Every alternative starts with one of these characters. Saying so up front lets the engine
    # reject other positions at once: 4-5x faster than the bare alternation.
    rf"(?=[{_TERMINALS}{_CJK_TERMINALS}\n{_INLINE_BULLET_GLYPHS}])(?:"
    # Western terminal punctuation (incl. spaced ellipsis ". . ."), closing quotes/brackets, then
    # whitespace or the end of the text.
    rf"(?P<term>\.(?:[ ]\.)+|[{_TERMINALS}]+)(?P<close>[{_CLOSERS}]*)(?P<ws>\s+|\Z)"
    # CJK terminal punctuation needs no following space.
    rf"|(?P<cjk>[{_CJK_TERMINALS}]+[{_CLOSERS}]*)"
    # A line break not preceded by terminal punctuation (that case is the first alternative).
    rf"|(?P<nl>\n\s*)"
    # An inline bullet: "Related • Iraq votes • Syria talks".
    rf"|(?<=\s)(?P<bullet>[{_INLINE_BULLET_GLYPHS}])(?=\s))"
)
# "1. ", "b) ", "iv. ", "(a) " opening a list line
_ENUMERATOR = re.compile(
    r"(?:\d{1,3}|[A-Za-z]|[IVXivx]{1,5})[.)]\s|\((?:\d{1,3}|[A-Za-z]|[ivx]{1,5})\)\s")
_DOTTED_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NEXT_WORD = re.compile(rf"[{_OPENERS}]*(\w*)")
_ROMAN_OR_NUMBER = re.compile(r"\d{1,3}|[IVXivx]{1,5}|[A-Za-z]")
_HEADING_MAX_CHARS = 60
_MAX_TOKEN_CHARS = 40
_QUOTE_MARK = re.compile(r'[“”"«»]')
# Longer "quotations" are almost always a stray mark pairing with an unrelated one.
_MAX_QUOTATION_CHARS = 2000
# A short bracketed tag ending a text without punctuation of its own: "(File)", "(AP)", "[Reuters]"
_TRAILING_MARKER = re.compile(r"\([^().!?]{1,30}\)|\[[^\[\].!?]{1,30}\]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` into `text`, in order, non-overlapping, never starting or
    ending with whitespace; empty or whitespace-only text gives no spans."""
    spans: list[tuple[int, int]] = []
    start = _sentence_start(text, 0)
    quotations = _quotations(text)
    next_quotation = 0
    for match in _CANDIDATE.finditer(text):
        end_at = match.start()
        if end_at < start:  # inside whitespace or a bullet already skipped
            continue
        kind = match.lastgroup
        if kind == "ws" or kind == "cjk":
            # `ws` closes the first alternative: the sentence ends after `close`
            end_at = match.start("ws") if kind == "ws" else match.end()
            if kind == "ws" and not _ends_sentence(text, start, match, end_at):
                continue
            while next_quotation < len(quotations) and quotations[next_quotation][1] < end_at:
                next_quotation += 1
            if next_quotation < len(quotations) and quotations[next_quotation][0] < end_at:
                continue  # inside a quotation that closes later: never break a quote
        else:  # a line break or an inline bullet: the sentence ends before the space before it
            while end_at > start and text[end_at - 1].isspace():
                end_at -= 1
            if kind == "nl" and not _line_break_ends_sentence(text, start, end_at, match.end()):
                continue
            # `bullet`: always a boundary; _sentence_start skips the glyph.
        if end_at > start:
            spans.append((start, end_at))
        start = _sentence_start(text, match.end() if kind != "bullet" else match.start())
    end = len(text.rstrip())
    if start < end:
        if spans and _TRAILING_MARKER.fullmatch(text, start, end):
            spans[-1] = (spans[-1][0], end)  # "... in Syria. (File)": a marker, not a sentence
        else:
            spans.append((start, end))
    return spans


def _quotations(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) positions of double-quoted passages on one line, in order.

    Curly and angle marks open/close by shape; a straight mark opens after a space or bracket
    and closes otherwise. An opening mark inside an open quotation restarts it (the first mark was
    stray), a closing mark with nothing open is ignored, and a quotation still open at the end of
    its line is no quotation: a scrape's stray mark must not glue a paragraph into one sentence.
    """
    found: list[tuple[int, int]] = []
    opened = -1
    for mark in _QUOTE_MARK.finditer(text):
        at = mark.start()
        ch = text[at]
        if ch == '"':
            opens = at == 0 or text[at - 1].isspace() or text[at - 1] in "([{—–-"
        else:
            opens = ch in "“«"
        if opens:
            opened = at
        elif opened >= 0:
            if at - opened <= _MAX_QUOTATION_CHARS and text.find("\n", opened, at) < 0:
                found.append((opened, at))
            opened = -1
    return found


def _sentence_start(text: str, i: int) -> int:
    """First character of the sentence that begins at or after `i`: skips whitespace and a
    bullet glyph that opens a list line."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    if i + 1 < n and text[i] in _BULLET_GLYPHS and text[i + 1].isspace():
        i += 1
        while i < n and text[i].isspace():
            i += 1
    return i


def _ends_sentence(text: str, start: int, match: re.Match[str], end_at: int) -> bool:
    next_at = match.end()
    if next_at >= len(text):
        return True
    ws = match.group("ws")
    if ws.count("\n") >= 2:
        return True
    if _continues_sentence(text, next_at) or not _has_content(text, start, match.start()):
        return _line_break_ends_sentence(text, start, end_at, next_at) if "\n" in ws else False
    close = match.group("close")
    if (close and close[-1] in _QUOTE_CLOSERS and _ATTRIBUTION.match(text, next_at)
            and not _next_word_opens_sentence(text, next_at)):  # not "... ?” Nobody replied."
        return False
    term = match.group("term")
    if term != ".":  # ! ? … ... and their combinations: the lower-case test above decides
        return True
    if close:  # `said “no.” Then`: an abbreviation rarely precedes a close quote
        return True
    if _period_is_abbreviation(text, start, match.start(), next_at):
        return _line_break_ends_sentence(text, start, end_at, next_at) if "\n" in ws else False
    return True


def _continues_sentence(text: str, i: int) -> bool:
    """True when the text at `i` (after opening quotes) starts with a lower-case letter."""
    ch = text[i]
    if ch in _OPENERS and i + 1 < len(text):
        ch = text[i + 1]
    return ch.islower()


def _has_content(text: str, start: int, end: int) -> bool:
    # A sentence of only punctuation ("...", "“…”") joins the next one.
    if end - start > 6:
        return True
    return any(ch.isalnum() for ch in text[start:end])


def _period_is_abbreviation(text: str, start: int, period_at: int, next_at: int) -> bool:
    # Abbreviations are short: looking further back than this only costs time on long tokens.
    lo = max(start, period_at - _MAX_TOKEN_CHARS)
    token_start = max(text.rfind(" ", lo, period_at), text.rfind("\n", lo, period_at),
                      text.rfind("\t", lo, period_at), lo - 1) + 1
    token = text[token_start:period_at].lstrip(_OPENERS)
    if token_start == start and _ROMAN_OR_NUMBER.fullmatch(token):
        return True  # an enumerator opening a list item: "1. Cut emissions."
    # "anti-U.S." / "and/or." -> judge the last part
    word = token.rsplit("-", 1)[-1].rsplit("/", 1)[-1]
    lower = word.lower()
    if lower in _TITLES:
        return True
    if lower in _NUMBER_PREFIXES and text[next_at].isdigit():
        return True
    if len(word) == 1 and word.isalpha():
        if word.islower():
            return True  # "Roe v. Wade", German "z. B."
        return not _next_word_opens_sentence(text, next_at)  # initials: "George W. Bush"
    if lower in _TIME_ABBREVIATIONS:
        following = _NEXT_WORD.match(text, next_at)
        nxt = following.group(1).lower()
        if nxt in _TIME_CONTINUATIONS:
            return True
        # "3 p.m. Baghdad time"
        after = following.end()
        return text[after:after + 5] == " time"
    if lower in _MAYBE_FINAL or _DOTTED_ACRONYM.fullmatch(word):
        return not _next_word_opens_sentence(text, next_at)
    return False


def _next_word_opens_sentence(text: str, i: int) -> bool:
    if text[i] in _OPENERS and text[i] not in "([{":
        return True  # a quotation opening after an abbreviation starts a new sentence
    word = _NEXT_WORD.match(text, i).group(1)
    return word.lower() in _SENTENCE_OPENERS or word.isdigit()


def _line_break_ends_sentence(text: str, start: int, break_at: int, next_at: int) -> bool:
    """A line break without final punctuation before it: a boundary only around list lines, after
    "...:" and after a heading-like line. Other single line breaks are hard-wrapped prose."""
    if text.count("\n", break_at, next_at) >= 2:
        return True  # a blank line: paragraph break
    if next_at >= len(text):
        return True
    if _is_list_line(text, next_at):
        return True
    line_start = text.rfind("\n", 0, break_at) + 1
    if _is_list_line(text, line_start):
        return True
    if _continues_sentence(text, next_at):
        return False
    last = text[break_at - 1] if break_at > 0 else ""
    if last == ":":
        return True
    line_head = _sentence_start(text, line_start)
    return (start <= line_head  # the sentence began with this line
            and break_at - line_start <= _HEADING_MAX_CHARS
            and last not in ",;-–—(")


def _is_list_line(text: str, i: int) -> bool:
    while i < len(text) and text[i] in " \t":
        i += 1
    if i + 1 < len(text) and text[i] in _BULLET_GLYPHS and text[i + 1].isspace():
        return True
    return bool(_ENUMERATOR.match(text, i))


def segment_document(doc: Document) -> None:
    """Fill `doc.segments` (one per non-empty block, in reading order) and `doc.sentences`."""
    offset = 0
    for block in doc.blocks:
        if block.kind not in SEGMENT_KINDS:  # a cleaner bug: the tables document every kind
            raise ValueError(f"block kind {block.kind!r} is not one of {SEGMENT_KINDS}")
        block_at = doc.text.find(block.text, offset) if block.text else -1
        if block.text and block_at < 0:
            raise RejectError(
                "text_mismatch",
                f"{block.kind} block {block.text[:60]!r} is not in the clean text after offset {offset}",
            )
        if block_at < 0:
            continue
        lead = len(block.text) - len(block.text.lstrip())
        trail = len(block.text.rstrip())
        if lead >= trail:  # whitespace-only block: no segment
            continue
        start, end = block_at + lead, block_at + trail
        seg_index = len(doc.segments)
        doc.segments.append(Segment(block.kind, start, end))
        for s, e in split_sentences(doc.text[start:end]):
            doc.sentences.append(Sentence(seg_index, start + s, start + e))
        offset = block_at + len(block.text)


def segment_documents(docs: list[Document]) -> list[Document]:
    return apply_per_document(docs, "segment", segment_document)


@task(name="segment", cache_policy=NO_CACHE)
def segment_batch(docs: list[Document]) -> list[Document]:
    return segment_documents(docs)
