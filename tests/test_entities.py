"""Entity tagging: the gazetteer, its case and boundary rules, and within-article resolution."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.document import Document
from tasks.taggers.entities import (
    ALIAS_RESOLUTION,
    DEFAULT_FIRST_NAMES,
    DEFAULT_VOCABULARY,
    FIRST_NAMES_ENV,
    GAZETTEER,
    LABELS,
    VOCABULARY_ENV,
    EntityMatcher,
    VocabularyError,
    first_names_paths,
    read_first_names,
    read_vocabulary,
    surname_of,
    tag_entities,
    vocabulary_conflicts,
)
from tests.test_language import RAW, make_document

MATCHER = EntityMatcher.from_files([DEFAULT_VOCABULARY])

# Checked by eye against the articles: every actor, country and place the vocabulary knows, in
# text order, as (mention, canonical name).
EXPECTED = {
    '002_f5878b3e2dcaff7b.txt': [
        ('US', 'United States'), ('Islamic State', 'Islamic State'),
        ('Mike Pompeo', 'Mike Pompeo'), ('State Department', 'U.S. Department of State'),
        ('Washington', 'Washington, D.C.'), ('U.S.', 'United States'),
        ('Islamic State', 'Islamic State'), ('Iraq', 'Iraq'), ('Syria', 'Syria'),
        ('U.S.', 'United States'), ('U.S.', 'United States'), ('Mike Pompeo', 'Mike Pompeo'),
        ('ISIS', 'Islamic State'), ('Pompeo', 'Mike Pompeo'), ('ISIS', 'Islamic State'),
        ('Iraq', 'Iraq'), ('Syria', 'Syria'), ('Islamic State', 'Islamic State'),
        ('IS', 'Islamic State'), ('Daesh', 'Islamic State'), ('U.S.', 'United States'),
        ('IS', 'Islamic State'), ('U.S.', 'United States'), ('VOA', 'Voice of America'),
        ('Syria', 'Syria'), ('Syria', 'Syria'), ('Iraq', 'Iraq'), ('U.S.', 'United States'),
        ('Syria', 'Syria'), ('Jordan', 'Jordan'), ('King Abdullah II', 'King Abdullah II'),
        ('Iraq', 'Iraq'), ('U.S.', 'United States'), ('Donald Trump', 'Donald Trump'),
        ('Iraq', 'Iraq'), ('Syria', 'Syria'), ('U.S.', 'United States'), ('Iraq', 'Iraq'),
        ('IS', 'Islamic State'), ('IS', 'Islamic State'), ('Iraq', 'Iraq'),
        ('IS', 'Islamic State'), ('Kirkuk', 'Kirkuk'), ('Salah ad Din', 'Salah ad Din'),
        ('Pompeo', 'Mike Pompeo'), ('U.S.', 'United States'), ('IS', 'Islamic State'),
        ('Pompeo', 'Mike Pompeo'), ('IS', 'Islamic State'), ('U.S.', 'United States'),
        ('Syrian Democratic Forces', 'Syrian Democratic Forces'),
        ('SDF', 'Syrian Democratic Forces'), ('Syria', 'Syria'), ('Iraq', 'Iraq'),
        ('IS', 'Islamic State'), ('U.S.', 'United States'), ('SDF', 'Syrian Democratic Forces'),
        ('IS', 'Islamic State'), ('U.S.', 'United States'), ('SDF', 'Syrian Democratic Forces'),
        ('IS', 'Islamic State'), ('IS', 'Islamic State'), ('Italy', 'Italy'),
        ('Germany', 'Germany'), ('U.S.', 'United States'), ('U.S.', 'United States'),
        ('IS', 'Islamic State'), ('al-Hol', 'al-Hol'), ('Syria', 'Syria'),
        ('U.S. Defense Department', 'U.S. Department of Defense'), ('IS', 'Islamic State'),
        ('IS', 'Islamic State'), ('U.N.', 'United Nations'),
        ('Edmund Fitton-Brown', 'Edmund Fitton-Brown'),
    ],
    '003_d9aaa4cf88ec52a0.txt': [
        ('ISIS Core', 'Islamic State'), ('ISIS', 'Islamic State'), ('Syria', 'Syria'),
        ('ISIS', 'Islamic State'), ('ISIS', 'Islamic State'), ('Baghuz', 'Baghuz'),
        ('Syria', 'Syria'), ('Global Coalition to Defeat ISIS', 'Global Coalition to Defeat ISIS'),
        ('Iraq', 'Iraq'), ('Syria', 'Syria'), ('United Nations', 'United Nations'),
        ('ISIS', 'Islamic State'), ('Syria', 'Syria'), ('Iraq', 'Iraq'), ('ISIS', 'Islamic State'),
        ('Syria', 'Syria'), ('ISIS', 'Islamic State'), ('Syria', 'Syria'), ('Iraq', 'Iraq'),
        ('Ian Moss', 'Ian Moss'), ('State Department', 'U.S. Department of State'),
        ('Bureau of Counterterrorism', 'Bureau of Counterterrorism'),
        ('ISIS Core', 'Islamic State'), ('ISIS', 'Islamic State'), ('ISIS', 'Islamic State'),
        ('Moss', 'Ian Moss'), ('ISIS', 'Islamic State'), ('Syria', 'Syria'),
        ('ISIS', 'Islamic State'), ('al-Hol', 'al-Hol'), ('ISIS', 'Islamic State'),
        ('United States', 'United States'),
    ],
    '004_f6e9d0adbede25c6.txt': [
        ('ISIS', 'Islamic State'), ('Iraq', 'Iraq'), ('Islamic state', 'Islamic State'),
        ('Mosul', 'Mosul'), ('Iraq', 'Iraq'), ('ISIS', 'Islamic State'), ('ISIS', 'Islamic State'),
        ('Syria', 'Syria'), ('Global Coalition to Defeat ISIS', 'Global Coalition to Defeat ISIS'),
        ('ISIS', 'Islamic State'), ('Syria', 'Syria'), ('Iraq', 'Iraq'), ('ISIS', 'Islamic State'),
        ('Antony Blinken', 'Antony Blinken'),
        ('Global Coalition to Defeat ISIS', 'Global Coalition to Defeat ISIS'),
        ('Blinken', 'Antony Blinken'), ('Afghanistan', 'Afghanistan'), ('Sahel region', 'Sahel'),
        ('Africa', 'Africa'),
        ('Democratic Republic of the Congo', 'Democratic Republic of the Congo'),
        ('Mozambique', 'Mozambique'), ('ISIS', 'Islamic State'), ('Blinken', 'Antony Blinken'),
        ('Operation Inherent Resolve', 'Operation Inherent Resolve'), ('NATO', 'NATO'),
        ('Iraq', 'Iraq'), ('Blinken', 'Antony Blinken'), ('Iraq', 'Iraq'), ('Syria', 'Syria'),
        ('ISIS', 'Islamic State'), ('Blinken', 'Antony Blinken'),
        ('United States', 'United States'), ('ISIS', 'Islamic State'), ('Iraq', 'Iraq'),
        ('Syria', 'Syria'), ('United States', 'United States'), ('ISIS', 'Islamic State'),
        ('Blinken', 'Antony Blinken'),
    ],
}
LABEL_OF = {
    "United States": "GPE", "Islamic State": "GROUP", "Mike Pompeo": "PERSON",
    "U.S. Department of State": "ORG", "Washington, D.C.": "GPE", "Voice of America": "ORG",
    "King Abdullah II": "PERSON", "Donald Trump": "PERSON", "Syrian Democratic Forces": "GROUP",
    "al-Hol": "LOC", "U.S. Department of Defense": "ORG", "United Nations": "ORG",
    "Edmund Fitton-Brown": "PERSON", "Global Coalition to Defeat ISIS": "ORG",
    "Ian Moss": "PERSON", "Bureau of Counterterrorism": "ORG", "Antony Blinken": "PERSON",
    "Sahel": "LOC", "Africa": "LOC", "Operation Inherent Resolve": "ORG", "NATO": "ORG",
}


def entities_of(text: str) -> list[tuple[str, str]]:
    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.text = text
    tag_entities(doc, MATCHER)
    return [(text[e.start:e.end], e.canonical) for e in doc.entities]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_articles_give_exactly_the_expected_entities(name: str) -> None:
    doc = make_document((RAW / name).read_text(encoding="utf-8"), name)
    tag_entities(doc, MATCHER)
    assert [(doc.text[e.start:e.end], e.canonical) for e in doc.entities] == EXPECTED[name]
    for e in doc.entities:
        assert e.label == LABEL_OF.get(e.canonical, "GPE"), e
        surname_only = " " not in doc.text[e.start:e.end] and e.label == "PERSON"
        assert e.method == (ALIAS_RESOLUTION if surname_only else GAZETTEER), e


def test_sample_ids_are_wikidata_ids_only_where_given() -> None:
    doc = make_document((RAW / "002_f5878b3e2dcaff7b.txt").read_text(encoding="utf-8"))
    tag_entities(doc, MATCHER)
    ids = {e.canonical: e.entity_id for e in doc.entities}
    assert ids["United States"] == "Q30" and ids["Iraq"] == "Q796" and ids["Syria"] == "Q858"
    assert ids["United Nations"] == "Q1065" and ids["Donald Trump"] == "Q22686"
    assert ids["Islamic State"] is None and ids["Mike Pompeo"] is None


@pytest.mark.parametrize("alias", ["Islamic State", "IS", "ISIS", "ISIL", "Daesh", "ISIS Core",
                                   "Islamic State of Iraq and the Levant", "Da’esh"])
def test_every_name_of_the_islamic_state_is_one_entity(alias: str) -> None:
    assert entities_of(f"Officials said {alias} fighters attacked.") == [(alias, "Islamic State")]


@pytest.mark.parametrize("text", [
    "Tell us what you know.", "Join us.", "It is what it is.", "The group Is not here.",
    "This IS the moment.", "it IS over", "There IS no end.",
    "IT IS TIME TO ACT NOW", "WHY US? WE ASKED THEM",
])
def test_acronyms_that_are_also_words_do_not_match_the_word(text: str) -> None:
    assert entities_of(text) == []


@pytest.mark.parametrize("text, expected", [
    ("US Warns No End to Fight", [("US", "United States")]),
    ("IS fighters have spread", [("IS", "Islamic State")]),
    ("anti-IS efforts", [("IS", "Islamic State")]),
    ("the U.S.-led coalition", [("U.S.", "United States")]),
    ("the U.S. pulled out", [("U.S.", "United States")]),
    ("forces of the U.S.", [("U.S.", "United States")]),
    ("ISLAMIC STATE CLAIMS ATTACK", [("ISLAMIC STATE", "Islamic State")]),
    ("U.S. TROOPS LEAVE IRAQ", [("U.S.", "United States"), ("IRAQ", "Iraq")]),
    ("George Washington never saw Washington, D.C.", [
        ("George Washington", "George Washington"), ("Washington, D.C.", "Washington, D.C.")]),
])
def test_acronyms_and_names_in_context(text: str, expected: list) -> None:
    assert entities_of(text) == expected


@pytest.mark.parametrize("text", ["Iraqi forces", "Omani ports", "Syrians fled", "USAID staff",
                                  "the ISISK branch", "a turkey dinner", "fine china", "chad"])
def test_only_whole_words_and_proper_case_match(text: str) -> None:
    assert entities_of(text) == []


def test_longest_match_wins() -> None:
    assert entities_of("the Global Coalition to Defeat ISIS met") == [
        ("Global Coalition to Defeat ISIS", "Global Coalition to Defeat ISIS")]
    assert entities_of("Guinea-Bissau and Papua New Guinea and Guinea") == [
        ("Guinea-Bissau", "Guinea-Bissau"), ("Papua New Guinea", "Papua New Guinea"),
        ("Guinea", "Guinea")]
    assert entities_of("South Sudan and Sudan") == [("South Sudan", "South Sudan"), ("Sudan", "Sudan")]
    assert entities_of("Latin America and America") == [
        ("Latin America", "Latin America"), ("America", "United States")]


def test_typographic_apostrophes_and_dashes_match_plain_aliases() -> None:
    assert entities_of("Côte d’Ivoire and Côte d'Ivoire") == [
        ("Côte d’Ivoire", "Ivory Coast"), ("Côte d'Ivoire", "Ivory Coast")]


def test_offsets_hold_when_lowercasing_changes_length() -> None:
    text = "İİİ said Iraq and Syria"
    assert entities_of(text) == [("Iraq", "Iraq"), ("Syria", "Syria")]


def test_titles_stay_out_of_the_person_span() -> None:
    assert entities_of("Secretary of State Mike Pompeo said") == [("Mike Pompeo", "Mike Pompeo")]
    assert entities_of("U.S. President Donald Trump might order") == [
        ("U.S.", "United States"), ("Donald Trump", "Donald Trump")]


def test_surnames_resolve_to_the_full_name_anywhere_in_the_article() -> None:
    text = ("Pompeo Warns Allies\n\nSecretary of State Mike Pompeo spoke. "
            "Secretary Pompeo said more. “We must act,” Pompeo said. Mr. Pompeo left.")
    found = entities_of(text)
    assert found == [("Pompeo", "Mike Pompeo"), ("Mike Pompeo", "Mike Pompeo")] + [
        ("Pompeo", "Mike Pompeo")] * 3


def test_all_caps_surname_in_a_headline_resolves() -> None:
    assert entities_of("POMPEO SAYS FIGHT GOES ON\n\nMike Pompeo said.") == [
        ("POMPEO", "Mike Pompeo"), ("Mike Pompeo", "Mike Pompeo")]


def test_surname_without_the_full_name_in_the_article_stays_untagged() -> None:
    assert entities_of("Pompeo said the fight goes on.") == []


def test_shared_surname_is_not_resolved() -> None:
    vocab = {"donald trump": ("Donald Trump", _person("Donald Trump")),
             "ivanka trump": ("Ivanka Trump", _person("Ivanka Trump"))}
    matcher = EntityMatcher(vocab)
    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.text = "Donald Trump and Ivanka Trump arrived. Trump spoke."
    tag_entities(doc, matcher)
    assert [doc.text[e.start:e.end] for e in doc.entities] == ["Donald Trump", "Ivanka Trump"]


def test_someone_else_with_the_surname_is_not_resolved() -> None:
    found = entities_of("Donald Trump spoke. Later, his daughter Ivanka Trump and Trump left.")
    assert found == [("Donald Trump", "Donald Trump"), ("Trump", "Donald Trump")]


def test_surname_of_strips_titles_and_suffixes() -> None:
    assert surname_of("Mike Pompeo") == "Pompeo"
    assert surname_of("King Abdullah II") == "Abdullah"
    assert surname_of("Edmund Fitton-Brown") == "Fitton-Brown"
    assert surname_of("Joseph R. Biden Jr.") == "Biden"
    assert surname_of("Madonna") is None


def _person(name: str):
    from tasks.taggers.entities import VocabEntity
    return VocabEntity(name, "PERSON", None)


def test_vocabulary_is_consistent_and_covers_the_world() -> None:
    aliases, entities = read_vocabulary([DEFAULT_VOCABULARY])
    assert vocabulary_conflicts([DEFAULT_VOCABULARY]) == []
    assert {e.label for e in entities.values()} <= set(LABELS)
    assert all(e.entity_id is None or re.fullmatch(r"Q[1-9][0-9]*", e.entity_id)
               for e in entities.values())
    countries = [e for e in entities.values() if e.label == "GPE" and e.entity_id]
    assert len(countries) >= 190
    for name in ("Germany", "Iran", "Afghanistan", "Kosovo", "Palestine", "Taiwan", "Vatican City",
                 "Baghdad", "Kabul", "Kyiv", "Washington, D.C.", "Tehran", "Amman"):
        assert name in entities, name
    for alias, canonical in (("U.S.", "United States"), ("america", "United States"),
                             ("UK", "United Kingdom"), ("britain", "United Kingdom"),
                             ("burma", "Myanmar"), ("kiev", "Kyiv"), ("U.N.", "United Nations")):
        assert aliases[alias][1].canonical == canonical


def test_users_extend_the_vocabulary_with_their_own_file(tmp_path: Path, monkeypatch) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my additions\n"
                     "Islamic State\tGROUP\tQ2429253\tDaish\n"
                     "Ian Moss\tPERSON\t\tI. Moss\n"
                     "Al-Hol camp authority\tORG\t\tal-Hol\n", encoding="utf-8")
    monkeypatch.setenv(VOCABULARY_ENV, str(extra))
    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.text = "Daish and ISIS were named by I. Moss at al-Hol."
    tag_entities(doc)
    assert [(doc.text[e.start:e.end], e.canonical, e.entity_id) for e in doc.entities] == [
        ("Daish", "Islamic State", "Q2429253"), ("ISIS", "Islamic State", "Q2429253"),
        ("I. Moss", "Ian Moss", None), ("al-Hol", "Al-Hol camp authority", None)]


def test_bad_vocabulary_rows_are_reported_with_their_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Somewhere\tPLACE\t\t\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="bad.tsv:1"):
        read_vocabulary([bad])
    bad.write_text("Somewhere\tGPE\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="4 tab-separated"):
        read_vocabulary([bad])


_words = st.sampled_from(["IS", "is", "US", "us", "U.S.", "Iraq", "Iraqi", "Pompeo", "Mike Pompeo",
                          "ISIS Core", "ISIS", "-", " ", ", ", ".", "“", "İ", "\n\n", "state",
                          "Islamic", "State", "Global Coalition to Defeat", "it", "Secretary"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_words, max_size=40).map("".join))
def test_mentions_are_ordered_disjoint_bounded_and_known(text: str) -> None:
    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.text = text
    tag_entities(doc, MATCHER)
    aliases, _ = read_vocabulary([DEFAULT_VOCABULARY])
    end = 0
    for e in doc.entities:
        assert end <= e.start < e.end <= len(text)
        end = e.end
        surface = text[e.start:e.end]
        assert not (e.start and text[e.start - 1].isalnum())
        assert not (e.end < len(text) and text[e.end].isalnum())
        if e.method == GAZETTEER:
            assert surface in aliases or surface.lower() in aliases
        else:
            assert e.label == "PERSON" and surface in ("Pompeo", "POMPEO")


def test_tag_stage_fills_language_and_entities_on_the_samples(sample_documents) -> None:
    for doc in sample_documents:
        assert doc.ok, doc.reject
        assert doc.language == "en"
        expected = EXPECTED[doc.source_path]
        assert [(doc.text[e.start:e.end], e.canonical) for e in doc.entities] == expected


class _FakeSpan:
    def __init__(self, match: re.Match, label: str):
        self.start_char, self.end_char, self.label_ = match.start(), match.end(), label


class _FakeParse:
    def __init__(self, ents: list[_FakeSpan]):
        self.ents = ents


def fake_spacy(text: str) -> _FakeParse:
    """Stands in for a spaCy pipeline (none can be installed offline): two-word capitalised runs
    are PERSONs, "Ministry of ..." an ORG, four-digit numbers DATEs."""
    ents = [_FakeSpan(m, "PERSON") for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text)]
    ents += [_FakeSpan(m, "ORG") for m in re.finditer(r"Ministry of \w+", text)]
    ents += [_FakeSpan(m, "DATE") for m in re.finditer(r"\b\d{4}\b", text)]
    return _FakeParse(sorted(ents, key=lambda e: e.start_char))


def test_ner_is_off_unless_a_model_is_configured(monkeypatch) -> None:
    from tasks.taggers.ner import NER_MODEL_ENV, tag_ner

    monkeypatch.delenv(NER_MODEL_ENV, raising=False)
    doc = make_document((RAW / "004_f6e9d0adbede25c6.txt").read_text(encoding="utf-8"))
    tag_entities(doc, MATCHER)
    before = list(doc.entities)
    tag_ner(doc)
    assert doc.entities == before


def test_ner_fills_gaps_the_gazetteer_left() -> None:
    from tasks.taggers.ner import NER, tag_ner

    doc = make_document("Envoy Meets Officials\n\nIn 2021 envoy Jane Doe met Mike Pompeo and "
                        "Iraq's Ministry of Health; later Jane Doe left.")
    tag_entities(doc, MATCHER)
    tag_ner(doc, fake_spacy, MATCHER.aliases)
    found = [(doc.text[e.start:e.end], e.label, e.canonical, e.method) for e in doc.entities]
    assert found == [
        ("Envoy Meets", "PERSON", "Envoy Meets", NER),
        ("Jane Doe", "PERSON", "Jane Doe", NER),
        ("Mike Pompeo", "PERSON", "Mike Pompeo", GAZETTEER),
        ("Iraq", "GPE", "Iraq", GAZETTEER),
        ("Ministry of Health", "ORG", "Ministry of Health", NER),
        ("Jane Doe", "PERSON", "Jane Doe", NER),
    ]


def test_ner_mentions_of_known_aliases_get_the_vocabulary_entity() -> None:
    from tasks.taggers.ner import tag_ner

    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.text = "talks with the islamic state"  # lower case: the gazetteer's case rule skips it
    tag_entities(doc, MATCHER)
    assert doc.entities == []

    def finds_the_group(text: str) -> _FakeParse:
        return _FakeParse([_FakeSpan(re.search("islamic state", text), "ORG")])

    tag_ner(doc, finds_the_group, MATCHER.aliases)
    assert [(e.label, e.canonical, e.method) for e in doc.entities] == [
        ("GROUP", "Islamic State", "ner")]


def test_configured_model_without_spacy_says_what_to_install(monkeypatch) -> None:
    from tasks.taggers import ner

    monkeypatch.setenv(ner.NER_MODEL_ENV, "en_core_web_sm")
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if not installed
    ner.load_pipeline.cache_clear()
    with pytest.raises(RuntimeError, match="pip install spacy"):
        ner.tag_ner(Document(source_path="t.txt", size=0, mtime_ns=0))


def test_a_surname_spelled_as_in_the_article_resolves_to_the_canonical_person() -> None:
    # The vocabulary's canonical name has "Erdoğan", the article writes "Erdogan".
    text = "President Tayyip Erdogan spoke in Istanbul. Erdogan said the talks would go on."
    doc = Document(source_path="t.txt", size=0, mtime_ns=0, text=text)
    tag_entities(doc, MATCHER)
    people = [(text[e.start:e.end], e.canonical, e.method) for e in doc.entities
              if e.label == "PERSON"]
    assert people == [("Tayyip Erdogan", "Recep Tayyip Erdoğan", GAZETTEER),
                      ("Erdogan", "Recep Tayyip Erdoğan", ALIAS_RESOLUTION)]


def test_first_names_file_is_well_formed_and_knows_common_names() -> None:
    genders = read_first_names([DEFAULT_FIRST_NAMES])
    assert len(genders) > 2000
    assert set(genders.values()) == {"m", "f", "u"}
    for name, gender in (("Mike", "m"), ("Olena", "f"), ("Fatima", "f"), ("Jean-Marc", "m"),
                         ("Владимир", "m"), ("Andrea", "u"), ("Jean", "u"), ("Kim", "u")):
        assert genders[name] == gender, name


def test_bad_first_name_rows_are_reported_with_their_line(tmp_path: Path) -> None:
    bad = tmp_path / "names.tsv"
    bad.write_text("# mine\nXochi\tw\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="names.tsv:2"):
        read_first_names([bad])


def test_users_extend_the_first_names_with_their_own_file(tmp_path: Path, monkeypatch) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("Xochi\tf\nAndrea\tf\n", encoding="utf-8")
    monkeypatch.setenv(FIRST_NAMES_ENV, str(extra))
    genders = read_first_names(first_names_paths())
    assert (genders["Xochi"], genders["Andrea"], genders["Mike"]) == ("f", "f", "m")
