"""Language of the article and of each segment, with langdetect (seeded, so runs agree).

The article's language is detected once, on a capped sample of its body text. A segment gets a
language of its own only when it carries enough letters for the detector to be trusted and the
detector is confident; every other segment inherits the article's language and says so
(`Segment.language_inherited`). The thresholds below were measured with
`benchmarks/language_thresholds.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langdetect import DetectorFactory
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.language import Language

from tasks.document import LIST_ITEM, PARAGRAPH, SUMMARY, Document

# langdetect samples n-grams at random; without a fixed seed ~5% of short texts flip between runs.
DetectorFactory.seed = 0
# Load the language profiles now, once: langdetect loads them lazily on first use, and two threads
# detecting at once (batches on Prefect's thread pool or Dask threads) race in that load - one
# detects against a half-loaded profile set and English comes out as "pl" or "af" (measured).
init_factory()

# Detection cost grows with text length (langdetect extracts n-grams char by char in Python).
# 500 characters of body text is far more than the detector needs: on the 1k benchmark corpus
# (996 articles, 5 languages) 300, 400, 500 and 1,000 characters with 3 or 7 trials all gave the
# same language for every article, and from 20 letters up every unit of
# benchmarks/language_thresholds.py is right. 500 halves the cost of 1,000 (1.17 vs 2.35 ms).
ARTICLE_SAMPLE_CHARS = 500
# Only body text feeds the article detection: titles, captions and headings are short, full of
# names and acronyms, and mislead the detector ("Uprooting ISIS" -> tl).
BODY_KINDS = (PARAGRAPH, SUMMARY, LIST_ITEM)

# A segment is detected on its own only with at least this many letters. Measured with
# benchmarks/language_thresholds.py on 134 titles, captions, headings and sentences in 10
# languages: under 20 letters 3 of 4 came out wrong, one with probability 1.0 ("April 2020
# (File)" -> ro; "IS foreign fighters" -> da), so probability alone cannot be trusted on short
# text; from 20 letters up all 130 were right, with 3 trials as with 7. 80 leaves a 4x margin for
# the name- and acronym-heavy lines news is full of. Ideographic scripts pack several letters'
# worth of evidence into one character, so each CJK/kana/hangul character counts CJK_LETTER_WEIGHT.
SEGMENT_MIN_LETTERS = 80
CJK_LETTER_WEIGHT = 3
# ... and its own result is kept only when the detector is at least this sure of it.
SEGMENT_MIN_PROB = 0.90
# Long segments are detected on their first characters only: enough to be sure, bounded cost.
SEGMENT_SAMPLE_CHARS = 300
# langdetect averages 7 random walks over the text's n-grams ("trials"), a third to half of a
# call's cost. On hundreds of letters the walks agree from the first one; 3 gave the same answers
# as 7 everywhere we measured (benchmarks/language_thresholds.py), at the price of a coarser
# probability (steps of 1/3 when the walks disagree).
ARTICLE_TRIALS = 3
SEGMENT_TRIALS = 3

# Most long segments are plainly in their article's language, and a detector call per segment
# multiplies the tag stage's cost (~15 calls per article measured on the samples). A segment whose
# words are at least FUNCTION_WORD_SHARE the article language's distinctive function words keeps the
# article's language without a call (tests/test_language.py measures the margin); any other long segment (a quoted foreign paragraph) is still
# detected. Languages without a list here are always detected.
# Measured: paragraphs of the samples score 0.15-0.46 on the English list; the test articles in
# nine other languages score at most 0.10 on any list but their own.
FUNCTION_WORD_SHARE = 0.14
FUNCTION_WORD_MIN_TOKENS = 8
_COMMON_WORDS = {lang: set(words.split()) for lang, words in {
    "en": "the of and to in that is was for on with as by at from he it his said are be has have "
          "were an this its not or but who they which had been will would their after also",
    "de": "der die das und ist nicht sich mit den dem des auch ein eine einer auf für von zu im sie "
          "wurde werden hat haben wie bei nach aus noch über",
    "fr": "le la les des est une dans pour qui que pas sur avec par sont au aux du ce cette il elle "
          "ont été mais plus leur nous vous",
    "es": "el los las del que una por con para como pero sus más está fue han este esta entre "
          "sobre también ha según cuando",
    "pt": "os das dos uma não para com por mais foi são pelo pela como mas também ao às seu sua "
          "ele ela já entre sobre",
    "it": "il gli della delle dei che è una per con non sono anche nel nella alla più come ha "
          "stato questo questa degli",
    "nl": "de het een van en is dat niet met zijn voor op aan door ook naar als maar bij werd "
          "heeft worden deze wordt",
    "ru": "и в не на что с по это как из он но к за от для его то же так был она было были также уже",
    "uk": "і в не на що з по це як від він але до за для його та також було вже які ще",
    "tr": "ve bir bu da de için ile olarak çok daha olan gibi ama en kadar ancak sonra değil göre oldu ise",
    "pl": "i w nie na się z że do to jest jak po o co ale od przez jego są za dla być tak już",
}.items()}
# Only words no other list has ("de" is Spanish, Dutch and Turkish): a paragraph then scores high
# on its own language's list alone.
FUNCTION_WORDS = {lang: frozenset(words - set().union(*(w for o, w in _COMMON_WORDS.items() if o != lang)))
                  for lang, words in _COMMON_WORDS.items()}
_WORD = re.compile(r"\w+")


def plainly_in(language: str | None, text: str) -> bool:
    words = FUNCTION_WORDS.get(language or "")
    if words is None:
        return False
    tokens = _WORD.findall(text.lower())
    if len(tokens) < FUNCTION_WORD_MIN_TOKENS:
        return False
    return sum(1 for t in tokens if t in words) >= FUNCTION_WORD_SHARE * len(tokens)


# The same measurement for the article: under this many letters the detector guesses ("Deep text."
# -> nl), so the article's language is null and says why rather than a confident wrong code.
ARTICLE_MIN_LETTERS = 20
NOTE_TOO_SHORT = f"too_short: under {ARTICLE_MIN_LETTERS} letters of text to detect a language"
NOTE_EMPTY = "empty: no clean text to detect the language of"
NOTE_NO_FEATURES = "no_features: langdetect found no letters it knows (digits, punctuation, URLs only)"


@dataclass(frozen=True, slots=True)
class Detection:
    language: str | None
    prob: float | None
    runner_up: str | None
    note: str | None  # why `language` is None, when it is


def detect(text: str, trials: int = ARTICLE_TRIALS) -> Detection:
    """langdetect's best guess for `text`; never raises."""
    if not text.strip():
        return Detection(None, None, None, NOTE_EMPTY)
    try:
        ranked = ranked_languages(text, trials)
    except LangDetectException:
        return Detection(None, None, None, NOTE_NO_FEATURES)
    best = ranked[0]
    runner_up = ranked[1].lang if len(ranked) > 1 else None
    return Detection(best.lang, round(best.prob, 4), runner_up, None)


def ranked_languages(text: str, trials: int) -> list[Language]:
    """langdetect's `detect_langs`, with the number of trials as a parameter."""
    init_factory()
    from langdetect.detector_factory import _factory  # set by init_factory()

    detector = _factory.create()
    detector.n_trial = trials
    detector.append(text)
    return detector.get_probabilities()


def article_sample(doc: Document) -> str:
    """Up to ARTICLE_SAMPLE_CHARS of body text; the start of the clean text when there is no body."""
    parts: list[str] = []
    size = 0
    for seg in doc.segments:
        if seg.kind in BODY_KINDS:
            parts.append(doc.text[seg.start:seg.end])
            size += seg.end - seg.start
            if size >= ARTICLE_SAMPLE_CHARS:
                break
    return "\n".join(parts)[:ARTICLE_SAMPLE_CHARS] or doc.text[:ARTICLE_SAMPLE_CHARS]


# Hiragana and katakana, CJK unified ideographs (+ extension A), hangul syllables, CJK
# compatibility ideographs.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def letter_weight(text: str) -> int:
    """How much evidence `text` gives the detector: letters, with ideographs weighted up."""
    return sum(map(str.isalpha, text)) + (CJK_LETTER_WEIGHT - 1) * len(_CJK.findall(text))


def tag_language(doc: Document) -> None:
    sample = article_sample(doc)
    letters = letter_weight(sample)
    found = (Detection(None, None, None, NOTE_TOO_SHORT) if 0 < letters < ARTICLE_MIN_LETTERS
             else detect(sample))
    doc.language, doc.language_prob = found.language, found.prob
    doc.language_runner_up, doc.language_note = found.runner_up, found.note
    for seg in doc.segments:
        seg.language, seg.language_prob, seg.language_inherited = doc.language, None, True
        sample = doc.text[seg.start:min(seg.end, seg.start + SEGMENT_SAMPLE_CHARS)]
        if letter_weight(sample) < SEGMENT_MIN_LETTERS or plainly_in(doc.language, sample):
            continue
        own = detect(sample, SEGMENT_TRIALS)
        if own.language is not None and own.prob is not None and own.prob >= SEGMENT_MIN_PROB:
            seg.language, seg.language_prob, seg.language_inherited = own.language, own.prob, False
