"""Language tagging: article and segment languages, inheritance, undetectable text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from langdetect.detector import Detector
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException

from tasks.clean import clean_document
from tasks.document import CAPTION, PARAGRAPH, TITLE, Block, Document
from tasks.segment import segment_document
import tasks.taggers.language as language_module
from tasks.taggers.language import (
    NOTE_EMPTY,
    NOTE_NO_FEATURES,
    SEGMENT_MIN_LETTERS,
    SEGMENT_MIN_PROB,
    SEGMENT_SAMPLE_CHARS,
    article_sample,
    detect,
    letter_weight,
    FUNCTION_WORDS,
    FastDetector,
    plainly_in,
    tag_language,
)

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"

# Short news articles written for these tests, in the plain-text scrape layout (title, blank
# line, caption, paragraphs), each with English names and acronyms mixed in as VOA's services do.
ARTICLES: dict[str, str] = {
    "de": """USA warnen vor Wiedererstarken des IS

FILE - Außenminister Mike Pompeo spricht in Washington, 29. April 2020 (File)

Mehr als ein Jahr nach dem militärischen Sieg über das selbsternannte Kalifat des Islamischen Staates warnt die amerikanische Regierung, dass der Kampf gegen die Terrorgruppe noch lange nicht vorbei ist.

Außenminister Mike Pompeo sagte am Donnerstag bei einem virtuellen Treffen der Koalition, die Verbündeten dürften sich nicht in falscher Sicherheit wiegen. Noch immer befänden sich etwa zehntausend Kämpfer in den Gefängnissen der kurdisch geführten Streitkräfte im Nordosten Syriens.

Mehrere europäische Länder, darunter Deutschland und Italien, haben inzwischen Frauen und Kinder aus den Lagern zurückgeholt. Viele andere Staaten weigern sich jedoch weiterhin, ihre Staatsangehörigen aufzunehmen.""",
    "fr": """Les États-Unis mettent en garde contre une résurgence de l'EI

Des combattants détenus dans le nord-est de la Syrie. (File)

Plus d'un an après la chute du dernier bastion du groupe État islamique à Baghouz, les responsables américains estiment que la lutte contre l'organisation terroriste est loin d'être terminée.

Lors d'une réunion virtuelle de la coalition, le secrétaire d'État Mike Pompeo a demandé aux alliés de ne pas baisser la garde et de financer la détention sécurisée et humaine des combattants étrangers.

Selon les Nations unies, environ dix mille combattants restent actifs en Syrie et en Irak, le plus souvent sous la forme de cellules dormantes qui profitent de la pandémie pour se réorganiser.""",
    "ru": """США предупреждают о возрождении ИГ

Задержанные боевики в лагере на северо-востоке Сирии. (File)

Более чем через год после разгрома так называемого халифата американские официальные лица признают, что борьба с террористической группировкой далека от завершения.

Государственный секретарь США Майк Помпео заявил в четверг на виртуальной встрече коалиции, что союзники не должны успокаиваться. По его словам, в тюрьмах на северо-востоке Сирии по-прежнему содержатся около десяти тысяч боевиков.

Многие страны до сих пор отказываются возвращать своих граждан, хотя Германия и Италия уже забрали часть женщин и детей из лагерей для перемещенных лиц.""",
    "ar": """الولايات المتحدة تحذر من عودة تنظيم الدولة الإسلامية

مقاتلون محتجزون في شمال شرق سوريا. (File)

بعد أكثر من عام على إعلان الانتصار على ما يسمى بالخلافة، يقر مسؤولون أمريكيون بأن الحرب ضد التنظيم الإرهابي لم تنته بعد، وأن خلاياه ما زالت تنشط في العراق وسوريا.

وقال وزير الخارجية الأمريكي مايك بومبيو خلال اجتماع افتراضي للتحالف الدولي إن على الحلفاء ألا يتراخوا، داعيا إلى تمويل الاحتجاز الآمن والإنساني للمقاتلين الأجانب.

وبحسب الأمم المتحدة، لا يزال نحو عشرة آلاف مقاتل ينشطون في سوريا والعراق، معظمهم في خلايا نائمة تستغل انشغال الحكومات بجائحة كورونا لإعادة تنظيم صفوفها.""",
    "fa": """آمریکا درباره بازگشت داعش هشدار داد

زندانیان داعش در شمال شرق سوریه. (File)

بیش از یک سال پس از اعلام پیروزی بر خلافت خودخوانده داعش، مقام‌های آمریکایی می‌گویند که مبارزه با این گروه تروریستی هنوز به پایان نرسیده است و هسته‌های آن در عراق و سوریه فعال هستند.

مایک پمپئو، وزیر خارجه آمریکا، روز پنجشنبه در نشست مجازی ائتلاف از متحدان خواست که از این تهدید غافل نشوند و برای نگهداری امن و انسانی جنگجویان خارجی کمک مالی کنند.

به گفته سازمان ملل متحد، حدود ده هزار جنگجوی این گروه همچنان در سوریه و عراق حضور دارند و بسیاری از کشورها از بازگرداندن شهروندان خود خودداری می‌کنند.""",
    "es": """Estados Unidos advierte que la lucha contra el Estado Islámico no ha terminado

Combatientes detenidos en el noreste de Siria. (File)

Más de un año después de que la coalición declarara la victoria sobre el autoproclamado califato, altos funcionarios estadounidenses admiten que la lucha contra el grupo terrorista está lejos de terminar.

El secretario de Estado Mike Pompeo pidió el jueves a los aliados, durante una reunión virtual de la coalición, que no se confíen y que aporten fondos para la detención segura y humana de los combatientes extranjeros.

Según las Naciones Unidas, unos diez mil combatientes siguen activos en Siria e Irak, en su mayoría como células durmientes que aprovechan la pandemia para reorganizarse.""",
    "zh-cn": """美国警告打击伊斯兰国的斗争远未结束

被关押在叙利亚东北部的武装分子。(File)

在联军宣布战胜伊斯兰国自封的哈里发政权一年多之后，美国高级官员承认，打击这个恐怖组织的斗争远未结束，其残余势力仍在伊拉克和叙利亚活动。

美国国务卿蓬佩奥星期四在联盟视频会议上表示，盟国不能掉以轻心，并呼吁各国提供资金，以安全和人道的方式关押外国武装分子。

据联合国估计，目前仍有大约一万名武装分子在叙利亚和伊拉克活动，其中大多数以潜伏小组的形式存在，并利用新冠疫情重新集结。""",
    "tr": """ABD, IŞİD ile mücadelenin bitmediği konusunda uyardı

Suriye'nin kuzeydoğusunda tutulan militanlar. (File)

Koalisyonun sözde hilafete karşı zafer ilan etmesinin üzerinden bir yıldan fazla zaman geçmesine rağmen Amerikalı yetkililer, terör örgütüyle mücadelenin henüz sona ermediğini kabul ediyor.

Dışişleri Bakanı Mike Pompeo perşembe günü koalisyonun sanal toplantısında müttefiklerin gevşememesi gerektiğini söyledi ve yabancı savaşçıların güvenli ve insani koşullarda tutulması için mali destek istedi.

Birleşmiş Milletler'e göre Suriye ve Irak'ta hâlâ yaklaşık on bin militan bulunuyor ve bunların çoğu uyuyan hücreler halinde faaliyet gösteriyor.""",
    "uk": """США попереджають про відродження ІДІЛ

Затримані бойовики в таборі на північному сході Сирії. (File)

Понад рік після перемоги над так званим халіфатом американські посадовці визнають, що боротьба з терористичним угрупованням ще далека від завершення.

Державний секретар США Майк Помпео заявив у четвер під час віртуальної зустрічі коаліції, що союзники не повинні заспокоюватися, і закликав фінансувати безпечне та гуманне утримання іноземних бойовиків.

За даними Організації Об'єднаних Націй, у Сирії та Іраку досі діють близько десяти тисяч бойовиків, здебільшого у вигляді сплячих осередків.""",
}


def make_document(raw_text: str, name: str = "test.txt") -> Document:
    """Through the real clean and segment stages, as the flow does."""
    doc = Document(source_path=name, size=len(raw_text), mtime_ns=0, raw_text=raw_text,
                   input_format="text")
    clean_document(doc)
    segment_document(doc)
    return doc


def make_test_article(raw_text: str) -> Document:
    """The test articles' layout straight into blocks (title, caption, paragraphs), so these
    tests do not depend on the cleaner's heading rules (which treat Chinese paragraphs, ending
    in "。", as headings)."""
    doc = Document(source_path="test.txt", size=len(raw_text), mtime_ns=0)
    title, caption, *paragraphs = raw_text.split("\n\n")
    doc.blocks = [Block(TITLE, title), Block(CAPTION, caption)]
    doc.blocks += [Block(PARAGRAPH, p) for p in paragraphs]
    doc.text = "\n\n".join(b.text for b in doc.blocks)
    segment_document(doc)
    return doc


def segment_document_from_text(doc: Document) -> None:
    """Segments straight from `doc.text` (one paragraph per blank-line block), skipping clean."""
    doc.blocks = [Block(PARAGRAPH, part) for part in doc.text.split("\n\n")]
    segment_document(doc)


@pytest.mark.parametrize("expected", sorted(ARTICLES))
def test_non_english_articles_get_their_language(expected: str) -> None:
    doc = make_test_article(ARTICLES[expected])
    tag_language(doc)
    assert doc.language == expected
    assert doc.language_prob is not None and doc.language_prob > 0.9
    assert doc.language_note is None
    # Every segment is either its own confident detection or inherits; none says something else.
    for seg in doc.segments:
        assert seg.language == expected, doc.text[seg.start:seg.end]


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name)
def test_samples_are_english_and_short_segments_inherit(path: Path) -> None:
    doc = make_document(path.read_text(encoding="utf-8"), path.name)
    tag_language(doc)
    assert doc.language == "en" and doc.language_prob > 0.99
    for seg in doc.segments:
        text = doc.text[seg.start:seg.end]
        assert seg.language == "en", text
        if letter_weight(text) < SEGMENT_MIN_LETTERS:
            assert seg.language_inherited and seg.language_prob is None, text
        if not seg.language_inherited:
            assert seg.language_prob >= SEGMENT_MIN_PROB
    title = doc.segments[0]
    assert title.kind == "title" and title.language_inherited
    long_segments = [s for s in doc.segments
                     if letter_weight(doc.text[s.start:s.end][:SEGMENT_SAMPLE_CHARS]) >= SEGMENT_MIN_LETTERS]
    assert len(long_segments) >= 5
    # Plainly English paragraphs keep the article's language without a detector call each.
    called = [s for s in long_segments
              if not plainly_in("en", doc.text[s.start:s.end][:SEGMENT_SAMPLE_CHARS])]
    assert len(called) <= len(long_segments) // 4


def test_long_foreign_paragraph_gets_its_own_language() -> None:
    english = (RAW / "002_f5878b3e2dcaff7b.txt").read_text(encoding="utf-8")
    spanish = ARTICLES["es"].split("\n\n")[2]
    doc = make_document(english + "\n\n" + spanish)
    tag_language(doc)
    assert doc.language == "en"
    last = doc.segments[-1]
    assert doc.text[last.start:last.end] == spanish
    assert (last.language, last.language_inherited) == ("es", False)


def test_short_foreign_line_inherits_the_article_language() -> None:
    doc = make_test_article(ARTICLES["de"] + "\n\nMuy bien, gracias.")
    tag_language(doc)
    last = doc.segments[-1]
    assert (last.language, last.language_inherited, last.language_prob) == ("de", True, None)


def test_headings_are_not_used_for_the_article_language() -> None:
    doc = make_test_article(ARTICLES["fr"])
    sample = article_sample(doc)
    title = ARTICLES["fr"].split("\n\n")[0]
    assert title not in sample
    assert sample.startswith("Plus d'un an")


@pytest.mark.parametrize("text", ["", "   ", "0:00 0:03:45 0:00", "12345 67.89", "!!! ??? …",
                                  "https://www.voanews.com/a/123.html", "2020-04-29"])
def test_undetectable_text_gives_null_with_a_reason(text: str) -> None:
    found = detect(text)
    assert found.language is None and found.prob is None
    assert found.note in (NOTE_EMPTY, NOTE_NO_FEATURES)


def test_article_without_letters_is_tagged_null_not_rejected() -> None:
    doc = Document(source_path="n.txt", size=0, mtime_ns=0, raw_text="", input_format="text")
    doc.text = "0:00 12,000\n\n2020 - 2021 / 45%"
    segment_document_from_text(doc)
    tag_language(doc)
    assert doc.language is None and doc.language_note == NOTE_NO_FEATURES
    assert all(s.language is None and s.language_inherited for s in doc.segments)


def test_detection_is_deterministic() -> None:
    short = "IS foreign fighters remain a threat"
    assert len({detect(short) for _ in range(20)}) == 1


def test_cjk_characters_count_as_more_than_one_letter() -> None:
    assert letter_weight("伊斯兰国") == 4 * 3
    assert letter_weight("ISIS 2020!") == 4


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=6))
def test_any_text_is_tagged_without_raising(paragraphs: list[str]) -> None:
    doc = Document(source_path="h.txt", size=0, mtime_ns=0)
    doc.text = "\n\n".join(paragraphs)
    segment_document_from_text(doc)
    tag_language(doc)
    assert (doc.language is None) == (doc.language_note is not None)
    for seg in doc.segments:
        if seg.language_inherited:
            assert seg.language == doc.language and seg.language_prob is None
        else:
            assert seg.language is not None and seg.language_prob >= SEGMENT_MIN_PROB


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_function_word_shortcut_never_claims_another_languages_paragraph(language) -> None:
    for paragraph in ARTICLES[language].split("\n\n"):
        for other in FUNCTION_WORDS:
            if other != language:
                assert not plainly_in(other, paragraph), (language, other, paragraph[:60])


def test_an_article_with_too_little_text_has_no_language_and_says_why() -> None:
    from tasks.taggers.language import NOTE_TOO_SHORT

    doc = make_document("Deep\n\nDeep text.")
    tag_language(doc)
    assert (doc.language, doc.language_prob, doc.language_note) == (None, None, NOTE_TOO_SHORT)
    assert all(seg.language is None and seg.language_inherited for seg in doc.segments)


# -- FastDetector gives langdetect's answers ------------------------------------------------------
# Pieces of text that reach every branch langdetect has for a character: ASCII letters in both
# cases (acronyms), the Latin-1 characters it blanks, Romanian comma letters it rewrites,
# Cyrillic, Arabic with the Farsi yeh it maps, ideographs (some share a class), kana, hangul,
# bopomofo, Vietnamese base letters with combining marks (normalize_vi) and precomposed ones,
# digits, punctuation including General Punctuation, URLs, e-mail addresses, runs of spaces.
_ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àáâãäçèéêëíîïñóôöøúüýÿßÀÉÎÑÖÜ«»°\xa0",
    "ăâđêôơưĂĐșțȘȚşţ",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіїєґІЇЄ",
    "ابتثجحخدذرسشصضطظعغفقكلمنهويیکگپچژ\u064b\u0650",
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年美伊斯兰あいうアイウエ한국어ㄅㄆㄇ",
    "aeiouyAEIOUYâêôăơư\u0300\u0301\u0303\u0309\u0323ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "0123456789",
    " .,;:!?'\"()-/\n\t\u2013\u2014\u2019\u2026\u3000",
]
_PIECES = st.one_of(
    *(st.text(alphabet=letters, min_size=1, max_size=24) for letters in _ALPHABETS),
    st.sampled_from(["https://www.voanews.com/a/us-warns/5435.html", "http://x.org/?a=1&b=2#c",
                     "press@voanews.com", "a.b-c_d@mail.example.org", "   ", " \n\n  ", "IS", "USA"]),
    st.text(max_size=8),  # anything else Unicode has
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def detector_outcomes(detector_class, text: str, trials: int, max_text_length: int) -> tuple:
    """What a detector makes of `text`: its text after append, its n-grams, and its ranked
    languages (or the exception it raised), each from a fresh detector as langdetect is used."""
    init_factory()
    from langdetect.detector_factory import _factory

    def fresh():
        detector = detector_class(_factory)
        detector.n_trial = trials
        detector.set_max_text_length(max_text_length)
        detector.append(text)
        return detector

    appended = fresh().text
    inspected = fresh()
    inspected.cleaning_text()
    ngrams = inspected._extract_ngrams()
    try:
        ranked = [(found.lang, found.prob) for found in fresh().get_probabilities()]
    except LangDetectException as exc:
        ranked = ("LangDetectException", exc.get_code(), str(exc))
    return appended, ngrams, ranked


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.integers(min_value=1, max_value=7),
       st.one_of(st.just(10_000), st.integers(min_value=1, max_value=120)))
@example("Hello  world   IS  USA\u3000fighters", 3, 10_000)
@example("Vie\u0323t Nam  ", 3, 6)  # cut inside a run of spaces, after normalize_vi
@example("", 3, 10_000)
@example("0:00 0:03:45 0:00", 3, 10_000)
def test_fast_detector_gives_langdetects_answer_bit_for_bit(text: str, trials: int,
                                                             max_text_length: int) -> None:
    ours = detector_outcomes(FastDetector, text, trials, max_text_length)
    theirs = detector_outcomes(Detector, text, trials, max_text_length)
    assert ours == theirs


def test_fast_detector_matches_langdetect_beyond_max_text_length_with_a_tiny_word_cache(
        monkeypatch) -> None:
    """Text over langdetect's 10,000-character cut, every script of the test articles at once,
    and a word cache dropped at every call."""
    monkeypatch.setattr(language_module, "WORD_GRAMS_CACHE_SIZE", 1)
    text = "  ".join(ARTICLES.values()) * 2
    assert len(text) > 10_000
    for start in range(0, 4000, 1000):
        assert (detector_outcomes(FastDetector, text[start:], 3, 10_000)
                == detector_outcomes(Detector, text[start:], 3, 10_000))
