"""Quote tagger: every quote on the samples with its speaker (checked by eye against the
articles), the hard cases one by one, and invariants that must hold for any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.clean import clean_documents
from tasks.document import PARAGRAPH, Block, Document, Entity
from tasks.read import discover_inputs, read_documents
from tasks.segment import segment_document, segment_documents
from tasks.taggers.quotes import tag_quotes

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"

# (quoted words, speaker as written, canonical speaker, cue) in text order. Split quotes are
# two rows sharing the speaker; continuation quotes (003's "This group ..." paragraph, 004's
# "We have to get at this ...") inherit the previous paragraph's speaker with a null cue.
EXPECTED_SAMPLE_QUOTES = {
    "002_f5878b3e2dcaff7b.txt": [
        ('Our fight against ISIS continues, and it will be here for the foreseeable future. We '
         'cannot rest',
         'Pompeo', 'Mike Pompeo', 'said'),
        ('We must continue to root out ISIS cells and networks and provide stabilization '
         'assistance to liberated areas in Iraq and Syria.',
         'Pompeo', 'Mike Pompeo', 'said'),
        ('They’ve made incremental, localized improvements to their operating capacity',
         'a counterterrorism official', None, 'told'),
        ('spread like cancer',
         'Sources close to U.S.-backed Kurdish forces in Syria', None, 'warn'),
        ('threatening to undo years of global efforts.',
         'Jordan’s King Abdullah II', 'Abdullah II', 'warned'),
        ('military backbone',
         'Pompeo', 'Mike Pompeo', 'assured'),
        ('Each of us needs to keep fighting, all of us together',
         'Pompeo', 'Mike Pompeo', 'said'),
        ('We are counting on this coalition to fund the secure and humane detention of the '
         'thousands of foreign terrorist fighters in custody in Syria and Iraq',
         'he', 'Mike Pompeo', 'said'),
        ('States must get on the front foot and get their nationals back and not leave them in '
         'a limbo',
         'U.N. coordinator Edmund Fitton-Brown', 'Edmund Fitton-Brown', 'said'),
        ("They're going to become increasingly desperate and possibly increasingly radicalized.",
         'U.N. coordinator Edmund Fitton-Brown', 'Edmund Fitton-Brown', 'said'),
    ],
    "003_d9aaa4cf88ec52a0.txt": [
        ('Today there are about 10,000 ISIS fighters detained by our partners in northeast '
         'Syria, including approximately 5,000 Syrians, 3,000 Iraqis, and 2,000 ISIS fighters '
         'from outside Syria and Iraq',
         'Ian Moss', 'Ian Moss', 'said'),
        ('Constitutes the single largest concentration of terrorist fighters in the world',
         'Ian Moss', 'Ian Moss', None),
        ('the most direct pathway to the re-emergence of ISIS Core.',
         'Ian Moss', 'Ian Moss', None),
        ('ISIS knows that prison breaks work',
         'Coordinator Moss', 'Ian Moss', 'said'),
        ('So far, we have prevented ISIS from freeing these fighters. But there are a range of '
         'detention facilities in northeast Syria, and we know they will try to attack them '
         'again.',
         'Coordinator Moss', 'Ian Moss', 'said'),
        ('The only durable solution … is for each country to repatriate, rehabilitate, '
         'reintegrate, and where appropriate, prosecute their nationals for crimes they have '
         'committed.',
         'Coordinator Moss', 'Ian Moss', None),
        ('[The United States] will continue to assist countries to repatriate their nationals '
         'and facilitate those repatriations on a case-by-case basis. We will also continue to '
         'support our partners as they prepare to investigate, prosecute, and incarcerate '
         'terrorist offenders securely and humanely.',
         None, None, None),
    ],
    "004_f6e9d0adbede25c6.txt": [
        ('Since [the Global Coalition to Defeat ISIS] was created in 2014 . . . millions of '
         'civilians have been able to return to their homes. The movement of foreign ISIS '
         'fighters into Syria and Iraq has virtually ceased. And key ISIS leaders have been '
         'captured or killed. These achievements are significant and a reflection of what’s '
         'possible when we come together in common cause with a shared commitment',
         'Secretary of State Antony Blinken', 'Antony Blinken', 'said'),
        ('there is still more work to be done',
         'Secretary Blinken', 'Antony Blinken', 'added'),
        ('We must reaffirm our commitment, including to Operation Inherent Resolve, the '
         'complementary NATO mission in Iraq, and to civilian-led counterterrorism capacity '
         'building.',
         'Secretary Blinken', 'Antony Blinken', 'said'),
        ('Second',
         'Secretary Blinken', 'Antony Blinken', 'said'),
        ('we must renew coalition support for stabilization assistance across Iraq and Syria, '
         'to ensure that ISIS doesn’t have a resurgence in these countries.',
         'Secretary Blinken', 'Antony Blinken', 'said'),
        ('This situation is simply untenable',
         'Secretary Blinken', 'Antony Blinken', 'said'),
        ('The United States continues to urge countries of origin, including coalition '
         'partners to repatriate their citizens, rehabilitate and reintegrate their family '
         'members, and, where applicable, prosecute foreign fighters.',
         'Secretary Blinken', 'Antony Blinken', 'said'),
        ('We have to get at this from every possible angle.',
         'Secretary Blinken', 'Antony Blinken', None),
        ('We’ve made great progress because we’ve been working together. So we hope . . . to '
         'keep up the fight against this terrorist organization until it is decisively '
         'defeated.',
         'Secretary Blinken', 'Antony Blinken', 'said'),
    ],
}


@pytest.fixture(scope="module")
def samples() -> dict[str, Document]:
    docs = segment_documents(clean_documents(read_documents(discover_inputs(RAW), RAW)))
    return {doc.source_path: doc for doc in docs}


@pytest.mark.parametrize("name", sorted(EXPECTED_SAMPLE_QUOTES))
def test_sample_quotes_and_speakers(samples: dict[str, Document], name: str) -> None:
    doc = samples[name]
    assert doc.ok, doc.reject
    tag_quotes(doc)
    got = [(doc.text[q.start:q.end], q.speaker, q.speaker_canonical, q.cue) for q in doc.quotes]
    assert got == EXPECTED_SAMPLE_QUOTES[name]
    for q in doc.quotes:
        if q.speaker is not None:
            assert doc.text[q.speaker_start:q.speaker_end] == q.speaker


def make_doc(*paragraphs: str, entities: list[Entity] | None = None) -> Document:
    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.blocks = [Block(PARAGRAPH, p) for p in paragraphs]
    doc.text = "\n\n".join(paragraphs)
    segment_document(doc)
    doc.entities = entities or []
    tag_quotes(doc)
    return doc


def rows(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [(doc.text[q.start:q.end], q.speaker, q.speaker_canonical) for q in doc.quotes]


def test_straight_marks_and_cue_after_with_name_then_verb() -> None:
    doc = make_doc('"We will not back down," Jane Okafor said on Monday.')
    assert rows(doc) == [("We will not back down", "Jane Okafor", "Jane Okafor")]
    assert doc.quotes[0].cue == "said"


def test_cue_before_with_colon_and_verb_then_name() -> None:
    doc = make_doc("Prime Minister Ana Silva said: “The budget is balanced.”",
                   "“It is a good day,” said Silva.")
    assert rows(doc) == [("The budget is balanced.", "Prime Minister Ana Silva", "Ana Silva"),
                         ("It is a good day", "Silva", "Ana Silva")]


def test_split_quote_is_two_rows_sharing_the_speaker() -> None:
    doc = make_doc("“First,” said Minister Tom Berg, “we fix the roads.”")
    assert rows(doc) == [("First", "Minister Tom Berg", "Tom Berg"),
                         ("we fix the roads.", "Minister Tom Berg", "Tom Berg")]
    assert doc.quotes[0].speaker_start == doc.quotes[1].speaker_start


def test_quote_spanning_sentences_is_one_quote() -> None:
    doc = make_doc("“We are tired. We are hungry. We want to go home,” said Leyla Aziz.")
    assert rows(doc) == [("We are tired. We are hungry. We want to go home", "Leyla Aziz",
                          "Leyla Aziz")]


def test_unbalanced_mark_is_bounded_to_its_paragraph() -> None:
    doc = make_doc("Officials said the “talks would resume soon, without giving a date.",
                   "“The next round is in May,” said envoy Omar Haddad.",
                   "Nothing else was announced.")
    texts = [t for t, _, _ in rows(doc)]
    assert texts[0] == "talks would resume soon, without giving a date."
    assert rows(doc)[1] == ("The next round is in May", "envoy Omar Haddad", "Omar Haddad")
    assert all("\n" not in t for t in texts)


def test_stray_closing_mark_and_reopened_quote_do_not_crash() -> None:
    doc = make_doc("He left” early. “Unclosed “Then a real quote here,” said Ali Reza.")
    assert rows(doc) == [("Then a real quote here", "Ali Reza", "Ali Reza")]


def test_scare_quotes_are_not_quotes() -> None:
    doc = make_doc("The group’s self-proclaimed “caliphate” collapsed in 2019.")
    assert doc.quotes == []


def test_paragraph_quote_without_speaker_has_null_speaker() -> None:
    doc = make_doc("The report was published on Tuesday.",
                   "“Every country must take back its citizens.”")
    assert rows(doc) == [("Every country must take back its citizens.", None, None)]


def test_continuation_paragraph_inherits_only_from_the_adjacent_paragraph() -> None:
    doc = make_doc("“The camps are full,” said Rita Moreno, an aid worker.",
                   "“We need more tents before winter.”",
                   "The ministry did not respond.",
                   "“Nobody is listening.”")
    assert rows(doc) == [("The camps are full", "Rita Moreno", "Rita Moreno"),
                         ("We need more tents before winter.", "Rita Moreno", "Rita Moreno"),
                         ("Nobody is listening.", None, None)]
    assert doc.quotes[1].cue is None


def test_continuation_stops_when_someone_else_is_named() -> None:
    doc = make_doc("“The camps are full,” said Rita Moreno.",
                   "Interior Minister Karl Vogt disagreed. “We have enough space.”")
    assert rows(doc)[1] == ("We have enough space.", None, None)


def test_open_quote_at_paragraph_end_continues_into_next_paragraph() -> None:
    doc = make_doc("“I was born here,” Musa Kone said. “My father was born here.",
                   "“And my children will be born here.”")
    assert rows(doc) == [("I was born here", "Musa Kone", "Musa Kone"),
                         ("My father was born here.", "Musa Kone", "Musa Kone"),
                         ("And my children will be born here.", "Musa Kone", "Musa Kone")]


def test_pronoun_resolves_to_the_one_person_named_in_the_paragraph() -> None:
    doc = make_doc("“Prices will fall,” said Ana Lee.",
                   "Finance Minister Paulo Reis was less sure. “We will see,” he said.")
    assert rows(doc)[1] == ("We will see", "he", "Paulo Reis")


def test_pronoun_is_null_when_ambiguous() -> None:
    doc = make_doc("Senator Mark Hale met Governor Luis Pena on Friday. “It went well,” he said.")
    assert rows(doc) == [("It went well", "he", None)]


def test_pronoun_falls_back_to_last_named_speaker() -> None:
    doc = make_doc("“We are ready,” said Coach Eva Lind.",
                   "The team trained for two hours.",
                   "“They worked hard today,” she said.")
    assert rows(doc)[1] == ("They worked hard today", "she", "Eva Lind")


def test_surname_resolves_to_full_name_seen_earlier() -> None:
    doc = make_doc("Foreign Minister Sergei Orlov arrived in Geneva.",
                   "“There will be no deal today,” Orlov told reporters.")
    assert rows(doc) == [("There will be no deal today", "Orlov", "Sergei Orlov")]


def test_lone_name_without_full_form_is_a_person_only_when_the_article_says_so() -> None:
    doc = make_doc("“There will be no deal today,” Orlov told reporters.",
                   "Orlov, who led the talks, left Geneva at noon.",
                   "“I am afraid,” said Mariam, 15.",
                   "“Deliveries will fall,” Airbus said in a statement.",
                   "“Rates will stay high,” JPMorgan said.")
    assert rows(doc) == [("There will be no deal today", "Orlov", "Orlov"),
                         ("I am afraid", "Mariam", "Mariam"),
                         ("Deliveries will fall", "Airbus", None),
                         ("Rates will stay high", "JPMorgan", None)]


def test_lone_capitalized_word_inside_a_longer_phrase_is_not_a_speaker() -> None:
    doc = make_doc("Sources close to the forces in Syria warn that fighters have “spread like "
                   "cancer.”")
    assert rows(doc) == [("spread like cancer.", "Sources close to the forces in Syria", None)]


def test_role_words_before_the_name_after_the_cue() -> None:
    doc = make_doc("The fossil is “a real surprise,” according to lead author Prof Zhong-Jian Liu "
                   "of Nanjing University.")
    assert rows(doc)[0][2] == "Zhong-Jian Liu"


def test_person_entity_overlapping_the_speaker_gives_the_canonical_name() -> None:
    text = "“Our fight continues,” Secretary Pompeo said."
    at = text.index("Pompeo")
    doc = make_doc(text, entities=[Entity(at, at + 6, "PERSON", "Mike Pompeo")])
    assert rows(doc) == [("Our fight continues", "Secretary Pompeo", "Mike Pompeo")]


def test_organisation_entity_as_speaker_is_not_a_person() -> None:
    text = "“Rates will stay high,” Goldman Sachs said in a note."
    at = text.index("Goldman")
    doc = make_doc(text, entities=[Entity(at, at + 13, "ORG", "Goldman Sachs")])
    assert rows(doc) == [("Rates will stay high", "Goldman Sachs", None)]


def test_generic_speaker_is_kept_without_canonical() -> None:
    doc = make_doc("“The strikes will continue,” a military spokesman told AFP.")
    assert rows(doc) == [("The strikes will continue", "a military spokesman", None)]


def test_according_to_attribution() -> None:
    doc = make_doc("“The border is closed,” according to Interior Minister Sara Ndiaye.")
    assert rows(doc) == [("The border is closed", "Interior Minister Sara Ndiaye", "Sara Ndiaye")]


def test_mistyped_closing_mark_used_to_open() -> None:
    doc = make_doc("”We are leaving today,” said Omar Sy.")
    assert rows(doc) == [("We are leaving today", "Omar Sy", "Omar Sy")]


def test_document_without_segments_uses_block_separator() -> None:
    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.text = "“Open quote runs on\n\nNext paragraph, “closed here,” said Ida Berg."
    tag_quotes(doc)
    assert [doc.text[q.start:q.end] for q in doc.quotes] == ["Open quote runs on", "closed here"]


_QUOTE_TEXT = st.lists(st.sampled_from(list("ab ,.\"“”„'\n") + ["said", " he ", "Mr Ode"]),
                       max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(_QUOTE_TEXT.map(lambda s: s.replace("\n", " ").strip() or "x"),
                           min_size=1, max_size=5))
def test_quotes_stay_inside_their_paragraph_and_never_overlap(paragraphs: list[str]) -> None:
    doc = make_doc(*paragraphs)
    bounds = [(s.start, s.end) for s in doc.segments]
    last_end = -1
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(doc.text)
        assert any(a <= q.start and q.end <= b for a, b in bounds)
        assert q.start >= last_end
        last_end = q.end
        words = doc.text[q.start:q.end]
        assert words == words.strip() and not words.endswith(",")
        if q.speaker is not None:
            assert doc.text[q.speaker_start:q.speaker_end] == q.speaker


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_never_crashes(text: str) -> None:
    doc = Document(source_path="t.txt", size=0, mtime_ns=0)
    doc.text = text
    tag_quotes(doc)
    assert all(0 <= q.start < q.end <= len(text) for q in doc.quotes)


def test_partial_quote_after_called_and_no_speaker_from_a_connective() -> None:
    doc = make_doc("Gov. Daniel Ruiz toured the area. He called the damage “heartbreaking” and "
                   "promised help.")
    assert rows(doc) == [("heartbreaking", "He", "Daniel Ruiz")]


def test_apposition_without_a_name_keeps_the_subject() -> None:
    doc = make_doc("In a statement, the company said the plant would “create 3,000 jobs.”")
    assert rows(doc) == [("create 3,000 jobs.", "the company", None)]


def test_pronoun_after_an_unnamed_speaker_in_the_paragraph_is_not_resolved() -> None:
    doc = make_doc("“It is a bold move,” said Kim Soo-yeon.",
                   "A union representative said workers were not consulted. “We read about it "
                   "in the paper,” he said.")
    assert rows(doc)[1] == ("We read about it in the paper", "he", None)


def test_pronoun_goes_to_the_one_person_named_since_the_last_speaker() -> None:
    doc = make_doc("“We did well,” said Dr. Chikondi Banda.",
                   "“Cold chains matter,” said Rudolf Schwenk.",
                   "Banda said a second round is planned.",
                   "“We cannot stop now,” she said.")
    assert rows(doc)[2] == ("We cannot stop now", "she", "Chikondi Banda")


def test_leading_acronym_title_is_not_part_of_the_name() -> None:
    doc = make_doc("“We misjudged it,” CEO Margaret Olsen said.")
    assert rows(doc) == [("We misjudged it", "CEO Margaret Olsen", "Margaret Olsen")]


def test_name_particles_stay_in_the_name() -> None:
    doc = make_doc("“We are close,” the summit's president, Sultan al-Jaber, told reporters.",
                   "Louvre director Laurence des Cars spoke next. “It is a project for the next "
                   "generation,” she said.")
    assert [c for _, _, c in rows(doc)] == ["Sultan al-Jaber", "Laurence des Cars"]


def test_participial_and_name_apposition_chunks() -> None:
    doc = make_doc("A senior official, speaking on condition of anonymity, said the kingdom would "
                   "“not accept any such text.”",
                   "Her coach, Patrick Sang, said: “She trained like a champion.”")
    assert rows(doc) == [("not accept any such text.", "A senior official", None),
                         ("She trained like a champion.", "Patrick Sang", "Patrick Sang")]


def test_quoted_as_saying_names_the_object() -> None:
    doc = make_doc("Deputy Prime Minister Alexander Novak spoke on Wednesday.",
                   "“We will fulfil our obligations,” Interfax quoted Novak as saying.")
    assert rows(doc) == [("We will fulfil our obligations", "Novak", "Alexander Novak")]


def test_saying_takes_the_sentence_subject_and_long_names_resolve_by_part() -> None:
    doc = make_doc("President Luiz Inacio Lula da Silva defended the plan, saying the country "
                   "“cannot grow by cutting investment.”",
                   "“Those who want austerity should explain it,” Lula told supporters.")
    assert [c for _, _, c in rows(doc)] == ["Luiz Inacio Lula da Silva"] * 2


def test_accused_is_a_cue_for_a_short_partial_quote() -> None:
    doc = make_doc("Opposition leader Rogerio Marinho accused the government of “fiscal "
                   "irresponsibility.”")
    assert rows(doc) == [("fiscal irresponsibility.", "Opposition leader Rogerio Marinho",
                          "Rogerio Marinho")]


def test_descriptive_word_before_a_two_word_name_is_dropped() -> None:
    doc = make_doc("NASA Administrator Bill Nelson called the landing “a giant leap forward.”",
                   "“Nothing is lost,” said British Dame Sarah Storey.")
    assert [c for _, _, c in rows(doc)] == ["Bill Nelson", "Sarah Storey"]


def test_epithet_speaker_resolves_to_the_person_introduced_with_it() -> None:
    doc = make_doc("Djokovic beat American Tommy Paul in straight sets.",
                   "“He gives you nothing,” the American told reporters.",
                   "“It was special,” the Serbian said.")
    assert rows(doc) == [("He gives you nothing", "the American", "Tommy Paul"),
                         ("It was special", "the Serbian", None)]


# --- issue 5, blind batches 2-4: marks, languages, attribution and resolution rules ---------


def test_single_quotes_in_a_headline_and_in_british_copy() -> None:
    doc = make_doc("Heatwave: 'We cannot keep working like this,' say nurses",
                   "Council leader Roger Gough said the rise was 'the last thing anyone wanted'.",
                   "'We have cut everything we can,' he said. 'Costs have gone up by a third.'")
    assert rows(doc) == [("We cannot keep working like this", "nurses", None),
                         ("the last thing anyone wanted", "Council leader Roger Gough",
                          "Roger Gough"),
                         ("We have cut everything we can", "he", "Roger Gough"),
                         ("Costs have gone up by a third.", "he", "Roger Gough")]


def test_apostrophes_are_not_quote_marks() -> None:
    doc = make_doc("The drivers' union said Ms O'Neil's deal from the '90s was rock 'n' roll.",
                   "It’s the workers’ choice, the union’s leader said.")
    assert doc.quotes == []


def test_a_quote_inside_a_quote_stays_part_of_it() -> None:
    doc = make_doc("\"He just told me, 'Go win the game,' and that's what we did,\" Mahomes said.",
                   "'He said \"never\" and left,' Ana Ruiz said.")
    assert [t for t, _, _ in rows(doc)] == [
        "He just told me, 'Go win the game,' and that's what we did",
        'He said "never" and left']


def test_guillemets_low_marks_and_cue_verbs_of_other_languages() -> None:
    doc = make_doc("« Nous n’avons pas le droit de laisser filer la dette », a déclaré Michel "
                   "Barnier.",
                   "Le chef des socialistes, Boris Vallaud, a dénoncé le budget. « Ce sont "
                   "toujours les mêmes qui paient », a-t-il ajouté.",
                   "„Das Land braucht jetzt Klarheit“, sagte Olaf Scholz am Mittwoch.",
                   "»Wir machen uns Sorgen«, sagte Jens Möller.",
                   "La líder María Corina Machado habló en Caracas. «Tenemos la verdad de nuestro "
                   "lado», señaló.")
    assert [(t, c) for t, _, c in rows(doc)] == [
        ("Nous n’avons pas le droit de laisser filer la dette", "Michel Barnier"),
        ("Ce sont toujours les mêmes qui paient", "Boris Vallaud"),
        ("Das Land braucht jetzt Klarheit", "Olaf Scholz"),
        ("Wir machen uns Sorgen", "Jens Möller"),
        ("Tenemos la verdad de nuestro lado", "María Corina Machado")]
    assert doc.quotes[-1].speaker is None  # the dropped subject is not written


def test_a_quote_that_ends_its_sentence_takes_no_cue_from_the_next_one() -> None:
    doc = make_doc("In Moscow, the Kremlin said the decision would add \"fuel to the fire.\" "
                   "Kremlin spokesman Dmitry Peskov said the move was reckless.")
    assert rows(doc) == [("fuel to the fire.", "the Kremlin", None)]


def test_a_clause_after_the_closing_mark_is_not_its_attribution() -> None:
    doc = make_doc("Deutsche Bank said it expected \"two more cuts by March,\" while Commerzbank "
                   "said the ECB would \"probably pause in the new year.\"",
                   "Gov. Viktor Orban later described the move as \"completely senseless\" in a "
                   "video posted on Facebook.")
    assert rows(doc) == [("two more cuts by March", "Deutsche Bank", None),
                         ("probably pause in the new year.", "Commerzbank", None),
                         ("completely senseless", "Gov. Viktor Orban", "Viktor Orban")]


def test_organisations_named_without_an_organisation_word() -> None:
    doc = make_doc("Goldman Sachs cut its forecast, citing \"softer demand.\"",
                   "\"We remain committed to our mission,\" OpenAI said in a statement.",
                   "The company that runs the plant, Delta Agri, said it was \"working with "
                   "first responders.\"")
    assert rows(doc) == [("softer demand.", "Goldman Sachs", None),
                         ("We remain committed to our mission", "OpenAI", None),
                         ("working with first responders.",
                          "The company that runs the plant, Delta Agri", None)]


def test_places_employers_and_titles_before_a_name() -> None:
    text = ("\"This was a family event,\" Chicago Police Superintendent Larry Snelling said.\n\n"
            "\"We have been through storms before,\" said Tampa resident Kevin Walsh.\n\n"
            "State Sen. Jen Jordan said: \"That has to stop.\"\n\n"
            "\"The data are good,\" said Emily Field, an analyst at Barclays.")
    at = text.index("Jordan")
    doc = make_doc(*text.split("\n\n"), entities=[Entity(at, at + 6, "GPE", "Jordan")])
    assert [c for _, _, c in rows(doc)] == ["Larry Snelling", "Kevin Walsh", "Jen Jordan",
                                            "Emily Field"]


def test_nationality_and_role_epithets() -> None:
    doc = make_doc("Kenya's Sebastian Sawe won the marathon on Sunday.",
                   "\"I came here to learn, not to win,\" the Kenyan said.",
                   "Coach Carlo Ancelotti said Kylian Mbappe was going through a bad spell.",
                   "Mbappe, 25, has scored once in six matches. The striker admitted he was "
                   "\"not at his best.\"")
    assert [c for _, _, c in rows(doc)] == ["Sebastian Sawe", "Kylian Mbappe"]


def test_an_epithet_after_an_unnamed_speaker_is_not_resolved() -> None:
    doc = make_doc("\"The decision has been made,\" said Energy Minister German Galushchenko.",
                   "A European Commission spokesperson said the bloc was prepared. \"Member "
                   "states have diversified their supplies,\" the spokesperson told reporters.")
    assert rows(doc)[1] == ("Member states have diversified their supplies", "the spokesperson",
                            None)


def test_headline_speaker_before_a_colon_and_a_headline_quote_repeated_in_the_story() -> None:
    doc = make_doc("Guterres: 'We are on a highway to climate hell'",
                   "\"We are on a highway to climate hell with our foot on the accelerator,\" "
                   "U.N. Secretary-General Antonio Guterres said.")
    assert [c for _, _, c in rows(doc)] == ["Antonio Guterres", "Antonio Guterres"]
    doc = make_doc("‘It’s a lifeline’: village bus route saved",
                   "Villagers in Devon have kept their only bus.",
                   "“It’s a lifeline for people who don’t drive,” said Sue Ashworth, 72.")
    assert [c for _, _, c in rows(doc)] == ["Sue Ashworth", "Sue Ashworth"]
    assert doc.quotes[0].cue is None  # the headline has no cue of its own


def test_the_object_of_quoted_as_saying_and_the_subject_of_a_reported_clause() -> None:
    doc = make_doc("The Nikkei quoted a senior official as saying Tokyo was \"prepared to act at "
                   "any time.\"",
                   "Ambassador Joep Wijnands told reporters that he had explained that \"members "
                   "of parliament speak freely.\"")
    assert rows(doc) == [("prepared to act at any time.", "a senior official", None),
                         ("members of parliament speak freely.", "he", "Joep Wijnands")]


def test_a_surname_the_vocabulary_knows_resolves_without_the_full_name() -> None:
    doc = make_doc("\"We cannot rest,\" Pompeo said.")
    assert rows(doc) == [("We cannot rest", "Pompeo", "Mike Pompeo")]


# Issue 5, round 2: gender, and attributions that are not next to the quote.

def test_she_goes_to_the_woman_named_last_not_to_the_man() -> None:
    doc = make_doc("“The plan is ready,” said Maria Keller.",
                   "Finance chief Thomas Brandt disagreed with parts of it.",
                   "“We will present it on Monday,” she said.",
                   "Senator Anna Weiss met Governor Luis Pena on Friday. “It went well,” he said.")
    assert [c for _, _, c in rows(doc)] == ["Maria Keller", "Maria Keller", "Luis Pena"]


def test_a_name_of_unknown_gender_keeps_the_pronoun_ambiguous() -> None:
    doc = make_doc("Senator Kim Hale met Governor Luis Pena on Friday. “It went well,” he said.")
    assert rows(doc) == [("It went well", "he", None)]


def test_she_after_two_speakers_goes_back_to_the_one_woman_who_spoke() -> None:
    doc = make_doc("“The rent went up again,” Elena Ruiz said.",
                   "“We will manage,” Tomas Ruiz said.",
                   "“He always says that,” she said.")
    assert [c for _, _, c in rows(doc)] == ["Elena Ruiz", "Tomas Ruiz", "Elena Ruiz"]


def test_a_relative_with_the_same_surname_is_someone_else() -> None:
    doc = make_doc("“We planted late this year,” farmer Paul Weber said.",
                   "His daughter, Anna Weber, keeps the accounts. “Costs keep rising,” she said.")
    assert rows(doc)[1] == ("Costs keep rising", "she", "Anna Weber")


def test_a_group_or_an_institution_speaking_first_does_not_block_the_pronoun() -> None:
    doc = make_doc("“Prices are rising,” said Omar Haddad.",
                   "Business groups warned of job cuts. Laura Stein, head of the chamber, said "
                   "firms were pausing hiring. “Members are worried,” she said.")
    assert rows(doc)[1] == ("Members are worried", "she", "Laura Stein")


def test_a_first_name_alone_with_a_description_is_the_person() -> None:
    doc = make_doc("“The strikes will continue,” Defense Minister Pavel Orlov said.",
                   "Yulia, a 34-year-old teacher who gave only her first name, said the school "
                   "had been hit. “The children were inside,” she told reporters.",
                   "“We will not give up,” said Fereshta, a nursing student in Herat.")
    assert [c for _, _, c in rows(doc)] == ["Pavel Orlov", "Yulia", "Fereshta"]


def test_a_kinship_speaker_is_the_person_introduced_with_that_relation() -> None:
    doc = make_doc("Marta and her husband Pavlo run a café near the station.",
                   "“We stay open every day,” Pavlo said.",
                   "“People still come,” his wife added.")
    assert [c for _, _, c in rows(doc)] == ["Pavlo", "Marta"]


def test_titles_acronyms_and_places_before_a_full_name() -> None:
    doc = make_doc("“We oppose these measures,” commerce ministry spokesperson He Jiankang told "
                   "a briefing.",
                   "“Orders are strong,” Northwind CFO Laura Diaz said.",
                   "«Бюджет будет исполнен», — сказал министр финансов России Антон Силуанов.",
                   "“This is a warning,” said U.N. Special Rapporteur Maria Costa.")
    assert [c for _, _, c in rows(doc)] == ["He Jiankang", "Laura Diaz", "Антон Силуанов",
                                            "Maria Costa"]


def test_french_monsieur_and_an_achievement_epithet() -> None:
    doc = make_doc("Le ministre Jean Dupont était à Lyon mercredi.",
                   "« Nous tiendrons nos engagements », a déclaré M. Dupont.",
                   "Carlos Ruiz won his second title in Madrid on Sunday. “I played my best "
                   "tennis,” the two-time champion said.")
    assert [c for _, _, c in rows(doc)] == ["Jean Dupont", "Carlos Ruiz"]


def test_a_sentence_that_opens_with_the_speaker_and_a_colon() -> None:
    doc = make_doc("Union leader Maria Keller met the board on Monday.",
                   "Keller was blunt: “This contract is dead.”")
    assert rows(doc) == [("This contract is dead.", "Keller", "Maria Keller")]


def test_a_quote_attributed_by_the_next_paragraph() -> None:
    doc = make_doc("“Enough is enough.”",
                   "That was the warning Monday from Mayor Ana Torres after a third night of "
                   "flooding.")
    assert rows(doc) == [("Enough is enough.", "Mayor Ana Torres", "Ana Torres")]


def test_a_quote_followed_by_its_speakers_voice() -> None:
    doc = make_doc("A year after the fire, Aminata Diallo still lives in a motel.",
                   "“I lost everything.” Diallo's voice breaks as she talks about the house.")
    assert rows(doc) == [("I lost everything.", "Diallo", "Aminata Diallo")]


def test_a_quote_after_reported_speech_in_its_paragraph() -> None:
    doc = make_doc("Minister Ana Costa said the agency had received a third of its budget. “We "
                   "will cut rations next month.”",
                   "Officials said the road would stay closed. “There is no money to fix it.”")
    assert rows(doc) == [("We will cut rations next month.", "Minister Ana Costa", "Ana Costa"),
                         ("There is no money to fix it.", "Officials", None)]


def test_an_interview_alternates_questions_and_answers() -> None:
    doc = make_doc("Reporter Sam Reid spoke with Nasser Hussein in Mosul.",
                   "“Are you afraid?” Reid asked.",
                   "“Of course,” Hussein replied. “Everyone is.”",
                   "“Then why stay?”",
                   "“Because this is home.”")
    assert [c for _, _, c in rows(doc)] == ["Sam Reid", "Nasser Hussein", "Nasser Hussein",
                                            "Sam Reid", "Nasser Hussein"]


def test_a_users_first_names_file_gives_a_pronoun_its_person(tmp_path, monkeypatch) -> None:
    paragraphs = ("Xochi Tlalli, who chairs the board, met Tenoch Ruiz on Monday.",
                  "“We need more time,” she said.")
    assert rows(make_doc(*paragraphs))[0][2] is None  # neither name is in the shipped list
    extra = tmp_path / "names.tsv"
    extra.write_text("Xochi\tf\nTenoch\tm\n", encoding="utf-8")
    monkeypatch.setenv("NEWSPREP_FIRST_NAMES", str(extra))
    assert rows(make_doc(*paragraphs))[0][2] == "Xochi Tlalli"


# Issue 5, round 3: names the rules split or swallowed, pronouns for people who have not
# spoken yet, and cues followed by a phrase of their own.

def test_inner_capitals_after_a_surname_prefix_belong_to_a_person() -> None:
    doc = make_doc("“Rates will fall,” said Sean McBride, an analyst at Northwind.",
                   "“We will appeal,” said Ron DeSantis.",
                   "“Models are improving,” DeepMind said.")
    assert [c for _, _, c in rows(doc)] == ["Sean McBride", "Ron DeSantis", None]


def test_a_first_name_after_an_organisations_body_starts_the_person() -> None:
    text = "“Needs are growing,” U.N. High Commissioner for Human Rights Anna Berger said."
    at = text.index("U.N.")
    doc = make_doc(text, entities=[Entity(at, at + 4, "ORG", "United Nations")])
    assert rows(doc)[0][2] == "Anna Berger"
    doc = make_doc("“Camps are full,” said U.N. High Commissioner for Refugees Filippo Grandi.",
                   "“We are ready,” said a spokesman for the Ministry of Labour and Social "
                   "Affairs.",
                   "“Funding is short,” said the director of the Institute for Human Rights "
                   "Studies.")
    assert [c for _, _, c in rows(doc)] == ["Filippo Grandi", None, None]


def test_an_employer_before_a_role_and_a_name_is_not_another_person() -> None:
    doc = make_doc("Blue Origin spokeswoman Linda Mays said the launch was delayed. “Safety "
                   "comes first,” she said.",
                   "Maria Keller told reporter Sam Reid the deal was dead. “It is over,” she "
                   "said.")
    # Sam is a name of both sexes: Maria Keller or Sam Reid may have spoken
    assert [c for _, _, c in rows(doc)] == ["Linda Mays", None]


def test_a_kunya_opens_the_name() -> None:
    doc = make_doc("Abu Hassan, a fisherman in Gaza, lost his boat in March.",
                   "“The sea was our life,” said the 60-year-old.",
                   "Rebel commander Abu Omar al-Masri spoke next. “We will rebuild,” he said.")
    assert [c for _, _, c in rows(doc)] == ["Abu Hassan", "Abu Omar al-Masri"]


def test_party_words_and_parliamentary_titles_before_a_name() -> None:
    doc = make_doc("“There is no going back,” said Conservative MP Alan Pryce.",
                   "“It was a historic day,” said Liberal Democrat MEP Layla Moran.",
                   "“We will not support it,” the Conservative Party said.")
    assert [c for _, _, c in rows(doc)] == ["Alan Pryce", "Layla Moran", None]


def test_she_goes_to_the_only_woman_named_even_before_she_spoke() -> None:
    doc = make_doc("Amal Haddad and her brother, Karim, ran the bakery for 20 years.",
                   "“We baked through two wars,” Karim Haddad said.",
                   "“And we will bake through this one,” she said.")
    assert [c for _, _, c in rows(doc)] == ["Karim Haddad", "Amal Haddad"]
    doc = make_doc("Ana Lopez and Maria Diaz run the shelter. Carlos Ruiz helps at weekends.",
                   "“We have no choice,” Carlos Ruiz said.",
                   "“We need more beds,” she said.")
    assert [c for _, _, c in rows(doc)] == ["Carlos Ruiz", None]  # two women: which one?


def test_a_dropped_subject_before_a_phrase_and_a_subject_after_it() -> None:
    doc = make_doc("La alcaldesa, Ana Torres, visitó el barrio. «Vamos a reconstruir», dijo en "
                   "una rueda de prensa en la Cadena COPE.",
                   "La ministra Elena Vidal habló en Sevilla. «No hay dinero», declaró a los "
                   "periodistas.",
                   "«Habrá más ayudas», dijo este lunes el presidente Pedro Sánchez.",
                   "«Vamos investir», disse a ministra da Saúde, Nísia Trindade.")
    assert [c for _, _, c in rows(doc)] == ["Ana Torres", "Elena Vidal", "Pedro Sánchez",
                                            "Nísia Trindade"]
    assert doc.quotes[0].speaker is None and doc.quotes[0].cue == "dijo"


def test_a_participle_after_a_main_cue_and_a_pronoun_subject() -> None:
    doc = make_doc("Finance Minister Ana Costa was cautious. “We will wait,” she told reporters "
                   "in Lisbon, adding that rates were “too high for now.”",
                   "Mayor Rita Gomes visited the site. She later defended the plan, saying it "
                   "would “save many lives.”")
    assert rows(doc) == [("We will wait", "she", "Ana Costa"),
                         ("too high for now.", "she", "Ana Costa"),
                         ("save many lives.", "She", "Rita Gomes")]
    assert doc.quotes[1].cue == "adding"


def test_a_role_then_the_name_after_the_cue() -> None:
    doc = make_doc("“We will invest,” said the health minister, Jane Doe.",
                   "“Prices will rise,” said the bank's chief economist, Ana Li, who joined in "
                   "May.",
                   "“We will hire,” said the company, Delta Agri.",
                   "“It was close,” said the referee, adding that the call was right.")
    assert rows(doc) == [("We will invest", "the health minister, Jane Doe", "Jane Doe"),
                         ("Prices will rise", "the bank's chief economist, Ana Li", "Ana Li"),
                         ("We will hire", "the company", None),
                         ("It was close", "the referee", None)]


def test_a_dateline_is_not_the_subject() -> None:
    doc = make_doc("LONDON, Nov 21 (Reuters) - Nordbank said on Thursday its new fund was "
                   "\"fully subscribed\" within a day.",
                   "KYIV, Ukraine — Officials said the plant was \"safe for now.\"")
    assert rows(doc) == [("fully subscribed", "Nordbank", None),
                         ("safe for now.", "Officials", None)]


# Issue 5, round 4: general rules for the misses of blind-7 (texts of our own).

def test_a_word_before_a_known_first_name_is_part_of_the_name_unless_a_role() -> None:
    doc = make_doc("“The roads are open again,” said Interior Minister Abdirashid Omar Farah.",
                   "“The hives survived,” said Beekeeper Owen Prydderch.",
                   "“We will plant again,” said Hydrologist Pham Thi Lan.")
    assert [c for _, _, c in rows(doc)] == ["Abdirashid Omar Farah", "Owen Prydderch",
                                            "Pham Thi Lan"]


def test_hyphenated_titles_are_not_part_of_the_name() -> None:
    doc = make_doc("“We are ready to govern,” said President-elect Maria Duarte.",
                   "„Es wird sehr kalt“, sagte ZDF-Moderatorin Anna Berger.")
    assert [c for _, _, c in rows(doc)] == ["Maria Duarte", "Anna Berger"]


def test_a_name_run_ends_with_its_sentence_and_at_the_paragraph_before() -> None:
    doc = make_doc('"We lost the barn," said Linda Osei.',
                   "The service rated the storm an EF-2. Forecaster Maren Holt said more storms "
                   'were possible. "Stay alert," she said.')
    assert [c for _, _, c in rows(doc)] == ["Linda Osei", "Maren Holt"]
    # the paragraph before ends in "for", a function word: not what introduces the name
    doc = make_doc('Coach Denise Harlow said the win "was what we came here for."',
                   'Marisol Vega led the team with 20 points. "We kept our heads," she said.')
    assert [c for _, _, c in rows(doc)] == ["Denise Harlow", "Marisol Vega"]


def test_a_name_after_a_preposition_in_a_foreign_role_is_not_the_speaker() -> None:
    doc = make_doc("La Diga è stata chiusa per la terza volta.",
                   "«Siamo pronti», ha detto il commissario straordinario per la Diga, Paolo "
                   "Ferri, in conferenza stampa.")
    assert [c for _, _, c in rows(doc)] == ["Paolo Ferri"]


def test_a_person_of_an_employer_and_someone_speaking_for_a_person() -> None:
    doc = make_doc('Analyst Priya Raman of Northgate Research said the plan was "too costly."',
                   'A spokesman for Governor Ellen Marsh said the budget was "final and fair."',
                   'State Rep. Dana Whitcombe of Dayton said she backed limits. "Parents want '
                   'to reach their kids," she said.')
    assert [c for _, _, c in rows(doc)] == ["Priya Raman", None, "Dana Whitcombe"]
    assert doc.quotes[1].speaker == "A spokesman for Governor Ellen Marsh"


def test_a_role_then_the_name_after_a_title_a_possessive_or_a_long_role() -> None:
    doc = make_doc('"We had no warning," said the clinic\'s director, the Rev. Tomas Ibarra.',
                   '"Adaptation is survival," said Fiji\'s chief negotiator, Aoife Kerrigan.',
                   '"We need boats," said the president of the Galway Fishermen\'s Cooperative '
                   "Society, Owen Brady.")
    assert [c for _, _, c in rows(doc)] == ["Tomas Ibarra", "Aoife Kerrigan", "Owen Brady"]


def test_declined_to_say_is_nobody_speaking() -> None:
    doc = make_doc('"We plan for decades," Chairman Wu Jian-min said at a briefing.',
                   'Wu declined to say how much the plant would cost. "Tariffs do not decide '
                   'this," he said.')
    assert [c for _, _, c in rows(doc)] == ["Wu Jian-min", "Wu Jian-min"]


def test_the_state_after_a_city_is_no_person() -> None:
    doc = make_doc('"Prices keep rising," said Paul Obi, an economist.',
                   "At a market in Santa Fe, New Mexico, shopper Ellen Whitfield said she had cut "
                   'back. "I buy less now," she said.')
    assert [c for _, _, c in rows(doc)] == ["Paul Obi", "Ellen Whitfield"]


def test_a_lone_name_introduced_by_an_apposition_is_a_person() -> None:
    doc = make_doc("Gulpari, a 38-year-old baker in Herat, said her shop had closed.",
                   '"I had eight workers," she told VOA. "Now I have none."')
    assert [c for _, _, c in rows(doc)] == ["Gulpari", "Gulpari"]
    # a place with "who" after it is not introduced as a person
    doc = make_doc("Among those waiting was Luis Mora, 31, from Ecuador, who said he had walked "
                   'for weeks. "I just want to work," he said.')
    assert [c for _, _, c in rows(doc)] == ["Luis Mora"]


def test_what_follows_a_quote_with_of_or_a_second_verb_is_no_attribution() -> None:
    doc = make_doc('The ministry said in a statement that the strike was "a grave breach" of '
                   "the accord and called for talks.",
                   "The army said it had secured the border, but warned that the area remained "
                   '"extremely volatile."')
    assert [(s, c) for _, s, c in rows(doc)] == [("The ministry", None), ("The army", None)]
    assert [q.cue for q in doc.quotes] == ["said", "warned"]


def test_a_bare_dateline_and_a_statement_from_an_organisation() -> None:
    doc = make_doc('NAIROBI — The World Food Programme said supplies were "running dangerously '
                   'low."',
                   'Exports will be "reviewed every quarter," according to a statement from '
                   "the trade ministry.")
    assert [s for _, s, _ in rows(doc)] == ["The World Food Programme", "the trade ministry"]


def test_more_cue_verbs_and_party_names_of_the_other_languages() -> None:
    doc = make_doc("A geóloga Marta Reis visitou a encosta. “O risco continua alto”, alertou.",
                   "O presidente do Partido Liberal, João Cotrim, criticou o plano. “É tarde "
                   "demais”, afirmou.")
    assert [c for _, _, c in rows(doc)] == ["Marta Reis", "João Cotrim"]


def test_for_a_person_a_clause_then_the_quote() -> None:
    doc = make_doc("Pour le maire de Lyon, Julien Garnier, la décision est « une erreur "
                   "historique ».",
                   "Para a economista Sofia Amaral, do Banco Central, os juros estão “altos "
                   "demais”.",
                   "For years, farmers have called the dry months “the hungry season”.")
    assert [c for _, _, c in rows(doc)] == ["Julien Garnier", "Sofia Amaral", None]


def test_a_french_incise_inside_the_guillemets_splits_the_quote() -> None:
    doc = make_doc("Le ministre de l'Intérieur, Gérald Mercier, était à Marseille lundi.",
                   "« Nous ne reculerons pas, a affirmé le ministre devant les élus. La loi "
                   "sera appliquée. »",
                   "« Nous tiendrons, affirme-t-il, tous nos engagements. »")
    assert rows(doc) == [("Nous ne reculerons pas", "le ministre", "Gérald Mercier"),
                         ("La loi sera appliquée.", "le ministre", "Gérald Mercier"),
                         ("Nous tiendrons", "il", "Gérald Mercier"),
                         ("tous nos engagements.", "il", "Gérald Mercier")]


def test_a_role_stands_for_the_person_introduced_with_it_or_named_in_the_paragraph() -> None:
    doc = make_doc("Le sénateur écologiste Paul Lemaire a déposé un amendement. « C'est une "
                   "question de justice », a lancé l'élu du Finistère.",
                   "Директор института Игорь Белов отметил рост числа случаев. «Ситуация "
                   "серьезная», — пояснил ученый.")
    assert [c for _, _, c in rows(doc)] == ["Paul Lemaire", "Игорь Белов"]
    # two people introduced with the role: which one is meant is not clear
    doc = make_doc("Foreign Minister Ana Costa met Defence Minister Rui Lopes on Monday.",
                   "Officials expect a deal soon. “We are close,” the minister said.")
    assert [c for _, _, c in rows(doc)] == [None]


def test_a_plural_dropped_subject_is_nobody_in_particular() -> None:
    doc = make_doc("Глава ведомства Игорь Белов приехал в Казань. «Работа идет», — сказали в "
                   "пресс-службе.",
                   "«Мы готовы», — заявила Анна Котова. «Все по плану», — добавила она.")
    assert [c for _, _, c in rows(doc)] == [None, "Анна Котова", "Анна Котова"]


# Issue 5, round 5: general rules for the misses of blind-8 (texts of our own).

def test_honorifics_of_other_languages_and_police_ranks_are_titles() -> None:
    doc = make_doc("L'avocate de la famille, Me Claire Fontaine-Roux, a dénoncé une enquête "
                   "« bâclée ».",
                   "Maulvi Noor Ahmad Zaheer, who runs a madrassa in Kunduz, said the roads were "
                   "\"closed by snow.\"",
                   "Det Sgt Owen Pryce-Jenkins of Gwent Police said officers were \"keeping an "
                   "open mind.\"")
    assert [c for _, _, c in rows(doc)] == ["Claire Fontaine-Roux", "Noor Ahmad Zaheer",
                                            "Owen Pryce-Jenkins"]


def test_role_compounds_and_a_genitive_before_a_russian_name() -> None:
    doc = make_doc("„Die Gletscher verlieren jedes Jahr an Masse“, sagte Klimaforscherin Hanne "
                   "Brückner.",
                   "«Морозы продлятся до пятницы», — сообщил глава администрации Тамбова Олег "
                   "Гречишников.",
                   "Жительница Тамбова Айталина Егорова пожаловалась на холод. «Автобусы не "
                   "ходят», — сказала она.")
    assert [c for _, _, c in rows(doc)] == ["Hanne Brückner", "Олег Гречишников",
                                            "Айталина Егорова"]


def test_a_name_after_a_lower_case_role_keeps_its_first_word() -> None:
    doc = make_doc("Foreign Office spokesman Anwer Saleem Khattak said talks would resume "
                   "\"within weeks.\"",
                   "Forecaster Maren Holt said the storm would \"stall over the coast.\"")
    assert [c for _, _, c in rows(doc)] == ["Anwer Saleem Khattak", "Maren Holt"]


def test_a_first_name_that_is_also_a_capital_opens_a_name() -> None:
    text = "Sofia Ribeiro, 29, mora longe do hospital. «Tenho medo», disse."
    doc = make_doc(text, entities=[Entity(0, 5, "GPE", "Sofia")])
    assert rows(doc) == [("Tenho medo", None, "Sofia Ribeiro")]


def test_a_cue_in_the_next_sentence_is_not_the_quotes() -> None:
    doc = make_doc("Governor Ines Albrecht told lawmakers the budget was \"under strain\" across "
                   "the board. Her deputy said cuts were coming.")
    assert rows(doc) == [("under strain", "Governor Ines Albrecht", "Ines Albrecht")]


def test_the_person_spoken_of_does_not_break_the_speakers_chain() -> None:
    doc = make_doc("Ida Lindqvist, 19, won the sprint by a second.",
                   "\"She is fearless,\" coach Tomas Brenner said of Lindqvist. \"She never "
                   "stops running.\"")
    assert [c for _, _, c in rows(doc)] == ["Tomas Brenner", "Tomas Brenner"]


def test_a_team_epithet_and_an_organisation_named_like_an_epithet() -> None:
    doc = make_doc("Winger Kofi Mensah-Barnes scored twice. \"The crowd carried us,\" said the "
                   "Leinster winger.",
                   "Commander Rana Haddad said patrols had doubled. The Islamic State said in a "
                   "statement that its fighters were \"ready for a long war.\"")
    assert [c for _, _, c in rows(doc)] == ["Kofi Mensah-Barnes", None]
    assert rows(doc)[1][1] == "The Islamic State"


def test_a_company_introduced_by_its_role_or_its_industry_is_no_person() -> None:
    doc = make_doc("The headset's maker, Tessaly Vance, said it would ship \"before Christmas.\"",
                   "Norvale Biosciences said it would apply for a licence \"by the spring.\"")
    assert rows(doc) == [("before Christmas.", "The headset's maker, Tessaly Vance", None),
                         ("by the spring.", "Norvale Biosciences", None)]


def test_a_role_with_its_place_then_the_name_after_the_cue() -> None:
    doc = make_doc("“Hay que evacuar ya”, declaró el portavoz de la Guardia Civil en Sevilla, "
                   "Andrés Molina Prieto, a la prensa.",
                   "\"The camps are full,\" said the head of the agency in Geneva, Lotte Verhaar.",
                   "«Estamos esgotados», contou à RTP Marta Lobo, enfermeira em Faro.")
    assert [c for _, _, c in rows(doc)] == ["Andrés Molina Prieto", "Lotte Verhaar",
                                            "Marta Lobo"]


def test_whom_the_speaker_told_and_a_body_in_the_genitive_are_not_the_speaker() -> None:
    doc = make_doc("«Mon client est innocent», a déclaré à l'AFP son avocat, Me Paul Roux.",
                   "“No hay riesgo”, explicó a Europa Press la portavoz del ayuntamiento, Lucía "
                   "Herrero.",
                   "«Мы ждем подкрепления», — пояснила начальник отдела Министерства "
                   "здравоохранения Татарстана Гульнара Сафина.",
                   "“Es grave”, dijo a Pedro Sánchez el ministro Luis Gómez.")
    assert [c for _, _, c in rows(doc)] == ["Paul Roux", "Lucía Herrero", "Гульнара Сафина",
                                            None]


def test_more_iberian_cues_and_a_role_that_refers_back() -> None:
    doc = make_doc("A presidente da associação, Teresa Gouveia Lobo, considerou que o plano é "
                   "«curto demais». «Esperamos há dez anos», lamentou.",
                   "«La situación es grave», afirmó el alcalde de Ronda, Tomás Vidal.",
                   "El funcionario pidió calma. «Nadie debe salir de casa», insistió.")
    assert [c for _, _, c in rows(doc)] == ["Teresa Gouveia Lobo", "Teresa Gouveia Lobo",
                                            "Tomás Vidal", "Tomás Vidal"]


def test_the_rest_of_a_bodys_name_is_no_person() -> None:
    doc = make_doc("O bastonário, Rui Pestana, falou ontem. A Ordem dos Advogados também "
                   "reagiu. «É inaceitável», disse.")
    assert rows(doc)[0][2] == "Rui Pestana"


def test_turkish_speech_verbs_after_the_quote_and_the_speaker_first() -> None:
    doc = make_doc("Sağlık Bakanı Murat Elmas, açıklamasında, “Aşı stoklarımız yeterli” "
                   "ifadelerini kullandı.",
                   "Elmas, kampanyanın “tüm illerde” başlayacağını da vurguladı.",
                   "Ankara'da yaşayan hemşire Elif Yazıcı da “Nöbetler çok yoğun geçiyor” diye "
                   "konuştu.",
                   "Vatandaşlar ise “Sıra çok uzun” dedi.",
                   "Bakanlık “Randevular internetten alınacak” açıkladı.")
    assert [c for _, _, c in rows(doc)] == ["Murat Elmas", "Murat Elmas", "Elif Yazıcı", None,
                                            None]
    assert [s for _, s, _ in rows(doc)][3:] == ["Vatandaşlar", "Bakanlık"]
    assert doc.quotes[0].cue == "ifadelerini kullandı"


def test_indonesian_speech_verbs_and_the_subject_in_the_verb() -> None:
    doc = make_doc("“Semua jalur sudah dibuka kembali,” kata Kepala Dinas Perhubungan Budi "
                   "Santoso di Semarang, Senin.",
                   "Ia menambahkan bahwa petugas tetap berjaga. “Kami siaga 24 jam,” ujarnya.",
                   "Warga setempat, Dewi Lestari, mengaku lega. “Akhirnya bisa ke pasar lagi,” "
                   "ujar Dewi.")
    assert rows(doc) == [("Semua jalur sudah dibuka kembali",
                          "Kepala Dinas Perhubungan Budi Santoso", "Budi Santoso"),
                         ("Kami siaga 24 jam", None, "Budi Santoso"),
                         ("Akhirnya bisa ke pasar lagi", "Dewi", "Dewi Lestari")]


def test_she_stays_with_the_speaker_not_whom_she_spoke_of() -> None:
    doc = make_doc("Judge Elowen Tregarthen said Corran Vesey had shown \"no insight\" into "
                   "his crimes.",
                   "\"You preyed on people who trusted you,\" she said.")
    assert [c for _, _, c in rows(doc)] == ["Elowen Tregarthen", "Elowen Tregarthen"]


def test_a_headline_role_is_the_one_person_the_story_gives_that_role() -> None:
    doc = make_doc("Fraudster showed 'no insight', judge says",
                   "Judge Elowen Tregarthen jailed Corran Vesey for six years on Friday.")
    assert rows(doc)[0][2] == "Elowen Tregarthen"
    doc = make_doc("Fraudster showed 'no insight', judge says",
                   "Judge Elowen Tregarthen and Judge Mark Pell heard the appeal.")
    assert rows(doc)[0][2] is None


def test_whom_the_speaker_told_is_the_press_not_the_speaker() -> None:
    doc = make_doc("« Le dossier est vide depuis le premier jour », a déclaré à la presse "
                   "l'avocate générale, Hélène Vasseur-Marchal, avant l'audience.",
                   "El alcalde, Jorge Ramírez Ospina, visitó el barrio. «No vamos a abandonar a "
                   "nadie», dijo a periodistas en Tumaco. «Volveremos el lunes con más ayuda».")
    assert rows(doc) == [("Le dossier est vide depuis le premier jour",
                          "l'avocate générale, Hélène Vasseur-Marchal", "Hélène Vasseur-Marchal"),
                         ("No vamos a abandonar a nadie", None, "Jorge Ramírez Ospina"),
                         ("Volveremos el lunes con más ayuda", None, "Jorge Ramírez Ospina")]


def test_a_french_incise_with_a_role_and_its_name_is_not_quoted() -> None:
    doc = make_doc("Le prévenu, Karim T., a tout nié. « J'ai seulement parlé », a-t-il dit.",
                   "« Il a toujours été un père attentif, rappelle son avocate, Me Sophie "
                   "Garnier-Dulac. Personne ne peut dire le contraire. »")
    assert rows(doc)[1:] == [("Il a toujours été un père attentif",
                              "son avocate, Me Sophie Garnier-Dulac", "Sophie Garnier-Dulac"),
                             ("Personne ne peut dire le contraire.",
                              "son avocate, Me Sophie Garnier-Dulac", "Sophie Garnier-Dulac")]


def test_an_article_and_a_role_before_a_full_name() -> None:
    doc = make_doc("A Proteção Civil registrou 200 ocorrências. “Foi a pior noite do ano”, "
                   "explicou a meteorologista Beatriz Lemos Aranha, do instituto.",
                   "Am Bahnhof warteten Pendler. „Ich bin trotzdem gekommen“, sagte der "
                   "Busfahrer Thomas Kellermann, der in Bonn wohnt.",
                   "\"We had no warning,\" said the spokeswoman Hannah Velasquez-Orr.",
                   "\"We had no warning,\" said the broadcaster Al Jazeera English.")
    assert [c for _, _, c in rows(doc)] == ["Beatriz Lemos Aranha", "Thomas Kellermann",
                                            "Hannah Velasquez-Orr", None]


def test_italian_dropped_subject_and_present_tense_cue() -> None:
    doc = make_doc("Secondo l'Osservatorio Regionale, la frana è ferma. Marta Colonnese ha "
                   "spiegato che il fronte \"non si muove da giorni\". \"Restiamo comunque in "
                   "allerta\", ha aggiunto.",
                   "\"Abbiamo dormito in macchina con i bambini\", racconta Paolo Vitale, 51 anni.")
    assert [c for _, _, c in rows(doc)] == ["Marta Colonnese", "Marta Colonnese",
                                            "Paolo Vitale"]


def test_a_body_is_no_person_and_did_both_verbs() -> None:
    doc = make_doc("Em nota, a empresa afirmou que “todas as equipes de campo” estão na rua.",
                   "The Hartwell Rovers Supporters' Trust said the move was \"the only option\".",
                   "Severn Rivers Authority (SRA) issued three warnings overnight, and said "
                   "levels were \"higher than anyone here remembers\".")
    assert [(s, c) for _, s, c in rows(doc)] == [
        ("a empresa", None), ("The Hartwell Rovers Supporters' Trust", None),
        ("Severn Rivers Authority (SRA)", None)]


def test_an_unnamed_speaker_in_the_paragraph_before_takes_the_pronoun() -> None:
    doc = make_doc("Colonel Dorian Makwambe said the road had been reopened. \"We are in "
                   "control,\" he told reporters.",
                   "Traders disagreed. A villager who walked to the market with her two "
                   "daughters said the checkpoints were still closed.",
                   "\"We waited the whole night,\" she said.",
                   "One mother said the school had been shut for a week.",
                   "\"They took the teachers,\" she said.")
    assert [c for _, _, c in rows(doc)] == ["Dorian Makwambe", None, None]
    # the named speaker keeps "he" when the paragraph before names nobody new
    doc = make_doc("Colonel Dorian Makwambe said the road had been reopened.",
                   "The army sent two more trucks on Friday.",
                   "\"We are in control,\" he said.")
    assert [c for _, _, c in rows(doc)] == ["Dorian Makwambe"]


def test_companies_named_after_a_place_or_with_a_fuller_name_are_nobody() -> None:
    doc = make_doc("High winds hit Northern Nevada overnight.",
                   "Northern Nevada Hydro said the outages were \"a precaution\" for now.",
                   "Talks with supplier Brenholt Fasteners ended on Friday. Brenholt said the "
                   "deal was \"good for both sides\" in a statement.",
                   "Across Varmland Province, Varmland Grid said repairs would take \"at least "
                   "three days\".")
    assert [(s, c) for _, s, c in rows(doc)] == [
        ("Northern Nevada Hydro", None), ("Brenholt", None), ("Varmland Grid", None)]


def test_a_french_reflexive_cue_names_its_own_speaker() -> None:
    doc = make_doc("« Les digues ne tiendront pas », a déclaré le maire, Paul Rigaud-Mesnil. Il "
                   "a demandé des renforts « au plus vite ».",
                   "Dans le quartier, l'alarme a sonné à minuit. « On a tout perdu, encore une "
                   "fois », se désole Odile Carpentier, une retraitée.",
                   "« C'est un scandale », s'indigne Marc Lefranc.")
    assert [c for _, _, c in rows(doc)] == ["Paul Rigaud-Mesnil", "Paul Rigaud-Mesnil",
                                            "Odile Carpentier", "Marc Lefranc"]


def test_a_double_surname_alone_is_the_full_name_given_before() -> None:
    doc = make_doc("The count resumed with Yolexi Baraona Mejía ahead of incumbent Osiris "
                   "Lanza Ferrera.",
                   "\"We will defend every vote,\" Baraona Mejía said.",
                   "Lanza Ferrera urged patience. \"The count is clean,\" he said.")
    assert [c for _, _, c in rows(doc)] == ["Yolexi Baraona Mejía", "Osiris Lanza Ferrera"]
    doc = make_doc("«No podemos esperar», afirmó la consejera de Territorio, Núria Casals i "
                   "Ferrer, en Barcelona.")
    assert [c for _, _, c in rows(doc)] == ["Núria Casals i Ferrer"]
    # a German noun before a full name is no part of it
    doc = make_doc("Am Bahnhof sprach der Krankenpfleger Dominik Auerhammer mit Pendlern.",
                   "„Wir sind müde“, sagte Dominik Auerhammer.")
    assert [c for _, _, c in rows(doc)] == ["Dominik Auerhammer"]


def test_a_place_after_a_title_or_an_introductory_place_is_no_name() -> None:
    doc = make_doc("Banjir merendam 9 kelurahan di Kota Pekalongan, kata petugas di Pekalongan.",
                   "Wali Kota Pekalongan Sri Handayani meminta warga waspada. \"Kami siapkan "
                   "tenda di tiga titik pengungsian,\" ujarnya.",
                   "Salah seorang warga Kelurahan Panjang Baru, Sutrisno, mengatakan air naik "
                   "cepat. \"Air masuk rumah jam tiga pagi,\" katanya.",
                   "No Liceu de Viseu, a professora de Química Ana Paula Mendes disse estar em "
                   "greve «por respeito».")
    assert [c for _, _, c in rows(doc)][:1] + [c for _, _, c in rows(doc)][2:] == [
        "Sri Handayani", "Ana Paula Mendes"]
    assert rows(doc)[1][2] in (None, "Sutrisno")  # never the place


def test_a_person_with_a_job_like_a_company_and_a_place_before_a_name() -> None:
    doc = make_doc("\"Crews are out in force,\" said Martin Delacroix, a utility spokesman.",
                   "At a shelter outside Pine Hollow, Janet Orlikowski, 58, waited with her son.",
                   "\"We left with nothing,\" she said.",
                   "\"It's not enough,\" said Gregory Pawlak, a crane operator at the port.")
    assert [c for _, _, c in rows(doc)] == ["Martin Delacroix", "Janet Orlikowski",
                                            "Gregory Pawlak"]


def test_portuguese_and_before_a_second_verb_and_a_hyphenated_role() -> None:
    doc = make_doc("«Não há dinheiro para tudo», afirmou aos jornalistas o secretário-geral do "
                   "Sindicato dos Médicos, Nuno Faria Lemos.",
                   "A ministra da Saúde, Carla Mota Duarte, disse que as portas «estão abertas» e "
                   "acusou o sindicato de «bloquear tudo» em plena época de gripe.")
    assert [(s, c) for _, s, c in rows(doc)] == [
        ("o secretário-geral do Sindicato dos Médicos, Nuno Faria Lemos", "Nuno Faria Lemos"),
        ("Carla Mota Duarte", "Carla Mota Duarte"), ("Carla Mota Duarte", "Carla Mota Duarte")]


def test_the_rest_of_a_body_whom_the_speaker_told_does_not_break_a_continuation() -> None:
    doc = make_doc("\"We were second best,\" Aled Pryce-Jenkins told BBC Radio Cymru.",
                   "\"We have a week to fix it, and we will.\"")
    assert [c for _, _, c in rows(doc)] == ["Aled Pryce-Jenkins", "Aled Pryce-Jenkins"]


def test_cue_data_file_covers_each_language_and_its_kinds() -> None:
    from tasks.taggers import quotes

    table = quotes._read_cues(quotes.CUES_FILE)
    languages = {language for language, _ in table}
    assert {"fr", "de", "es", "pt", "ru", "it", "tr", "id"} <= languages
    for language in ("fr", "de", "es", "pt", "ru", "it", "id"):
        assert (language, "according") in table, language
    assert "ifade etti" in table["tr", "final"]  # "_" joins a form's words
    assert {"a-t-il", "said"}.isdisjoint(quotes._FOREIGN_CUE_SET)


def test_german_cues_of_wire_copy() -> None:
    doc = make_doc("„Wir entlasten Familien“, sagte Finanzministerin Katrin Lindemann in Berlin.",
                   "„Das reicht nicht“, so der Fraktionschef der Grünen, Jonas Vogler.",
                   "Lindemann wies die Kritik zurück. „Wir haben solide gerechnet“, fügte sie "
                   "hinzu.",
                   "Personalvorständin Annegret Brückner sprach von einem „Spiel mit dem "
                   "Feuer“. „Wir bleiben hart“, sagte Brückner dem „Spiegel“.",
                   "„Die Warnungen waren bekannt“, kritisierte der Linken-Abgeordnete Tobias "
                   "Krämer.")
    assert [(q, c) for q, _, c in rows(doc)] == [
        ("Wir entlasten Familien", "Katrin Lindemann"), ("Das reicht nicht", "Jonas Vogler"),
        ("Wir haben solide gerechnet", "Katrin Lindemann"),
        ("Spiel mit dem Feuer", "Annegret Brückner"), ("Wir bleiben hart", "Annegret Brückner"),
        ("Die Warnungen waren bekannt", "Tobias Krämer")]


def test_french_spanish_and_italian_asides_agencies_and_time_between_cue_and_speaker() -> None:
    doc = make_doc("« Les moyens manquent », estime pour sa part le maire de Lille, Antoine "
                   "Garnier. « On nous demande tout », a-t-il ajouté.",
                   "«Hemos perdido la cosecha», ha dicho a Efe la agricultora Rosa Jiménez.",
                   "«La situación es crítica», ha asegurado este miércoles el consejero de "
                   "Sanidad, Jesús Aguirre. «No hay camas», según ha explicado el gerente del "
                   "hospital, Andrés Molina.",
                   "\"Mancano i fondi\", ha detto da parte sua il sindaco di Pavia, Carlo Neri.")
    assert [c for _, _, c in rows(doc)] == ["Antoine Garnier", "Antoine Garnier", "Rosa Jiménez",
                                            "Jesús Aguirre", "Andrés Molina", "Carlo Neri"]


def test_according_to_opens_a_sentence_and_segundo_only_before_a_name() -> None:
    doc = make_doc("Selon l'hydrologue Sophie Marchal, « le risque va encore augmenter ».",
                   "Segundo o economista-chefe do banco Inter, Rafael Cardoso, “o ciclo de cortes "
                   "deve continuar”.",
                   "Secondo il presidente di Confcommercio, Carlo Sangalli, \"il decreto è un "
                   "passo avanti\".",
                   "Menurut Direktur Utama Bulog Budi Waseso, \"stok kami mencapai 1,5 juta ton\".",
                   "Pelo segundo ano, “a colheita foi fraca”, diz o relatório.")
    assert [c for _, _, c in rows(doc)][:4] == ["Sophie Marchal", "Rafael Cardoso",
                                                "Carlo Sangalli", "Budi Waseso"]
    assert rows(doc)[4][1] == "o relatório"  # "segundo ano" is "second year"


def test_russian_addressee_in_the_dative_a_body_in_guillemets_and_a_genitive_name() -> None:
    doc = make_doc("«Такого снега не было давно», — рассказал РИА Новости научный руководитель "
                   "центра погоды «Фобос» Аркадий Лебедев.",
                   "«Дороги расчищены», — сказала корреспонденту РИА Новости жительница Купчино "
                   "Светлана Орлова.",
                   "По словам министра здравоохранения Михаила Журавлева, «больницы готовы».",
                   "В комплексе городского хозяйства сообщили, что техника работает. Жительница "
                   "Бутово Ксения Ламанова пожаловалась на автобусы. «Стояла сорок минут», — "
                   "сказала она.")
    assert [q for q, _, _ in rows(doc)][0].startswith("Такого")
    assert "Фобос" not in [q for q, _, _ in rows(doc)]
    assert [c for _, _, c in rows(doc)] == ["Аркадий Лебедев", "Светлана Орлова",
                                            "Михаил Журавлев", "Ксения Ламанова"]


def test_a_role_with_a_cue_that_goes_on_is_the_last_speaker() -> None:
    doc = make_doc("«Снег будет идти до субботы», — пояснил РИА Новости ведущий аналитик "
                   "Института аграрного рынка Тимофей Белоусов.",
                   "По его словам, цены вырастут. «Импорт дорожает», — добавил эксперт.",
                   "\"Rates will stay on hold,\" said Selin Kaya, an economist at Vantage Markets "
                   "in London.",
                   "The lira was flat. \"January is the real test,\" the economist added.",
                   "\"Stocks rallied,\" said Gwendolyn Achterberg, chief investment strategist "
                   "at Larchmont Wealth.",
                   "Achterberg said gains were broad. \"Eight of 11 sectors rose,\" the "
                   "strategist said.")
    assert [c for _, _, c in rows(doc)] == ["Тимофей Белоусов", "Тимофей Белоусов",
                                            "Selin Kaya", "Selin Kaya", "Gwendolyn Achterberg",
                                            "Gwendolyn Achterberg"]


def test_turkish_long_subject_relative_participle_and_bulundu() -> None:
    doc = make_doc("Tatbikatı Kartal'daki merkezden takip eden İstanbul Valisi Nurettin Kaplan, "
                   "gazetecilere yaptığı açıklamada, “Kimse kaderine terk edilmeyecek” dedi.",
                   "“Fiyatlar çok yüksek” diyen esnaf Hüseyin Kaya, kiralardan şikayet etti.",
                   "Meteoroloji uzmanı Doç. Dr. Elif Kaya ise yağışların süreceğini belirterek, "
                   "“Vatandaşlar dikkatli olmalı” uyarısında bulundu.",
                   "Esnaf Ali Demir de “Dükkanım suya gömüldü” diye konuştu.")
    assert [c for _, _, c in rows(doc)] == ["Nurettin Kaplan", "Hüseyin Kaya", "Elif Kaya",
                                            "Ali Demir"]


def test_indonesian_head_of_a_body_and_a_place_and_a_resident_named_alone() -> None:
    doc = make_doc("Tim SAR mencari warga di Desa Cibeunying, Kabupaten Cilacap.",
                   "\"Kondisi tanah masih labil,\" kata Kepala Basarnas Cilacap Bagus Wiratno di "
                   "lokasi.",
                   "\"Tim sudah bergerak,\" jelas Kepala BPBD Jawa Barat Dani Ramdan.",
                   "\"Ada 4.200 rumah terdampak,\" kata Kepala Pelaksana Badan Penanggulangan "
                   "Bencana Daerah (BPBD) Kota Semarang Endro Wicaksono.",
                   "Salah seorang warga, Sutrisni, mengaku mendengar gemuruh. \"Suaranya seperti "
                   "pesawat,\" ujarnya.")
    assert [c for _, _, c in rows(doc)] == ["Bagus Wiratno", "Dani Ramdan", "Endro Wicaksono",
                                            "Sutrisni"]


def test_a_place_after_a_foreign_preposition_and_a_portuguese_do_are_no_other_person() -> None:
    doc = make_doc("Em São Leopoldo, a comerciante Rosângela Dutra-Kieling voltou a fechar a "
                   "loja. “Perdemos tudo de novo”, contou.",
                   "Na zona sul, a comerciante Marta Ferraz do Nascimento contou que perdeu o "
                   "estoque. “Quem vai pagar?”, questionou.",
                   "A ministra da Saúde, Ana Paula Martins, lamentou a greve. “Estamos abertos "
                   "ao diálogo”, garantiu a governante.")
    assert [c for _, _, c in rows(doc)] == ["Rosângela Dutra-Kieling",
                                            "Marta Ferraz do Nascimento", "Ana Paula Martins"]


def test_a_pronoun_goes_to_the_one_person_the_quote_free_paragraph_before_introduces() -> None:
    doc = make_doc("Syria's war displaced millions under Bashar al-Assad.",
                   "Mahmoud Tarraf, 52, came back from Lebanon in June with his family.",
                   "\"We sleep in the one room that still has walls,\" he told VOA.",
                   "\"It is holding,\" said Prof Caradoc Yelland, the mission's lead scientist.",
                   "Dr Anwen Rhydderch, who was not involved, said the comet was unlike those "
                   "of our own Solar System.",
                   "\"If that holds up, it tells us a lot,\" she said.")
    assert [c for _, _, c in rows(doc)] == ["Mahmoud Tarraf", "Caradoc Yelland",
                                            "Anwen Rhydderch"]


def test_reported_speech_closed_by_its_attribution_and_a_clause_of_its_own() -> None:
    doc = make_doc("The central bank should keep rates on hold for \"quite some time\" as "
                   "inflation settles, ECB policymaker Katarina Vuorela said on Thursday.",
                   "\"Cars are viable without subsidy,\" the official, who declined to be named "
                   "because the decision is not public, told Reuters.",
                   "U.S. District Judge Helen Stavrou set sentencing for March. The plea "
                   "agreement calls for 33 to 41 months, though the judge said she was \"not "
                   "bound by it.\"",
                   "Scooter maker Ather Energy welcomed the extension, calling it \"a clear "
                   "signal to investors.\"")
    assert [(s, c) for _, s, c in rows(doc)] == [
        ("ECB policymaker Katarina Vuorela", "Katarina Vuorela"), ("the official", None),
        ("the judge", "Helen Stavrou"), ("Scooter maker Ather Energy", None)]


def test_a_spaced_guillemet_ends_the_sentence_and_roles_take_a_title_and_a_verbs_gender() -> None:
    doc = make_doc("La ministre de la Santé, Catherine Vautrin, a déclaré : « Nous ne fermerons "
                   "aucune maternité. » L'avocate des familles, Me Julie Benoît, a dénoncé « un "
                   "double discours ». « Les chiffres disent le contraire », a insisté l'avocate.",
                   "Песков заявил: «Переговоров пока не планируется». Официальный представитель "
                   "МИД Мария Захарова отметила, что Москва «открыта к диалогу». «Но на наших "
                   "условиях», — подчеркнула дипломат.")
    assert [c for _, _, c in rows(doc)] == ["Catherine Vautrin", "Julie Benoît", "Julie Benoît",
                                            "Песков", "Мария Захарова", "Мария Захарова"]


def test_the_lede_describes_whom_the_next_paragraph_names() -> None:
    doc = make_doc("TOKYO, Nov 20 (Reuters) - Japan's top currency diplomat said on Thursday "
                   "authorities were watching moves \"with a high sense of urgency\" after the "
                   "yen slid.",
                   "\"Recent moves are one-sided,\" Vice Finance Minister for International "
                   "Affairs Takumi Morishita told reporters.",
                   "\"Mercury is a planet of puzzles,\" said Japan's project scientist, Dr. Haruka "
                   "Morinaka of the Japan Aerospace Exploration Agency.")
    assert [c for _, _, c in rows(doc)] == ["Takumi Morishita", "Takumi Morishita",
                                            "Haruka Morinaka"]
    lede = make_doc("BEIJING (Reuters) - China's commerce ministry urged Washington to \"correct "
                    "its wrong practices\" on Friday.",
                    "\"We will respond,\" spokesperson He Yadong told reporters.")
    assert rows(lede)[0][2] is None  # a ministry is nobody


def test_a_weekday_or_a_bodys_genitive_is_nobody_and_an_elided_domain_is_no_name() -> None:
    doc = make_doc("Die Gewerkschaft Verdi hat für Montag zu Warnstreiks aufgerufen. „Wir sind "
                   "bereit“, sagte Verdi-Chef Frank Werneke. „Das ist unverhältnismäßig“, "
                   "erklärte die Präsidentin des Arbeitgeberverbands, Sabine Kuhlmann. Sie fügte "
                   "hinzu: „Wir bleiben gesprächsbereit.“",
                   "\"Siamo pronti\", ha assicurato il ministro dell'Interno Matteo Piantedosi.",
                   "\"È innocente\", ha detto l'avvocato di Marco Rossi.")
    assert [c for _, _, c in rows(doc)] == ["Frank Werneke", "Sabine Kuhlmann", "Sabine Kuhlmann",
                                            "Matteo Piantedosi", None]


def test_roles_on_second_reference_and_a_colon_after_a_role_and_its_name() -> None:
    doc = make_doc("La portavoz de la Junta, Carolina España, anunció nuevas ayudas. «Llegarán "
                   "pronto», aseguró la portavoz. El alcalde de Sevilla, José Luis Sanz, pidió "
                   "más rapidez. «Los vecinos no pueden esperar», dijo él.",
                   "A secretária de Estado, Patrícia Gonçalves Costa, visitou o bairro. “Vamos "
                   "reabilitar 300 casas”, prometeu a governante. Um morador, que preferiu não "
                   "ser identificado, mostrou-se cético. “Já ouvimos isso antes”, disse.",
                   "Il presidente della Provincia, Gianni Venturi, ha condiviso l'appello: "
                   "\"Siamo tutti dalla stessa parte\".",
                   "Niedersachsens Agrarministerin Miriam Staudte hat Landwirte zu Vorsicht "
                   "aufgerufen. „Die Vogelgrippe breitet sich aus“, sagte die "
                   "Grünen-Politikerin. Der Landvolk-Präsident Holger Hennies widersprach: „Die "
                   "Betriebe tun schon alles.“")
    assert [c for _, _, c in rows(doc)] == ["Carolina España", "José Luis Sanz",
                                            "Patrícia Gonçalves Costa", None, "Gianni Venturi",
                                            "Miriam Staudte", "Holger Hennies"]


def test_an_unnamed_speaker_with_a_complement_or_a_long_relative_clause_keeps_he_unnamed() -> None:
    # "A spokesperson for the water board": the head is the spokesperson, not the board
    doc = make_doc("Engineer Carys Pendleton-Wyn said the pipes were old. \"We patch them every "
                   "week.\"",
                   "A spokesperson for the water board said repairs would start soon. \"We have "
                   "set aside money for the works,\" the spokesperson added.",
                   "An aid worker who asked not to be named because she was not allowed to "
                   "speak to reporters said the road was cut. \"Nobody can reach the camp "
                   "now,\" she said.")
    assert [c for _, _, c in rows(doc)] == ["Carys Pendleton-Wyn", None, None]
    assert [s for _, s, _ in rows(doc)][1:] == ["the spokesperson", "she"]


def test_a_body_named_after_its_kind_is_never_a_he() -> None:
    doc = make_doc("The village has been cut off by the armed group Ansar Dine al-Sahel since "
                   "March.", "\"We eat once a day,\" he said.")
    assert rows(doc) == [("We eat once a day", "he", None)]


def test_a_firm_of_partners_joined_by_an_ampersand_is_nobody() -> None:
    doc = make_doc("The winery's owner, Hartley & Voss Cellars, said in a statement that it "
                   "was \"devastated\" by the flood.")
    assert rows(doc) == [("devastated", "Hartley & Voss Cellars", None)]


def test_a_one_letter_name_word_opens_the_name_unless_the_language_uses_it() -> None:
    ede = make_doc("Y Bhin Mlô, a farmer near Buon Don, said the river rose overnight. \"The "
                   "water took half of my pepper plants,\" he said.")
    assert rows(ede)[0][2] == "Y Bhin Mlô"
    spanish = make_doc("El alcalde Tomás Ruiz Prieto habló con los vecinos y con la prensa. Y "
                       "Tomás Ruiz Prieto dijo: «Vamos a reconstruir el puente».")
    assert rows(spanish)[0][2] == "Tomás Ruiz Prieto"


def test_a_german_head_of_a_body_then_the_name_in_commas() -> None:
    doc = make_doc("„Die Lage bleibt angespannt“, sagte der Leiter des Katastrophenschutzzentrums, "
                   "Henrik Albersmeier, in Magdeburg.",
                   "Umweltverbände warnten vor einem „Ausverkauf der Natur“.")
    assert [c for _, _, c in rows(doc)] == ["Henrik Albersmeier", None]
    assert rows(doc)[1][1] == "Umweltverbände"


def test_she_after_a_person_with_an_employer_a_consultancy_or_a_club_in_between() -> None:
    doc = make_doc("Surgeon Dr. Imelda Fairbrook-Soto of Children's Mercy Kansas City said beds "
                   "were short. \"We are turning people away,\" she said.",
                   "\"Prices will rise again,\" said Odalys Benavente, an analyst at the Lima "
                   "consultancy Norte Andino. She said the cuts were \"far too late.\"",
                   "Kessington Borough manager Rafe Oduya-Lund praised the crowd. \"They carried "
                   "us,\" he said.",
                   "Die Winzerin Helga Brauneck-Seidl räumte mit Helfern Äste vom Hof. "
                   "„Das war der schlimmste Hagel seit Jahren“, sagte sie.")
    assert [c for _, _, c in rows(doc)] == ["Imelda Fairbrook-Soto", "Odalys Benavente",
                                            "Odalys Benavente", "Rafe Oduya-Lund",
                                            "Helga Brauneck-Seidl"]


def test_a_pronoun_after_an_introductory_phrase_without_its_comma() -> None:
    doc = make_doc("The defendant's lawyer, Marcus Ellery-Vane, spoke to the jury for an hour. "
                   "After the ruling he said the family was \"relieved but exhausted\" and "
                   "would not appeal.")
    assert rows(doc) == [("relieved but exhausted", "he", "Marcus Ellery-Vane")]


def test_an_epithet_before_a_surname_a_job_on_second_reference_and_an_age_as_subject() -> None:
    doc = make_doc("Spain beat France as Matteo Orsolini-Vega won in three sets. \"It was the best "
                   "match of my life,\" said the 21-year-old Orsolini-Vega.",
                   "Harbour pilot Anneke Strandvold guided the tanker in after midnight.",
                   "\"The wind turned twice in ten minutes,\" the pilot said.",
                   "Skater Ilse Marenholt-Sander won the 1,500 metres. The 24-year-old said she "
                   "would rest now. \"My legs are empty,\" she said.")
    assert [c for _, _, c in rows(doc)] == ["Matteo Orsolini-Vega", "Anneke Strandvold",
                                            "Ilse Marenholt-Sander"]


def test_a_role_after_an_owners_possessive_or_with_modifiers_before_the_name() -> None:
    doc = make_doc("\"We lost our rhythm,\" said Rowing Ireland's high performance director Maeve "
                   "Kilbride-Dunne.",
                   "\"The boat was fine,\" said the squad's chief mechanic Pietro Lanzavecchia.",
                   "\"Nobody panicked,\" said the head rowing coach Ewan Threlfall-Moss.")
    assert [c for _, _, c in rows(doc)] == ["Maeve Kilbride-Dunne", "Pietro Lanzavecchia",
                                            "Ewan Threlfall-Moss"]


def test_a_cue_word_after_an_article_is_a_noun() -> None:
    doc = make_doc("Finance chief Oskar Lindqvist-Berg told investors that the recall would be "
                   "\"fully covered by insurance.\"")
    assert rows(doc) == [("fully covered by insurance.", "Finance chief Oskar Lindqvist-Berg",
                          "Oskar Lindqvist-Berg")]


def test_a_foreign_clause_after_the_quote_and_a_cue_after_the_rest_of_the_clause() -> None:
    doc = make_doc("El tribunal electoral afirmó en un comunicado que el recuento fue «limpio y "
                   "transparente», aunque reconoció demoras en dos provincias.",
                   "„Wir müssen sparen“, sagte Vorstandschefin Greta Hollweg-Sand in Köln. "
                   "Betriebsbedingte Kündigungen wolle man „wenn irgend möglich“ verhindern, "
                   "sagte sie.")
    assert rows(doc)[0][1] == "El tribunal electoral"
    assert [c for _, _, c in rows(doc)][1:] == ["Greta Hollweg-Sand", "Greta Hollweg-Sand"]
    assert rows(doc)[2][1] == "sie"


def test_a_question_goes_on_a_speakers_words_and_employers_or_governed_places_are_nobody() -> None:
    doc = make_doc("In the camp, Aminata Diallo-Kone, a mother of three, said the water ran out "
                   "on Sunday. \"We queue from dawn,\" she said.",
                   "\"What am I supposed to give my children?\"")
    assert [c for _, _, c in rows(doc)] == ["Aminata Diallo-Kone", "Aminata Diallo-Kone"]
    watch = make_doc("\"Three reporters were beaten,\" said Ravi Menon-Pillai, East Asia analyst "
                     "at Amnesty International. \"Nobody has been charged.\"")
    assert [c for _, _, c in rows(watch)] == ["Ravi Menon-Pillai", "Ravi Menon-Pillai"]
    bupati = make_doc("Penjabat Bupati Sikka Barat, Agustinus Wolo-Dae, mengatakan stok pangan "
                      "aman. \"Beras cukup untuk dua minggu,\" katanya.")
    assert rows(bupati)[0][2] == "Agustinus Wolo-Dae"


def test_a_colon_paragraph_before_the_quote_and_a_quote_running_into_the_next_paragraph() -> None:
    doc = make_doc("Health Minister Nadia Okonjo-Baptiste said:",
                   "\"We were told the outbreak was over. It was not.",
                   "\"Every district now has a rapid response team.\"")
    assert [c for _, _, c in rows(doc)] == ["Nadia Okonjo-Baptiste"] * 2
    running = make_doc("The family's lawyer, Desmond Achterberg-Wylie, said the records were "
                       "incomplete.",
                       "\"This was no accident. This was neglect.",
                       "\"Someone read his chart and did nothing,\" Achterberg-Wylie said.")
    assert [c for _, _, c in rows(running)] == ["Desmond Achterberg-Wylie"] * 2


def test_a_person_who_gives_one_name_and_the_body_a_russian_plural_cue_names() -> None:
    doc = make_doc("\"The price doubled in a week,\" said a bus driver who gave only her first "
                   "name, Mariétou.",
                   "«Пострадавших нет», — сообщили в управлении.")
    assert rows(doc) == [("The price doubled in a week", "a bus driver who gave only her first "
                          "name, Mariétou", "Mariétou"),
                         ("Пострадавших нет", "управлении", None)]


def test_a_rank_in_the_cue_languages_before_the_apposed_name() -> None:
    doc = make_doc("A Defesa Civil do Pará informou que 30 municípios estão em emergência.",
                   "“Faltam barcos e faltam médicos”, afirmou o secretário estadual de Defesa "
                   "Civil, coronel Rui Esteves-Paiva.")
    assert rows(doc)[0][2] == "Rui Esteves-Paiva"


# Round 10: the blind-15/16 kinds, each in text of its own.


def test_an_unnamed_subject_with_its_body_speaks_through_a_participle() -> None:
    doc = make_doc("\"Margins will recover by spring,\" said Henrietta Vallgren-Moss, an analyst "
                   "at Baltic Equity.",
                   "A spokesman for the ferry operator declined to give figures, saying the "
                   "board would \"look at every route before deciding.\"")
    assert rows(doc)[1] == ("look at every route before deciding.",
                            "A spokesman for the ferry operator", None)


def test_people_at_a_firm_are_not_the_firm() -> None:
    doc = make_doc("Analysts at Harrowgate Commodities said in a note that rates would stay "
                   "\"higher for a good while yet\" in the region.")
    assert rows(doc) == [("higher for a good while yet", "Analysts at Harrowgate Commodities",
                          None)]


def test_german_compound_roles_and_a_turkish_one_of_the_are_no_part_of_the_name() -> None:
    doc = make_doc("„Die Brücke bleibt gesperrt“, sagte Verkehrsdezernentin Ulrike Dammbeck am "
                   "Montag.",
                   "„Wir warten seit Jahren“, sagte Bezirksleiter Torsten Wendholt.",
                   "Esnaflardan Mehmet Karagözlü de “Kepenkleri erken kapatıyoruz” dedi.")
    assert [c for _, _, c in rows(doc)] == ["Ulrike Dammbeck", "Torsten Wendholt",
                                            "Mehmet Karagözlü"]


def test_a_german_federation_is_nobody() -> None:
    doc = make_doc("Der Bund der Rentner warnte vor einer „Rentenkürzung durch die "
                   "Hintertür“.")
    assert rows(doc) == [("Rentenkürzung durch die Hintertür", "Der Bund der Rentner", None)]


def test_a_bodys_view_without_a_comma_after_per() -> None:
    doc = make_doc("Il sindaco di Camogli, Marco Dellepiane-Rossi, ha detto che il porto "
                   "riaprirà \"entro venerdì\". \"Serve pazienza\", ha spiegato.",
                   "Per la Protezione civile regionale \"le mareggiate non sono finite e il "
                   "rischio resta alto\".")
    assert rows(doc)[2][1:] == ("la Protezione civile regionale", None)


def test_a_name_then_its_employer_in_an_apposition_speaks() -> None:
    doc = make_doc("Another strategist, Odile Ferrand-Lacoste of Quaystone Partners, said the "
                   "vote showed \"a real split among the members\" on the pace of cuts.")
    assert rows(doc)[0][2] == "Odile Ferrand-Lacoste"


def test_a_first_name_that_is_a_place_after_titles() -> None:
    text = ("\"Prices are finally calm,\" Economy Minister Santiago Bermúdez-Olaza wrote on "
            "social media.")
    at = text.index("Santiago")
    doc = make_doc(text, entities=[Entity(at, at + 8, "GPE", "Santiago")])
    assert rows(doc)[0][2] == "Santiago Bermúdez-Olaza"


def test_a_name_given_alone_or_with_an_age_is_a_person() -> None:
    doc = make_doc("HERAT — Women are being treated in secret clinics, nurses told VOA.",
                   "In a basement near the old bazaar, a nurse who asked to be identified only "
                   "as Farzana treats women at night.",
                   "\"If they find us, they will close the clinic,\" she said.",
                   "Her patient, 23-year-old Mursal, said she walked two hours. \"I had nowhere "
                   "else to go,\" she said.")
    assert [c for _, _, c in rows(doc)] == ["Farzana", "Mursal"]


def test_it_after_a_body_that_spoke_is_that_body() -> None:
    doc = make_doc("The Federation of Small Businesses said owners were cutting hours. \"Firms "
                   "are running out of road,\" it said.")
    assert rows(doc) == [("Firms are running out of road", "The Federation of Small Businesses",
                          None)]


def test_reported_speech_of_a_body_inside_a_speakers_sentence() -> None:
    doc = make_doc("The district collector, Teresa Lalrinpuii-Sailo, said 900 families were in "
                   "camps.",
                   "Lalrinpuii-Sailo said the district had asked the capital for \"more tents "
                   "and medicine.\"")
    assert rows(doc) == [("more tents and medicine.", "Lalrinpuii-Sailo",
                          "Teresa Lalrinpuii-Sailo")]


def test_a_first_name_given_to_men_in_one_country_and_women_in_another_has_no_gender() -> None:
    doc = make_doc("\"We cannot feed them all,\" said Grace Atim, who runs the camp kitchen.",
                   "Kenya's deputy minister for refugees, Hillary Kiprotich-Rono, said a second "
                   "site would open. \"We will not turn anyone away,\" he said.")
    assert rows(doc)[1][2] == "Hillary Kiprotich-Rono"


def test_police_ranks_and_indonesian_jobs_before_the_name() -> None:
    doc = make_doc("“As balsas voltaram ao rio”, disse o chefe da fiscalização, delegado Otávio "
                   "Brandão-Lins.",
                   "\"Warga kami imbau menjauhi sungai,\" kata prakirawan BMKG Stasiun "
                   "Klimatologi Jawa Barat Bambang Sutrisno-Adi.")
    assert [c for _, _, c in rows(doc)] == ["Otávio Brandão-Lins", "Bambang Sutrisno-Adi"]


def test_an_unnamed_head_with_an_apposed_name_and_employer_is_named() -> None:
    doc = make_doc("\"The rock is older than we thought,\" said Piers Hallworth, a geologist at "
                   "the university.",
                   "Another team member, Ines Carvalho-Lund of the Royal Observatory in "
                   "Edinburgh, said the dating took a year. \"We checked every grain twice,\" "
                   "she said.")
    assert [c for _, _, c in rows(doc)] == ["Piers Hallworth", "Ines Carvalho-Lund"]


def test_a_neighbourhood_before_the_name_is_no_person() -> None:
    doc = make_doc("“A água chegou ao telhado”, disse o prefeito, Renato Saldanha-Pires.",
                   "Moradora do Jardim Campo Verde, a costureira Irene Valadão contou que "
                   "perdeu tudo. “Ninguém veio ajudar”, disse ela.")
    assert rows(doc)[1][2] == "Irene Valadão"


def test_a_firms_short_name_acting_as_a_body_is_no_she() -> None:
    doc = make_doc("Dutch flower grower Bloemhof Holdings cut its outlook on Tuesday.",
                   "\"Energy is still our biggest cost,\" said Chief Executive Femke Dijkgraaf.",
                   "\"The greenhouse season was short,\" said Pieter Zandvoort, an analyst.",
                   "Dijkgraaf said Bloemhof would keep its dividend. \"We will not cut it,\" she "
                   "said.",
                   "„Wir bauen zu langsam“, sagte Baudezernentin Anke Vollrath.",
                   "Die Elternvertreterin Mira Ostendorf kritisierte, die Stadt habe das Geld. "
                   "„Es fehlt an Personal“, sagte sie.")
    assert [c for _, _, c in rows(doc)][2:] == ["Femke Dijkgraaf", "Anke Vollrath",
                                                "Mira Ostendorf"]
