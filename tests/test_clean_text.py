"""Text scrapes: the variations real scrapes show, each chrome family, metadata, bad input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tasks.clean import learn_boilerplate, learning_sample, needs_learned_lines
from tasks.document import RawInput, Reject
from tasks.document import CAPTION, HEADING, PARAGRAPH, TITLE
from tests.clean_helpers import clean_one, kinds_and_texts, read_doc

SAMPLES = Path(__file__).parent / "fixtures" / "clean" / "samples"
SAMPLE = "003_d9aaa4cf88ec52a0"
RAW = (SAMPLES / f"{SAMPLE}.txt").read_text(encoding="utf-8")
EXPECTED = [(b["kind"], b["text"]) for b in
            json.loads((SAMPLES / f"{SAMPLE}.expected.json").read_text())["blocks"]]
RAW_LINES = RAW.split("\n")

PARA_1 = ("The council voted on Tuesday to keep the old bridge open to cyclists while engineers "
          "finish their survey of the river crossing.")
PARA_2 = ("Residents who spoke at the meeting said the detour through the industrial park added "
          "twenty minutes to their daily commute.")
PARA_3 = "The survey is due in March, officials said."


def _variant(separator: str = "\n", line_end: str = "", prefix: str = "") -> str:
    return prefix + separator.join(line + line_end for line in RAW_LINES)


@pytest.mark.parametrize("raw", [
    pytest.param(_variant("\r\n"), id="crlf"),
    pytest.param(_variant("\r"), id="old-mac-cr"),
    pytest.param(_variant(prefix="\ufeff"), id="bom"),
    pytest.param(_variant(line_end="   \t"), id="trailing-whitespace"),
    pytest.param("\n".join(line for line in RAW_LINES if line.strip()), id="no-blank-lines"),
    pytest.param("\n\n\n".join(RAW_LINES), id="many-blank-lines"),
    pytest.param(RAW.replace(" ", "\u00a0", 40), id="nbsp"),
])
def test_layout_variations_clean_identically(raw):
    assert kinds_and_texts(clean_one(raw)) == EXPECTED


def test_full_navigation_preamble_is_removed():
    nav = ["Accessibility links", "Skip to main content", "Skip to main Navigation",
           "Skip to Search", "Next", "Previous", "Breaking News", "Voice of America", "Search",
           "Live", "Learning English", "Extremism Watch", "Some Unknown Menu Entry",
           "Breaking News", "Previous", "Next"]
    body = RAW.split("Breaking News\n\n", 1)[1]
    doc = clean_one("\n".join(nav) + "\n" + body)
    assert kinds_and_texts(doc) == EXPECTED
    rules = {r.text: r.rule for r in doc.removed}
    assert rules["Some Unknown Menu Entry"] == "chrome:navigation"  # before the last marker
    assert rules["Next"] == "chrome:navigation"


def test_share_widget_related_list_and_footer_are_removed():
    tail = ["Link has been copied to clipboard", "Share", "Facebook", "Twitter", "Print Options:",
            "Images", "Multimedia", "Embedded Content", "Comments", "Cancel", "Print",
            "Related", "Pentagon: Islamic State Fighters Regrouping in Syria",
            "Follow Us", "Terms of Use", "Privacy Notice", "© 2024 Voice of America", "XS", "SM"]
    doc = clean_one(RAW + "\n" + "\n".join(tail) + "\n")
    assert kinds_and_texts(doc) == EXPECTED
    rules = {r.text: r.rule for r in doc.removed}
    assert rules["Link has been copied to clipboard"] == "chrome:share_widget"
    assert rules["Pentagon: Islamic State Fighters Regrouping in Syria"] == "chrome:related_list"
    assert rules["XS"] == "chrome:footer"


def test_embedded_player_in_the_body_is_removed_with_its_title():
    player = ["Coalition Ministers Meet in Rome", "please wait", "Embed", "Direct link",
              "No media source currently available", "0:00 0:01:38 0:00", "Pop-out player"]
    raw = "\n".join(["Breaking News", "Bridge Stays Open", PARA_1, *player, PARA_2, PARA_3])
    doc = clean_one(raw)
    assert kinds_and_texts(doc) == [(TITLE, "Bridge Stays Open"), (PARAGRAPH, PARA_1),
                                    (PARAGRAPH, PARA_2), (PARAGRAPH, PARA_3)]
    assert {r.text: r.rule for r in doc.removed}["Coalition Ministers Meet in Rome"] == "media:player_title"
    assert doc.media_duration_s == 98


def test_alt_text_copy_of_the_caption_is_removed():
    caption = "FILE - Cyclists cross the old bridge in Riverton, March 3, 2023."
    raw = "\n".join(["Bridge Stays Open", "Cyclists cross the old bridge in Riverton, March 3, 2023.",
                     caption, PARA_1, PARA_2])
    doc = clean_one(raw)
    assert kinds_and_texts(doc) == [(TITLE, "Bridge Stays Open"), (CAPTION, caption),
                                    (PARAGRAPH, PARA_1), (PARAGRAPH, PARA_2)]
    assert doc.captions[0].is_file_photo
    assert [r.rule for r in doc.removed] == ["media:alt_text"]


def test_caption_with_an_ap_style_date_is_recognized():
    caption = "A ship loaded with grain leaves the port of Odesa, Ukraine, Aug. 5, 2022."
    doc = clean_one("\n".join(["Grain Ships Sail", caption, PARA_1, PARA_2]))
    assert kinds_and_texts(doc)[1] == (CAPTION, caption)
    assert doc.captions[0].is_file_photo is False


def test_similar_opening_paragraphs_are_not_taken_for_alt_text():
    raw = "\n".join(["Bridge Stays Open", PARA_3[:-1], PARA_3 + " More later.", PARA_1])
    doc = clean_one(raw)
    assert [t for _, t in kinds_and_texts(doc)][1:] == [PARA_3[:-1], PARA_3 + " More later.", PARA_1]


def test_headings_between_paragraphs_survive_even_when_they_are_menu_words():
    raw = "\n".join(["Accessibility links", "Bridge Stays Open", PARA_1, "Europe", PARA_2,
                     "IS foreign fighters", PARA_3])
    assert kinds_and_texts(clean_one(raw))[1:] == [
        (PARAGRAPH, PARA_1), (HEADING, "Europe"), (PARAGRAPH, PARA_2),
        (HEADING, "IS foreign fighters"), (PARAGRAPH, PARA_3)]


def test_byline_and_date_become_metadata():
    raw = "\n".join(["Bridge Stays Open", "By Jeff Seldin and Margaret Besheer",
                     "June 04, 2020 03:41 PM", "Updated June 05, 2020", PARA_1, PARA_2])
    doc = clean_one(raw)
    assert doc.authors == ["Jeff Seldin", "Margaret Besheer"]
    assert str(doc.published) == "2020-06-04"
    assert [r.rule for r in doc.removed] == ["meta:byline", "meta:published", "meta:updated"]
    assert kinds_and_texts(doc)[1:] == [(PARAGRAPH, PARA_1), (PARAGRAPH, PARA_2)]


def test_body_sentences_that_start_like_metadata_stay():
    para = "By the end of June 2020, the council had spent most of its budget."
    doc = clean_one("\n".join(["Bridge Stays Open", para, PARA_1]))
    assert (PARAGRAPH, para) in kinds_and_texts(doc)
    assert doc.authors == [] and doc.published is None


def test_source_comes_from_a_host_folder_or_url_line_never_guessed():
    raw = "\n".join(["Bridge Stays Open", PARA_1, PARA_2])
    assert clean_one(raw, "voanews.com/2020/a.txt").source == "voanews.com"
    assert clean_one(raw, "www.rferl.org/a.txt").source == "rferl.org"
    assert clean_one(raw, "scrapes/2020/a.txt").source is None
    with_url = "https://www.polygraph.info/a/fact-check/123.html\n" + raw
    doc = clean_one(with_url, "scrapes/a.txt")
    assert doc.source == "polygraph.info"
    assert doc.removed[0].rule == "meta:url"
    assert doc.title == "Bridge Stays Open"


def test_file_photo_marker_is_a_flag_and_the_caption_text_is_kept_whole():
    doc = clean_one(RAW)
    assert doc.captions[0].is_file_photo
    assert doc.captions[0].text.endswith("(File)")
    assert clean_one((SAMPLES / "004_f6e9d0adbede25c6.txt").read_text()).captions[0].is_file_photo is False


@pytest.mark.parametrize("raw, reason", [
    pytest.param("Accessibility links\n\nBreaking News\n\nplease wait\n0:00 0:01:00 0:00\n",
                 "only_boilerplate", id="only-chrome"),
    pytest.param("Bridge Stays Open\n\nIS foreign fighters\n", "no_body", id="title-and-heading-only"),
])
def test_unusable_scrapes_are_rejected_with_a_reason(raw, reason):
    doc = clean_one(raw)
    assert doc.reject is not None and doc.reject.stage == "clean" and doc.reject.reason == reason


def test_a_bad_document_does_not_stop_the_batch():
    from tasks.clean import clean_documents  # noqa: PLC0415

    docs = [read_doc("Breaking News\nplease wait\n"), read_doc(RAW)]
    out = clean_documents(docs)
    assert [d.ok for d in out] == [False, True]


def test_huge_single_line_is_handled_in_linear_time():
    line = "word " * 2_000_000  # a 10 MB line without a newline
    started = time.perf_counter()
    doc = clean_one("Bridge Stays Open\n" + line + "end.\n")
    assert doc.ok and len(doc.text) > 9_000_000
    assert time.perf_counter() - started < 10


def test_learned_boilerplate_removes_shared_chrome_but_keeps_body_headings():
    promo = "Get the VOA app for breaking news alerts"
    desk_heading = "What comes next"
    docs = []
    for i in range(5):
        raw = "\n".join([f"Story number {i} about the bridge", PARA_1, desk_heading, f"{PARA_2} ({i})",
                         promo])
        docs.append(read_doc(raw, f"voanews.com/{i}.txt"))
    learned = learn_boilerplate(docs)
    assert {promo, desk_heading} <= learned.lines_for(docs[0])
    doc = clean_one(docs[0].raw_text, "voanews.com/0.txt", learned)
    texts = [t for _, t in kinds_and_texts(doc)]
    assert promo not in texts and desk_heading in texts
    assert {r.text: r.rule for r in doc.removed}[promo] == "learned:repeated_line"


def test_learning_needs_three_articles_and_thirty_percent():
    shared = "Shared footer line of this desk"

    def corpus(with_line: int, total: int):
        return [read_doc("\n".join([f"Title {i}", PARA_1 + f" {i}.", *([shared] if i < with_line else [])]),
                         f"example.org/{i}.txt") for i in range(total)]

    assert shared not in learn_boilerplate(corpus(2, 2)).lines_for(corpus(2, 2)[0])  # 2 articles
    assert shared not in learn_boilerplate(corpus(3, 11)).lines_for(corpus(3, 11)[0])  # 27%
    assert shared in learn_boilerplate(corpus(4, 11)).lines_for(corpus(4, 11)[0])  # 36%


def test_learning_keeps_sources_apart():
    line = "Only this site prints this"
    story = "Story number {} has its own opening sentence, which no other story in the set shares."
    a = [read_doc(f"T{i}\n{story.format(i)}\n{line}", f"a.example.com/{i}.txt") for i in range(3)]
    b = [read_doc(f"T{i}\n{story.format(i)}\n", f"b.example.com/{i}.txt") for i in range(3)]
    learned = learn_boilerplate(a + b)
    assert line in learned.lines_for(a[0]) and line not in learned.lines_for(b[0])


def test_the_same_story_scraped_many_times_teaches_nothing():
    copies = [read_doc(f"Accessibility links\nT\n{PARA_1}\n", f"a.example.com/{i}.txt") for i in range(5)]
    assert not learn_boilerplate(copies).lines_for(copies[0])


def test_learning_sample_takes_every_folder_spread_over_it():
    inputs = [RawInput(source_path=f"{site}/{i:04}.txt", size=1, mtime_ns=0)
              for site in ("a.example", "b.example") for i in range(1000)]
    inputs.append(RawInput("a.example/gone.txt", 0, 0, Reject("discover", "vanished", "gone")))
    sample = learning_sample(inputs, per_folder=50)
    folders = {d.source_path.split("/")[0] for d in sample}
    assert folders == {"a.example", "b.example"} and len(sample) == 100
    assert sample[-1].source_path > "b.example/0900"  # spread over the folder, not its head
    assert all(raw.ok for raw in sample)


def test_learning_sample_is_bounded_in_all_and_skips_html():
    inputs = [RawInput(source_path=f"{site:03}/{i:04}.{ext}", size=1, mtime_ns=0)
              for site in range(400) for i in range(300) for ext in ("txt", "html")]
    sample = learning_sample(inputs, per_folder=300, total=3000)
    assert len(sample) <= 3000 and len({d.source_path.split("/")[0] for d in sample}) == 400
    assert all(d.source_path.endswith(".txt") for d in sample)


def test_learned_lines_apply_only_to_inputs_named_as_text_scrapes():
    # A file named .html never gets learned lines, even when it holds a plain-text scrape: so
    # batches of pages can run before learning ends and still clean identically.
    promo = "Get the VOA app for breaking news alerts"
    docs = [read_doc("\n".join([f"Story number {i} about the bridge", PARA_1, f"{PARA_2} ({i})", promo]),
                     f"voanews.com/{i}.txt") for i in range(5)]
    learned = learn_boilerplate(docs)
    assert promo in learned.lines_for(docs[0])
    as_text = clean_one(docs[0].raw_text, "voanews.com/0.txt", learned)
    named_html = clean_one(docs[0].raw_text, "voanews.com/0.html", learned)
    assert named_html.input_format == "text"
    assert promo not in [t for _, t in kinds_and_texts(as_text)]
    assert promo in [t for _, t in kinds_and_texts(named_html)]
    assert needs_learned_lines([RawInput("voanews.com/0.txt", 1, 0)])
    assert not needs_learned_lines([RawInput("voanews.com/0.html", 1, 0), RawInput("x/1.HTM", 1, 0)])
