"""Language of the article and of each segment, with langdetect (seeded, so runs agree).

The article's language is detected once, on a capped sample of its body text. A segment gets a
language of its own only when it carries enough letters for the detector to be trusted and the
detector is confident; every other segment inherits the article's language and says so
(`Segment.language_inherited`). The thresholds below were measured with
`benchmarks/language_thresholds.py`. Detection is langdetect's own algorithm and profiles, run by
FastDetector (end of this module): the same answers, in half the time.
"""

from __future__ import annotations

import re
import sys
import weakref
from dataclasses import dataclass

from langdetect import DetectorFactory
from langdetect.detector import Detector
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.language import Language
from langdetect.utils.ngram import NGram

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
    """langdetect's `detect_langs`, with the number of trials as a parameter (same answer, faster:
    see FastDetector)."""
    init_factory()
    from langdetect.detector_factory import _factory  # set by init_factory()

    detector = FastDetector(_factory)
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


# langdetect 1.0.9 spends about half of a call in per-character Python (appending to a string char
# by char, a unicode-block bisect and an n-gram object's method calls per char) and the rest in
# its random walks, which loop over ~55 languages by index per step. FastDetector does the same
# work with regexes, str.translate and list operations. Its results are langdetect's bit for bit
# (same ranked languages, same float probabilities, same "No features in text." cases):
# tests/test_language.py checks that on arbitrary text with hypothesis, benchmarks/language_bench.py
# on every detection of the 1k corpus. It overrides langdetect internals, which is why langdetect
# is pinned (==1.0.9 in pyproject.toml): a new version must pass those checks before the pin moves.
_SPACE_RUN = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")  # langdetect's 'A' <= ch <= 'z', which includes [\\]^_`
_FROM_U0300 = re.compile("[\u0300-\U0010ffff]")
_WORD_AND_SPACE = re.compile("[^ ]+ ?")
# A word's grams are cached across calls, since news repeats its words: on the 1k corpus the text
# preparation costs 0.07 ms per call with the cache, 0.24 without. The cache is dropped whole when
# it reaches this many words, which bounds its memory (~650 bytes a word measured: ~6 MB).
WORD_GRAMS_CACHE_SIZE = 10_000


class _NormalizedChars(dict):
    """NGram.normalize (a unicode-block bisect and a chain of tests) once per distinct character,
    as a str.translate table filled on first sight."""

    def __missing__(self, code: int) -> str:
        self[code] = normalized = NGram.normalize(chr(code))
        return normalized


_NORMALIZED = _NormalizedChars()
# One word-grams cache per factory: the grams kept depend on the factory's profiles. Threads share
# both caches safely: dict reads and writes are atomic, and at worst two threads compute an entry.
_WORD_GRAMS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class FastDetector(Detector):
    def __init__(self, factory) -> None:
        super().__init__(factory)
        self._word_grams = _WORD_GRAMS.setdefault(factory, {})

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        # langdetect cuts first, then keeps a space only when the character before it is not one.
        self.text += _SPACE_RUN.sub(" ", text[:self.max_text_length])

    def cleaning_text(self) -> None:
        # langdetect meant to count Latin Extended Additional (Vietnamese) as Latin, but compares
        # unicode_block's number with the block's name, so every character from U+0300 up counts
        # as non-Latin; so does this.
        non_latin = len(_FROM_U0300.findall(self.text))
        if non_latin and len(_LATIN.findall(self.text)) * 2 < non_latin:
            self.text = _LATIN.sub("", self.text)

    def _extract_ngrams(self) -> list[str]:
        # langdetect's NGram state machine restarts at every normalized space, so a word's grams
        # depend on the word alone (and on whether a space follows it, which closes it with grams
        # ending in " "): the text's grams are its words' grams in order.
        words = _WORD_AND_SPACE.findall(self.text.translate(_NORMALIZED))
        cache = self._word_grams
        if len(cache) >= WORD_GRAMS_CACHE_SIZE:
            cache.clear()
        result: list[str] = []
        for word in words:
            grams = cache.get(word)
            if grams is None:
                grams = cache[word] = self._grams_of_word(word)
            result += grams
        return result

    def _grams_of_word(self, word: str) -> tuple[str, ...]:
        """NGram.add_char and Detector._extract_ngrams over one word, preceded by a space as the
        state machine sees it: at each character, the 1-, 2- and 3-grams ending there (not " "),
        those the profiles know."""
        padded = " " + word
        ends = range(1, len(padded))
        if not word.islower():
            # NGram.capitalword: no grams at a capital that follows a capital (acronyms, "USA").
            ends = [i for i in ends if not (padded[i].isupper() and padded[i - 1].isupper())]
        grams = (padded[i - back:i + 1] for i in ends for back in range(min(i, 2) + 1))
        # Interned: the cache then holds each gram once, not once per word (a third less memory).
        return tuple(sys.intern(gram) for gram in grams
                     if gram != " " and gram in self.word_lang_prob_map)

    def _detect_block(self) -> None:
        """Detector._detect_block with the same random draws and the same float operations in the
        same order, as list comprehensions instead of index loops over the languages.

        langdetect multiplies each language's probability by `weight + q` (q: that language's
        frequency of the drawn n-gram) once per step, and normalizes after step 0 and after
        every 5th step from there; between two checks it always takes 5 steps. So the 5 draws
        are made first, in order, then applied in one comprehension: `p * (w + a) * (w + b)`
        evaluates left to right, `(p * (w + a)) * (w + b)`, which is langdetect's sequence.
        """
        if self.verbose:
            return super()._detect_block()
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self.langprob = [0.0] * len(self.langlist)
        self.random.seed(self.seed)
        choice, profiles = self.random.choice, self.word_lang_prob_map
        for _ in range(self.n_trial):
            prob = self._init_probability()
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            w = alpha / self.BASE_FREQ
            prob = [p * (w + q) for p, q in zip(prob, profiles[choice(ngrams)])]
            step = 0
            while True:
                total = sum(prob)  # Detector._normalize_prob, whose running maximum is max()
                prob = [p / total for p in prob]
                if max(prob) > self.CONV_THRESHOLD or step >= self.ITERATION_LIMIT:
                    break
                a, b, c, d, e = [profiles[choice(ngrams)] for _ in range(5)]
                prob = [p * (w + qa) * (w + qb) * (w + qc) * (w + qd) * (w + qe)
                        for p, qa, qb, qc, qd, qe in zip(prob, a, b, c, d, e)]
                step += 5
            self.langprob = [acc + p / self.n_trial for acc, p in zip(self.langprob, prob)]
