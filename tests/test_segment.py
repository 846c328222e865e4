"""Segment stage: split_sentences invariants, segment_document offsets, a sample article exactly,
and round-tripping offsets through the written tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.clean import clean_document
from tasks.document import (
    BLOCK_SEPARATOR,
    HEADING,
    PARAGRAPH,
    TITLE,
    Block,
    Document,
    apply_per_document,
)
from tasks.read import discover_inputs, read_document
from tasks.segment import segment_document, segment_documents, split_sentences
from tasks.write import build_tables

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
BULLET_GLYPHS = set("-*•▪◦●○■□►▶‣⁃∙·➢✓–—")

# Sentences of data/raw/002_*.txt after clean, one list per segment, checked by reading.
ARTICLE_002_SENTENCES_BY_SEGMENT = [
    ['US Warns No End to Fight Against Islamic State'],
    [
        'FILE - Secretary of State Mike Pompeo speaks at a news conference at the State '
        'Department in Washington, April 29, 2020.',
    ],
    [
        'More than a year after the U.S.-led coalition declared victory over the Islamic '
        "State's self-declared caliphate in Iraq and Syria, a top U.S. official admits "
        'the fight against the terror group is not close to over.',
    ],
    [
        'U.S. Secretary of State Mike Pompeo delivered the blunt assessment Thursday to '
        'representatives of 31 countries and partners during a virtual meeting of the '
        'coalition, urging allies not to be complacent.',
    ],
    [
        '“Our fight against ISIS continues, and it will be here for the foreseeable '
        'future. We cannot rest,” Pompeo said, using an acronym for the terror group.',
        '“We must continue to root out ISIS cells and networks and provide stabilization '
        'assistance to liberated areas in Iraq and Syria.”',
    ],
    [
        'The latest meeting of coalition partners, being held virtually because of '
        'concerns about the coronavirus pandemic, came at a critical time in the fight '
        'against Islamic State, also referred to as IS or by its Arabic acronym, Daesh.',
    ],
    [
        'While the U.S.-led coalition and independent monitoring groups point to a '
        'decreased number of IS attacks compared with figures from years past, U.S. '
        'counterterrorism officials warn the terror group has made significant progress '
        'as it tries to rebuild.',
    ],
    [
        '“They’ve made incremental, localized improvements to their operating capacity,” '
        'a counterterrorism official told VOA last month, adding that IS cells in '
        'eastern Syria have become increasingly bold.',
    ],
    ['Resurgence in Syria, Iraq'],
    [
        'Sources close to U.S.-backed Kurdish forces in Syria likewise warn that IS '
        'fighters have “spread like cancer,” using increasingly sophisticated tactics to '
        'expand their reach.',
    ],
    [
        'And last month.',
        'Jordan’s King Abdullah II warned that IS activity in Iraq was “threatening to '
        'undo years of global efforts.”',
    ],
    [
        'There have also been concerns that U.S. President Donald Trump might order a '
        'further drawdown of forces in Iraq and Syria, after the U.S. pulled out of a '
        'series of bases in Iraq in March, handing them over to the Iraqi military.',
    ],
    [
        'Coalition partners have responded with a series of raids and other operations '
        'targeting senior IS officials and IS cells across the region.',
        'And this week, Iraq announced a new military campaign focusing on IS cells '
        'active in Kirkuk and Salah ad Din provinces.',
    ],
    [
        'Pompeo on Thursday assured coalition members that the U.S. would remain the '
        '“military backbone” of anti-IS efforts in the region.',
    ],
    ['“Each of us needs to keep fighting, all of us together,” Pompeo said.'],
    [
        'But at the same time, the secretary of state called on allies to do more, '
        'asking for additional financial contributions, in part to address the 10,000 IS '
        'fighters, including 2,000 foreign fighters, still in the custody of the '
        'U.S.-backed Syrian Democratic Forces (SDF).',
    ],
    [
        '“We are counting on this coalition to fund the secure and humane detention of '
        'the thousands of foreign terrorist fighters in custody in Syria and Iraq,” he '
        'said.',
    ],
    ['IS foreign fighters'],
    [
        'For more than a year, both U.S. and SDF officials have raised concerns about '
        'the captured IS fighters languishing in hastily constructed prisons, many now '
        'over capacity.',
    ],
    [
        'It is a situation that officials say has become even more critical in light of '
        'the coronavirus pandemic, which has already sparked a number of riots at some '
        'larger prisons.',
    ],
    [
        'The U.S. delivered aid and supplies in April, but SDF officials have said that '
        'is not enough and have continued to seek support to put foreign IS fighters '
        'before some sort of tribunal, though questions about what to do with convicted '
        'IS fighters have yet to be answered.',
    ],
    [
        'While some countries, like Italy and Germany, have earned praise from the U.S. '
        'for repatriating a greater number of foreign fighters, many countries continue '
        'to refuse.',
    ],
    [
        'Former U.S. military and counterterrorism officials, as well as humanitarian '
        'groups, have also raised concerns about the futures of an estimated 10,000 IS '
        'family members, mostly women and children, held in displacement camps, like '
        'al-Hol, in Syria.',
    ],
    [
        'According to a recent report by the U.S. Defense Department inspector general, '
        'two-thirds of the detained IS family members are children under age 12.',
    ],
    [
        'Some counterterrorism officials and experts have likened the population to a '
        'ticking time bomb, and something that could help IS re-emerge.',
    ],
    [
        '“States must get on the front foot and get their nationals back and not leave '
        'them in a limbo,” U.N. coordinator Edmund Fitton-Brown, said earlier this year.',
        "“They're going to become increasingly desperate and possibly increasingly "
        'radicalized.”',
    ],
]


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def cleaned(source_path: str) -> Document:
    doc = Document(source_path=source_path, size=0, mtime_ns=0)
    read_document(doc, RAW)
    clean_document(doc)
    return doc


def doc_with_blocks(*blocks: Block) -> Document:
    doc = Document(source_path="x.txt", size=0, mtime_ns=0, doc_id="x")
    doc.blocks = list(blocks)
    doc.text = BLOCK_SEPARATOR.join(b.text for b in blocks)
    return doc


# --- split_sentences ---

@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\u00a0\u2003\u3000", "\r\n"])
def test_empty_and_whitespace_only_give_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


# Weighted towards the characters the rules look at, so the edge cases actually occur.
_TRICKY = st.sampled_from(
    list(".!?…。！？।,:;\"'“”‘’()[]«»¿¡-•*1aZé字 \n\t\r\u00a0")
    + ["U.S.", "Dr.", "a.m.", ". . .", "No. 5", "\n\n", "\n- ", " • ", "1. ",
       "“Why?” Pompeo asked. ", "(File)"])
_TEXT = st.one_of(st.text(), st.lists(st.one_of(_TRICKY, st.text(max_size=5)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_spans_are_ordered_trimmed_in_bounds_and_lose_no_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip(), "a sentence never starts or ends with whitespace"
        previous_end = end
    # Between and around sentences there is only whitespace and list bullets: nothing is lost.
    covered = [False] * len(text)
    for start, end in spans:
        covered[start:end] = [True] * (end - start)
    assert all(ch.isspace() or ch in BULLET_GLYPHS for ch, hit in zip(text, covered) if not hit)


def test_bullet_glyphs_are_not_part_of_the_item() -> None:
    assert sentences("Key points:\n• Talks resumed\n- Aid arrived.") == [
        "Key points:", "Talks resumed", "Aid arrived."]


def test_crlf_line_endings_leave_no_carriage_return_in_sentences() -> None:
    assert sentences("Resurgence in Syria\r\nFighters regrouped.\r\n") == [
        "Resurgence in Syria", "Fighters regrouped."]


def test_text_without_any_boundary_is_one_sentence() -> None:
    text = "word " * 5000 + "end"
    assert split_sentences(text) == [(0, len(text))]


def test_sample_typo_splits_after_month() -> None:
    # The source really has "And last month. Jordan's ..." - the period ends a sentence.
    assert sentences("And last month. Jordan’s King Abdullah II warned.") == [
        "And last month.", "Jordan’s King Abdullah II warned."]


# --- segment_document ---

def test_segments_mirror_blocks_and_sentences_point_into_the_article_text() -> None:
    doc = doc_with_blocks(Block(TITLE, "Uprooting ISIS"), Block(HEADING, "What comes next"),
                          Block(PARAGRAPH, "Dr. Smith spoke. “We won,” he said. Then he left."))
    segment_document(doc)
    assert [(s.kind, doc.text[s.start:s.end]) for s in doc.segments] == [
        (TITLE, "Uprooting ISIS"), (HEADING, "What comes next"),
        (PARAGRAPH, "Dr. Smith spoke. “We won,” he said. Then he left.")]
    assert [(s.seg_index, doc.text[s.start:s.end]) for s in doc.sentences] == [
        (0, "Uprooting ISIS"), (1, "What comes next"), (2, "Dr. Smith spoke."),
        (2, "“We won,” he said."), (2, "Then he left.")]


def test_whitespace_only_block_gets_no_segment_and_indexes_stay_dense() -> None:
    doc = doc_with_blocks(Block(TITLE, "Title"), Block(PARAGRAPH, "   "), Block(PARAGRAPH, "Body."))
    segment_document(doc)
    assert [doc.text[s.start:s.end] for s in doc.segments] == ["Title", "Body."]
    assert [s.seg_index for s in doc.sentences] == [0, 1]


def test_block_missing_from_text_rejects_only_that_document() -> None:
    broken = doc_with_blocks(Block(TITLE, "Title"), Block(PARAGRAPH, "Body."))
    broken.text = "Title\n\nSomething else."
    fine = doc_with_blocks(Block(TITLE, "Title"), Block(PARAGRAPH, "Body."))
    out = segment_documents([broken, fine])
    assert out[0].reject is not None and out[0].reject.reason == "text_mismatch"
    assert out[0].reject.stage == "segment"
    assert out[1].ok and len(out[1].sentences) == 2


def test_unknown_block_kind_is_an_internal_error_not_a_crash() -> None:
    doc = doc_with_blocks(Block("sidebar", "Text."))
    [out] = segment_documents([doc])
    assert out.reject is not None and out.reject.reason == "internal_error"
    assert "sidebar" in out.reject.detail


_BLOCK = st.builds(Block, st.sampled_from([TITLE, HEADING, PARAGRAPH]), _TEXT)


@settings(max_examples=200, deadline=None)
@given(st.lists(_BLOCK, max_size=6))
def test_segment_offsets_round_trip_for_any_blocks(blocks: list[Block]) -> None:
    doc = doc_with_blocks(*blocks)
    segment_document(doc)
    non_empty = [b for b in blocks if b.text.strip()]
    assert [doc.text[s.start:s.end] for s in doc.segments] == [b.text.strip() for b in non_empty]
    assert [s.kind for s in doc.segments] == [b.kind for b in non_empty]
    previous_end = 0
    for sentence in doc.sentences:
        segment = doc.segments[sentence.seg_index]
        assert segment.start <= sentence.start < sentence.end <= segment.end
        assert previous_end <= sentence.start
        previous_end = sentence.end


def test_sample_article_002_exact_segments_and_sentences() -> None:
    [path] = RAW.glob("002_*.txt")
    doc = cleaned(path.name)
    segment_document(doc)
    assert [s.kind for s in doc.segments] == [b.kind for b in doc.blocks]
    assert [doc.text[s.start:s.end] for s in doc.segments] == [
        " ".join(group) for group in ARTICLE_002_SENTENCES_BY_SEGMENT]
    assert [(s.seg_index, doc.text[s.start:s.end]) for s in doc.sentences] == [
        (i, sentence) for i, group in enumerate(ARTICLE_002_SENTENCES_BY_SEGMENT) for sentence in group]
    assert doc.segments[0].kind == TITLE
    assert {doc.text[s.start:s.end] for s in doc.segments if s.kind == HEADING} == {
        "Resurgence in Syria, Iraq", "IS foreign fighters"}


def test_written_rows_round_trip_offsets_for_every_sample() -> None:
    docs = [Document.from_input(raw) for raw in discover_inputs(RAW)]
    assert docs, "the sample articles are missing"
    for doc in docs:
        read_document(doc, RAW)
    docs = apply_per_document(docs, "clean", clean_document)
    docs = segment_documents(docs)
    assert all(d.ok for d in docs), [d.reject for d in docs]
    tables = build_tables(docs, run_id="test")
    text_by_doc = dict(zip(tables["articles"]["doc_id"].to_pylist(),
                           tables["articles"]["text"].to_pylist(), strict=True))
    for name in ("segments", "sentences"):
        rows = tables[name].to_pylist()
        assert rows
        for row in rows:
            assert text_by_doc[row["doc_id"]][row["start"]:row["end"]] == row["text"]
            assert row["n_words"] == len(row["text"].split())
