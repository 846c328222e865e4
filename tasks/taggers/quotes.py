"""Direct quotations with their speakers, found by rules (no parser, no model).

How a quote is found
- Quote marks are paired inside one segment (paragraph) at a time, so an unbalanced mark can
  never swallow the rest of the article. Curly marks open/close by shape (with a repair for the
  common scrape error of a closing mark used to open, or vice versa); straight marks toggle.
  Single quotes are ignored: they are apostrophes far more often than quotation marks.
- A mark left open at the end of its paragraph runs to the paragraph's end. This is the wire
  convention for a quote that continues into the next paragraph (which reopens with a mark and
  no close on the previous one), and the least surprising reading of a stray opening mark.
  An opening mark met while a quote is still open restarts the quote there (the first mark was
  the stray one); a closing mark with nothing open is ignored.
- The quote's offsets cover the words between the marks, without the marks, surrounding spaces
  or the trailing comma that American style puts inside the closing mark.
- Quoted spans under `MIN_UNATTRIBUTED_WORDS` words without a speech cue in reach are scare
  quotes or terms (the “caliphate”), not quotations, and are skipped.
- A split quote (“…,” he said, “…”) is two rows that share the speaker: each row's offsets then
  point at words that are really contiguous in the text.

How the speaker is found, first rule that applies wins
1. Trailing cue right after the closing mark: “…,” Pompeo said / “…,” said Secretary Blinken /
   “…,” a counterterrorism official told VOA / “…,” according to the ministry /
   “…,” Interfax quoted Novak as saying.
2. Leading cue earlier in the same sentence (and after any previous quote):
   Secretary Blinken said, “…” / Macron replied: “…” / King Abdullah II warned that IS was “…” /
   Lula defended the plan, saying the country “…” (a participle cue: the sentence's subject).
   Commas in the subject: introductory chunks ("In a statement,") are dropped, then a chunk
   that is a name wins ("Her coach, Patrick Sang, said"), else the first chunk.
3. Same paragraph: the nearest earlier attributed quote's speaker (second half of a split quote,
   a quote after the attributed one), unless another person is named in between.
4. Continuation: a quote in a paragraph that directly follows (no heading between) a paragraph
   whose last quote was attributed gets that speaker with cue null, unless someone else is
   named in between. Anything else: speaker null.

How the speaker is resolved to a canonical person (`speaker_canonical`)
- A PERSON entity (doc.entities, from the entity tagger) overlapping the speaker span wins; a
  non-person entity there (ORG, GPE, ...) means the speaker is not a person: null.
- Otherwise the name in the speaker phrase, with titles (Secretary of State, Mr, Dr., King, a
  leading acronym such as CEO ...) stripped; a one-word name becomes the fuller name seen
  earlier in the article that contains it ("Blinken" -> "Antony Blinken", "Lula" -> "Luiz
  Inacio Lula da Silva"), or stays as written when no fuller name was seen and the phrase is
  only that name ("said Mariam, 15").
- "he"/"she" -> null when the paragraph has an unnamed speaker before it ("A union
  representative said ..."); else the one person named earlier in the paragraph; else the one
  person named since the last named speaker; else that last named speaker if nobody else was
  named since; otherwise null. "they"/"we" keep `speaker` with a null canonical.
- Generic speakers ("a counterterrorism official", "the statement") keep `speaker` and have a
  null `speaker_canonical`.

Limits: English cue verbs only (quotes in other languages are found, speakers stay null);
single quotation marks and guillemets are not quote marks here; an organisation without an
organisation word ("Goldman Sachs said") reads as a person unless the entity tagger knows it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tasks.document import BLOCK_SEPARATOR, HEADING, Document, Entity, Quote

MIN_UNATTRIBUTED_WORDS = 3
# A cue further than this many characters from the closing mark is not attribution for it.
TRAILING_WINDOW = 120
MAX_SPEAKER_WORDS = 12
# How far back an unnamed speaker can take a "he"/"she" (a few sentences; bounds the cost of
# one pronoun in a huge paragraph).
PRONOUN_LOOKBACK = 600

_CUE_VERBS = (
    "said says say told tells added adds warned warns urged urges stated states noted notes "
    "explained explains asked asks wrote writes declared declares insisted insists argued argues "
    "acknowledged acknowledges admitted admits claimed claims recalled recalls remarked replied "
    "replies responded responds stressed stresses emphasized emphasised tweeted posted announced "
    "assured assures predicted cautioned cautions conceded suggested observed agreed vowed pledged "
    "promised complained joked recounted testified confirmed reiterated countered retorted quipped "
    "lamented demanded maintained affirmed alleged boasted contended continued concluded cried "
    "shouted whispered wondered told called calls described describes accused accuses "
    "denounced condemned criticized criticised praised dismissed hailed blamed quoted saying "
    "adding "
    # Base forms for plural subjects ("Sources likewise warn that"), minus those that are
    # also common nouns ("in a note", "a claim").
    "warn urge explain insist argue acknowledge admit recall respond emphasize emphasise "
    "predict concede suggest agree complain testify confirm reiterate allege contend"
).split()
_CUE = re.compile(
    r"\b(?:(?:has|had|have|would|will|also|later|then|again|once)\s+)*"
    r"(according to|" + "|".join(sorted(set(_CUE_VERBS), key=len, reverse=True)) + r")\b"
)
# Between a speaker and the cue verb: "Pompeo on Thursday assured", "Sources likewise warn".
_TRAILING_ADVERBIAL = re.compile(
    r"(?:[\s,]+(?:also|again|later|earlier|then|likewise|previously|recently|further|once|"
    r"separately|similarly|however|meanwhile|"
    r"(?:on|last|this|next|earlier this|late|early)\s+(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|week|month|year|weekend|morning|afternoon|evening|night)|"
    r"in a (?:statement|note|letter|post|tweet|speech|report|interview)))+[\s,]*$",
    re.IGNORECASE,
)
_LEADING_CONNECTIVE = re.compile(
    r"^(?:and|but|so|yet|meanwhile|however|nonetheless|still|then|instead)\b[\s,]*", re.IGNORECASE)
# After the cue the speaker phrase ends at punctuation or at a word that starts something else.
_AFTER_SPEAKER_STOP = re.compile(
    r"\s(?:at|in|on|during|while|who|which|when|after|before|adding|as|to|from|with|and|but|"
    r"speaking|via|through|told)\s|[,;:!?“”\"(]|\.(?=\s|$)"
)

_CONNECTIVES = {"and", "but", "or", "as", "so", "then", "while", "which", "who", "that"}
_PRONOUNS_SINGULAR = {"he", "she"}
_PRONOUNS_OTHER = {"they", "we", "i", "it"}
# Words that are part of a title, not of a name ("Secretary of State Mike Pompeo").
_TITLE_WORDS = {
    w.lower() for w in (
        "Secretary State President Vice Prime Minister Foreign Defense Defence Deputy Coordinator "
        "Spokesman Spokeswoman Spokesperson Ambassador Envoy Chancellor King Queen Prince Princess "
        "Sheikh Emir General Gen. Lt. Col. Maj. Capt. Sgt. Adm. Admiral Colonel Major Captain "
        "Sergeant Commander Chief Director Chairman Chairwoman Chair Governor Gov. Mayor Senator "
        "Sen. Representative Rep. Congressman Congresswoman Judge Justice Attorney Mr Mr. Mrs Mrs. "
        "Ms Ms. Dr Dr. Prof. Professor Sir Dame Lord Pope Cardinal Bishop Rabbi Imam Ayatollah "
        "Coach Striker Interior Finance Health Economy Trade Affairs Home Executive Officer Leader "
        "Head Opposition Candidate Supreme Special Senior Top Former Acting Assistant "
        "Undersecretary Lawmaker Analyst Economist Republican Democratic Democrat Speaker Premier "
        "Crown Field Marshal Inspector Commissioner Agent Detective Officer Police Army "
        "Navy Air Force Minister-President Secretary-General Director-General U.N. UN U.S. US EU "
        "Prof Alderman Alderwoman Councilman Councilwoman Councillor Councilor Superintendent "
        "Provost Rector Pastor Father Sister Brother Elder Chief Rev. Rev Sheriff Marshal"
    ).split()
}
# A capitalized run containing one of these names an organisation, not a person.
_ORG_WORDS = {
    w.lower() for w in (
        "Ministry Department Agency Council Committee Bank Group Securities Associates Inc Inc. "
        "Corp Corp. Company Commission Forces Court Union Organization Organisation Party "
        "Government Office University Institute House Kremlin Pentagon Coalition Republic "
        "Operation Association Alliance Foundation Fund Program Programme Network Service "
        "Services News Times Post Press Reuters AFP AP VOA BBC Administration Authority Board "
        "Center Centre Corps Federation League Movement Parliament Senate Congress Assembly "
        "Airlines Bureau Police Army Navy Guard Brigade Front Ltd Ltd. LLC Holdings Partners"
    ).split()
}
# Capitalized words that open a generic subject ("Officials said", "The statement said").
_GENERIC_OPENERS = {
    "the", "a", "an", "officials", "sources", "police", "analysts", "experts", "residents",
    "witnesses", "critics", "observers", "authorities", "others", "some", "many", "one",
    "another", "his", "her", "their", "its", "this", "that", "these", "those", "both", "two",
    "several", "all", "most", "each", "it", "they", "he", "she", "we", "i", "file",
}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "du",
                   "dos", "das", "des", "del", "della", "di", "ad", "abu", "bint", "ter", "zu"}
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}
_TOKEN = re.compile(r"\S+")
# Their period does not end a speaker phrase ("said Dr. Amina Diallo").
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "col", "lt", "sgt",
                  "capt", "gov", "jr", "sr", "st", "maj", "adm", "cpl", "pvt", "rev", "hon",
                  "gens", "sens", "reps", "amb", "supt", "insp", "det", "cmdr", "messrs"}
_PARTICLE_PATTERN = "|".join(sorted(_NAME_PARTICLES))
# Capitalized words (and name particles between them: "Salah ad Din", "Abu Bakr al-Baghdadi")
# separated by single spaces; a comma, quote mark or other punctuation ends the run.
_CAPITALIZED_RUN = re.compile(
    r"[A-Z][\w’'.\-]*(?:[ ](?:[A-Z][\w’'.\-]*|(?:" + _PARTICLE_PATTERN + r")-[\w’'.\-]+"
    r"|(?:" + _PARTICLE_PATTERN + r")(?=[ ][A-Z])))*")
_PREVIOUS_WORD = re.compile(r"(\w+)\W*$")
# Capitalized only because they open a sentence ("For Maria Alvarez, the morning ...").
_SENTENCE_OPENERS = {"as", "after", "before", "when", "while", "if", "although", "though",
                     "since", "because", "according", "asked", "speaking", "but", "and", "so",
                     "yet", "meanwhile", "nonetheless", "still", "then", "now", "today",
                     "yesterday", "last", "next", "during", "despite", "without", "under"}
_ROMAN = re.compile(r"[IVX]+")
# Demonyms (American, Japanese, British) and agent nouns (Administrator, Lobbyist, Sergeant).
_DESCRIPTOR_SUFFIX = re.compile(r"(?:ian|ean|can|ese|ish|or|ist|ant)$")
# "the Serbian said", "the American told reporters": a person named earlier with that word.
_EPITHET = re.compile(r"[Tt]he ([A-Z][a-z]+)$")
_FUNCTION_WORDS = {"for", "of", "and", "or", "in", "at", "to", "from", "by", "with", "on", "the",
                   "into", "against", "across", "near", "over", "under", "about", "like"}
_PERSON = "PERSON"


@dataclass(slots=True)
class _Span:
    """A quote being built: offsets of the words, and of the marks around them."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark; None when left open at paragraph end
    paragraph: int
    quote: Quote | None = None


@dataclass(slots=True)
class _Speaker:
    text: str
    start: int
    end: int
    cue: str | None
    canonical: str | None
    is_person: bool  # a named person (resolved or not), as opposed to generic/pronoun


class _ArticleNames:
    """The article's entity mentions, and the lookup from a one-word name to its full form."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.entities = sorted(doc.entities, key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]

    def overlapping_entities(self, start: int, end: int) -> list[Entity]:
        # Entity mentions are short; one that starts 200 characters earlier cannot overlap.
        i = bisect.bisect_left(self.entity_starts, start - 200)
        return [e for e in self.entities[i:] if e.start < end and e.end > start]

    def person_described_as(self, word: str, before: int) -> str | None:
        """The last person introduced with `word` before their name ("American Tommy Paul")."""
        text, at = self.doc.text, before
        while (at := text.rfind(word + " ", 0, at)) >= 0:
            if _starts_word(text, at):
                runs = _name_runs(text, at, at + len(word) + 60)
                if runs and runs[0][0] > at and " " in runs[0][2] and \
                        text[at + len(word):runs[0][0]].strip() == "":
                    return runs[0][2]
        return None

    def full_name_for_surname(self, surname: str, before: int, known: list[str]) -> str | None:
        """The fuller name seen earlier that this one-word name is part of ("Blinken" ->
        "Antony Blinken", "Lula" -> "Luiz Inacio Lula da Silva")."""
        for name in reversed(known):
            if " " in name and surname in name.split():
                return name
        for entity in reversed(self.entities):
            if (entity.label == _PERSON and entity.start < before and " " in entity.canonical
                    and surname in entity.canonical.split()):
                return entity.canonical
        text, at = self.doc.text, before
        while (at := text.rfind(surname, 0, at)) >= 0:
            end = at + len(surname)
            if not _starts_word(text, at) or (end < len(text) and text[end].isalnum()):
                continue
            for run_start, run_end, name in _name_runs(text, max(0, at - 80), end + 60):
                if run_start <= at < run_end and " " in name:
                    return name
        return None


def tag_quotes(doc: Document) -> None:
    """Fill doc.quotes with the article's direct quotations, in text order."""
    paragraphs = _paragraph_spans(doc)
    names = _ArticleNames(doc)
    spans: list[_Span] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        spans.extend(_pair_marks(doc.text, p_start, p_end, index))
    if not spans:
        doc.quotes = []
        return
    quote_ranges = _Ranges([(s.open_at, (s.close_at if s.close_at is not None else s.end) + 1)
                            for s in spans])
    sentence_starts = [s.start for s in doc.sentences]
    known_people: list[str] = []
    person_mentions: list[tuple[int, str]] = []  # (offset, canonical), outside quotes

    attributed: list[_Speaker | None] = []
    for i, span in enumerate(spans):
        p_start, p_end = paragraphs[span.paragraph]
        previous_close = None
        if i > 0 and spans[i - 1].paragraph == span.paragraph:
            previous_close = spans[i - 1].close_at
        next_in_paragraph = i + 1 < len(spans) and spans[i + 1].paragraph == span.paragraph
        next_open = spans[i + 1].open_at if next_in_paragraph else p_end
        speaker = None
        if span.close_at is not None:
            speaker = _trailing_speaker(doc.text, span.close_at + 1, min(next_open, p_end), names,
                                        known_people)
        if speaker is None:
            lead_from = _sentence_start(doc.text, sentence_starts, span.open_at, p_start)
            if previous_close is not None:
                lead_from = max(lead_from, previous_close + 1)
            speaker = _leading_speaker(doc.text, lead_from, span.open_at, names, known_people)
        attributed.append(speaker)
        if speaker is not None and speaker.is_person and speaker.canonical:
            known_people.append(speaker.canonical)

    _collect_person_mentions(doc, quote_ranges, names, known_people, person_mentions)
    mention_offsets = [m[0] for m in person_mentions]

    quotes: list[Quote] = []
    last_named: tuple[int, str] | None = None
    for i, span in enumerate(spans):
        speaker = attributed[i]
        words = len(doc.text[span.start:span.end].split())
        if speaker is not None and speaker.text.lower() in _PRONOUNS_SINGULAR:
            p_start = paragraphs[span.paragraph][0]
            if not _unnamed_speaker_before(doc.text, p_start, min(span.open_at, speaker.start),
                                           sentence_starts, quote_ranges, names):
                speaker.canonical = _resolve_pronoun(p_start, speaker.start, person_mentions,
                                                     mention_offsets, last_named)
        inherited = None
        if speaker is None:
            inherited = _inherit(i, spans, person_mentions, mention_offsets)
        if speaker is None and inherited is None and words < MIN_UNATTRIBUTED_WORDS:
            continue  # a scare quote or a term, not a quotation
        if inherited is not None:
            quote = Quote(span.start, span.end, inherited.speaker, inherited.speaker_canonical,
                          inherited.cue if inherited.cue and _same_paragraph(i, spans, inherited)
                          else None, inherited.speaker_start, inherited.speaker_end)
        elif speaker is not None:
            quote = Quote(span.start, span.end, speaker.text, speaker.canonical, speaker.cue,
                          speaker.start, speaker.end)
        else:
            quote = Quote(span.start, span.end, None, None, None)
        span.quote = quote
        quotes.append(quote)
        if quote.speaker_canonical and quote.speaker_end is not None:
            last_named = (quote.speaker_end, quote.speaker_canonical)
    doc.quotes = quotes


def _same_paragraph(i: int, spans: list[_Span], source: Quote) -> bool:
    return any(s.quote is source and s.paragraph == spans[i].paragraph for s in spans[:i])


def _paragraph_spans(doc: Document) -> list[tuple[int, int]]:
    """Search bounds: one per segment, with headings kept so they break continuation."""
    if doc.segments:
        return [(s.start, s.end) if s.kind != HEADING else (s.start, s.start)
                for s in doc.segments]
    spans, offset = [], 0
    for block in doc.text.split(BLOCK_SEPARATOR):
        spans.append((offset, offset + len(block)))
        offset += len(block) + len(BLOCK_SEPARATOR)
    return spans


_MARK = re.compile("[\"“”„]")


def _pair_marks(text: str, p_start: int, p_end: int, paragraph: int) -> list[_Span]:
    spans: list[_Span] = []
    open_at: int | None = None
    for match in _MARK.finditer(text, p_start, p_end):
        at, mark = match.start(), match.group()
        before = text[at - 1] if at > p_start else " "
        after = text[at + 1] if at + 1 < p_end else " "
        if mark == "\"":
            opens = open_at is None
        elif mark == "”":
            # A closing mark glued to the next word after a space is a mis-typed opener.
            opens = open_at is None and before.isspace() and after.isalnum()
        else:  # “ „
            # An opening mark glued to the previous word and followed by a space closes.
            opens = not (open_at is not None and not before.isspace() and
                         (after.isspace() or after in ",.;:!?"))
        if opens:
            open_at = at
        elif open_at is not None:
            span = _trimmed(text, open_at, at, paragraph)
            if span:
                spans.append(span)
            open_at = None
    if open_at is not None:
        span = _trimmed(text, open_at, None, paragraph, p_end)
        if span:
            spans.append(span)
    return spans


def _trimmed(text: str, open_at: int, close_at: int | None, paragraph: int,
             p_end: int | None = None) -> _Span | None:
    start, end = open_at + 1, close_at if close_at is not None else p_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return _Span(start, end, open_at, close_at, paragraph)


def _sentence_start(text: str, sentence_starts: list[int], at: int, p_start: int) -> int:
    i = bisect.bisect_right(sentence_starts, at) - 1
    if i >= 0 and sentence_starts[i] >= p_start:
        return sentence_starts[i]
    # No sentence index (a hand-built document): back up to the last sentence end.
    window = max(p_start, at - 1000)
    match = None
    for match in re.finditer(r"[.!?]\s+(?=[A-Z“\"])", text[window:at]):
        pass
    return window + match.end() if match else window


# Cues whose speaker is not next to them: the sentence's subject ("Lula on Monday defended the
# plan, saying ...") or the object ("Interfax quoted Novak as saying ...").
_PARTICIPLE_CUES = {"saying", "adding"}
_QUOTED_CUE = "quoted"


def _trailing_speaker(text: str, start: int, stop: int, names: _ArticleNames,
                      known: list[str]) -> _Speaker | None:
    window_end = min(stop, start + TRAILING_WINDOW)
    cue = _CUE.search(text, start, window_end)
    if cue is None or cue.group(1) in _PARTICIPLE_CUES:
        return None  # “…,” adding that ...: the quote's own speaker comes from elsewhere
    if cue.group(1) == _QUOTED_CUE:
        return _speaker_after_cue(text, cue, window_end, names, known)
    before = text[start:cue.start()]
    if before.strip(" ,") == "":
        return _speaker_after_cue(text, cue, window_end, names, known)
    if len(before.split()) > MAX_SPEAKER_WORDS or re.search(r"[“”\";:!?]", before):
        return None
    if before.strip(" ,").lower() in _CONNECTIVES:
        return None  # “…” and promised: the quote's sentence goes on, no new speaker
    return _speaker_before_cue(text, start, cue, names, known)


def _leading_speaker(text: str, start: int, stop: int, names: _ArticleNames,
                     known: list[str]) -> _Speaker | None:
    cue = None
    for cue in _CUE.finditer(text, start, stop):
        pass
    if cue is None:
        return None
    if cue.group(1) in _PARTICIPLE_CUES:
        return _sentence_subject(text, start, cue, names, known)
    if cue.group(1) == _QUOTED_CUE or text[start:cue.start()].strip(" ,") == "":
        return _speaker_after_cue(text, cue, stop, names, known)
    return _speaker_before_cue(text, start, cue, names, known)


def _sentence_subject(text: str, start: int, cue: re.Match, names: _ArticleNames,
                      known: list[str]) -> _Speaker | None:
    """The named subject opening the sentence, for "X did Y, saying “…”"; None when the
    sentence does not open with a name."""
    for chunk_match in re.finditer(r"[^,]+", text[start:cue.start()]):
        a, b = _strip_span(text, start + chunk_match.start(), start + chunk_match.end())
        if a >= b or _is_introductory(text[a:b]):
            continue
        runs = _name_runs(text, a, b)
        if runs and len(text[a:runs[0][0]].split()) <= 4:
            return _make_speaker(text, a, runs[0][1], cue.group(1), names, known,
                                 name_at_end=True)
        return None
    return None


def _speaker_before_cue(text: str, clause_start: int, cue: re.Match, names: _ArticleNames,
                        known: list[str]) -> _Speaker | None:
    end = cue.start()
    phrase = text[clause_start:end]
    phrase = _TRAILING_ADVERBIAL.sub("", phrase)
    end = clause_start + len(phrase.rstrip(" ,"))
    # Commas split the subject: "In a statement, the company said", "Mark Rutte, a long-time
    # sceptic of common borrowing, said", "Her coach, Patrick Sang, said". Introductory chunks
    # go; then a chunk that is a name wins; else the first chunk (the rest are appositions).
    chunks = [(clause_start + m.start(), clause_start + m.end())
              for m in re.finditer(r"[^,]+", text[clause_start:end])]
    chunks = [_strip_span(text, a, b) for a, b in chunks]
    chunks = [(a, b) for a, b in chunks if a < b]
    if not chunks:
        return None
    while len(chunks) > 1 and _is_introductory(text[chunks[0][0]:chunks[0][1]]):
        chunks.pop(0)
    start, end = next((c for c in chunks if _ends_with_name(text, *c)), chunks[0])
    start, end = _strip_span(text, start, end)
    lead = _LEADING_CONNECTIVE.match(text, start)
    if lead:
        start = lead.end()
    if start >= end or len(text[start:end].split()) > MAX_SPEAKER_WORDS:
        return None
    return _make_speaker(text, start, end, cue.group(1), names, known, name_at_end=True)


_INTRODUCTORY_WORDS = {
    "in", "on", "at", "after", "before", "during", "asked", "speaking", "however", "meanwhile",
    "separately", "still", "yet", "also", "earlier", "later", "last", "this", "according",
    "for", "with", "without", "despite", "as", "when", "while", "if", "since", "though",
    "although", "but", "and", "so", "nonetheless", "instead", "now", "today", "then", "by",
    "from", "under", "unlike", "like", "besides", "responding", "writing", "addressing",
}


def _is_introductory(chunk: str) -> bool:
    first = chunk.split(maxsplit=1)[0].lower()
    return first in _INTRODUCTORY_WORDS or (first.endswith(("ing", "ed")) and chunk[0].isupper()
                                            and not _name_runs(chunk, 0, len(chunk)))


def _ends_with_name(text: str, start: int, end: int) -> bool:
    runs = _name_runs(text, start, end)
    return bool(runs) and runs[-1][1] == end


def _speaker_after_cue(text: str, cue: re.Match, stop: int, names: _ArticleNames,
                       known: list[str]) -> _Speaker | None:
    start = cue.end()
    while start < stop and text[start].isspace():
        start += 1
    end = start
    # Abbreviation periods (Dr., U.N., Mr.) do not end the phrase.
    for stop_match in _AFTER_SPEAKER_STOP.finditer(text, start, stop):
        if stop_match.group() == "." and _is_abbreviation(text, stop_match.start()):
            continue
        end = stop_match.start()
        break
    else:
        end = stop
    start, end = _strip_span(text, start, end)
    if start >= end or len(text[start:end].split()) > MAX_SPEAKER_WORDS:
        return None
    return _make_speaker(text, start, end, cue.group(1), names, known, name_at_end=False)


def _is_abbreviation(text: str, dot_at: int) -> bool:
    word_start = dot_at
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot_at]
    return "." in word or word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",-—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",-—–"):
        end -= 1
    return start, end


def _make_speaker(text: str, start: int, end: int, cue: str, names: _ArticleNames,
                  known: list[str], name_at_end: bool) -> _Speaker:
    phrase = text[start:end]
    if phrase.lower() in _PRONOUNS_SINGULAR or phrase.lower() in _PRONOUNS_OTHER:
        return _Speaker(phrase, start, end, cue, None, False)
    canonical, is_person = _person_in(text, start, end, names, known, name_at_end)
    return _Speaker(phrase, start, end, cue, canonical, is_person)


def _person_in(text: str, start: int, end: int, names: _ArticleNames, known: list[str],
               name_at_end: bool) -> tuple[str | None, bool]:
    """(canonical name, is a named person) for a speaker phrase."""
    entities = names.overlapping_entities(start, end)
    people = [e for e in entities if e.label == _PERSON]
    if people:
        canonical = people[-1 if name_at_end else 0].canonical
        if " " not in canonical:
            canonical = names.full_name_for_surname(canonical, start, known) or canonical
        return canonical, True
    epithet = _EPITHET.match(text[start:end])
    if epithet:
        name = names.person_described_as(epithet.group(1), start)
        return name, name is not None
    runs = [r for r in _name_runs(text, start, end)
            if not any(e.start < r[1] and e.end > r[0] for e in entities)]
    if not runs:
        return None, False
    run_start, run_end, name = runs[-1] if name_at_end else runs[0]
    if name_at_end and text[run_end:end].strip(" ,.") != "":
        return None, False
    if not name_at_end and not _only_titles_or_roles(text[start:run_start]):
        return None, False  # "said a spokesman for Omar Haddad": the name is not the speaker
    if " " in name:
        return name, True
    full = names.full_name_for_surname(name, start, known)
    if full is not None:
        return full, True
    # A lone name with no full form earlier ("said Mariam, 15"): the name itself, but only when
    # the phrase is nothing else, so "forces in Syria" does not make Syria a speaker.
    if _only_titles_or_roles(text[start:run_start]) and not text[run_end:end].strip(" ,."):
        return name, True
    return None, False


def _only_titles_or_roles(words: str) -> bool:
    """'Secretary of State', 'lead author Prof': what may stand before a name after the cue."""
    tokens = words.split()
    if tokens and tokens[0].lower() in ("a", "an", "the"):
        return False
    return all(w.lower() in _TITLE_WORDS or w.islower() or _DESCRIPTOR_SUFFIX.search(w)
               or (w.isupper() and len(w) > 1) for w in tokens)


def _name_runs(text: str, start: int, end: int,
               mentions_only: bool = False) -> list[tuple[int, int, str]]:
    """Person-name candidates in text[start:end]: runs of capitalized words with titles,
    organisation names and generic openers removed; (start, end, name).

    With `mentions_only` (names in running text, not in a speaker phrase) a run must also look
    like a person: introduced by a title, a comma or a role noun, not by a preposition ("for
    Countering Violent Extremism") and without acronyms."""
    runs: list[tuple[int, int, str]] = []
    current: list[tuple[int, int, str]] = []

    def flush() -> None:
        tokens = list(current)
        current.clear()
        if not tokens or any(t[2].lower() in _ORG_WORDS for t in tokens):
            return
        last_title = max((k for k, t in enumerate(tokens) if t[2].lower() in _TITLE_WORDS),
                         default=-1)
        if mentions_only and last_title < 0:
            previous = _PREVIOUS_WORD.search(text[max(0, tokens[0][0] - 40):tokens[0][0]])
            if previous and previous.group(1).lower() in _FUNCTION_WORDS:
                return
            if any(t[2].isupper() and len(t[2]) > 1 and not _ROMAN.fullmatch(t[2]) for t in tokens):
                return
        tokens = tokens[last_title + 1:]
        while len(tokens) > 1 and tokens[0][2].isupper() and not _ROMAN.fullmatch(tokens[0][2]):
            tokens = tokens[1:]  # a leading acronym is a title or an employer: "CEO", "UNICEF"
        while tokens and (tokens[0][2].lower() in _GENERIC_OPENERS
                          or tokens[0][2].lower() in _NAME_PARTICLES
                          or tokens[0][2].lower() in _FUNCTION_WORDS
                          or tokens[0][2].lower() in _SENTENCE_OPENERS):
            tokens = tokens[1:]
        # A word that describes rather than names ("American Tommy Paul", "NASA Administrator
        # Bill Nelson") goes while two name words still follow it: no title list is complete.
        while (len([t for t in tokens[1:] if t[2].lower() not in _NAME_PARTICLES]) >= 2
               and _DESCRIPTOR_SUFFIX.search(tokens[0][2])):
            tokens = tokens[1:]
        if not tokens or tokens[-1][2].lower() in _NAME_PARTICLES:
            return
        if any(t[2].lower() in _NOT_NAMES for t in tokens):
            return
        if len(tokens) == 1 and (tokens[0][2].isupper() or "." in tokens[0][2]):
            return  # an acronym (ISIS, U.N.), not a surname
        if len(tokens) > 5:
            tokens = tokens[-2:]  # a long capitalized run is a title or a heading, not a name
        runs.append((tokens[0][0], tokens[-1][1], " ".join(t[2] for t in tokens)))

    for run in _CAPITALIZED_RUN.finditer(text, start, end):
        if mentions_only and " " not in run.group():
            continue  # lone capitalized words in running text: the caller matches surnames
        for match in _TOKEN.finditer(text, run.start(), run.end()):
            word = match.group()
            if word.endswith(".") and not _is_abbreviation(text, match.end() - 1):
                word = word[:-1]
            if word.endswith(("’s", "'s")):
                flush()
                continue
            if word[0].isupper() or current:
                current.append((match.start(), match.start() + len(word), word))
        flush()
    return runs


def _collect_person_mentions(doc: Document, quote_ranges: _Ranges, names: _ArticleNames,
                             known: list[str], out: list[tuple[int, str]]) -> None:
    """Person mentions outside quotes, in text order: PERSON entities, name runs of two or
    more words, and surnames of people already known as speakers."""
    text = doc.text
    surname_to_name = {name.split()[-1]: name for name in known if " " in name}
    for entity in names.entities:
        if entity.label == _PERSON and not quote_ranges.contains(entity.start):
            out.append((entity.start, entity.canonical))
    for run_start, run_end, name in _name_runs(text, 0, len(text), mentions_only=True):
        if quote_ranges.contains(run_start) or any(
                e.label != _PERSON for e in names.overlapping_entities(run_start, run_end)):
            continue
        out.append((run_start, surname_to_name.get(name.split()[-1], name)))
    for surname, name in surname_to_name.items():
        at = text.find(surname)
        while at >= 0:
            end = at + len(surname)
            if (_starts_word(text, at) and (end == len(text) or not text[end].isalnum())
                    and not quote_ranges.contains(at)):
                out.append((at, name))
            at = text.find(surname, end)
    out.sort()


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


class _Ranges:
    """Sorted, disjoint [start, end) ranges (the quotes, marks included) with a fast lookup."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.starts = [a for a, _ in ranges]
        self.ends = [b for _, b in ranges]

    def contains(self, at: int) -> bool:
        i = bisect.bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.ends[i]


def _resolve_pronoun(p_start: int, at: int, mentions: list[tuple[int, str]],
                     offsets: list[int], last_named: tuple[int, str] | None) -> str | None:
    # last_named: (end of the last named speaker's mention, canonical name)
    """The one person "he"/"she" can refer to, or None when that is not clear: the one person
    named earlier in the paragraph; else the one person named since the last named speaker's
    attribution; else that speaker."""
    lo, hi = bisect.bisect_left(offsets, p_start), bisect.bisect_left(offsets, at)
    in_paragraph = {name for _, name in mentions[lo:hi]}
    if in_paragraph:
        return in_paragraph.pop() if len(in_paragraph) == 1 else None
    since = bisect.bisect_left(offsets, last_named[0]) if last_named else 0
    named_since = {name for _, name in mentions[since:hi]}
    if len(named_since) == 1:
        return named_since.pop()
    return last_named[1] if last_named and not named_since else None


def _unnamed_speaker_before(text: str, p_start: int, at: int, sentence_starts: list[int],
                            quote_ranges: _Ranges, names: _ArticleNames) -> bool:
    """Whether the paragraph, shortly before `at`, has someone unnamed speak ("A union
    representative ... said"): a later "he" is then that someone, not the last named speaker."""
    seen_sentences = set()
    for cue in _CUE.finditer(text, max(p_start, at - PRONOUN_LOOKBACK), at):
        clause = _sentence_start(text, sentence_starts, cue.start(), p_start)
        if quote_ranges.contains(cue.start()) or clause in seen_sentences:
            continue  # a later cue in the sentence is reported speech ("said both sides agreed")
        seen_sentences.add(clause)
        subject = _speaker_before_cue(text, clause, cue, names, [])
        if subject and not subject.is_person and subject.text.lower() not in _PRONOUNS_SINGULAR:
            return True
    return False


def _inherit(i: int, spans: list[_Span], mentions: list[tuple[int, str]],
             offsets: list[int]) -> Quote | None:
    """The quote whose speaker quote i shares (rules 3 and 4 of the module docstring)."""
    span = spans[i]
    source = None
    for j in range(i - 1, -1, -1):
        earlier = spans[j]
        if earlier.paragraph == span.paragraph:
            if earlier.quote is not None and earlier.quote.speaker is not None:
                source = earlier.quote
                break
            continue
        # The first span met outside this paragraph is the last quote of an earlier one.
        if (earlier.paragraph == span.paragraph - 1 and earlier.quote is not None
                and earlier.quote.speaker is not None):
            source = earlier.quote
        break
    if source is None:
        return None
    # Someone else named between the source's attribution and this quote breaks the chain.
    lo = bisect.bisect_right(offsets, source.speaker_end or source.end)
    hi = bisect.bisect_left(offsets, span.open_at)
    if any(name != source.speaker_canonical for _, name in mentions[lo:hi]):
        return None
    return source
