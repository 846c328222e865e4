"""Direct quotations with their speakers, found by rules (no parser, no model).

How a quote is found
- Quote marks are paired inside one segment (paragraph) at a time, so an unbalanced mark can
  never swallow the rest of the article. Curly marks open/close by shape (with a repair for the
  common scrape error of a closing mark used to open, or vice versa); straight marks toggle;
  German „…“, guillemets «…» (French, Spanish, Russian) and »…« (German, Danish) pair too.
- Single marks (‘…’ and '…': headlines, British copy) are quotes only when one opens at the
  start of a word and another closes at the end of one, outside any double-quoted span; so
  apostrophes ("don't", "the drivers' union", "'90s", "rock 'n' roll") are not. A single-quoted
  span inside a double-quoted one is part of it (a quote within the quote), and the reverse.
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
  point at words that are really contiguous in the text. So is a French-style quote with the
  attribution inside the guillemets (« Le travail doit payer, a déclaré la ministre à
  l'Assemblée. Ce n'est pas ... », « Nous tiendrons, affirme-t-il, nos engagements »): the
  incise, a cue verb and its subject up to the next comma or sentence end, is not quoted.

How the speaker is found, first rule that applies wins
Cue verbs are English (here) and, from tasks/taggers/data/cues.tsv, French, Spanish,
Portuguese, Italian, German, Russian, Indonesian and Turkish, by kind: finite verbs ("dijo",
"sagte", "сказал", "kata"; in es, pt, it, ru and id the subject may be dropped), participles
after their auxiliary ("a déclaré", "ha detto", "ha dicho"), French reflexives ("se désole"),
cues only right after a quote ("„…“, so X", "“…,” jelas X"), Indonesian leading verbs,
"according to" ("selon", "según", "laut", "по словам", "menurut"; "segundo"/"secondo" only
before an article or a name), Turkish verbs that close the sentence (1b) and "“…” diyen X",
the verbs that say the speaker goes on ("added", "добавил": see roles below), asides between
the cue and the speaker ("estime pour sa part le maire", "ha asegurado este miércoles X"),
and the press or an agency told ("a déclaré à la presse", "ha dicho a Efe", "рассказал
корреспонденту РИА Новости X", German "sagte X dem „Spiegel“", whose quoted name is no quote;
nor is a Russian body's name in guillemets: "центра погоды «Фобос» X").
1. Trailing cue right after the closing mark: “…,” Pompeo said / “…,” said Secretary Blinken /
   “…,” a counterterrorism official told VOA / “…,” according to the ministry /
   “…,” Interfax quoted Novak as saying / « … », a-t-il ajouté / «…», señaló (a dropped
   subject, resolved like "he"; so is «…», declaró en una entrevista, where a preposition or a
   time word follows the verb, unless the subject comes after it: "dijo en Madrid el
   presidente ...", "сказал журналистам Песков") / “…,” said the health minister, Jane Doe (a
   role, then the person's name after its comma; the role may be long or possessive and the
   name may carry a title: "said Tonga's lead negotiator, X", "said the executive director of
   the Maine Lobstermen's Association, X", "said the shelter's director, the Rev. X", "ha detto
   il commissario straordinario per il Mose, X"; the role's place may come first: "declaró el
   portavoz de la Guardia Civil en Sevilla, X", "said the head of the agency in Geneva, X") /
   «…», contó a EFE X, explicó a Europa Press la portavoz ..., X, a déclaré à la presse
   l'avocate générale, X, dijo a periodistas en ... (whom the speaker told, an outlet, a body
   or the press, is not the speaker) / «…», ha aggiunto. (Italian drops the subject too) /
   Indonesian “…,” kata X di Jakarta / “…,” ujarnya, jelasnya (the verb's "-nya" is the
   subject, resolved like "he" without gender) / «…», según ha explicado el gerente, X (the
   verb after "according to"). Not when the quote ended its sentence
   (“… the fire.” Kremlin spokesman X said ...: that is the next sentence's own cue) or a
   sentence ends between the quote and the cue (“…” toward its potential. She said ...), nor
   when a clause of its own follows (“…,” while Commerzbank said ... / “…” in a video posted
   ... / “…” of the truce and called on ... / «…» e acusou ...: "and" in the cue languages
   too, and "although": «…», aunque señaló ...). French reflexive cues count with their
   pronoun («…», se désole X, s'indigne X). A document's source speaks for it: "according
   to a statement from the regulator" -> "the regulator". In the cue languages the rest of
   the reported clause may come first, then a comma and the cue with its subject after it
   („…“ vermeiden, sagte er). A cue word after an article or a possessive is a noun ("the
   recall", "its claims"), no cue.
1b. Turkish puts the verb last, after the quote (“…” dedi / diye konuştu / ifadelerini
   kullandı, or a few words of the reported clause first: “…” başlayacağını da vurguladı):
   the speaker is the name that opens the sentence's first clause, before a comma or a
   particle or the quote ("Bakan X, açıklamasında, “…”", "X ise ... belirterek, “…”",
   "öğretmen X da “…”", "Bakanlık “…” açıkladı"); a long title or clause may come before a
   full name that its comma closes ("Tatbikatı ... takip eden İstanbul Valisi X, “…” dedi").
   “…” diyen esnaf X: the person after the participle.
2. Leading cue earlier in the same sentence (and after any previous quote):
   Secretary Blinken said, “…” / Macron replied: “…” / King Abdullah II warned that IS was “…” /
   Lula defended the plan, saying the country “…” (a participle cue: the sentence's subject,
   a pronoun too: "She defended the plan, saying ..."; after a main cue, that cue's speaker:
   “…,” he told reporters in Lisbon, adding that rates were “…”) /
   Goldman Sachs cut its forecast, citing “…” / The Nikkei quoted a senior official as saying
   Tokyo was “…” (the object) / X told reporters that he had explained that “…” ("he") /
   X said it had helped ..., but warned that the camp remains “…” (a second verb of the
   sentence's subject) / A spokesperson for the company declined to comment, saying details
   would be given “…” (an unnamed subject with its body, before its verb: null canonical) /
   Chhangte said the state had asked for “…” (a cue inside what the main verb reports, with
   no person in between: the main verb's subject). A wire dateline opening the paragraph
   ("TOKYO, March 4 (Reuters) - ", VOA's "WASHINGTON — ") is not the subject.
   Commas in the subject: introductory chunks ("In a statement,") are dropped, a last chunk
   that opens a clause is the subject ("The agreement calls for ..., though the judge said
   she was “…”"), then a pronoun
   next to the cue wins ("Some governments, she said, “…”"), then a chunk that ends with a full
   name (or a full name then its employer and city: "Another analyst, Marco X of XP
   Investments, said"), then one that ends with any name ("Her coach, Patrick Sang, said"), else
   the first
   chunk; a name introduced as a company ("The company that runs the plant, Delta Agri") is the
   company. An introductory phrase may lack its comma ("After the verdict he said"). A quote
   that opens its paragraph after a paragraph ending "X said:" is X's. Without a cue: a headline's "Guterres: '…'" and French "Pour Marine Le Pen, « … »"
   (also with a clause before the quote and the name after a role: "Pour la secrétaire
   générale de la CFDT, Nathalie Perrichon, le texte est « … »", "Para o pesquisador X, do
   Observatório do Clima, os números são “…”") name their speaker when the article names that
   person in full ("Per la Protezione civile regionale “…”", without the comma: a body's view,
   null canonical), and so does a sentence that
   opens with a person's name and ends in a colon ("Kocsis kündigte weitere Aktionen an: „…“";
   an article and a role, or a role and the name in commas, may come first: "Il presidente
   della Provincia, Gianni X, ha condiviso l'appello: "…"").
   A quote inside reported speech whose attribution closes the sentence after a comma ("... on
   hold for “quite some time” as inflation settles, ECB policymaker X said on Thursday.")
   goes to that attribution's subject, unless a person is named between.
   Then, all with cue null: a person's possessive right after a quote that ended its sentence
   (“…” Kahananui's voice breaks ...); for the first quote of a paragraph that opens a
   sentence, the subject of the paragraph's sentence before it when that one is reported
   speech ("Mbeki said his teams were ... . “Many of ...”"); for a quote alone at the end of
   its paragraph, a next paragraph that opens "That was the message/warning ... from X".
3. Same paragraph: the nearest earlier attributed quote's speaker (second half of a split quote,
   a quote after the attributed one), unless another person is named in between (not the one
   the speaker spoke of: “…,” the coach said of Lindqvist. “She is 19.”).
4. Continuation: a quote in a paragraph that directly follows (no heading between) a paragraph
   whose last quote was attributed gets that speaker with cue null, unless someone else is
   named in between. An interview alternates: a question after an answer goes to the last
   earlier asker of a question, an answer after a question to the last earlier answerer, as
   long as nobody but the two is named in between (with no earlier asker, a question goes on
   the speaker's words). A quote left open at its paragraph's end, without a speaker, has the
   speaker of the quote that reopens the next paragraph (the wire convention).
5. Echo: a quote still without a speaker whose words recur in a later attributed quote (the
   headline's ‘It’s a lifeline’ and the story's “It’s a lifeline for people who ...,” said Sue
   Ashworth) gets that speaker. Anything else: speaker null.

How the speaker is resolved to a canonical person (`speaker_canonical`)
- A PERSON entity (doc.entities, from the entity tagger) overlapping the speaker span wins.
- Otherwise the name in the speaker phrase. Titles (the list in tasks/taggers/data/titles.tsv:
  Secretary of State, Mr, Dr., M., King, honorifics such as Me, Mawlawi, Det Insp, Turkish
  Bakan, Indonesian Kepala, and endings of compounds such as "Hafenchefin",
  "Arbeitsmarktforscherin"; an acronym such as CEO ...), organisation and place words
  ("Chicago Police Superintendent Larry Snelling", "Tampa resident Kevin Walsh", "начальник
  отдела Министерства здравоохранения Татарстана X"), places and organisations the entity
  tagger found, and role nouns and nationalities before a full name are stripped ("Farmer
  Gareth Hollins", "Forecaster Maren Holt", German "DWD-Meteorologin Katrin Oberländer",
  "President-elect X"), and so are a Russian place in
  the genitive ("Президент России Владимир Путин") and a title's domain ("High Commissioner for
  Refugees Filippo Grandi") before a known first name; any other word before a first name is
  part of the name ("Abdikadir Mohamed Warsame", "Tran Minh Chau"), and so is a known first
  name ("Noor Ahmad Zaheer", not the agent noun "-or") or any word right after a role in lower
  case ("spokesman Anwer Saleem Khattak"). A Russian name is its first name and surname (with
  the patronymic when there is one), whatever stands before them ("глава администрации
  Тамбова Олег Гречишников", "Жительница Тамбова Айталина Егорова"). After an organisation
  word, the rest of the body's name goes up to a known first name ("Kepala Dinas Perhubungan
  Budi Santoso"); a first name that is also a place opens a name ("Sofia Ribeiro"). An
  article and a person's role before a full name leave the name ("explicou a meteorologista
  X Y", "said the spokeswoman X Y"; not a body's kind: "the broadcaster Al Jazeera"), and so
  does a German article and the noun after it ("sagte der Krankenpfleger X Y"), and a
  role's subject after "of"/"de" ("a professora de Matemática Teresa X"). A title or a body,
  then a place the article names elsewhere after "in"/"di"/"en" ("Wali Kota Semarang Retno
  X" when it writes "di Semarang"), leaves the name; after an Indonesian kind of place
  ("Kelurahan Panjang Baru", "Kabupaten ...") a person starts only at a known first name or
  after that place. A Catalan "i" joins a double surname ("Montserrat Vilaplana i Serra").
  A name ends with its
  sentence ("... an EF-3. Meteorologist X"). A person's employer or place after "of" is not
  the person ("Analyst Joanne Hsieh of Yuanta Investment Consulting said", "Det Insp X of
  South Wales Police said", "Dr. X of Children's Healthcare of Atlanta said" -> the person),
  nor is an owner before a role ("said British Cycling's performance director Tom X"; an
  English role may carry lower-case words: "said the team's performance director X"), an
  epithet before a surname ("said the 23-year-old Baldacchino" -> the full name), a German
  article, a noun with a role's ending and the body it heads ("sagte der Leiter des
  Landeshochwasserzentrums, Matthias X"), or a rank in the cue languages ("coronel X");
  a one-letter capital opens a name ("Y Thanh Niê") unless it is "A", "I" or a letter the
  article uses as a word in lower case (Spanish "y"); one name is a name when the person gave
  only that ("a taxi driver who gave only his first name, Seydou"); a Russian plural cue's
  body is written as the speaker ("— рассказали в ведомстве": "ведомстве", null canonical),
  and someone speaking for a person is not that person ("A spokesman for Governor X said",
  "the lawyer for X": null canonical), nor are people at a firm the firm ("Analysts at Vantor
  Commodities said"). A German compound with a role's ending ("Schuldezernentin", and
  "Schulleiter" with titles.tsv's compound-only "+" endings) and a Turkish "one of the ..."
  ("Köylülerden X") are titles; a first name that is also a place opens the name after titles
  too ("Economy Minister Santiago X"). A place at
  the end of a name is a surname ("State Sen. Jen Jordan"); a capitalized "He" inside a
  sentence is a surname ("spokesperson He Yadong"); parliamentary titles and party words go
  ("Conservative MP Danny Kruger"), and so does a title's portfolio ("U.N. High Commissioner
  for Refugees Filippo Grandi": after an organisation's body, a known first name starts the
  person); a kunya stays ("Abu Mohammed al-Julani"). A one-word name becomes the fuller name
  the article gives, earlier or else later ("Blinken" -> "Antony Blinken"), else the one
  vocabulary person with that surname ("Pompeo" -> "Mike Pompeo"), else stays as written if
  the article treats it as a person ("said Mariam, 15", "Fadumo, who ..."); with no such sign
  it is taken for an organisation. The fuller name must be a person's too ("Dexmoor" after
  "supplier Dexmoor Components" is the company). A name of two words or more becomes the one
  longer person's name the article gives that ends with it ("Cáceres Funes" -> "Marisela
  Cáceres Funes"), unless it opens with a known first name.
- Organisations without an organisation word are not persons when the article says so:
  "OpenAI", "JPMorgan" (inner capitals, except after a surname prefix: "McBride",
  "DeSantis"), "Commerzbank", "Goldman Sachs cut its forecast", "Airbus said it would ...",
  "planemaker Airbus"; nor is a name that opens with a compass adjective, or whose words but
  the last are a place the article puts after "in"/"across" ("Southern California Edison");
  nor an employer or a place before a role and a name ("Blue Origin spokeswoman Linda Mays")
  when a pronoun looks for the people named, nor a name after a preposition of place
  ("outside Eagle River, Brenda X"), nor a name after a body's kind ("the militant group
  Jama'at Nusrat al-Islam", "the consultancy Equilibria Pampa"), nor a place or employer
  before a job that ends the phrase ("X, South Asia researcher at ..."), nor the place an
  Indonesian head-of title governs ("Penjabat Bupati Flores Timur, Yohanes X"), nor German
  nouns (after a preposition, or with an abstract noun's ending: "Betriebsbedingte
  Kündigungen"), nor a firm of partners ("Preston & Ogle Spirits"), nor a football club
  ("Tamworth Borough"), nor an organisation that already spoke, nor the rest of
  a body's name after an organisation word with no known first name in it ("told BBC Sport
  Wales", which breaks no continuation). A job that is
  also a company noun does not make a person with a known first name a company ("Raymond X,
  a machine operator").
- Gender: a person's is read from the first name (tasks/taggers/data/first_names.tsv, starter
  set of many cultures, extendable with NEWSPREP_FIRST_NAMES files; names given to both sexes,
  or to men in one country and women in another, are "u"), a kunya (Abu, Umm), a Cyrillic
  surname's ending (Захарова), or a word the article puts right before the name (Ms, Mrs, M.,
  Frau, "his wife, ...", "spokeswoman", "Vizechefin"); otherwise it is unknown.
- "he"/"she" (and il/elle, er/sie, él/ella, он/она, a dropped subject, whose gender a Russian
  verb may give) only go to a person of that gender or of unknown gender: null after an
  unnamed speaker in the paragraph ("A union representative said ..."; groups, organisations
  and documents do not count, nor does "X declined to say", nor a role with a definite article
  when nobody is named before it in the paragraph or when the article introduced someone with
  that role: "El funcionario pidió ..." is someone named before, and so is an age or a
  nationality: "The 26-year-old said"; the head noun before a relative clause or a
  complement decides: "A villager who walked with her two daughters said" and "A
  spokesperson for the health board said" are one person, "Staff at a hospital" are not; a
  long relative clause keeps its head: "A security source who spoke on condition of
  anonymity because ... said"), and null after such a speaker in a quote-free paragraph
  right before, after the last named speaker and with nobody named since ("A farmer who fled
  ... said soldiers were ... . / “…,” he said."); else the one such person named
  earlier in the paragraph; else the last named speaker when the only people named since are
  in that speaker's own sentence and none has the pronoun's gender ("Judge X said Vesey had
  shown “…”. / “…,” she said."); else the one named since the last named speaker; else
  that speaker (if nobody was named since, or with gender if that speaker fits); else, when
  everyone in between is of the other gender, the last person of the pronoun's gender unless
  someone of that or of unknown gender was named after them, if that person spoke already or
  is the only person of that gender the article has named; else, when the pronoun's paragraph
  names nobody before it, the one named subject of a cue verb of the quote-free paragraph
  right before, or the one fitting person it names ("Dr Ana X, a planetary scientist, said
  the images ... . / “…,” she said.", "Mahmoud X, 52, came back in June. / “…,” he told
  VOA."); otherwise null. "they"/"we" keep
  `speaker` with a null canonical; "it" becomes the one body that opened a sentence of its
  paragraph with a cue ("The British Retail Consortium said ... . “…,” it said.").
  A name given alone ("a teacher who asked to be identified only as Nazifa") or after an age
  ("16-year-old Shabnam") is a person's. A capitalized first name alone counts as a person when the
  article treats it as one ("Oksana, a 56-year-old resident"), and so does any other lone name
  an apposition introduces as a person ("Zarghona, a 41-year-old tailor"). The state or
  country after a city ("a store in Paramus, New Jersey,") is no person.
- Kinship speakers ("his wife added", "Zamora's son said") -> the one person the article
  introduces with that relation ("his daughter, Kelsey Reinhardt", "Olena and her husband
  Serhiy"), of a fitting gender; else null.
- Epithets: "the Serbian", "the Kenyan", "the Liberal Democrat", "the 25-year-old", "the
  three-time MVP" -> the person introduced with that nationality ("Kenya's Sebastian Sawe",
  "American Tommy Paul"), else resolved like "he" (without gender), leaving out people
  introduced with another nationality. A role ("the minister", "the striker", "la ministre",
  "l'élu de Seine-Saint-Denis", Russian "ученый" without article, a German noun with a role's
  ending after "der"/"die": "die Grünen-Politikerin") -> the one person the article
  introduced with that role word before or after the name ("La ministre du Travail, Hélène
  Castagnier"; two such people: null), else the one person named earlier in the paragraph,
  of the gender a Russian verb gives ("— подчеркнула дипломат"), else, with a cue that says
  the speaker goes on ("— добавил синоптик", "the minister added"), the last named speaker
  if nobody else was named since, else null (not the last speaker: a role may be someone
  new). A job that no title list holds ("the strategist", "the economist", "the warden")
  only goes to the
  one person the article introduced with it ("X, chief investment strategist at Y"; an
  employer after "at" is no person). A lede's unique role ("Japan's top currency diplomat
  said ...") is the person the next paragraph's first quote names. A team before a position
  ("the Leinster winger") is an epithet too; "the Islamic State", "the State" (a title word
  that only completes a title) are not. A headline's bare role ("..., judge says") -> the one
  person the article introduces with that role.
- Generic speakers ("a counterterrorism official", "the statement", "the Kremlin") keep
  `speaker` and have a null `speaker_canonical`.

Limits: a person whose first name is not in the list, or is marked "u", has no gender, so a
pronoun between two such people stays null; a pronoun for someone introduced without a name
or a cue ("A nurse, who asked not to be named, ..."), or two paragraphs back, can still go to
the last named speaker;
a kinship speaker is resolved only when the article states the relation next to a name; a
"she" after a man's quote goes to the one woman named before even when she was only talked
about (“Marie Curie ...” then a man's quote, then “…,” she said); an epithet that fits two
people named before ("the 22-year-old" after a lede naming the winner and the runner-up) stays
null; an unnamed speaker named only later ("sentenced by a federal judge who said he had
“…”", then "U.S. District Judge X") stays unnamed; when neither gender is known, "X said Y had
lied. “…,” he said." goes to X even if Y is the one replying; a Turkish quote is attributed
only when the speaker's name comes in the sentence's first clause ("Dün akşam, Bakan X “…”
dedi." stays null), and every language's only with the forms cues.tsv lists; a title
followed by the place it governs, then the name ("Governor Lagos State Ana X"), keeps the
place in the name unless the article or the entity tagger says it is a place (after a title,
an unknown first word may be the first name: "Defense Minister Abdikadir Mohamed Warsame"),
except after an Indonesian title that heads a body or a place ("Kepala", "Bupati", "Wali
Kota": the person starts at a known first name, else is the last two words); a Russian name
after "по словам" is put in the nominative only when its first name is known; a Portuguese
double surname joined by "e" ("Joana Bordalo e Sá") is cut at "e"; a time phrase between a
German cue and its subject ("sagte am Mittwoch der Minister") ends the phrase; a body named
by its kind ("the company said", after "Conexia said ...") is written as that kind, not as
the body's name.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tasks.document import BLOCK_SEPARATOR, HEADING, Document, Entity, Quote
from tasks.taggers.entities import (
    FIRST_NAMES_ENV,
    first_names_paths,
    read_first_names,
    read_vocabulary,
    surname_of,
    vocabulary_paths,
)
from tasks.taggers.patterns import trie_pattern

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
    "adding citing "
    # participles of the subject's own words: "Ather Energy welcomed it, calling it “…”"
    "calling noting arguing insisting describing urging warning "
    # Base forms for plural subjects ("Sources likewise warn that"), minus those that are
    # also common nouns ("in a note", "a claim").
    "warn urge explain insist argue acknowledge admit recall respond emphasize emphasise "
    "predict concede suggest agree complain testify confirm reiterate allege contend"
).split()
CUES_FILE = Path(__file__).resolve().parent / "data" / "cues.tsv"
# Languages that drop the subject pronoun: "«…», señaló." is "she said", "“…,” ujarnya" "he
# said" (the verb's "-nya" is the subject).
_PRO_DROP_LANGUAGES = {"es", "pt", "it", "ru", "id"}


def _read_cues(path: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """The cue forms of the data file by (language, kind); "_" joins a form's words."""
    cues: dict[tuple[str, str], list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, kind, forms = line.split("\t")
        cues.setdefault((language, kind), []).extend(
            form.replace("_", " ") for form in forms.split())
    return {key: tuple(forms) for key, forms in cues.items()}


def _cue_forms(*kinds: str, languages: set[str] | None = None) -> tuple[str, ...]:
    return tuple(form for (language, kind), forms in _CUE_TABLE.items()
                 if kind in kinds and (languages is None or language in languages)
                 for form in forms)


# Speech verbs of the other languages VOA and the wires publish in most, as they appear in
# attribution ("a déclaré Michel Barnier", "sagte Scholz", "dijo Mazón", "сказал Путин"):
# tasks/taggers/data/cues.tsv, by language and kind.
_CUE_TABLE = _read_cues(CUES_FILE)
_FOREIGN_PARTICIPLES = _cue_forms("participle")  # "a déclaré", "ha detto", "ha dicho"
_FINITE_CUE_VERBS = _cue_forms("verb", languages={"fr", "es", "pt", "it", "ru"})
# French present tense, which puts its pronoun after it: "ajoute-t-il", "explique-t-elle".
_FRENCH_PRESENT_CUES = _cue_forms("verb", languages={"fr"})
# French reflexive cues, cues only with their pronoun: "«…», se désole Nadège X", "s'indigne-t-il".
_FRENCH_REFLEXIVE_CUES = _cue_forms("reflexive")
_FOREIGN_CUE_VERBS = _cue_forms("verb", "participle", "reflexive", "leading")
_FOREIGN_CUE_SET = set(_FOREIGN_CUE_VERBS)
_PRO_DROP_CUES = set(_cue_forms("verb", "participle", languages=_PRO_DROP_LANGUAGES))
# Indonesian and Malay: "“…,” kata X", "“…,” ujar X", "“…,” ujarnya"; before the quote,
# "X mengatakan ...".
_INDONESIAN_CUE_SET = set(_cue_forms("verb", "trailing", languages={"id"}))
# Cues only right after a closing mark, the speaker after them: "„…“, so der Sprecher",
# "“…,” jelas Kepala X", "tambah dia"; German "so" only after German marks.
_TRAILING_ONLY_CUE = re.compile(
    r"[\s,—–-]*(" + trie_pattern(_cue_forms("trailing")) + r")\s+(?=[^\W\d_])")
_TRAILING_ONLY_MARKS = {form: "“«»" for form in _cue_forms("trailing", languages={"de"})}
# Between the cue and the speaker: "estime pour sa part le maire", "señaló por su parte X".
_ASIDE = re.compile(r"(?:" + trie_pattern(_cue_forms("aside")) + r")\s+(?=\S)")
# "according to" opens a sentence too: "Selon le ministre, « … »", "По словам Пескова, ..."
_ACCORDING_TO = tuple(form for base in ("according to",) + _cue_forms("according")
                      for form in (base, base[:1].upper() + base[1:]))
_ACCORDING_SET = set(_ACCORDING_TO)
# Portuguese "segundo" and Italian "secondo" are also "second": "according to" only before an
# article, a pronoun or a name ("segundo o ministro", "secondo Coldiretti", not "il secondo
# giorno").
_ORDINAL_ACCORDING = {"segundo", "Segundo", "secondo", "Secondo"}
_ACCORDING_OBJECT = re.compile(
    r"\s+(?:o|a|os|as|ele|ela|eles|elas|il|lo|la|l['’]|i|gli|le|lui|lei|loro)\b|\s+[^\W\d_a-zà-ÿ]")
# A role on second reference with one of these says the speaker goes on ("— добавил синоптик",
# "the economist added"): someone who spoke already.
_CONTINUING_CUES = set(_cue_forms("adds")) | {"added", "adds"}


_ENGLISH_CUE_SET = set(_CUE_VERBS)
_ALL_CUE_FORMS = sorted(_ENGLISH_CUE_SET | set(_FOREIGN_CUE_VERBS) | set(_ACCORDING_TO))
# The lookahead of first letters skips most positions at once (the trie alone tries its every
# first letter there: 15% slower over an article with the languages' forms, measured).
_CUE_WORD = re.compile(
    r"\b(?=[" + re.escape("".join(sorted({form[0] for form in _ALL_CUE_FORMS}))) + r"])("
    + trie_pattern(_ALL_CUE_FORMS) + r")\b")
# Part of the cue, not of the speaker: "Pompeo has also said", "a déclaré Michel Barnier".
_AUXILIARIES_BEFORE = re.compile(
    r"\b(?:(?:has|had|have|would|will|also|later|then|again|once)\s+)+$")
_FOREIGN_AUXILIARY_BEFORE = re.compile(
    r"\b(?:a|ont|avait|avaient|ha|han|hanno|había|habían|aveva|avevano)\s+$")
_FOREIGN_PARTICIPLE_SET = set(_FOREIGN_PARTICIPLES)
_FRENCH_REFLEXIVE_SET = set(_FRENCH_REFLEXIVE_CUES)
_REFLEXIVE_BEFORE = re.compile(r"\b(?:se\s+|s['’])$")


class _Cue:
    """A speech cue: the verb (group 1) and where the cue starts, auxiliaries included."""

    __slots__ = ("_start", "_end", "word")

    def __init__(self, start: int, end: int, word: str):
        self._start, self._end, self.word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 1) -> str:
        return self.word


def _cues(text: str, pos: int, endpos: int):
    """The speech cues in text[pos:endpos], in order."""
    for match in _CUE_WORD.finditer(text, pos, endpos):
        start, word = match.start(), match.group(1)
        if word in _ORDINAL_ACCORDING and not _ACCORDING_OBJECT.match(text, match.end()):
            continue  # "o segundo turno", "il secondo giorno"
        if word in _FOREIGN_PARTICIPLE_SET:
            auxiliary = _FOREIGN_AUXILIARY_BEFORE.search(text, max(pos, start - 8), start)
        elif word in _FRENCH_REFLEXIVE_SET:
            auxiliary = _REFLEXIVE_BEFORE.search(text, max(pos, start - 4), start)
            if auxiliary is None:
                continue  # "l'alarme", "il défend le projet": no speech without the pronoun
        else:
            if word in _ENGLISH_CUE_SET and _DETERMINER_BEFORE.search(text, max(pos, start - 6),
                                                                       start):
                continue  # "the recall", "a warning", "its claims": a noun, no speech
            auxiliary = _AUXILIARIES_BEFORE.search(text, max(pos, start - 40), start)
        yield _Cue(auxiliary.start() if auxiliary else start, match.end(), word)


_DETERMINER_BEFORE = re.compile(r"(?<![\w'’])(?:[Tt]he|an?|its|his|her|their|our)\s+$")


def _first_cue(text: str, pos: int, endpos: int) -> _Cue | None:
    return next(_cues(text, pos, endpos), None)
# French puts the pronoun after the verb: "a-t-il ajouté", "ajoute-t-elle".
_INVERTED_PRONOUN_BEFORE = re.compile(r"[\s,—–-]*a-t-(il|elle)\s+$")
_INVERTED_PRONOUN_AFTER = re.compile(r"(?:-t)?-(il|elle)\b")
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
    # no "^": match(text, pos) anchors at pos, "^" only at the start of the text
    r"(?:and|but|so|yet|meanwhile|however|nonetheless|still|then|instead|while|whereas)\b[\s,]*",
    re.IGNORECASE)
# After the cue the speaker phrase ends at punctuation or at a word that starts something else.
_AFTER_SPEAKER_STOP = re.compile(
    r"\s(?:at|in|on|during|while|who|which|when|after|before|adding|as|to|from|with|and|but|"
    r"speaking|via|through|told|"
    # the same in the other cue languages ("sagte Scholz am Mittwoch", "dijo Mazón en ...")
    r"am|im|bei|auf|gegenüber|nach|vor|zu|hinzu|mit|dem|den|(?<!von )(?<!van )der|"
    r"lors|devant|dans|sur|au|aux|en|a|à|durante|ante|tras|ao|na|no|в|на|во|по)(?=\s|[.,;!?]|$)"
    r"|[,;:!?“”\"„]|\.(?=\s|$)"
    # not a body's acronym before the rest of the phrase: "Kepala Pelaksana Badan
    # Penanggulangan Bencana Daerah (BPBD) Kota Semarang Endro Wicaksono"
    r"|\((?![A-Z]{2,8}\)\s+[^\W\d_])"
    # not a body's name in guillemets before the person's: "научный руководитель центра
    # погоды «Фобос» Аркадий Тимохин"
    r"|«(?![^«»\n]{1,40}»\s+[^\W\d_])|»(?!\s+[^\W\d_])"
)

_CONNECTIVES = {"and", "but", "or", "as", "so", "then", "while", "which", "who", "that"}
_PRONOUNS_SINGULAR = {"he", "she", "il", "elle", "er", "sie", "él", "ella", "ele", "ela", "lui",
                      "lei", "он", "она", "ia", "dia", "beliau"}  # Indonesian: either sex
_PRONOUNS_OTHER = {"they", "we", "i", "it", "ils", "elles", "wir", "ellos", "они", "мы"}
MALE, FEMALE = "m", "f"
_PRONOUN_GENDER = {**dict.fromkeys(("he", "il", "er", "él", "ele", "lui", "он"), MALE),
                   **dict.fromkeys(("she", "elle", "sie", "ella", "ela", "lei", "она"), FEMALE)}
# Right before a name (or its comma: "his wife, Olena"), a word that says a man or a woman is
# meant: courtesy titles, kinship and "-man"/"-woman" roles, German feminine titles.
_MALE_MARKERS = set((
    "mr mr. sir lord king prince sheikh emir monsieur m. herr señor don husband son father "
    "brother grandfather grandson uncle nephew boyfriend widower fiancé spokesman chairman "
    "congressman councilman businessman policeman fisherman countryman actor"
).split())
_FEMALE_MARKERS = set((
    "mrs mrs. ms ms. miss dame lady queen princess sheikha madame mme mme. mlle frau señora "
    "sra. doña wife daughter mother sister grandmother granddaughter aunt niece girlfriend "
    "widow fiancée spokeswoman chairwoman congresswoman councilwoman businesswoman "
    "policewoman actress"
).split())
_FEMININE_TITLE_ENDINGS = ("chefin", "sprecherin", "ministerin", "präsidentin", "kanzlerin",
                           "direktorin", "bürgermeisterin", "vorsitzende", "leiterin",
                           "dezernentin", "referentin", "vertreterin", "beraterin", "rätin")
# Arabic names that open with "father of" / "mother of" (a kunya): "Abu Ahmed", "Umm Mohammed".
_KUNYA_GENDER = {"abu": MALE, "abou": MALE, "umm": FEMALE, "um": FEMALE, "oum": FEMALE}
# Russian, Ukrainian and Bulgarian surnames agree with the bearer: Захарова, Песков.
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_FEMALE_SURNAME_ENDINGS = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")
_MALE_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")


def _first_names() -> dict[str, str]:
    return _first_names_for(os.environ.get(FIRST_NAMES_ENV, ""))


@lru_cache(maxsize=4)
def _first_names_for(extra_files: str) -> dict[str, str]:
    """The first names of the shipped file and of the user's files (`extra_files`, the
    environment variable's value: the cache key, so a change of files is seen)."""
    return read_first_names(first_names_paths())


def _name_gender(name: str) -> str | None:
    """MALE, FEMALE or None (not known) for a person's name, from its first name (the data file
    tasks/taggers/data/first_names.tsv), a kunya, or a Cyrillic surname's ending."""
    words = [w for w in name.split() if not _is_title(w)]
    if not words:
        return None
    first = words[0]
    if first.lower() in _KUNYA_GENDER and len(words) > 1:
        return _KUNYA_GENDER[first.lower()]
    table = _first_names()
    gender = table.get(first)
    if gender is None and "-" in first:  # "Jean-Marc" is looked up whole first
        gender = table.get(first.split("-", 1)[0])
    if gender is None and len(words) > 1 and _CYRILLIC_WORD.fullmatch(words[-1]):
        surname = words[-1].lower()
        if surname.endswith(_FEMALE_SURNAME_ENDINGS):
            return FEMALE
        if surname.endswith(_MALE_SURNAME_ENDINGS):
            return MALE
    return gender if gender in (MALE, FEMALE) else None


def _marker_gender(word: str) -> str | None:
    lowered = word.lower()
    if lowered in _MALE_MARKERS:
        return MALE
    if lowered in _FEMALE_MARKERS or lowered.endswith(_FEMININE_TITLE_ENDINGS):
        return FEMALE
    return None


def _plural_cue(cue: str | None) -> bool:
    """A verb whose dropped subject is plural: Russian "сказали", "заявили"."""
    return bool(cue) and cue.endswith("ли") and _CYRILLIC_WORD.fullmatch(cue) is not None


def _pronoun_gender(speaker: _Speaker) -> str | None:
    """The gender a pronoun speaker asks for; a dropped subject, or a role ("— подчеркнула
    дипломат"), has it in a Russian verb's past tense ("добавила" she added, "добавил" he
    added)."""
    if speaker.text.lower() in _PRONOUN_GENDER:
        return _PRONOUN_GENDER[speaker.text.lower()]
    cue = speaker.cue or ""
    if _CYRILLIC_WORD.fullmatch(cue):
        if cue.endswith("ла"):
            return FEMALE
        if cue.endswith("л"):
            return MALE
    return None
TITLES_FILE = Path(__file__).resolve().parent / "data" / "titles.tsv"


def _read_titles(path: Path) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """The titles of the data file (lower case), the endings that make a word a title (its
    lines that start with "-"), and those that make only a compound one (lines with "+")."""
    words, endings, compound_endings = set(), [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            endings.append(line[1:].lower())
        elif line.startswith("+"):
            compound_endings.append(line[1:].lower())
        else:
            words.add(line.lower())
    return frozenset(words), tuple(endings), tuple(compound_endings)


# Words that are part of a title, not of a name ("Secretary of State Mike Pompeo", "Me Antoine
# Dupont", "Det Insp Ann Lee"), and endings of titles that other languages run into compounds
# ("Hafenchefin", "Regierungssprecher", "Пресс-секретарь"): tasks/taggers/data/titles.tsv.
_TITLE_WORDS, _TITLE_STEMS, _COMPOUND_TITLE_STEMS = _read_titles(TITLES_FILE)
# Letters a compound needs before a "+" ending: "Schulleiter" is a title, "Leiter" a surname.
_COMPOUND_HEAD_LETTERS = 4
# A capitalized run containing one of these names an organisation, not a person.
_ORG_WORDS = {
    w.lower() for w in (
        "Ministry Department Agency Council Committee Bank Group Securities Associates Inc Inc. "
        "Corp Corp. Company Commission Forces Court Union Organization Organisation Party "
        "Government Office University Institute House Kremlin Pentagon Coalition Republic "
        "Operation Association Alliance Foundation Fund Program Programme Network Service "
        "Services News Times Post Press Reuters AFP AP VOA BBC Administration Authority Board "
        "Center Centre Corps Federation League Movement Parliament Senate Congress Assembly "
        "Airlines Bureau Police Army Navy Guard Brigade Front Ltd Ltd. LLC Holdings Partners "
        "Command International "
        "Ministerium Regierung Ministère Gouvernement Ministerio Gobierno Кремль Кремля МИД "
        "Министерство Правительство Министерства Правительства Администрации Управления "
        "Департамента Комитета Службы Думы "
        # the same in the other cue languages ("líder do Partido Socialista")
        "Partido Parti Partito Partei Ministério Governo Instituto Institut Istituto Comune "
        "Banco Banque Consejo Conseil Consiglio Tribunal Tribunale Universidad Université "
        "Università Universidade Comisión Commissione Asociación Associação Associazione "
        "Sindicato Syndicat Observatório Observatorio Observatoire Agência Agencia Agence "
        "Agenzia Fundação Fundación Fondation Fondazione Ejército Armée Esercito Polícia "
        "Policía Polizia Feuerwehr Wetterdienst Verband Gewerkschaft Stiftung Gericht Senado "
        "Sénat Senato Congreso Assemblée Assembleia Asamblea Cámara Comité Comitato Federación "
        "Federação Fédération Federazione Grupo Groupe Gruppo Junta Xunta Generalitat "
        "Ayuntamiento Prefeitura Câmara Mairie Préfecture Prefettura Ordem Ordre Colegio "
        "Secretaría Fiscalía Procuraduría Defensoría Bundesagentur Agentur Behörde Amt "
        "Bundesamt Landesamt Kammer Bund Stadt Gemeinde Landkreis Osservatorio Ministero Regione "
        "Procura Questura "
        "Carabinieri Consorzio Azienda Defesa Protezione Protección Civil Civile "
        # Turkish and Indonesian bodies ("Sağlık Bakanlığı", "Dinas Perhubungan")
        "Bakanlığı Belediyesi Dairesi Müdürlüğü Valiliği Kurumu Kurulu Meclisi Partisi "
        "Badan Dinas Kementerian Komisi Dewan Lembaga Kepolisian Pemerintah Partai Universitas "
        "Stasiun Balai "
        # words that end company names ("Delta Agri Products", "Northstar Estates")
        "Products Industries Systems Technologies Energy Capital Motors Airways "
        "Pharmaceuticals Estates Properties Solutions Media Communications Resources Foods "
        "Labs Laboratories Electronics Insurance Investments Ventures Logistics Enterprises "
        "Brands Entertainment Studios Therapeutics Biosciences Biotech Pharma Biologics "
        "Genomics Diagnostics Robotics Analytics Aerospace Semiconductor Semiconductors "
        "Telecom Chemicals Mining Minerals Petroleum Shipping Railways Bancorp Financial "
        "Realty Software Airlines Apparel Textiles Beverages Brewing "
        # advocacy groups ("Human Rights Watch", "Physicians for Human Rights"), clubs and
        # charities ("the Swindon Town Supporters' Trust", "the Royal Society")
        "Rights Watch Trust Society Club Charity Cooperative Co-operative Consortium Syndicate "
        "Initiative Campaign Volunteers Supporters"
    ).split()
}
# Words that end the names of places and buildings, not of people ("Fairview Elementary";
# common surnames such as Hall, Park, Field or Street are left out).
_PLACE_WORDS = {w.lower() for w in (
    "Elementary School Hospital Airport Avenue Boulevard Square Station Stadium Road Hotel "
    "Mosque Prison Province Region District Island Islands Mountains Ocean Gulf Desert Coast "
    "Academy College Museum Library Theater Theatre Cathedral Temple Palace Tower Building "
    "Mall Harbor Harbour Canal Highway Peninsula Strait Basin Plateau Embassy Consulate "
    "Clinic County Borough "
    # the places in football clubs' names ("Tamworth Borough", "Swindon Town", "Leeds United")
    "Town City United Rovers Wanderers Athletic "
    # Indonesian puts the kind of place first ("Kelurahan Tambakrejo", "Kota Semarang")
    "Kota Kabupaten Kecamatan Kelurahan Provinsi Desa "
    # schools in the other languages ("Na Escola Secundária de Camões")
    "Escola Escuela École Scuola Schule Gymnasium Liceo Lycée "
    # neighbourhoods and streets in Portuguese and Spanish ("Moradora do Jardim Campo Belo")
    "Jardim Bairro Parque Praça Rua Avenida Barrio Calle"
).split()}
# Kinds of place written before the place's own name, which is then no person ("Jardim Campo
# Belo", "Bairro Alto", "Calle Mayor").
_PLACE_KINDS = {"jardim", "bairro", "parque", "praça", "rua", "avenida", "barrio", "calle"}
_NOT_NAME_WORDS = _ORG_WORDS | _PLACE_WORDS
# German runs a body's kind into one word: "Fahrgastverband", "Bundesgerichtshof".
# Endings of German abstract nouns, never of a surname of that length ("Kündigungen").
_GERMAN_NOUN_ENDINGS = ("ungen", "heiten", "keiten", "schaften", "ung", "heit", "keit",
                        "schaft", "ismus")
_GERMAN_BODY_ENDINGS = ("verband", "gewerkschaft", "ministerium", "behörde", "gericht",
                        "gerichtshof", "polizei", "verein", "konzern", "partei", "institut",
                        "agentur", "kommission", "unternehmen", "bündnis", "zentrum", "zentrale",
                        "dienst", "klinikum", "bund")
# Joins the words of one organisation's name ("Department of Health and Social Care").
_ORG_CONNECTOR = re.compile(r"\s+(?:of|and|for|on|&|de|del|des|du|für)(?:\s+the)?\s+$")
# Names that only organisations have: "OpenAI", "JPMorgan", "SpaceX", "Commerzbank". Inner
# capitals after these prefixes are surnames ("McDonald", "DeSantis", "LeBlanc", "O'Neill").
_CAMEL_CASE = re.compile(r"[a-z][A-Z]")
_NAME_PREFIXES = {"Mc", "Mac", "Fitz", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Del",
                  "St", "Ja", "Ke", "Sha", "Ta"}  # ... and "DeShawn", "LaToya", "JaMarr"


def _company_capitals(name: str) -> bool:
    """Whether a word of `name` has an inner capital that no surname prefix explains: "OpenAI",
    "DeepMind" (not "Sean McBride", "Ron DeSantis", "Anne LeBlanc", "Sarah MacDonald")."""
    for word in name.split():
        for inner in _CAMEL_CASE.finditer(word):
            if word[:inner.start() + 1] not in _NAME_PREFIXES:
                return True
    return False


_ORGANISATION_ENDINGS = ("bank", "corp", "soft", "tech", "com")
# Capitalized words that open a generic subject ("Officials said", "The statement said").
_GENERIC_OPENERS = {
    "the", "a", "an", "officials", "sources", "police", "analysts", "experts", "residents",
    "witnesses", "critics", "observers", "authorities", "others", "some", "many", "one",
    "another", "his", "her", "their", "its", "this", "that", "these", "those", "both", "two",
    "several", "all", "most", "each", "it", "they", "he", "she", "we", "i", "file",
    # articles of the other languages ("Die Bahn wies ... zurück", "Les syndicats"); "Le",
    # "La", "El" and "Der" open names too ("Le Pen") and are name particles
    "die", "das", "ein", "eine", "les", "los", "las", "il", "un", "une", "o", "os",
}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "du",
                   "do", "dos", "das", "des", "del", "della", "di", "ad", "abu", "bint", "ter",
                   "zu",
                   "i"}  # Catalan double surnames: "Montserrat Vilaplana i Serra"
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
    # the languages that capitalize them too: German, Spanish (at a sentence's start),
    # Turkish, Indonesian
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar",
    "februar", "märz", "juni", "juli", "oktober", "dezember", "lunes", "martes", "miércoles",
    "jueves", "viernes", "sábado", "domingo", "pazartesi", "salı", "çarşamba", "perşembe",
    "cuma", "cumartesi", "pazar", "ocak", "şubat", "nisan", "mayıs", "haziran", "temmuz",
    "ağustos", "eylül", "ekim", "kasım", "aralık", "senin", "selasa", "rabu", "kamis",
    "jumat", "sabtu", "minggu", "januari", "februari", "maret", "mei", "agustus", "desember",
}
# Their period does not end a speaker phrase ("said Dr. Amina Diallo").
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "col", "lt", "sgt",
                  "capt", "gov", "jr", "sr", "st", "maj", "adm", "cpl", "pvt", "rev", "hon",
                  "gens", "sens", "reps", "amb", "supt", "insp", "det", "cmdr", "messrs"}
_PARTICLE_PATTERN = "|".join(sorted(_NAME_PARTICLES))
# Capitalized words (and name particles between them: "Salah ad Din", "Abu Bakr al-Baghdadi")
# separated by single spaces; a comma, quote mark or other punctuation ends the run.


def _upper_case_class() -> str:
    """A character class of the upper-case letters of the alphabets news is written in (Latin,
    Greek, Cyrillic, Armenian, Georgian ...): "Übler", "Şahin" and "Путин" are names too."""
    letters = [c for c in range(0x2000) if chr(c).isupper()]
    ranges, first = [], letters[0]
    for previous, current in zip(letters, letters[1:] + [None]):
        if current != previous + 1:
            ranges.append(re.escape(chr(first)) + ("-" + re.escape(chr(previous))
                                                    if previous > first else ""))
            first = current
    return "[" + "".join(ranges) + "]"


_UPPER = _upper_case_class()
_UPPER_LETTER = re.compile(_UPPER)
_CAPITALIZED_RUN = re.compile(
    _UPPER + r"[\w’'.\-]*(?:[ ](?:" + _UPPER + r"[\w’'.\-]*|(?:" + _PARTICLE_PATTERN
    + r")-[\w’'.\-]+|(?:" + _PARTICLE_PATTERN + r")(?=[ ]" + _UPPER + r")))*")
# The word before a name in its sentence (not the last word of the sentence before it: the
# Portuguese "do" that ends “... what great players do.”).
_PREVIOUS_WORD = re.compile(r"(\w+)[^\w.!?;:\n]*$")
# Capitalized only because they open a sentence ("For Maria Alvarez, the morning ...").
_SENTENCE_OPENERS = {"as", "after", "before", "when", "while", "if", "although", "though",
                     "since", "because", "according", "asked", "speaking", "but", "and", "so",
                     "yet", "meanwhile", "nonetheless", "still", "then", "now", "today",
                     "yesterday", "last", "next", "during", "despite", "without", "under"}
_ROMAN = re.compile(r"[IVX]+")
# Demonyms (American, Japanese, British) and agent nouns (Administrator, Lobbyist, Sergeant).
_DESCRIPTOR_SUFFIX = re.compile(r"(?:ian|ean|can|ese|ish|or|ist|ant)$")
# "the Serbian said", "the American told reporters": a person named earlier with that word.
_EPITHET = re.compile(r"[Tt]he ((?:" + _UPPER + r"[a-z]+ )?" + _UPPER + r"[a-z]+)$")
# Prepositions and articles of the other cue languages, before a capitalized run in running
# text: "líder do Partido Socialista" is no person.
_FOREIGN_FUNCTION_WORDS = {"do", "da", "dos", "das", "de", "del", "della", "du", "des", "der",
                           "die", "dem", "den", "des", "el", "la", "le", "les", "los", "las",
                           "au", "aux", "im", "am", "vom", "zum", "zur", "na", "no", "nos", "nas",
                           # German prepositions: "mit Nachbarn Sandsäcke" (nouns, no name)
                           "mit", "vor", "für", "auf", "aus", "bei", "beim", "nach", "gegen",
                           "ohne", "durch", "über", "unter", "seit", "zwischen", "ins"}
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
    """The article's entity mentions, and what the article says about a name: its full form,
    whether it is a person or an organisation, who an epithet ("the Serbian") stands for."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.entities = sorted(doc.entities, key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]
        # Places and organisations as disjoint sorted spans: checked for every capitalized word.
        others = [(e.start, e.end) for e in self.entities if e.label != _PERSON]
        self._other_starts = [a for a, _ in others]
        self._other_ends = [b for _, b in others]
        self._kind_of: dict[str, bool | None] = {}
        self._full_names: dict[str, str | None] = {}
        self._fuller: dict[str, str | None] = {}
        self.unnamed_cues: dict[tuple[int, int], int | None] = {}
        self._genders: dict[str, str | None] = {}
        self._introduced_alone: dict[str, bool] = {}
        self.first_names = _first_names()
        self._runs: list[tuple[int, int, str]] | None = None
        # _name_runs results by (start, end, mentions_only): a speaker phrase is looked at twice
        self.runs_cache: dict[tuple[int, int, bool], list[tuple[int, int, str]]] = {}

    def overlapping_entities(self, start: int, end: int) -> list[Entity]:
        # Entity mentions are short; one that starts 200 characters earlier cannot overlap.
        i = bisect.bisect_left(self.entity_starts, start - 200)
        found = []
        for k in range(i, len(self.entities)):
            entity = self.entities[k]
            if entity.start >= end:
                break
            if entity.end > start:
                found.append(entity)
        return found

    def is_place_or_org(self, start: int, end: int) -> bool:
        # the last place or organisation starting before `end` is the only one that can overlap
        i = bisect.bisect_left(self._other_starts, end) - 1
        return i >= 0 and self._other_ends[i] > start

    def name_runs(self) -> list[tuple[int, int, str]]:
        """The article's name runs, computed once."""
        if self._runs is None:
            self._runs = _name_runs(self.doc.text, 0, len(self.doc.text), names=self)
        return self._runs

    def person_described_as(self, descriptor: str, before: int) -> str | None:
        """The last person introduced with `descriptor` or its country before `before`:
        "American Tommy Paul", "Kenya's Sebastian Sawe", "Novak Djokovic of Serbia" for "the
        American", "the Kenyan", "the Serbian"."""
        text = self.doc.text
        found = None
        for run_start, run_end, name in self.name_runs():
            if run_end > before:
                break
            if " " not in name:
                continue
            left = text[max(0, run_start - 40):run_start]
            right = text[run_end:run_end + 40]
            introducers = [m.group(1) for m in (_INTRODUCED_BEFORE.search(left),
                                                _INTRODUCED_AFTER.match(right)) if m]
            if any(_describes(descriptor, word) for phrase in introducers
                   for word in phrase.split()):
                found = name
        return found

    def introduced_otherwise(self, name: str, descriptor: str) -> bool:
        """Whether the article introduces `name` with a nationality that is not `descriptor`."""
        text, at = self.doc.text, -1
        while (at := text.find(name, at + 1)) >= 0:
            introducer = _INTRODUCED_BEFORE.search(text, max(0, at - 40), at)
            if introducer and any(
                    _is_demonym(word) and not _describes(descriptor, word)
                    for word in introducer.group(1).split()):
                return True
        return False

    def full_name_for_surname(self, surname: str, before: int, known: list[str],
                              introduced: bool = False) -> str | None:
        """The fuller name this one-word name is part of ("Blinken" -> "Antony Blinken",
        "Lula" -> "Luiz Inacio Lula da Silva"): seen earlier, else later (a headline names
        people by surname before the story gives the full name). With `introduced`, only a
        full name earlier in the article that reads like a person's in running text (not
        "the Buffalo Bills")."""
        for name in reversed(known):
            if " " in name and surname in name.split():
                return name
        for entity in reversed(self.entities):
            if (entity.label == _PERSON and entity.start < before and " " in entity.canonical
                    and surname in entity.canonical.split()):
                return entity.canonical
        text, at = self.doc.text, before
        while (at := text.rfind(surname, 0, at)) >= 0:
            name = self._full_name_at(surname, at, introduced)
            if name:
                return name
        if introduced:
            return None
        at = before
        while (at := text.find(surname, at + 1)) >= 0:
            name = self._full_name_at(surname, at)
            if name:
                return name
        return None

    def _full_name_at(self, surname: str, at: int, mentions_only: bool = False) -> str | None:
        text = self.doc.text
        end = at + len(surname)
        if not _starts_word(text, at) or (end < len(text) and text[end].isalnum()):
            return None
        for run_start, run_end, name in _name_runs(text, max(0, at - 80), end + 60,
                                                   mentions_only=mentions_only, names=self):
            if run_start <= at < run_end and " " in name:
                return name
        return None

    def fuller_name(self, name: str) -> str | None:
        """The one longer person's name the article gives that ends with this name of two
        words or more ("Cáceres Funes" -> "Marisela Cáceres Funes": Spanish double surnames
        are used alone after the first mention)."""
        if name.split()[0] in self.first_names:
            return None  # "Marine Le Pen" is whole; "Pour Marine Le Pen" is not fuller
        if name not in self._fuller:
            text, found = self.doc.text, set()
            at = 0
            while (at := text.find(" " + name, at + 1)) > 0:
                end = at + 1 + len(name)
                if (end < len(text) and text[end].isalnum()) or not text[at - 1].isalpha() \
                        or not _upper_before(text, at):
                    continue
                for run_start, run_end, run in _name_runs(text, max(0, at - 80), end,
                                                          names=self):
                    before = _PREVIOUS_WORD.search(text, max(0, run_start - 30), run_start)
                    if before and (before.group(1).lower() in _DETERMINERS
                                   or _GERMAN_ARTICLES.fullmatch(before.group(1) + " ")):
                        continue  # "der Krankenpfleger Dominik X": a noun, not a first name
                    if run_end == end and run_start < at and run.endswith(" " + name) \
                            and self.is_person_name(run, one_word=False):
                        found.add(run)
            self._fuller[name] = found.pop() if len(found) == 1 else None
        return self._fuller[name]

    def person_for_word(self, word: str, at: int) -> str | None:
        """The person a lone capitalized word in running text stands for: the full name the
        article gives elsewhere, when that is a person's ("Mbappe" -> "Kylian Mbappe")."""
        if (word.lower() in _NOT_A_NAME_START or _is_title(word) or word.lower() in _ORG_WORDS
                or word.isupper() or word.endswith(("’s", "'s")) or len(word) < 3
                or self.is_place_or_org(at, at + len(word))):
            return None
        if word not in self._full_names:
            full = self.full_name_for_surname(word, at, [], introduced=True)
            # a person's name is a few name words, not a title-case headline ("Aid Reaches
            # Geneva After Attacks")
            person = (full is not None and len(full.split()) <= 4
                      and all(_plain_name_word(w) or w.lower() in _NAME_PARTICLES
                              for w in full.split())
                      and self.is_person_name(full, one_word=False)
                      # nor when the short name acts as a body: "Nordhav would keep its plans"
                      and not _acts_as_body(self.doc.text, word))
            self._full_names[word] = full if person else None
        return self._full_names[word]

    def gender(self, name: str) -> str | None:
        """MALE, FEMALE or None for a person: from the first name, else from a word the article
        puts right before the name or the surname ("Ms Wilkes", "his wife, Olena",
        "Verdi-Vizechefin Andrea Kocsis")."""
        if name not in self._genders:
            gender = _name_gender(name)
            if gender is None:
                text = self.doc.text
                surname = name.split()[-1]
                found = set()
                for form in {name, surname}:
                    at = -1
                    while (at := text.find(form, at + 1)) >= 0:
                        before = _WORD_BEFORE.search(text, max(0, at - 40), at)
                        marked = before and _marker_gender(before.group(1))
                        if marked:
                            found.add(marked)
                gender = found.pop() if len(found) == 1 else None
            self._genders[name] = gender
        return self._genders[name]

    def only_one_of_gender(self, name: str, gender: str, before: int) -> bool:
        """Whether `name` is the only person of `gender` the article names before `before`
        (a word of `name` alone, "Sandra" or "Guerrero", is the same person)."""
        parts = set(name.split())
        for run_start, _, other in self.name_runs():
            if run_start >= before:
                break
            if other != name and not (" " not in other and other in parts) \
                    and self.gender(other) == gender:
                return False
        return True

    def person_introduced_as(self, kin: str) -> str | None:
        """The one person the article introduces as someone's `kin` ("his daughter, Kelsey
        Reinhardt", "wife Olena"), or as the spouse in "Olena and her husband Serhiy"."""
        text, found = self.doc.text, set()
        for match in re.finditer(r"\b" + kin + r",?\s+", text):
            runs = _name_runs(text, match.end(), min(len(text), match.end() + 60), names=self)
            if runs and runs[0][0] == match.end():
                found.add(self._person_for_run(runs[0]))
        spouse = _SPOUSE.get(kin)
        if spouse:
            for match in re.finditer(r"\s+and\s+(?:his|her)\s+" + spouse + r"\b", text):
                runs = _name_runs(text, max(0, match.start() - 60), match.start(), names=self)
                if runs and runs[-1][1] == match.start():
                    found.add(self._person_for_run(runs[-1]))
        found.discard(None)
        if len(found) != 1:
            return None
        person = found.pop()
        return person if self.gender(person) in (None, _KIN_GENDER[kin]) else None

    def _person_for_run(self, run: tuple[int, int, str]) -> str | None:
        name = run[2]
        if " " in name:
            return name if self.is_person_name(name, one_word=False) else None
        return self.person_for_word(name, run[0]) or (
            name if self.is_person_name(name, one_word=True) else None)

    def people_with_role(self, role: str, before: int) -> list[str]:
        """The people the article introduces, before `before`, with `role` right before the
        name ("La ministre du Travail, Hélène Castagnier", "Iraq's minister of migration,
        Suha al-Obeidi") or in an apposition after it ("Ana Li, the shelter's director")."""
        text, found = self.doc.text, []
        before_name = re.compile(  # the role's last mention before the name
            r".*\b" + re.escape(role) + r"\b([^.!?;:\"“”«»\n]*)$", re.IGNORECASE | re.DOTALL)
        after_name = re.compile(  # "Ana Li, the shelter's director" (not "Ana Li, who met
            # the minister")
            r",\s+(?:(?:the|a|an|his|her|their|its|\w+['’]s|le|la|les|l['’]|el|o|il|der|die)\s*"
            r"(?:[\w'’-]+\s+){0,3}?|(?!(?:who|whose|which|that|and|but|when|where)\b)"
            # or no article: "Gwendolyn X, chief investment strategist at ..."
            r"(?:[a-z][\w'’-]*\s+){0,2}?)" + re.escape(role) + r"\b", re.IGNORECASE)
        for run_start, run_end, name in self.name_runs():
            if run_end > before:
                break
            if " " not in name:
                continue
            left = before_name.match(text, max(0, run_start - 80), run_start)
            introduced = (left is not None and _role_complement(left.group(1))) or \
                after_name.match(text, run_end, run_end + 60) is not None
            if introduced and self.is_person_name(name, one_word=False):
                found.append(name)
        return found

    def lone_first_name(self, word: str, at: int) -> bool:
        """Whether a capitalized word alone is a person the article never names in full: a
        name the article treats as a person's ("Oksana, a 56-year-old resident", "Olena and
        her husband Serhiy", "Zarghona, a 41-year-old tailor"), not a word that is also a
        name ("Will", "Grace")."""
        if word not in self.first_names:
            # an unknown word needs the article to introduce it as a person ("Zarghona, a
            # 41-year-old tailor"), not merely to put "who" after it ("Venezuela, who")
            if self.is_place_or_org(at, at + len(word)):
                return False
            introduced = self._introduced_alone.get(word)
            if introduced is None:
                lowered = word.lower()
                introduced = self._introduced_alone[word] = (
                    lowered not in _NOT_A_NAME_START and lowered not in _COMMON_WORD_NAMES
                    and _plain_name_word(word) and _introduced_as_person(self.doc.text, word)
                    and self.is_person_name(word, one_word=True))
            return introduced
        if word.lower() in _COMMON_WORD_NAMES or self.is_place_or_org(at, at + len(word)):
            return False
        return self.is_person_name(word, one_word=True)

    def kind_known(self, name: str) -> bool | None:
        """What the article was already found to treat `name` as (see is_person_name): True
        a person, False an organisation, None not known or not looked at."""
        return self._kind_of.get(name)

    def is_person_name(self, name: str, one_word: bool) -> bool:
        """Whether a name that the entity tagger does not know stands for a person. Articles
        introduce people by full name, so a one-word name is a person only when the article
        treats it as one (a title, an age, "who", "he said"); a longer one is, unless the
        article treats it as an organisation ("its", "planemaker Airbus", "OpenAI")."""
        if name not in self._kind_of:
            self._kind_of[name] = _article_evidence(self.doc.text, name, self.first_names)
        evidence = self._kind_of[name]
        return evidence is True if one_word else evidence is not False


# "his wife added", "her son said": a relative of someone named, of a known gender.
_KIN_GENDER = {"wife": FEMALE, "husband": MALE, "daughter": FEMALE, "son": MALE,
               "mother": FEMALE, "father": MALE, "sister": FEMALE, "brother": MALE,
               "widow": FEMALE, "widower": MALE, "grandmother": FEMALE, "grandfather": MALE,
               "girlfriend": FEMALE, "boyfriend": MALE, "fiancée": FEMALE, "fiancé": MALE}
_SPOUSE = {"wife": "husband", "husband": "wife"}
_KIN_SPEAKER = re.compile(r"(?:[Hh]is|[Hh]er|[Tt]heir|\w+['’]s)\s+(" + "|".join(_KIN_GENDER)
                          + r")")
# First names that are also common words, months or places: alone, they name nobody.
_COMMON_WORD_NAMES = set((
    "will may june april august grace hope faith joy rose lily iris ruby amber summer dawn eve "
    "mark bill art pat sue guy earl rich chase hunter cole page rex ray frank gene don jack bob "
    "rob sunny sonny victoria georgia jordan chad israel paris florence austin sydney lincoln "
    "washington carolina virginia madison jackson houston dallas santiago lourdes fatima china "
    "india till per van mercy precious blessing gift destiny harmony patience charity trinity "
    "justice major bishop king prince duke baron sky river stone"
).split())
# What introduces a person with a country or a nationality, right before or after the name.
_INTRODUCED_BEFORE = re.compile(r"(?:^|[\s(,])((?:[A-Z][\w-]*\s)?[A-Z][\w-]*)(?:['’]s)?\s+$")
_INTRODUCED_AFTER = re.compile(
    r"(?:\s+of|\s*\(|,\s+(?:a|an|the)(?:\s+[\w-]+)?)\s+((?:[A-Z][\w-]*\s)?[A-Z][\w-]*)")
# Demonyms that do not start like their country's name.
_IRREGULAR_DEMONYMS = {
    "spaniard": "spain", "spanish": "spain", "french": "france", "frenchman": "france",
    "frenchwoman": "france", "dutch": "netherlands", "dutchman": "netherlands",
    "dutchwoman": "netherlands", "swiss": "switzerland", "briton": "britain", "british": "britain",
    "brit": "britain", "english": "england", "englishman": "england", "dane": "denmark",
    "danish": "denmark", "pole": "poland", "polish": "poland", "greek": "greece",
    "swede": "sweden", "finn": "finland", "finnish": "finland", "turk": "turkey",
    "turkish": "turkey", "welsh": "wales", "welshman": "wales", "scot": "scotland",
    "scottish": "scotland", "irish": "ireland", "irishman": "ireland", "filipino": "philippines",
    "filipina": "philippines", "kiwi": "zealand", "emirati": "emirates", "ivorian": "ivoire",
    "malagasy": "madagascar", "american": "states", "icelander": "iceland",
    "monegasque": "monaco", "cypriot": "cyprus", "maltese": "malta", "thai": "thailand",
    "serb": "serbia", "croat": "croatia", "afghan": "afghanistan", "uzbek": "uzbekistan",
    "kazakh": "kazakhstan", "tajik": "tajikistan", "kyrgyz": "kyrgyzstan",
    "turkmen": "turkmenistan", "bosnian": "bosnia", "belarusian": "belarus",
    "luxembourger": "luxembourg", "sri lankan": "lanka",
}


_DEMONYM_ENDINGS = ("an", "ean", "ese", "ish", "i", "ic", "er")


@lru_cache(maxsize=1)
def _place_words() -> dict[str, tuple[str, ...]]:
    """The words of the vocabulary's place names (countries, capitals), by their first four
    letters: what a nationality word is checked against."""
    by_prefix: dict[str, set[str]] = {}
    for entity in read_vocabulary(vocabulary_paths())[1].values():
        if entity.label in ("GPE", "LOC"):
            for word in entity.canonical.lower().split():
                if len(word) >= 4:
                    by_prefix.setdefault(word[:4], set()).add(word)
    return {prefix: tuple(words) for prefix, words in by_prefix.items()}


@lru_cache(maxsize=1)
def _vocabulary_surnames() -> dict[str, str | None]:
    """Surname -> the one vocabulary person who has it (None when several do)."""
    owners: dict[str, str | None] = {}
    for entity in read_vocabulary(vocabulary_paths())[1].values():
        surname = surname_of(entity.canonical) if entity.label == "PERSON" else None
        if surname:
            owners[surname] = None if surname in owners else entity.canonical
    return owners


def _vocabulary_person(surname: str) -> str | None:
    """"Pompeo" -> "Mike Pompeo" when the article never gives the full name but the
    vocabulary knows exactly one person of that surname."""
    return _vocabulary_surnames().get(surname)


@lru_cache(maxsize=8192)
def _is_demonym(word: str) -> bool:
    """"Kenyan", "Serbian", "Australian", "Spaniard": a nationality, not a name ("Brian",
    "Jordan" and "Sebastian" are names)."""
    lowered = word.lower()
    if lowered in _IRREGULAR_DEMONYMS:
        return True
    if not lowered.endswith(_DEMONYM_ENDINGS):
        return False
    return any(place != lowered and _describes(lowered, place)
               for place in _place_words().get(lowered[:4], ()))


def _describes(descriptor: str, word: str) -> bool:
    """Whether an epithet ("Kenyan", "South African") fits a word that introduced a person
    ("Kenya", "Africa", or the epithet itself: "American Tommy Paul")."""
    descriptor, word = descriptor.lower(), word.lower()
    if descriptor == word or _IRREGULAR_DEMONYMS.get(descriptor) == word:
        return True
    last = descriptor.split()[-1]
    if last == word or _IRREGULAR_DEMONYMS.get(last) == word:
        return True
    shared = 0
    for a, b in zip(last, word):
        if a != b:
            break
        shared += 1
    return shared >= 4 and shared >= len(word) - 2


# Around a name: signs of a person (a title or a role before it, an age or "who" after it,
# "X said he") and of an organisation ("its", an industry noun, "X said it would").
_KIN_AND_ROLE_NOUNS = set((
    "wife husband son daughter mother father brother sister friend neighbor neighbour cousin "
    "uncle aunt grandmother grandfather grandson granddaughter niece nephew colleague partner "
    "fiancé fiancée boss teacher student coach lawyer attorney doctor nurse spokesman "
    "spokeswoman spokesperson widow widower girlfriend boyfriend child commuter resident "
    "reporter correspondent journalist photographer"
).split())
# What a person is introduced as after a comma ("Fereshta, a midwifery student in Kabul").
_PERSON_NOUNS = _KIN_AND_ROLE_NOUNS | set((
    "farmer worker driver vendor trader shopkeeper refugee survivor activist volunteer engineer "
    "soldier fighter officer villager fisherman pensioner retiree mechanic journalist reporter "
    "photographer midwife mother father grandmother grandfather man woman boy girl veteran "
    "official diplomat analyst economist researcher scientist professor priest pastor imam "
    "nun employee resident patient victim witness pilot miner "
    "lawmaker politician candidate voter protester demonstrator mayor chief"
).split())
_ORG_NOUNS = set((
    "company firm bank lender insurer retailer carrier airline automaker carmaker planemaker "
    "chipmaker drugmaker startup conglomerate broker brokerage utility operator manufacturer "
    "supplier producer exchange agency newspaper broadcaster outlet channel maker giant"
).split())
# Before a name, the kinds of body that are never a "he" ("the militant group Jama'at Nusrat
# al-Islam", "the rebel movement M23"), besides companies.
_ORG_NOUNS_BEFORE_NAME = _ORG_NOUNS | {"group", "militia", "movement", "faction", "party",
                                       "coalition", "alliance", "network", "organisation",
                                       "organization", "charity", "union", "club", "band",
                                       "consultancy", "nonprofit", "publisher", "distillery",
                                       "brewery", "winery", "studio", "label", "tank"}
_PERSON_AFTER = re.compile(
    r",\s*\d{1,3}(?=[,.;\s]|$)|\s*\(\d{1,3}\)|,\s+who\b"  # "Mariam, 15", "Sawe, who"
    # "Oksana, a 56-year-old resident", "Olena and her husband Serhiy"
    r"|,\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:\d+-year-old|" + "|".join(sorted(_PERSON_NOUNS))
    + r")\b(?!['’]s)"
    r"|\s+and\s+(?:his|her)\s+(?:" + "|".join(sorted(_KIN_AND_ROLE_NOUNS)) + r")\b"
    r"|['’]s\s+(?:wife|husband|son|daughter|mother|father|family|lawyer|attorney)\b"
    r"|\s+(?:\w+\s+){0,3}?(?:said|says|told\s+\w+|added)\s+(?:that\s+)?(?:he|she)\b")
# A name acting as a body: "Nordhav would keep its investment plans", "Goldman Sachs cut its".
_ITS_AFTER = re.compile(r"\s+(?!said\b|says\b|told\b)\w+\s+(?:\w+\s+)?its\b")
_ORG_AFTER = re.compile(
    _ITS_AFTER.pattern
    + r"|,\s+(?:the|a|an)\s+(?:[\w-]+\s+)?(?:" + "|".join(sorted(_ORG_NOUNS)) + r")\b(?!['’]s)"
    r"|\s+(?:said|says)\s+(?:(?:on|last|this)\s+\w+\s+|in\s+a\s+\w+\s+)?(?:that\s+)?it\s+"
    r"(?:would|will|was|is|had|has|expected|expects|planned|plans|could|did|does|might|may|saw|"
    r"sees|still)\b")


_WORD_BEFORE = re.compile(r"(\w+\.?)(,)? $")
# A person introduced by an apposition: "Mariam, 15", "Zarghona, a 41-year-old tailor".
_PERSON_APPOSITION = re.compile(
    r",\s*\d{1,3}(?=[,.;\s]|$)|\s*\(\d{1,3}\)"
    r"|,\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:\d+-year-old|" + "|".join(sorted(_PERSON_NOUNS))
    + r")\b(?!['’]s)")


# The same the other way round, the person's kind, then the name between commas: "One
# resident, Sutrisni, ...", Indonesian "Salah seorang warga Kelurahan Tambakrejo, Wagiman,",
# "une habitante, Odile, ...".
_PERSON_NOUN_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(_PERSON_NOUNS | {
        "warga", "petani", "pedagang", "nelayan", "korban", "saksi", "pengungsi", "sopir", "guru",
        "habitant", "habitante", "riverain", "riveraine", "vecino", "vecina", "morador",
        "moradora", "comerciante", "residente", "abitante", "Anwohner", "Anwohnerin"}))
    + r")(?:\s+" + _UPPER + r"[\w'’-]*){0,3},\s+$", re.IGNORECASE)




def _acts_as_body(text: str, name: str) -> bool:
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if _starts_word(text, at) and _ITS_AFTER.match(text, end, end + 40):
            return True
        at = text.find(name, end)
    return False


def _introduced_as_person(text: str, name: str) -> bool:
    """Whether an apposition introduces `name` as a person somewhere in the article: "Mariam,
    15", "Zarghona, a 41-year-old tailor", "Ana Li (34)", "one resident, Sutrisni,"."""
    for opening in (name + ",", name + " ("):  # how every such apposition starts
        at = text.find(opening)
        while at >= 0:
            end = at + len(name)
            if _starts_word(text, at) and (
                    _PERSON_APPOSITION.match(text, end, end + 80)
                    or (opening.endswith(",") and text.endswith(", ", 0, at)
                        and _PERSON_NOUN_BEFORE.search(text, max(0, at - 60), at))):
                return True
            at = text.find(opening, at + 1)
    return _introduced_before(text, name)


# What introduces the one name a person gave, or a person by age: "a teacher who asked to be
# identified only as Nazifa", "known only as Rahim", "16-year-old Shabnam".
_NAME_INTRODUCED_BEFORE = re.compile(
    r"(?:\b(?:identified|known|named|called)\s+(?:only\s+)?(?:by\s+(?:his|her)\s+(?:first\s+)?"
    r"name\s+)?as|\b\d{1,3}-year-old)\s+$")


def _introduced_before(text: str, name: str) -> bool:
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if _starts_word(text, at) and (end == len(text) or not text[end].isalnum()) \
                and _NAME_INTRODUCED_BEFORE.search(text, max(0, at - 60), at):
            return True
        at = text.find(name, end)
    return False


_COMPASS_ADJECTIVES = {"Southern", "Northern", "Eastern", "Western", "Central", "Southeastern",
                       "Southwestern", "Northeastern", "Northwestern", "Midwestern"}
_IN_A_PLACE = {"in", "across", "near", "outside", "throughout", "around", "from", "of"}


def _named_after_a_place(text: str, name: str, first_names: dict[str, str]) -> bool:
    """Whether `name` is a company or body named after a region ("Southern California Edison",
    "Dexmoor" aside): it opens with a compass adjective, or all its words but the last are a
    place the article puts after "in"/"across" ... ("across Southern California"), and its first
    word is no first name ("Georgia Hale" in Georgia is a person)."""
    words = name.split()
    if len(words) < 2 or words[0] in first_names:
        return False
    if words[0] in _COMPASS_ADJECTIVES:
        return True
    place = " ".join(words[:-1])
    at = -1
    while (at := text.find(place, at + 1)) >= 0:
        end = at + len(place)
        if end < len(text) and text[end].isalnum() or text.startswith(" " + words[-1], end):
            continue
        before = _PREVIOUS_WORD.search(text, max(0, at - 20), at)
        if before and before.group(1).lower() in _IN_A_PLACE:
            return True
    return False


def _article_evidence(text: str, name: str, first_names: dict[str, str]) -> bool | None:
    """True when the article treats `name` as a person, False as an organisation, None when
    it says neither."""
    if _company_capitals(name) or _named_after_a_place(text, name, first_names) or \
            re.match(r"[A-Z]{2,}[a-z]", name) or \
            (name.lower().endswith(_ORGANISATION_ENDINGS) and " " not in name
             and len(name) > 6):
        return False
    if _CYRILLIC_WORD.fullmatch(name) and name.lower().endswith(_SLAVIC_SURNAME_ENDINGS):
        return True  # "Песков заявил": a Russian surname
    organisation = titled = False
    at = -1
    while (at := text.find(name, at + 1)) >= 0:
        end = at + len(name)
        if not _starts_word(text, at) or (end < len(text) and text[end].isalnum()):
            continue
        # the word right before the name ("commuter Adam", "Gov. Ron") or before its comma
        # ("His wife, Fadumo")
        before = _WORD_BEFORE.search(text, max(0, at - 40), at)
        word_before = before.group(1).lower() if before else ""
        if word_before in _KIN_AND_ROLE_NOUNS:
            return True
        if _PERSON_AFTER.match(text, end, end + 80) or (
                text.startswith(",", end) and text.endswith(", ", 0, at)
                and _PERSON_NOUN_BEFORE.search(text, max(0, at - 60), at)):
            return True  # "Mariam, 15", "one resident, Sutrisni, said"
        # A title is weaker evidence than an organisation's: "General Motors said it was".
        titled = titled or bool(before and not before.group(2) and _is_title(before.group(1)))
        org_after = _ORG_AFTER.match(text, end, end + 80)
        if (org_after and org_after.group().rstrip().endswith(("or", "er"))
                and first_names.get(name.split()[0]) in (MALE, FEMALE) and " " in name):
            return True  # "Raymond Wojtaszek, a machine operator": a person's job
        if (word_before in _ORG_NOUNS_BEFORE_NAME and not before.group(2)) or org_after:
            organisation = True
    if organisation:
        return False
    return True if titled or _introduced_before(text, name) else None


def tag_quotes(doc: Document) -> None:
    """Fill doc.quotes with the article's direct quotations, in text order."""
    paragraphs = _paragraph_spans(doc)
    names = _ArticleNames(doc)
    spans: list[_Span] = []
    double, single = _marks_by_paragraph(doc.text, paragraphs)
    for index in sorted(double.keys() | single):
        spans.extend(_pair_marks(doc.text, *paragraphs[index], index, double.get(index, []),
                                 index in single))
    spans = [span for span in spans if not _name_in_guillemets(doc.text, span)]
    if not spans:
        doc.quotes = []
        return
    quote_ranges = _Ranges([(s.open_at, (s.close_at if s.close_at is not None else s.end) + 1)
                            for s in spans])
    sentence_starts = [s.start for s in doc.sentences]
    known_people: list[str] = []

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
            if span.close_at is not None:
                speaker = _turkish_speaker(doc.text, span.close_at + 1, min(next_open, p_end),
                                           lead_from, span.open_at, names, known_people)
        if speaker is None:
            if previous_close is not None:
                lead_from = max(lead_from, previous_close + 1)
            speaker = _leading_speaker(doc.text, lead_from, span.open_at, names, known_people)
        if speaker is None and span.close_at is not None:
            speaker = _speaker_ending_sentence(doc.text, span.close_at + 1, min(next_open, p_end),
                                               sentence_starts, names, known_people)
        if speaker is None and span.close_at is not None:
            speaker = _possessive_speaker(doc.text, span.close_at + 1, min(next_open, p_end),
                                          names, known_people)
        if speaker is None and previous_close is None:
            speaker = _speaker_of_sentence_before(doc.text, sentence_starts, span.open_at,
                                                  p_start, names, known_people)
        if (speaker is None and previous_close is None and span.paragraph > 0
                and not doc.text[p_start:span.open_at].strip()):
            # "Foreign Minister X said:" alone in the paragraph before the quote's
            before_start, before_end = paragraphs[span.paragraph - 1]
            if doc.text[before_start:before_end].rstrip().endswith(":") \
                    and not quote_ranges.any_in(before_start, before_end):
                speaker = _leading_speaker(doc.text, _sentence_start(
                    doc.text, sentence_starts, before_end - 1, before_start), before_end, names,
                    known_people)
        if (speaker is None and span.close_at is not None and not next_in_paragraph
                and not doc.text[span.close_at + 1:p_end].strip()
                and span.paragraph + 1 < len(paragraphs)):
            speaker = _speaker_in_next_paragraph(doc.text, *paragraphs[span.paragraph + 1],
                                                 names, known_people)
        attributed.append(speaker)
        if speaker is not None and speaker.is_person and speaker.canonical:
            known_people.append(speaker.canonical)

    mentions = _PersonMentions(doc, quote_ranges, names, known_people)
    speakers = set(known_people)

    quotes: list[Quote] = []
    last_named: tuple[int, str] | None = None
    for i, span in enumerate(spans):
        speaker = attributed[i]
        kin = None
        if speaker is not None and speaker.canonical is None:
            kin = _KIN_SPEAKER.fullmatch(speaker.text)
        if speaker is not None and not speaker.text and _plural_cue(speaker.cue):
            # «…», — рассказали в ведомстве: "they said", nobody in particular; the body they
            # speak for, when the cue names it, is the speaker as written
            body = _BODY_AFTER_PLURAL_CUE.match(doc.text, speaker.end)
            if body is not None:
                speaker.text, speaker.start, speaker.end = body.group(1), *body.span(1)
        elif speaker is not None and (speaker.text.lower() in _PRONOUNS_SINGULAR
                                      or not speaker.text):
            p_start = paragraphs[span.paragraph][0]
            if not _unnamed_speaker_before(doc.text, p_start, min(span.open_at, speaker.start),
                                           sentence_starts, quote_ranges, names):
                speaker.canonical = _resolve_pronoun(
                    p_start, speaker.start, mentions, last_named, _pronoun_gender(speaker),
                    names, speakers) or _person_in_paragraph_before(
                    doc.text, paragraphs, span.paragraph, speaker.start,
                    _pronoun_gender(speaker), sentence_starts, quote_ranges, names, mentions)
                if speaker.canonical is not None and _unnamed_speaker_in_paragraph_before(
                        doc.text, paragraphs, span.paragraph, speaker.start,
                        last_named, sentence_starts, quote_ranges, names, mentions):
                    speaker.canonical = None
        elif speaker is not None and speaker.text in ("it", "It"):
            # "The British Retail Consortium said ... . “…,” it said.": the body, as written
            body = _body_speaking_before(doc.text, paragraphs[span.paragraph][0],
                                         min(span.open_at, speaker.start), quote_ranges, names)
            if body is not None:
                speaker.text, speaker.start, speaker.end = doc.text[body[0]:body[1]], *body
        elif (speaker is not None and speaker.canonical is None and span.paragraph == 0
              and _LOWER_CASE_WORD.fullmatch(speaker.text)
              and _role_of_epithet("the " + speaker.text) is not None):
            # a headline's "..., judge says": the one person the article introduces as judge
            speaker.canonical = _only_person_in(names.people_with_role(speaker.text,
                                                                       len(doc.text)))
            speaker.is_person = speaker.canonical is not None
        elif kin is not None:  # "his wife added": the one person the article calls his wife
            speaker.canonical = names.person_introduced_as(kin.group(1).lower())
            speaker.is_person = speaker.canonical is not None
        elif speaker is not None and speaker.canonical is None and (
                _is_person_epithet(speaker.text) or _occupation_of_epithet(speaker.text)):
            # like "he": not after "A European Commission spokesperson said ..."
            p_start = paragraphs[span.paragraph][0]
            if not _unnamed_speaker_before(doc.text, p_start, min(span.open_at, speaker.start),
                                           sentence_starts, quote_ranges, names):
                role = _role_of_epithet(speaker.text)
                occupation = (_occupation_of_epithet(speaker.text)
                              if role is None and not _is_person_epithet(speaker.text) else None)
                if role is not None:
                    # "the minister", "la ministre", "l'élu de ...", "ученый": the one person
                    # the article introduced with that role (two of them: null), else the one
                    # person named earlier in the paragraph
                    with_role = names.people_with_role(role, speaker.start)
                    # "— подчеркнула дипломат", "sagte die Grünen-Politikerin": a woman
                    gender = _pronoun_gender(speaker) or _marker_gender(role)
                    speaker.canonical = (
                        _only_person_in(with_role) if with_role
                        else _only_person_in([
                            name for name in mentions.between(p_start, speaker.start)
                            if gender is None or names.gender(name) in (None, gender)]))
                    if (speaker.canonical is None and not with_role
                            and speaker.cue in _CONTINUING_CUES):
                        # "— добавил синоптик", "the minister added": one who spoke already
                        speaker.canonical = _speaker_going_on(speaker.start, last_named,
                                                              mentions)
                elif occupation is not None:
                    # "the strategist", "the economist": a word of any job, so only the one
                    # person the article introduced with it (a passer-by may be "the driver")
                    speaker.canonical = _only_person_in(
                        names.people_with_role(occupation, speaker.start))
                else:
                    nationality = _EPITHET.match(speaker.text)
                    speaker.canonical = _resolve_epithet(
                        nationality.group(1) if nationality else None, p_start, speaker.start,
                        mentions, last_named, names)
                speaker.is_person = speaker.canonical is not None
        inherited = None
        if speaker is None:
            inherited = _inherit(i, spans, mentions)
        if speaker is None and inherited is None and \
                len(doc.text[span.start:span.end].split(None, MIN_UNATTRIBUTED_WORDS)) \
                < MIN_UNATTRIBUTED_WORDS:
            continue  # a scare quote or a term, not a quotation
        if inherited is not None:
            quote = Quote(span.start, span.end, inherited.speaker, inherited.speaker_canonical,
                          inherited.cue if inherited.cue and _same_paragraph(i, spans, inherited)
                          else None, inherited.speaker_start, inherited.speaker_end)
        elif speaker is not None and not speaker.text:  # a dropped subject: nothing written
            quote = Quote(span.start, span.end, None, speaker.canonical, speaker.cue)
        elif speaker is not None:
            quote = Quote(span.start, span.end, speaker.text, speaker.canonical, speaker.cue,
                          speaker.start, speaker.end)
        else:
            quote = Quote(span.start, span.end, None, None, None)
        span.quote = quote
        quotes.append(quote)
        if quote.speaker_canonical and quote.speaker_end is not None:
            last_named = (quote.speaker_end, quote.speaker_canonical)
    _attribute_running_quotes(doc.text, spans, paragraphs)
    _attribute_echoes(doc.text, quotes)
    _name_the_lede_speaker(spans)
    doc.quotes = quotes


# A body's name opening a sentence, then a cue verb: "The British Retail Consortium said".
_BODY_THEN_CUE = re.compile(
    r"((?:The\s+)?" + _UPPER + r"[\w'’&.-]*(?:\s+(?:(?:of|for|and|&)\s+)?" + _UPPER
    + r"[\w'’&.-]*)*)\s+(?:said|says|told|added|warned|announced|reported|stated)\b")


def _body_speaking_before(text: str, p_start: int, at: int, quote_ranges: _Ranges,
                          names: _ArticleNames) -> tuple[int, int] | None:
    """The one organisation that opens a sentence of the paragraph before `at` as the subject
    of a cue verb, for "it said"; None when there is none or more than one."""
    found = None
    for match in _BODY_THEN_CUE.finditer(text, p_start, at):
        a, b = match.span(1)
        if quote_ranges.contains(a) or (a > p_start and not text[max(p_start, a - 4):a].rstrip()
                                             .endswith((".", "!", "?", "”", "\""))):
            continue  # not a sentence's subject
        words = text[a:b].split()
        if not (any(_organisation_word(w) for w in words) or names.is_place_or_org(a, b)):
            continue
        if found is not None:
            return None
        found = (a, b)
    return found


def _attribute_running_quotes(text: str, spans: list[_Span],
                              paragraphs: list[tuple[int, int]]) -> None:
    """A quote left open at its paragraph's end goes on in the next paragraph, which reopens
    it (the wire convention): without a speaker of its own, it has that quote's, back along a
    chain of such paragraphs (“This was not an accident. / “Somebody wrote down ...,” X said.)."""
    for i in range(len(spans) - 2, -1, -1):
        span, following = spans[i], spans[i + 1]
        quote, next_quote = span.quote, following.quote
        if (quote is None or next_quote is None or span.close_at is not None
                or _attributed(quote) or not _attributed(next_quote)
                or following.paragraph != span.paragraph + 1
                or text[paragraphs[following.paragraph][0]:following.open_at].strip()):
            continue
        quote.speaker, quote.speaker_canonical = next_quote.speaker, next_quote.speaker_canonical
        quote.speaker_start, quote.speaker_end = next_quote.speaker_start, next_quote.speaker_end


_LOWER_CASE_WORD = re.compile(r"[a-z]+")
# After a Russian plural cue, the body "they" speak in: " в ведомстве", " в пресс-службе МЧС".
_BODY_AFTER_PLURAL_CUE = re.compile(r"\s+(?:в|во)\s+([а-яё-]+(?:\s+[А-ЯЁа-яё-]+){0,3})(?=[.,;!?]|$)")
# Russian puts a body's name in guillemets after the noun that says what it is: "центра погоды
# «Фобос»", "компании «Газпром»", "агентству «Москва»".
_NOUN_BEFORE_NAME = re.compile(r"[а-яё]+\s$")
_SENTENCE_PUNCTUATION = re.compile(r"[.,;:!?]")


# German puts a newspaper's name in quotes too, as whom the speaker told: "sagte Weselsky dem
# „Spiegel“".
_TOLD_PUBLICATION = re.compile(r"\b(?:" + trie_pattern(_cue_forms("verb", languages={"de"}))
                               + r")\s+(?:\S+\s+){0,3}(?:dem|der)\s$")


def _name_in_guillemets(text: str, span: _Span) -> bool:
    """Whether a quoted span is a name rather than a quotation: up to three words, the first
    capitalized, no punctuation, right after a lower-case Russian noun (in guillemets) or as
    whom a German speaker told."""
    if (text[span.open_at] not in "«„»" or span.close_at is None
            or not text[span.start:span.start + 1].isupper()
            or len(text[span.start:span.end].split()) > 3
            or _SENTENCE_PUNCTUATION.search(text, span.start, span.end)):
        return False
    if text[span.open_at] == "«" and _NOUN_BEFORE_NAME.search(
            text, max(0, span.open_at - 30), span.open_at):
        return True
    return text[span.open_at] in "„»" and _TOLD_PUBLICATION.search(
        text, max(0, span.open_at - 60), span.open_at) is not None


# Title words that only complete a title ("Secretary of State", "Foreign Affairs", "Air Force"):
# an epithet that ends with one names no person.
_TITLE_MODIFIERS = {"state", "affairs", "foreign", "interior", "finance", "health", "economy",
                    "trade", "home", "crown", "field", "air", "force", "top", "senior", "former",
                    "acting", "special", "supreme", "high", "vice", "prime", "defense",
                    "defence", "opposition"}


def _is_person_epithet(phrase: str) -> bool:
    """"the Serbian", "the Liberal Democrat", "the striker", "the 29-year-old", "la ministre":
    a nationality, a title or an age standing for a person named before (not "the Kremlin",
    "the official")."""
    epithet = _EPITHET.match(phrase) or _ROLE_EPITHET.match(phrase)
    if epithet is None:
        team = _TEAM_EPITHET.match(phrase)
        if team is not None:  # "the Leinster winger", "the Chelsea midfielder"
            return team.group(1) in _ACHIEVEMENT_NOUNS
        return _role_of_epithet(phrase) is not None
    last = epithet.group(1).split()[-1]
    if last.isupper():  # "the MVP", not "the UN"
        return last.lower() in _ACHIEVEMENT_NOUNS
    if last.lower() in _TITLE_MODIFIERS:
        return False  # "the Islamic State", "the State": no person (but "the Prime Minister")
    return last.lower() not in _ORG_WORDS and (_is_title(last) or _is_demonym(last)
                                               or last.endswith("-year-old")
                                               or last.lower() in _ACHIEVEMENT_NOUNS)


def _role_of_epithet(phrase: str) -> str | None:
    """The role word of a speaker named by a role alone: "the minister", "the striker",
    "la ministre", "l'élu de Seine-Saint-Denis", "il commissario", Russian "ученый" (no
    article); None for other speakers, and for the epithets of nationality, age or
    achievement ("the Serbian", "the 22-year-old", "the champion")."""
    english = _ROLE_EPITHET.match(phrase)
    if english:
        head = english.group(1).split()[-1]
        return head.lower() if (_is_title(head) and not head.isupper()
                                and not _is_demonym(head) and not _organisation_word(head)
                                and head.lower() not in _ACHIEVEMENT_NOUNS) else None
    foreign = _FOREIGN_ROLE_EPITHET.match(phrase)
    if foreign:
        head = foreign.group(2)
        lowered = head.lower()
        if foreign.group(1).lower() in ("a", "o"):  # also English "a": "A spokesman"
            known = lowered in _FOREIGN_ROLE_WORDS or _ROMANCE_ROLE_ENDING.search(lowered)
        else:
            known = (lowered in _FOREIGN_ROLE_WORDS or _ROMANCE_ROLE_ENDING.search(lowered)
                     or _is_title(head)
                     or (foreign.group(1).lower() in ("der", "die") and head[:1].isupper()
                         and _GERMAN_ROLE_ENDING.search(lowered)))  # "die Grünen-Politikerin"
        return lowered if known and not _organisation_word(head) else None
    words = phrase.split()
    if 0 < len(words) <= 3 and phrase[0].islower() and all(
            _CYRILLIC_WORD.fullmatch(w) for w in words) \
            and words[0] not in _PHRASE_PREPOSITIONS \
            and phrase.lower() not in _PRONOUNS_SINGULAR | _PRONOUNS_OTHER:
        return words[0]
    return None


def _occupation_of_epithet(phrase: str) -> str | None:
    """The job of "the strategist", "the economist", "the warden": a noun that no title list
    holds (see _role_of_epithet for titles)."""
    english = _ROLE_EPITHET.match(phrase)
    if english is None:
        return None
    head = english.group(1).split()[-1]
    # any job, as the one person the article introduced with it is asked for ("Game warden
    # X ... the warden said"); not a document, a group or a body
    return head if (head.isalpha() and head.islower() and not _is_demonym(head)
                    and head not in _DOCUMENT_NOUNS and head not in _COLLECTIVE_NOUNS
                    and head not in _ORG_NOUNS_BEFORE_NAME
                    and not _organisation_word(head)) else None


def _speaker_going_on(at: int, last_named: tuple[int, str] | None,
                      mentions: _PersonMentions) -> str | None:
    """The last named speaker, for a role with a cue that says the speaker goes on ("added"),
    when nobody else was named since."""
    if last_named is None:
        return None
    since = set(mentions.between(last_named[0], at))
    return last_named[1] if since <= {last_named[1]} else None


# German role nouns by their ending, after "der"/"die": "Politikerin", "Sprecher", "Experte".
_GERMAN_ROLE_ENDING = re.compile(r"(?:in|er|ent|ant|ist|eur|or|oge|ologe|chef|experte|"
                                 r"vorsitzende|vorsitzender)$")


def _organisation_word(word: str) -> bool:
    lowered = word.lower()
    return lowered in _ORG_WORDS or lowered + "s" in _ORG_WORDS  # "the air force"


_EMPLOYER_PREPOSITIONS = {"at", "with", "from", "chez", "bei"}


def _role_complement(between: str) -> bool:
    """Whether `between` (after a role word, before a name) only completes the role: "",
    " du Travail, ", " of migration and displacement, ", " of Health " (not " met ")."""
    words = between.split()
    while words and between.rstrip().endswith(words[-1]) and _is_title(words[-1]):
        # the name's own title: "L'avocate des familles, Me Julie Benoît"
        between = between[:between.rstrip().rindex(words.pop())]
    if len(words) > 5:
        return False
    if not words or between.rstrip().endswith(","):
        return not _CUE_WORD.search(between)
    if words[-1].lower() in _EMPLOYER_PREPOSITIONS:
        return False  # "an economist at Vantage Emerging Markets": the employer
    return all(w[0].isupper() or w in _OBJECT_MARKERS or w in ("and", "'s", "’s") for w in words)


def _only_person_in(people: list[str]) -> str | None:
    return people[0] if len(set(people)) == 1 else None


# The role after an article of the other cue languages, then its complement: "la ministre",
# "l'élu de Seine-Saint-Denis", "il commissario straordinario per il Mose", "der Sprecher".
_FOREIGN_ROLE_EPITHET = re.compile(
    r"(le|la|l['’]|el|o|a|il|lo|der|die)\s*([^\W\d_][\w-]*)(?:\s+\S+){0,6}$", re.IGNORECASE)
# "the striker", "the former minister", "the 29-year-old", "the three-time MVP"
_ROLE_EPITHET = re.compile(
    r"[Tt]he ((?:[a-z][\w-]* ){0,2}(?:[a-z]+|[A-Z]{2,4}|\d+-year-old))$")
# What sport and politics call a person already named, never a passer-by ("the driver" may be).
_ACHIEVEMENT_NOUNS = {"champion", "mvp", "winner", "titleholder", "medallist", "medalist",
                      "runner-up", "incumbent", "challenger", "skipper", "playmaker",
                      "midfielder", "defender", "goalkeeper", "quarterback", "winger",
                      "frontrunner", "front-runner", "nominee", "laureate", "fly-half",
                      "scrum-half", "full-back", "fullback", "centre-back", "center-back",
                      "shortstop", "pitcher", "batsman", "bowler", "all-rounder", "flanker",
                      "point guard", "left-hander", "right-hander", "southpaw"}
# A team, club or party before such a word: "the Leinster winger", "the Real Madrid winger".
_TEAM_EPITHET = re.compile(r"[Tt]he (?:" + _UPPER + r"[\w'’-]* ){1,3}([a-z][\w-]*)$")


_WORDS = re.compile(r"\w+")


# A lede that describes its speaker as one of a kind: "Japan's top currency diplomat said ...".
_UNIQUE_ROLE = re.compile(_UPPER + r"[\w.-]*['’]s (?:[a-z-]+ ){0,3}[a-z-]+")


def _name_the_lede_speaker(spans: list[_Span]) -> None:
    """Wire copy names the speaker its lede describes ("Japan's top currency diplomat said
    ... “…” ...") in the paragraph right after ("“…,” Vice Finance Minister X told
    reporters."): the lede's quote gets that person when the next paragraph's first quote is
    attributed to a named person by a cue of its own."""
    for i, span in enumerate(spans):
        quote = span.quote
        if span.paragraph > 1:
            break
        if (quote is None or quote.speaker_canonical is not None or quote.speaker is None
                or not _UNIQUE_ROLE.fullmatch(quote.speaker)):
            continue
        role = quote.speaker.split()[-1]
        if _organisation_word(role) or role in _ORG_NOUNS or not (
                _is_title(role) or role in _PERSON_NOUNS or _AGENT_NOUN.search(role)):
            continue  # "China's commerce ministry" is no person
        following = next((s for s in spans[i + 1:] if s.paragraph != span.paragraph), None)
        if (following is not None and following.paragraph == span.paragraph + 1
                and following.quote is not None and following.quote.cue
                and following.quote.speaker_canonical and following.quote.speaker
                and " " in following.quote.speaker_canonical
                and following.quote.speaker.lower() not in _PRONOUNS_SINGULAR):
            quote.speaker_canonical = following.quote.speaker_canonical


def _attribute_echoes(text: str, quotes: list[Quote]) -> None:
    """A quote without a speaker whose words open or recur in a later attributed quote (the
    headline's ‘It’s a lifeline’ and the story's “It’s a lifeline for people who don’t drive,”
    said Sue Ashworth) has that quote's speaker."""
    for i, quote in enumerate(quotes):
        if quote.speaker is not None or quote.speaker_canonical is not None:
            continue
        words = " ".join(_WORDS.findall(text[quote.start:quote.end].lower()))
        if len(words.split()) < 2:
            continue
        for later in quotes[i + 1:]:
            if later.speaker is not None and f" {words} " in \
                    " " + " ".join(_WORDS.findall(text[later.start:later.end].lower())) + " ":
                quote.speaker, quote.speaker_canonical = later.speaker, later.speaker_canonical
                quote.speaker_start, quote.speaker_end = later.speaker_start, later.speaker_end
                break


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


# Double marks of every style: straight, curly (English, and German „…“), guillemets («…» in
# French, Spanish, Russian; »…« in German and Danish).
_DOUBLE_MARKS = "\"“”„«»"
# Single marks are apostrophes far more often than quotes: a mark opens only at the start of a
# word (after a space or an opening bracket) and closes only at the end of one.
_SINGLE_OPENERS, _SINGLE_CLOSERS = "'‘", "'’"
_BEFORE_SINGLE_OPEN = "([—–-"
_AFTER_SINGLE_OPEN = re.compile(r"[^\W\d_]|\d(?!\ds\b)|[¡¿…]")  # not "'90s"
_BEFORE_SINGLE_CLOSE = ".,!?…_"
_AFTER_SINGLE_CLOSE = ".,;:!?)]—–-"


def _mark_positions(text: str, marks: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where any of `marks` occurs in text[start:end], sorted. str.find runs at C speed; a
    regex character class is tested at every position (measured 3x to 25x slower here)."""
    found = []
    for mark in marks:
        at = text.find(mark, start, end)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1, end)
    found.sort()
    return found


def _single_opens(text: str, start: int, end: int) -> list[int]:
    return [at for at in _mark_positions(text, _SINGLE_OPENERS, start, end)
            if (at == 0 or text[at - 1].isspace() or text[at - 1] in _BEFORE_SINGLE_OPEN)
            and _AFTER_SINGLE_OPEN.match(text, at + 1, end)]


def _single_closes(text: str, start: int, end: int) -> list[int]:
    return [at for at in _mark_positions(text, _SINGLE_CLOSERS, start, end)
            if at > 0 and (text[at - 1].isalnum() or text[at - 1] in _BEFORE_SINGLE_CLOSE)
            and (at + 1 == end or text[at + 1].isspace() or text[at + 1] in _AFTER_SINGLE_CLOSE)]


def _marks_by_paragraph(text: str, paragraphs: list[tuple[int, int]]) -> tuple[
        dict[int, list[int]], set[int]]:
    """The double marks of each paragraph that has any, and the paragraphs with a single mark
    that can open a quote: one pass over the text, not one per paragraph (most have none)."""
    starts = [p_start for p_start, _ in paragraphs]

    def paragraph_of(at: int) -> int | None:
        i = bisect.bisect_right(starts, at) - 1
        return i if i >= 0 and at < paragraphs[i][1] else None

    double: dict[int, list[int]] = {}
    for at in _mark_positions(text, _DOUBLE_MARKS):
        i = paragraph_of(at)
        if i is not None:
            double.setdefault(i, []).append(at)
    single = {i for at in _single_opens(text, 0, len(text)) if (i := paragraph_of(at)) is not None}
    return double, single


def _pair_marks(text: str, p_start: int, p_end: int, paragraph: int, marks: list[int],
                single_marks: bool) -> list[_Span]:
    """The paragraph's quotes, from the positions of its double marks (and its single ones)."""
    spans: list[_Span] = []
    open_at: int | None = None
    reversed_guillemets = _guillemets_reversed(text, marks, p_end)
    for at in marks:
        mark = text[at]
        before = text[at - 1] if at > p_start else " "
        after = text[at + 1] if at + 1 < p_end else " "
        if mark == "\"":
            opens = open_at is None
        elif mark in "«»":
            opens = (mark == "»") == reversed_guillemets
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
    if single_marks:
        spans = _with_single_quotes(text, p_start, p_end, paragraph, spans)
    if text.find("«", p_start, p_end) >= 0:
        spans = [part for span in spans for part in _split_at_incise(text, span)]
    return spans


# French (and Italian) copy puts the attribution inside the guillemets, between commas: « Le
# travail doit payer, a déclaré la ministre à l'Assemblée. Ce n'est pas ... », « Nous
# tiendrons, affirme-t-il, nos engagements ». The incise opens with a cue verb and its
# subject, and ends at the next comma or sentence end.
_INCISE_START = re.compile(
    r",\s+(?:(?:a|ont|avait|avaient|ha|hanno|aveva)\s+(?=(?:" + trie_pattern(_FOREIGN_PARTICIPLES)
    + r")\b)|a-t-(?:il|elle)\s+(?=(?:" + trie_pattern(_FOREIGN_PARTICIPLES) + r")\b)"
    r"|(?=(?:" + trie_pattern(_FRENCH_PRESENT_CUES) + r")(?:-t)?-(?:il|elle)\b)"
    r"|(?=(?:" + trie_pattern(_FINITE_CUE_VERBS) + r")\s+"
    r"(?:le|la|les|l['’]|el|il|lo|o|M\.|Mme|Mgr|son|sa|ses|leur|su|sus|seu|sua|suo)\b))")
_INCISE_END = re.compile(r"[,.](?=\s+\S)")
# A name apposed to the incise's role runs on past its comma: « …, souligne son avocat, Me
# Antoine Lebrun. Il … »: up to the comma or period after the name (a title, then two to four
# capitalized words).
_APPOSED_IN_INCISE = re.compile(
    r",\s+(?:(?:Me|M\.|Mme|Mgr|Dr|Pr|Dra?\.|Sr\.|Sra\.|Dott\.|Prof\.)\s+)?(?:" + _UPPER
    + r"[\w'’-]*\.?\s+){1,3}" + _UPPER + r"[\w'’-]*(?=[,.]\s+\S)")
MAX_INCISE_CHARS = 90


def _split_at_incise(text: str, span: _Span) -> list[_Span]:
    """A guillemet quote with the attribution inside it, as two quotes (the split quote of
    French style), so the incise is attribution rather than quoted words."""
    if text[span.open_at] != "«":
        return [span]
    for incise in _INCISE_START.finditer(text, span.start, span.end):
        for end in _INCISE_END.finditer(text, incise.end(),
                                        min(span.end, incise.end() + MAX_INCISE_CHARS)):
            if text[end.start()] == "." and _is_abbreviation(text, end.start()):
                continue  # "a déclaré M. Dupont"
            if text[end.start()] == ",":
                apposed = _APPOSED_IN_INCISE.match(text, end.start(), span.end)
                if apposed is not None:
                    continue  # the comma before the role's name: the incise ends after it
            first = _trimmed(text, span.open_at, incise.start(), span.paragraph)
            second = _trimmed(text, end.start(), span.close_at, span.paragraph,
                              span.end if span.close_at is None else None)
            if first is None or second is None:
                return [span]
            return [first, second]
        return [span]
    return [span]


def _guillemets_reversed(text: str, marks: list[int], p_end: int) -> bool:
    """German and Danish quote »like this«: the paragraph's first guillemet points right and is
    glued to the word after it."""
    if "»" not in text[marks[0]:marks[-1] + 1] if marks else True:
        return False
    first = next(at for at in marks if text[at] in "«»")
    return text[first] == "»" and first + 1 < p_end and not text[first + 1].isspace()


def _with_single_quotes(text: str, p_start: int, p_end: int, paragraph: int,
                        double: list[_Span]) -> list[_Span]:
    """Add the paragraph's single-quoted spans ('…' and ‘…’: headlines, British copy) to its
    double-quoted ones. Marks inside a double-quoted span are a quote within the quote, which
    stays part of it; a double-quoted span inside a single-quoted one gives way to it.
    An opening single mark with no closing one is an apostrophe ('90s, 'em), except at the very
    start of the paragraph, where it is a quote continued in the next paragraph."""
    inside = _Ranges([(s.open_at, (s.close_at if s.close_at is not None else s.end) + 1)
                      for s in double])
    opens = [at for at in _single_opens(text, p_start, p_end) if not inside.contains(at)]
    if not opens:
        return double
    closes = [at for at in _single_closes(text, p_start, p_end) if not inside.contains(at)]
    singles: list[_Span] = []
    i = 0
    while i < len(opens):
        open_at = opens[i]
        later = [c for c in closes if c > open_at]
        next_open = opens[i + 1] if i + 1 < len(opens) else p_end
        # "the drivers' union": a plural possessive looks like a closing mark; skip it when a
        # better one follows before the next opening mark.
        strong = [c for c in later if c < next_open and not _possessive_s(text, c, p_end)]
        close_at = strong[0] if strong else next((c for c in later if c < next_open), None)
        if close_at is None:
            if open_at == p_start:
                span = _trimmed(text, open_at, None, paragraph, p_end)
                if span:
                    singles.append(span)
            i += 1
            continue
        span = _trimmed(text, open_at, close_at, paragraph)
        if span and span.end - span.start > 1:  # "rock 'n' roll"
            singles.append(span)
        while i < len(opens) and opens[i] < close_at:
            i += 1
    if not singles:
        return double
    kept = [d for d in double if not any(s.open_at < d.open_at and
                                         (s.close_at is None or d.end <= s.close_at)
                                         for s in singles)]
    return sorted(kept + singles, key=lambda s: s.open_at)


def _possessive_s(text: str, at: int, p_end: int) -> bool:
    return (text[at - 1] == "s" and at + 2 < p_end and text[at + 1] == " "
            and text[at + 2].islower())


def _trimmed(text: str, open_at: int, close_at: int | None, paragraph: int,
             p_end: int | None = None) -> _Span | None:
    start, end = open_at + 1, close_at if close_at is not None else p_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not _LETTER_OR_DIGIT.search(text, start, end):
        return None
    return _Span(start, end, open_at, close_at, paragraph)


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _sentence_start(text: str, sentence_starts: list[int], at: int, p_start: int) -> int:
    i = bisect.bisect_right(sentence_starts, at) - 1
    if i >= 0 and sentence_starts[i] >= p_start:
        start = sentence_starts[i]
    else:
        # No sentence index (a hand-built document): back up to the last sentence end.
        window = max(p_start, at - 1000)
        match = None
        for match in re.finditer(r"[.!?]\s+(?=[A-Z“\"])", text[window:at]):
            pass
        start = window + match.end() if match else window
    if start == p_start:
        # "LONDON, Nov 21 (Reuters) - AstraZeneca said ...": the dateline is not the subject
        dateline = _DATELINE.match(text, start, at)
        if dateline:
            return dateline.end()
    return start


# A wire story's dateline: "WASHINGTON (AP) — ", "TOKYO, March 4 (Reuters) - ", "PARADISE,
# Calif. (AP) - ", "KYIV, Ukraine — ".
_DATELINE = re.compile(
    r"[A-Z][A-Z'’.\- ]*[A-Z.](?:,\s*[A-Z][^()\n—–,]{0,38}?\s*(?:\([^()\n]{1,30}\)\s*)?"
    r"|\s*\([^()\n]{1,30}\)\s*|(?<=[A-Z]{3})\s+(?=[—–]))"  # VOA's "WASHINGTON — "
    r"[-—–]+\s+")


# Cues whose speaker is not next to them: the sentence's subject ("Lula on Monday defended the
# plan, saying ...") or the object ("Interfax quoted Novak as saying ...").
_PARTICIPLE_CUES = {"saying", "adding", "citing", "calling", "noting", "arguing", "insisting",
                    "describing", "urging", "warning"}
_QUOTED_CUE = "quoted"


def _trailing_speaker(text: str, start: int, stop: int, names: _ArticleNames,
                      known: list[str]) -> _Speaker | None:
    if _ends_sentence(text, start):
        return None  # “… the fire.” Kremlin spokesman X said ...: the next sentence's own cue
    window_end = min(stop, start + TRAILING_WINDOW)
    only_trailing = _TRAILING_ONLY_CUE.match(text, start, window_end)
    if only_trailing is not None and text[start - 1] in _TRAILING_ONLY_MARKS.get(
            only_trailing.group(1), text[start - 1]):
        return _speaker_after_cue(text, _Cue(only_trailing.start(1), only_trailing.end(1),
                                             only_trailing.group(1)), window_end, names, known)
    cue = _first_cue(text, start, window_end)
    if cue is not None and cue.group(1) in _ACCORDING_SET:
        verb = _first_cue(text, cue.end(), window_end)
        if verb is not None and not text[cue.end():verb.start()].strip():
            # "«…», según ha explicado el gerente, X": the verb's subject
            return _speaker_after_cue(text, verb, window_end, names, known)
    if cue is None or cue.group(1) in _PARTICIPLE_CUES:
        return None  # “…,” adding that ...: the quote's own speaker comes from elsewhere
    if cue.group(1) == _QUOTED_CUE:
        return _speaker_after_cue(text, cue, window_end, names, known)
    before = text[start:cue.start()]
    inverted = _INVERTED_PRONOUN_BEFORE.fullmatch(before)
    if inverted:  # « … », a-t-il ajouté
        return _Speaker(inverted.group(1), start + inverted.start(1), start + inverted.end(1),
                        cue.group(1), None, False)
    if before.strip(" ,—–-") == "":
        return _speaker_after_cue(text, cue, window_end, names, known)
    if len(before.split()) > MAX_SPEAKER_WORDS:
        # a long relative clause may follow a short subject: "the official, who declined to
        # be named because ..., told Reuters"
        relative = _RELATIVE_CLAUSE.search(before)
        if relative is None or len(before[:relative.start()].split()) > MAX_SPEAKER_WORDS:
            return None
    if re.search(r"[“”\";:!?«»„]", before):
        return None
    rest = before.strip(" ,—–-").split()
    if cue.group(1) in _FOREIGN_CUE_SET and before.rstrip().endswith(",") \
            and not _PERIOD_THEN_SPACE.search(before) and rest and rest[0].islower() \
            and rest[0] not in _DETERMINERS and rest[0] not in _ROLE_ARTICLES:
        # „…“ vermeiden, sagte er: the rest of the reported clause, then the cue with its
        # subject after it (the cue languages put it there)
        return _speaker_after_cue(text, cue, window_end, names, known)
    if any(not _is_abbreviation(text, start + stop.start())
           for stop in _PERIOD_THEN_SPACE.finditer(before)):
        return None  # “…” toward its potential. She said ...: the next sentence's cue
    if before.strip(" ,—–-").split()[0] in _CLAUSE_OPENERS or before.split()[-1] in _CONNECTIVES:
        # “…,” while Commerzbank said ... / “…” in a video posted ... / “…” of the truce and
        # called on ...: a clause of its own, or a second verb of the sentence's subject
        return None
    return _speaker_before_cue(text, start, cue, names, known)


_PERIOD_THEN_SPACE = re.compile(r"\.(?=\s)")
# Words that open a clause or a phrase of its own after a closing mark, so what follows is not
# the quote's attribution.
_CLAUSE_OPENERS = _CONNECTIVES | {
    "whereas", "although", "though", "when", "after", "before", "because", "since", "if", "or",
    "yet", "in", "on", "at", "for", "with", "during", "by", "from", "to", "under", "over",
    "into", "about", "than", "where", "whose", "whom", "what", "how", "why", "of",
    # "and" in the other cue languages: «…» e acusou os sindicatos ...
    "e", "ed", "y", "et", "und",
    # and "although", "but", "while" in them: «…», aunque señaló retrasos ...
    "aunque", "pero", "mientras", "embora", "mas", "enquanto", "mais", "tandis", "ma",
    "mentre", "sebbene", "però", "aber", "obwohl", "während", "doch",
}


def _ends_sentence(text: str, after_mark: int) -> bool:
    """Whether the quote closing just before `after_mark` ends its sentence: a period inside the
    marks (“… the fire.”) or right after them (“… the community”.). A question or exclamation
    mark does not: “Are you afraid?” Tanzeem asked."""
    # (French puts a space before its closing guillemet: "... cet hiver. »")
    inside = text[max(0, after_mark - 4):after_mark - 1].rstrip()
    if inside.endswith(".") and not inside.endswith(".."):
        return True
    rest = text[after_mark:after_mark + 3].lstrip()
    return rest.startswith(".") and not rest.startswith("..")


_QUOTED_AS = re.compile(r"\bquoted\s+(.+?)\s+as\s+$")
# A headline's "Starmer: 'Difficult choices' needed": the name before a colon that opens it.
_COLON_SPEAKER = re.compile(
    r"\s*((?:" + _UPPER + r"[\w’'.\-]*\s){0,3}" + _UPPER + r"[\w’'.\-]*)\s*:\s*$")


def _main_verb_speaker(text: str, start: int, main: re.Match, cue: re.Match, names, known):
    """The subject of the sentence's main cue verb, speaking through a second cue of the same
    sentence (a participle, or a coordinated verb)."""
    speaker = _leading_speaker(text, start, main.end(), names, known)
    if speaker is not None:
        speaker.cue = cue.group(1)
    return speaker


def _leading_speaker(text: str, start: int, stop: int, names: _ArticleNames,
                     known: list[str]) -> _Speaker | None:
    cue = None
    for cue in _cues(text, start, stop):
        pass
    if cue is None:
        return _speaker_without_cue(text, start, stop, names, known)
    if cue.group(1) in _PARTICIPLE_CUES:
        quoted = _QUOTED_AS.search(text, start, cue.start())
        if quoted:  # The Nikkei quoted a senior official as saying Tokyo was “…”
            return _make_speaker(text, *_strip_span(text, *quoted.span(1)), _QUOTED_CUE, names,
                                 known, name_at_end=False)
        main = _first_cue(text, start, cue.start())
        if main is not None and main.group(1) not in _PARTICIPLE_CUES:
            # “…,” he told reporters, adding that ... “…”: the participle's subject is the
            # main verb's
            return _main_verb_speaker(text, start, main, cue, names, known)
        return _sentence_subject(text, start, cue, names, known)
    if cue.group(1) == _QUOTED_CUE or text[start:cue.start()].strip(" ,") == "":
        return _speaker_after_cue(text, cue, stop, names, known)
    if _COORDINATED_VERB.search(text, max(start, cue.start() - 20), cue.start()):
        # "Central Command said it had helped ..., but warned that the camp remains “…”": the
        # subject of the sentence's first cue
        main = _first_cue(text, start, cue.start())
        if main is not None and main.group(1) not in _PARTICIPLE_CUES:
            return _main_verb_speaker(text, start, main, cue, names, known)
        if main is None:
            # "Natural Resources Wales (NRW) issued two warnings ... and said levels were
            # “…”": the name that opens the sentence did both
            subject = _sentence_subject(text, start, cue, names, known)
            if subject is None:
                body = _OPENING_NAME.match(text, start, cue.start())
                if body is not None and " " in body.group().strip():
                    subject = _make_speaker(text, *_strip_span(text, *body.span()),
                                            cue.group(1), names, known, name_at_end=True)
            if subject is not None:
                return subject
            if not text[start:cue.start()].strip(" ,").split()[:-1]:
                # «continuam abertas» e acusou ...: the verb's subject is the earlier quote's
                return None
    main = _first_cue(text, start, cue.start())
    if main is not None and main.group(1) in _REPORTING_CUES \
            and _nobody_in(text, main.end(), cue.start(), names):
        # "Chhangte said the state had asked New Delhi for “…”": the words are reported by
        # the main verb's subject (not so for a person's: "X said the doctor warned “…”")
        speaker = _leading_speaker(text, start, main.end(), names, known)
        if speaker is not None:
            return speaker
    return _speaker_before_cue(text, start, cue, names, known)


# Main verbs that report what follows them.
_REPORTING_CUES = {"said", "says", "told", "added", "explained", "noted", "stressed", "insisted",
                   "argued", "warned"}


def _nobody_in(text: str, start: int, end: int, names: _ArticleNames) -> bool:
    """Whether text[start:end] names no person and refers to none: "the state had"."""
    words = _WORDS.findall(text, start, end)
    if any(w.lower() in _PRONOUNS_SINGULAR or w.lower() in _PERSON_NOUNS
           or w.lower().rstrip("s") in _PERSON_NOUNS or w in ("I", "we", "they") for w in words):
        return False
    return not _name_runs(text, start, end, names=names)


# The capitalized name that opens a sentence, with its acronym: "Natural Resources Wales
# (NRW)", "The Met Office".
_OPENING_NAME = re.compile(
    r"\s*(?:The\s+)?" + _UPPER + r"[\w'’&.-]*(?:\s+(?:(?:of|for|and|&)\s+)?" + _UPPER
    + r"[\w'’&.-]*)*(?:\s+\([A-Z]{2,}\))?(?=\s+[a-z])")


# A second verb of the same subject: "..., but warned", "... and added".
_COORDINATED_VERB = re.compile(
    r"\b(?:and|but|e|ed|y|et|und|mas|pero|mais|ma|aber)\s+(?:(?:also|later|then)\s+)?$")


# French and Spanish attribute without a verb: "Pour Marine Le Pen, la présidente du groupe RN,
# « le compte n'y est pas »" (as English sometimes does: "For Smith, “this is a disaster.”").
# The view may come in a clause of its own: "Pour la secrétaire générale de la CFDT, Nathalie
# Perrichon, le texte est « une faute politique »", "Para o pesquisador X, do Observatório do
# Clima, os números são “...”".
_FOR_SPEAKER = re.compile(
    r"\s*(?:For|Pour|Para|Für|Per)\s+([^,]+),(?:\s*([^,]+),)?[^,;:.!?“”\"«»„]*$")


# The same for a body, without the comma, right before the quote: "Per la Protezione civile
# regionale “…”", "Pour la Préfecture de police « … »".
_FOR_BODY_SPEAKER = re.compile(
    r"\s*(?:For|Pour|Para|Für|Per)\s+((?:[^\s,;:.!?“”\"«»„]+\s+){0,2}?" + _UPPER
    + r"[^,;:.!?“”\"«»„]*?)\s*")


def _speaker_without_cue(text: str, start: int, stop: int, names: _ArticleNames,
                         known: list[str]) -> _Speaker | None:
    """A sentence that attributes its quote without a speech verb: a headline's "Guterres:
    'We are on a highway to climate hell'", or "Pour Marine Le Pen, « … »". The speaker must be
    a person the article names in full (or an organisation it knows): "Heatwave: '...'" has
    none."""
    match = _COLON_SPEAKER.fullmatch(text, start, stop) or _FOR_SPEAKER.fullmatch(text, start, stop)
    if match is None:
        body = _FOR_BODY_SPEAKER.fullmatch(text, start, stop)
        if body is not None:
            a, b = _strip_span(text, *body.span(1))
            if any(_organisation_word(word) for word in text[a:b].split() if word[0].isupper()) \
                    or names.is_place_or_org(a, b):
                # "Per la Protezione civile regionale “…”": a body's view, with no comma
                return _Speaker(text[a:b], a, b, None, None, False)
        return _subject_before_colon(text, start, stop, names, known)
    speaker = _make_speaker(text, *_strip_span(text, *match.span(1)), None, names, known,
                            name_at_end=True)
    if speaker.is_person and speaker.canonical and " " in speaker.canonical:
        return speaker
    if match.re is _FOR_SPEAKER and match.group(2) and not speaker.canonical:
        # the role, then the name: "Pour la secrétaire générale de la CFDT, Nathalie Perrichon,"
        apposed = _make_speaker(text, *_strip_span(text, *match.span(2)), None, names, known,
                                name_at_end=True)
        if apposed.is_person and apposed.canonical and " " in apposed.canonical:
            return apposed
    if names.is_place_or_org(match.start(1), match.end(1)):
        speaker.canonical = None
        return speaker
    return None


# Turkish puts the speech verb at the end of the sentence, after the quote, and the speaker at
# its start: "Bakan X, açıklamasında, “…” ifadelerini kullandı.", "X ise ... belirterek, “…”
# dedi.", "X, kampanyanın “…” başlayacağını da vurguladı." (a few words of the reported clause
# may stand between the quote and the verb).
_TURKISH_CUE_VERBS = _cue_forms("final")
_TURKISH_ATTRIBUTION = re.compile(
    r"[\s,]*(?:[^\W\d_][\w'’]*\s+){0,3}?(" + trie_pattern(_TURKISH_CUE_VERBS)
    + r")(?=\s*(?:[.!?]|$))")
_TURKISH_RELATIVE = re.compile(r"[\s,]*(" + trie_pattern(_cue_forms("relative")) + r")\s+")
# What ends a Turkish subject: a comma, a particle ("X ise", "X da", "X de"), or the quote.
_TURKISH_SUBJECT_END = re.compile(r",|\s+(?:ise|da|de|ta|te|ayrıca|bugün|dün)\b|\s*$")


def _turkish_speaker(text: str, after_close: int, stop: int, sentence_start: int, open_at: int,
                     names: _ArticleNames, known: list[str]) -> _Speaker | None:
    """The speaker of a quote that a Turkish speech verb closes: the name that opens the
    sentence's first clause (a person, or a group: "Vatandaşlar ise “…” dedi")."""
    cue = _TURKISH_ATTRIBUTION.match(text, after_close, stop)
    if cue is None:
        relative = _TURKISH_RELATIVE.match(text, after_close, stop)
        if relative is None:
            return None
        # "“…” diyen Ekincioğlu, ...": the one who said it comes right after
        runs = _name_runs(text, relative.end(), min(stop, relative.end() + 80), names=names)
        if not runs or len(text[relative.end():runs[0][0]].split()) > 3 or any(
                not w.islower() for w in text[relative.end():runs[0][0]].split()):
            return None  # (a role may come first: "diyen esnaf Hüseyin Kaya")
        return _make_speaker(text, relative.end(), runs[0][1], relative.group(1), names, known,
                             name_at_end=True)
    for run_start, run_end, name in _name_runs(text, sentence_start, open_at, names=names):
        if "," in text[sentence_start:run_start]:
            return None
        # What comes before the name is its title and body or a clause about the person
        # ("Tatbikatı ... takip eden İstanbul Valisi X,", "Van ... Üniversitesi ... Öğretim
        # Üyesi Prof. Dr. X,"): long when the name's comma closes the subject.
        closed = text.startswith(",", run_end) and " " in name
        if len(text[sentence_start:run_start].split()) > (16 if closed else 6):
            if closed:
                return None
            continue
        if _TURKISH_SUBJECT_END.match(text, run_end, open_at):
            return _make_speaker(text, *_strip_span(text, sentence_start, run_end),
                                 cue.group(1), names, known, name_at_end=True)
    return None


# The attribution that closes a sentence after a comma: ", ECB policymaker X said on Thursday."
_FINAL_ATTRIBUTION = re.compile(r",\s+([^,;:“”\"«»„]{2,120})")


def _speaker_ending_sentence(text: str, after_close: int, stop: int, sentence_starts: list[int],
                             names: _ArticleNames, known: list[str]) -> _Speaker | None:
    """The speaker of a quote inside reported speech whose attribution ends the sentence: "The
    ECB should keep rates on hold for “quite some time” as inflation is settling, ECB
    policymaker X said on Thursday." Not when a person is named between the quote and that
    clause, nor when the quote ends its sentence."""
    if _ends_sentence(text, after_close):
        return None
    i = bisect.bisect_right(sentence_starts, after_close)
    end = min(stop, sentence_starts[i] if i < len(sentence_starts) else len(text))
    while end > after_close and text[end - 1] in " \n.":
        end -= 1
    comma = text.rfind(",", after_close, end)
    final = _FINAL_ATTRIBUTION.fullmatch(text, comma, end) if comma >= 0 else None
    if final is None:
        return None
    cue = _first_cue(text, final.start(1), end)
    if (cue is None or cue.group(1) in _PARTICIPLE_CUES or cue.start() == final.start(1)
            or _name_runs(text, after_close, final.start(), mentions_only=True, names=names)):
        return None
    speaker = _speaker_before_cue(text, final.start(1), cue, names, known)
    return speaker if speaker is not None and speaker.start >= final.start(1) else None


# "Kahananui's voice breaks as she talks": a quote's speaker seen right after it, without a cue.
_POSSESSIVE_SUBJECT = re.compile(
    r"\s+(" + _UPPER + r"[\w\-]*(?: " + _UPPER + r"[\w\-]*){0,3})['’]s\s+"
    r"(?:voice|eyes|face|hands|tone|smile|laugh|expression|gaze|lips)\b")


def _possessive_speaker(text: str, start: int, stop: int, names: _ArticleNames,
                        known: list[str]) -> _Speaker | None:
    match = _POSSESSIVE_SUBJECT.match(text, start, stop)
    if match is None:
        return None
    speaker = _make_speaker(text, *match.span(1), None, names, known, name_at_end=True)
    return speaker if speaker.is_person and speaker.canonical else None


def _speaker_of_sentence_before(text: str, sentence_starts: list[int], open_at: int,
                                p_start: int, names: _ArticleNames,
                                known: list[str]) -> _Speaker | None:
    """For a quote that opens a sentence, after a sentence of reported speech in the same
    paragraph ("Mbeki said his teams were also treating gunshot wounds. “Many of ...”"), the
    subject of that speech."""
    lead_from = _sentence_start(text, sentence_starts, open_at, p_start)
    if lead_from <= p_start or text[lead_from:open_at].strip():
        return None
    previous = _sentence_start(text, sentence_starts, lead_from - 1, p_start)
    cue = _first_cue(text, previous, lead_from)
    if cue is None or cue.group(1) in _PARTICIPLE_CUES or cue.group(1) == _QUOTED_CUE \
            or not text[previous:cue.start()].strip(" ,"):
        return None
    return _speaker_before_cue(text, previous, cue, names, known)


# "“We will not let this stand.” / That was the message Tuesday from House Speaker Mike
# Johnson ...": a quote alone in its paragraph, attributed by the next one.
_ATTRIBUTING_PARAGRAPH = re.compile(
    r"(?:That|This|Those|These|Such)\s+(?:was|were|is|are|has\s+been|had\s+been)\s+"
    r"(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:message|warning|word|words|verdict|view|reaction|"
    r"response|assessment|promise|plea|pledge|answer|reply|vow|prediction|conclusion|"
    r"position|argument|appeal|call|demand|cry)\b[^.;:!?“”\"]{0,60}?\s(?:from|of|by)\s+")


def _speaker_in_next_paragraph(text: str, start: int, end: int, names: _ArticleNames,
                               known: list[str]) -> _Speaker | None:
    match = _ATTRIBUTING_PARAGRAPH.match(text, start, end)
    if match is None:
        return None
    speaker = _speaker_after_cue(text, _Cue(match.start(), match.end(), "from"), end, names,
                                 known)
    if speaker is None or not speaker.is_person:
        return None
    speaker.cue = None
    return speaker


def _subject_before_colon(text: str, start: int, stop: int, names: _ArticleNames,
                         known: list[str]) -> _Speaker | None:
    """"Kocsis kündigte weitere Aktionen an: „…“", "Jones was blunt: “…”": a sentence that
    opens with a person's name and introduces the quote with a colon."""
    colon = text.rfind(":", start, stop)
    if colon < 0 or text[colon + 1:stop].strip():
        return None
    a, b = _strip_span(text, start, stop)
    for run_start, run_end, name in _name_runs(text, a, b, names=names)[:2]:
        after = text[run_end:run_end + 2].strip()[:1]
        before = text[a:run_start]
        if not (after == "," or after.islower()) or (before and (
                " " not in name or not (_article_and_role(before.rstrip(", ") + " ")
                                        or _only_titles_or_roles(before)))):
            # an article and a role may come first, or a role then the name in commas: "Der
            # Landvolk-Präsident X widersprach:", "Il presidente della Provincia, X, ha
            # condiviso l'appello:"
            continue
        speaker = _make_speaker(text, a, run_end, None, names, known, name_at_end=True)
        return speaker if speaker.is_person and speaker.canonical else None
    return None


def _sentence_subject(text: str, start: int, cue: _Cue, names: _ArticleNames,
                      known: list[str]) -> _Speaker | None:
    """The named subject opening the sentence, for "X did Y, saying “…”"; None when the
    sentence does not open with a name."""
    for chunk_match in _COMMA_CHUNK.finditer(text, start, cue.start()):
        a, b = _strip_span(text, *chunk_match.span())
        if a >= b or _is_introductory(text[a:b]):
            continue
        first_word = text[a:b].split(maxsplit=1)[0]
        if first_word.lower() in _PRONOUNS_SINGULAR:  # "She defended the plan, saying ..."
            return _make_speaker(text, a, a + len(first_word), cue.group(1), names, known,
                                 name_at_end=True)
        runs = _name_runs(text, a, b)
        if runs and len(text[a:runs[0][0]].split()) <= 4:
            end = runs[0][1]
            role = _ROLE_BETWEEN.match(text, end, b)
            then = _CAPITALIZED_RUN.match(text, role.end(), b) if role else None
            if then is not None:
                end = then.end()  # "Scooter maker Ather Energy welcomed it, calling it ..."
            return _make_speaker(text, a, end, cue.group(1), names, known, name_at_end=True)
        unnamed = _UNNAMED_SUBJECT.match(text, a, b)
        if unnamed is not None:
            # "A spokesperson for the company declined to comment ..., saying ...": someone
            # unnamed, not the last named speaker
            return _make_speaker(text, a, unnamed.end(1), cue.group(1), names, known,
                                 name_at_end=True)
        return None
    return None


# An unnamed person, with the body or place they speak for, as the subject before its verb:
# "A spokesperson for the company declined", "One official at the ministry said", "The
# head of the regional office, ..." is not one (a comma ends the chunk before it).
_UNNAMED_SUBJECT = re.compile(
    r"((?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)(?: [a-z][\w-]*){0,3}? (?:" + "|".join(sorted(
        _PERSON_NOUNS | {"source", "representative", "executive", "manager", "director"}))
    + r")s?(?: (?:for|of|at|from|with) (?:the |a |an |its |their )?(?:[\w'’&.-]+ ){0,3}?"
    r"[\w'’&.-]+)?) (?=(?:also |later |then |had |has )?[a-z]+(?:ed|s)\b)")


def _speaker_before_cue(text: str, clause_start: int, cue: _Cue, names: _ArticleNames,
                        known: list[str]) -> _Speaker | None:
    end = cue.start()
    # Both patterns end at the cue: searching only the clause's tail spares a scan of it all.
    tail = max(clause_start, end - _CLAUSE_TAIL)
    reported = _REPORTED_SUBJECT.search(text, tail, end)
    if reported:  # "Wijnands told reporters that he had explained": the subject is "he"
        clause_start = reported.start(1)
    adverbial = _TRAILING_ADVERBIAL.search(text, max(clause_start, tail), end)
    if adverbial:  # "Pompeo on Thursday assured"
        end = adverbial.start()
    while end > clause_start and text[end - 1] in " ,":
        end -= 1
    # Commas split the subject: "In a statement, the company said", "Mark Rutte, a long-time
    # sceptic of common borrowing, said", "Her coach, Patrick Sang, said". Introductory chunks
    # go; then a chunk that is a name wins; else the first chunk (the rest are appositions).
    chunks = [_strip_span(text, *m.span()) for m in _COMMA_CHUNK.finditer(text, clause_start, end)]
    chunks = [(a, b) for a, b in chunks if a < b]
    if not chunks:
        return None
    while len(chunks) > 1 and _is_introductory(text[chunks[0][0]:chunks[0][1]]):
        chunks.pop(0)
    # "Another analyst, Marco X of XP Investments, said": the apposition's name
    chunks[1:] = [(a, _end_of_name_before_employer(text, a, b, names)) for a, b in chunks[1:]]
    opener = _CLAUSE_OPENING.match(text, chunks[-1][0], chunks[-1][1])
    if len(chunks) > 1 and opener is not None:
        # "The agreement calls for ..., though the judge said": the last clause's subject
        chunks = [(opener.end(), chunks[-1][1])]
    last_chunk = text[chunks[-1][0]:chunks[-1][1]]
    if " " in last_chunk and last_chunk.rsplit(None, 1)[-1].lower() in _PRONOUNS_SINGULAR \
            and _is_introductory(last_chunk):
        # "After the verdict he said": an introductory phrase without its comma
        chunks[-1] = (chunks[-1][1] - len(last_chunk.rsplit(None, 1)[-1]), chunks[-1][1])
    if text[chunks[-1][0]:chunks[-1][1]].lower() in _PRONOUNS_SINGULAR | _PRONOUNS_OTHER:
        # "Some governments, she said, “…”": the pronoun next to the cue is the speaker
        return _make_speaker(text, *chunks[-1], cue.group(1), names, known, name_at_end=True)
    named = [(c, name) for c in chunks if len(text[c[0]:c[1]].split()) <= MAX_SPEAKER_WORDS
             and (name := _final_name(text, *c, names))]
    # a full name beats a capitalized word ("Le ministre du Travail, Olivier Dussopt"), and a
    # chunk that is only a name one that ends with a body's ("El director de la Unidad de
    # Gestión del Riesgo, Carlos Carrillo, advirtió")
    start, end = next((c for c, name in named if " " in name and text[c[0]:c[1]] == name),
                      next((c for c, name in named if " " in name),
                           named[0][0] if named else chunks[0]))
    if (start, end) != chunks[0] and _ORG_APPOSITION.match(text, *chunks[0]):
        return _Speaker(text[chunks[0][0]:end], chunks[0][0], end, cue.group(1), None, False)
    start, end = _strip_span(text, start, end)
    lead = _LEADING_CONNECTIVE.match(text, start)
    if lead:
        start = lead.end()
    if start < end and len(text[start:end].split()) > MAX_SPEAKER_WORDS:
        # "A security source who spoke on condition of anonymity because ... said": the
        # unnamed head before a long relative clause speaks
        relative = _UNNAMED_HEAD_THEN_RELATIVE.match(text, start, end)
        if relative is None:
            return None
        end = start + len(relative.group(1))
    if start >= end:
        return None
    return _make_speaker(text, start, end, cue.group(1), names, known, name_at_end=True)


_UNNAMED_HEAD_THEN_RELATIVE = re.compile(
    r"((?:[Aa]n?|[Tt]he|[Oo]ne)(?: [a-z][\w-]*){1,3}),? (?:who|that) ")


_INTRODUCTORY_WORDS = {
    "in", "on", "at", "after", "before", "during", "asked", "speaking", "however", "meanwhile",
    "na", "no", "nas", "nos",  # Portuguese "in the": "Na Escola Secundária de Camões,"
    "separately", "still", "yet", "also", "earlier", "later", "last", "this", "according",
    "for", "with", "without", "despite", "as", "when", "while", "if", "since", "though",
    "although", "but", "and", "so", "nonetheless", "instead", "now", "today", "then", "by",
    "from", "under", "unlike", "like", "besides", "responding", "writing", "addressing",
    # the same in the other cue languages: "Em nota, a empresa afirmou", "Dans un communiqué,
    # le ministère a indiqué", "In una nota, la Regione ha spiegato", "Nach Angaben der Polizei"
    "em", "en", "dans", "nel", "nella", "durante", "après", "tras", "após", "depois", "dopo",
    "selon", "según", "secondo", "nach", "im", "am", "laut", "lors", "mientras", "enquanto",
}


# "The company that runs the plant, Delta Agri Products": a name introduced as a company.
_ORG_APPOSITION = re.compile(r"(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+)?(?:" + "|".join(
    sorted(_ORG_NOUNS)) + r")\b(?!['’]s)", re.IGNORECASE)  # not "The company's chief executive"


@lru_cache(maxsize=8192)  # asked for every word of every name run: most are asked again
def _is_title(word: str) -> bool:
    lowered = word.lower()
    if lowered in _TITLE_WORDS or (lowered.endswith(_TITLE_STEMS) and word[0].isupper()):
        return True
    if word[0].isupper() and lowered.endswith(_COMPOUND_TITLE_STEMS) and any(
            lowered.endswith(stem) and len(lowered) - len(stem) >= _COMPOUND_HEAD_LETTERS
            for stem in _COMPOUND_TITLE_STEMS):
        return True
    return "-" in word and _HYPHENATED_TITLE.fullmatch(word) is not None


# Compounds that are titles: a title with a suffix ("President-elect", "Vice-President"), and
# German's organisation-role compounds ("DWD-Meteorologin", "SPD-Chef", "UN-Sprecherin").
_HYPHENATED_TITLE = re.compile(
    r"(?i:(?:" + "|".join(sorted(re.escape(w) for w in _TITLE_WORDS if w.isalpha()))
    + r")-(?:elect|designate|nominate|in-waiting))"
    r"|(?i:vice|ex|deputy)-\w+"
    r"|[A-ZÄÖÜ]{2,}-" + _UPPER + r"[a-zäöüß]{3,}")


_CLAUSE_TAIL = 100
_COMMA_CHUNK = re.compile(r"[^,]+")
# The subject of a clause reported with "that", right before the cue: "... that he had".
_REPORTED_SUBJECT = re.compile(r"\bthat\s+((?:he|she|they|it|we|I)(?:\s+\w+)?)\s*$")


_CLAUSE_OPENING = re.compile(r"(?:though|although|while|whereas|but|because|since)\s+(?=\S)")


def _is_introductory(chunk: str) -> bool:
    first = chunk.split(maxsplit=1)[0].lower()
    return first in _INTRODUCTORY_WORDS or (first.endswith(("ing", "ed")) and chunk[0].isupper()
                                            and not _name_runs(chunk, 0, len(chunk)))


def _final_name(text: str, start: int, end: int, names: _ArticleNames) -> str | None:
    """The name text[start:end] ends with, if it ends with one."""
    last_word = text[text.rfind(" ", start, end) + 1 or start:end]
    if not last_word[:1].isupper() and "-" not in last_word:  # "al-Jaber" ends a name too
        return None
    runs = _name_runs(text, start, end, names=names)
    return runs[-1][2] if runs and runs[-1][1] == end else None


def _end_of_name_before_employer(text: str, start: int, end: int, names: _ArticleNames) -> int:
    """Where the full name that opens text[start:end] ends when its employer or place follows it
    and nothing else ("Marco Oyarzún-Tello of XP Investments", "Ana Li of the Natural History
    Museum in London": an apposition's name); else `end`."""
    if " of " not in text[start:end] and " at " not in text[start:end]:
        return end  # spares the name runs of most chunks
    runs = _name_runs(text, start, end, names=names)
    if runs and runs[0][0] == start and " " in runs[0][2] \
            and _EMPLOYER_IN_PLACE.fullmatch(text, runs[0][1], end):
        return runs[0][1]
    return end


def _speaker_after_cue(text: str, cue: _Cue, stop: int, names: _ArticleNames,
                       known: list[str]) -> _Speaker | None:
    inverted = _INVERTED_PRONOUN_AFTER.match(text, cue.end(), stop)
    if inverted:  # « … », ajoute-t-il
        return _Speaker(inverted.group(1), inverted.start(1), inverted.end(1), cue.group(1),
                        None, False)
    start = cue.end()
    while start < stop and text[start].isspace():
        start += 1
    if cue.group(1) in _FOREIGN_CUE_SET:  # (not English: "said a BBC reporter")
        aside = _ASIDE.match(text, start, stop)
        if aside is not None:
            start = aside.end()
        start = _after_addressee(text, start, stop, names)
    if (cue.group(1) in _PRO_DROP_CUES and _NO_SUBJECT_AFTER_CUE.match(text, start, stop)
            and not _subject_later(text, start, stop)):
        # "«…», declaró en una entrevista": a phrase of its own, the subject was dropped
        return _Speaker("", cue.end(), cue.end(), cue.group(1), None, False)
    end = start
    # Abbreviation periods (Dr., U.N., Mr.) do not end the phrase.
    for stop_match in _AFTER_SPEAKER_STOP.finditer(text, start, stop):
        if stop_match.group() == "." and _is_abbreviation(text, stop_match.start()):
            continue
        end = stop_match.start()
        break
    else:
        end = stop
    only_name = _WHO_GAVE_ONLY_NAME.match(text, end, stop)
    if only_name:  # "said a taxi driver who gave only his first name, Seydou": up to the name
        end = only_name.end()
    if cue.group(1) in _INDONESIAN_CUE_SET:
        # "kata X di Jakarta", "ujar X kepada wartawan" (an Italian "di" is the role's: "il
        # sindaco di Venezia")
        place = _INDONESIAN_STOP.search(text, start, end)
        if place:
            end = place.start()
    source = _DOCUMENT_FROM.match(text, end, stop)
    if source and _A_DOCUMENT.fullmatch(text, start, end):
        # "according to a statement from the regulator": the regulator speaks
        return _speaker_after_cue(text, _Cue(start, source.end(), cue.group(1)), stop, names,
                                  known)
    apposed = False
    if text[end:end + 1] == ",":
        comma, end = end, _apposed_name_end(text, start, end, stop, names)
        apposed = end != comma
    elif text[end:end + 1].isspace():
        # the role's place or body, then the name: "declaró el portavoz de la Guardia Civil
        # en Sevilla, Andrés Molina", "said the head of the agency in Geneva, Ana Li"
        complement = _ROLE_COMPLEMENT.match(text, end, stop)
        if complement:
            apposed_end = _apposed_name_end(text, start, complement.end(), stop, names)
            if apposed_end != complement.end():
                end, apposed = apposed_end, True
    start, end = _strip_span(text, start, end)
    if cue.group(1).lower() in _GENITIVE_ACCORDING and start < end:
        # "По словам министра Михаила Мурашко": the name in the genitive
        speaker = _make_speaker(text, start, end, cue.group(1), names, known, name_at_end=True)
        if speaker.canonical and _CYRILLIC_WORD.fullmatch(speaker.canonical.split()[0]):
            nominative = _russian_nominative(speaker.canonical, names.first_names)
            speaker.canonical = names.fuller_name(nominative) or nominative
        return speaker
    if start >= end and text[end:end + 1] in (".", "") and (
            cue.group(1) in _PRO_DROP_CUES or cue.group(1) in _FOREIGN_PARTICIPLE_SET):
        # "«…», señaló.", "“…”, ha aggiunto.": the dropped subject, resolved like "he"/"she"
        # (French, which does not drop it, says "a-t-il ajouté")
        return _Speaker("", cue.end(), cue.end(), cue.group(1), None, False)
    if start >= end or len(text[start:end].split()) > MAX_SPEAKER_WORDS:
        return None
    return _make_speaker(text, start, end, cue.group(1), names, known, name_at_end=apposed)


_GENITIVE_ACCORDING = {"по словам", "по мнению"}


def _russian_nominative(name: str, first_names: dict[str, str]) -> str:
    """A Russian name in the genitive in the nominative ("Михаила Мурашко" -> "Михаил
    Мурашко", "Анны Поповой" -> "Анна Попова"), when its first name is a known one; else as
    it is."""
    words = name.split()
    first = words[0]
    nominative = next((stem + ending for stem in (first[:-1],) for ending in ("", "й", "а", "я")
                       if stem + ending in first_names), None)
    if nominative is None or len(words) < 2:
        return name
    female = first_names[nominative] == FEMALE
    rest = []
    for word in words[1:]:
        if female and word.endswith(("овой", "евой", "иной", "ыной")):
            word = word[:-2] + "а"
        elif female and word.endswith(("ской", "цкой")):
            word = word[:-2] + "ая"
        elif female and word.endswith("вны"):  # the patronymic: "Владимировны"
            word = word[:-1] + "а"
        elif not female and word.endswith(("ова", "ева", "ёва", "ина", "ына", "вича", "ича")):
            word = word[:-1]
        elif not female and word.endswith(("ского", "цкого")):
            word = word[:-3] + "ий"
        rest.append(word)
    return " ".join([nominative] + rest)


_INDONESIAN_STOP = re.compile(r"\s(?:di|kepada|dalam|saat|ketika|usai|seusai|pada|melalui|"
                              r"seperti|yang)\s")
# Whom a speaker told, between the cue and the speaker: "contó a EFE", "disse à Lusa",
# "explicó a Europa Press la portavoz ...": an outlet or a body, up to three words.
_ADDRESSEE = re.compile(r"(?:a|à|ao|al)\s+(?:l['’])?((?:" + _UPPER + r"[\w'’.-]*\s+){1,3})(?="
                        + _UPPER + r"|(?:la|el|los|las|o|os|a|as|le|il|lo|son|sa|su|seu|sua)\s)")


# The press as whom the speaker told, in the cue languages: "a déclaré à la presse", "dijo a
# periodistas", "ha detto ai giornalisti", "disse aos jornalistas", "sagte gegenüber Reportern".
_PRESS_ADDRESSEE = re.compile(
    r"(?:(?:à|a|al|ai|alla|agli|aux|ao|aos|à|gegenüber)\s+(?:(?:la|las|los|les|des|l['’]|os|"
    r"as|a|o|el|i|der|den|de)\s+)?(?:" + trie_pattern(_cue_forms("press"))
    # Russian puts whom it told in the dative, without a preposition ("рассказал РИА Новости
    # X", "сказал агентству «Москва» X"; "— сообщает ТАСС." is TASS speaking)
    + r")\b\s*|(?:(?:" + trie_pattern(_cue_forms("press", languages={"ru"}))
    + r")(?:\s+«[^»]{1,40}»)?\s+)+(?=[^\W\d_]))")  # "корреспонденту РИА Новости X"


def _after_addressee(text: str, start: int, stop: int, names: _ArticleNames) -> int:
    """Where the speaker starts after whom the speaker told ("contó a EFE Ana Ruiz", "a déclaré
    à la presse l'avocate générale"), or `start` when no outlet or body is told."""
    press = _PRESS_ADDRESSEE.match(text, start, stop)
    if press is not None:
        return press.end()
    addressee = _ADDRESSEE.match(text, start, stop)
    if addressee is None:
        return start
    at = addressee.start(1)
    for word in addressee.group(1).split():  # the shortest that ends with an outlet's word
        at = text.index(word, at) + len(word)
        if word.isupper() or word.lower() in _ORG_WORDS or names.is_place_or_org(
                addressee.start(1), at):
            while at < stop and text[at].isspace():
                at += 1
            return at
    return start
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "el", "la", "le", "o", "il",
                "der", "die", "das", "son", "sa", "su", "seu", "sua"}  # "son avocat, Me X"
# Where a role is, up to the comma before the person's name: " en Sevilla", " in Geneva",
# " di Venezia", " im Landkreis Harz".
_ROLE_COMPLEMENT = re.compile(
    r"(?:\s+(?:in|at|of|for|en|de|del|di|della|à|em|no|na|do|da|im|am|für|von|der|des|в|на)\s+"
    r"(?:(?:the|la|el|los|las|le|les|il|lo|o|a|der|die|den|dem)\s+)?"
    + _UPPER + r"[\w'’-]*(?:\s+" + _UPPER + r"[\w'’-]*)*)+(?=,)")
_DOCUMENT_FROM = re.compile(r"\s+(?:from|by|issued by|released by)\s+(?=\S)")
# Roles of the other cue languages, for "disse a ministra da Saúde, Nísia Trindade".
_FOREIGN_ROLE_WORDS = {"ministro", "ministra", "ministre", "presidente", "presidenta",
                       "président", "présidente", "portavoz", "porte-parole", "alcalde",
                       "alcaldesa", "maire", "secretario", "secretaria", "secrétaire",
                       "directora", "directeur", "directrice", "jefe", "jefa", "líder",
                       "portavoce", "porta-voz", "sindaco", "sindaca", "prefeito", "prefeita",
                       "député", "députée", "élu", "élue", "juge", "juez", "jueza", "avocat",
                       "avocate", "médico", "médica", "médecin", "medico", "delegado",
                       "delegada", "délégué", "déléguée", "delegato", "delegata", "consejero",
                       "consejera", "conseiller", "conseillère", "consigliere", "concejal",
                       "concejala", "vereador", "vereadora", "diputado", "diputada", "deputado",
                       "deputada", "deputato", "deputata", "fiscal", "abogado", "abogada",
                       "advogado", "advogada", "avvocato", "avvocata", "responsable",
                       "dirigente", "gerente", "comandante", "coronel", "capitán", "teniente",
                       "sargento", "comisario", "comisaria", "procureur", "procureure",
                       "procuradora", "procurador", "prefetto", "prefetta", "préfet", "préfète",
                       "magistrat", "magistrate", "magistrado", "magistrada", "magistrato",
                       "assessore", "assessora", "questore", "vocero", "vocera", "enfermero",
                       "enfermera", "enfermeira", "enfermeiro", "infermiere", "infermiera",
                       "infirmier", "infirmière", "policier", "policière", "bombero",
                       "bombeiro", "pompier", "agricultor", "agricultora", "ingeniero",
                       "ingeniera", "engenheiro", "engenheira", "ingénieur", "ingénieure",
                       "ingegnere", "general", "général", "generale", "avocats",
                       "professor", "professora", "professeur", "professeure", "professore",
                       "professoressa", "profesor", "profesora", "maestro", "maestra",
                       "secretário", "secretária", "secretário-geral", "secretária-geral",
                       "secretario-general", "secretaria-general", "segretario", "segretaria",
                       "chefe", "chef", "cheffe", "capo", "governante", "representante",
                       "docente", "estudante", "estudiante", "studente", "studentessa"}
# Role nouns of the Romance languages by their ending: "commissario", "directeur",
# "pesquisador", "chercheuse", "procuratore", "economista", "epidemiólogo".
_ROMANCE_ROLE_ENDING = re.compile(
    r"(?:ario|aria|ário|ária|aire|tore|trice|dor|dora|eur|euse|ista|iste|ólogo|óloga|ologo|"
    r"ologa|ologue)$")
# A role phrase before the name may run long: "the executive director of the Maine
# Lobstermen's Association, Sheila Monahan".
MAX_ROLE_WORDS = 10
# What may stand between the comma and the name: "the shelter's director, the Rev. Anselmo
# Quiroga".
_ARTICLE_AND_TITLES = re.compile(r"(?:(?:the|a|an)\s+)?(?:\S+\s+){0,3}$")
_ELIDED_ARTICLE = re.compile(r"[lL]['’]\w")  # "l'avocate", "l'avvocato"


# A person who gives one name only: "who gave only his first name, Seydou", "identified
# only by her first name, Amina".
_ONLY_NAME_GIVEN = re.compile(r"\b(?:first|given)\s+name,\s*$")
_WHO_GAVE_ONLY_NAME = re.compile(r"\s+who\s+[^,.;:“”\"]{0,60}?\b(?:first|given)\s+name(?=,)")


def _german_role_of_body(words: list[str]) -> bool:
    """"der Leiter des Landeshochwasserzentrums": a German article, a noun with a role's
    ending, then the body it heads in the genitive (no title list holds "Leiter")."""
    return (len(words) >= 4 and words[0] in ("der", "die") and words[2] in ("des", "der")
            and words[1][:1].isupper() and _GERMAN_ROLE_ENDING.search(words[1]) is not None)


def _apposed_name_end(text: str, start: int, comma: int, stop: int,
                      names: _ArticleNames) -> int:
    """Where the speaker phrase after a cue ends when a role is followed by the person's name
    ("said the health minister, Jane Doe.", "said the bank's chief economist, Ana Li, who",
    "said Tonga's lead negotiator, Ana Li"): after the name; else at the comma. Not for an
    organisation ("said the company, Delta Agri"), nor for a name that starts a phrase of its
    own ("said the minister, Paris ...")."""
    words = text[start:comma].split()
    if not words or len(words) > MAX_ROLE_WORDS or _ORG_APPOSITION.match(text, start, comma):
        return comma
    if _ELIDED_ARTICLE.match(words[0]):  # "l'avocate générale, X": the article, the role
        words = ["le", words[0][2:]] + words[1:]
    first = words[0].lower()
    if first not in _DETERMINERS and not (first.endswith(("'s", "’s")) and words[0][0].isupper()):
        return comma
    if not any(_is_title(w) or w.lower() in _PERSON_NOUNS
               or any(part in _FOREIGN_ROLE_WORDS for part in w.lower().split("-"))
               or (w.islower() and (_DESCRIPTOR_SUFFIX.search(w) or any(
                   _ROMANCE_ROLE_ENDING.search(part) for part in w.split("-"))))
               for w in words[1:]) and not _german_role_of_body(words):
        return comma  # (a compound role: "o economista-chefe do banco Inter, X")
    name_start = comma + 1
    while name_start < stop and text[name_start] == " ":
        name_start += 1
    runs = _name_runs(text, name_start, min(stop, name_start + 60), names=names)
    if not runs or (" " not in runs[0][2]
                    and not _ONLY_NAME_GIVEN.search(text, start, comma + 1)):
        return comma  # (but "a taxi driver who gave only his first name, Seydou")
    before_name = text[name_start:runs[0][0]]
    if before_name and not (_ARTICLE_AND_TITLES.fullmatch(before_name) and all(
            _is_title(w) for w in before_name.split() if w not in ("the", "a", "an"))):
        return comma
    after = text[runs[0][1]:runs[0][1] + 1]
    if after in (",", ".", ";", "") or runs[0][1] == stop or _AFFILIATION.match(
            text, runs[0][1], stop):
        return runs[0][1]  # (or her employer after it: "..., Dr. Ana Li of the Agency.")
    return comma


# What opens a phrase after the verb of a language that drops the subject, so no subject
# follows: prepositions and time words ("declaró en una entrevista", "dijo a los periodistas",
# "disse à imprensa", "заявил в интервью", "dijo este lunes"); not the Portuguese article in
# "disse a ministra".
_NO_SUBJECT_AFTER_CUE = re.compile(
    r"(?:en|ante|durante|tras|desde|con|por|para|sobre|hoy|ayer|anoche|este|esta|al|"
    r"em|no|na|nos|nas|ao|aos|à|às|após|depois|hoje|ontem|neste|nesta|com|"
    r"in|nel|nella|alla|oggi|ieri|per|"
    r"в|во|на|по|после|перед|журналистам|сегодня|вчера|"
    r"a\s+(?:los|las|la|el|un|una|su|sus))\b", re.IGNORECASE)
_PHRASE_PREPOSITIONS = {"en", "a", "ante", "durante", "tras", "desde", "con", "por", "para",
                        "sobre", "de", "del", "al", "em", "no", "na", "nos", "nas", "ao", "aos",
                        "à", "às", "após", "com", "da", "do", "in", "nel", "nella", "alla", "per",
                        "di", "в", "во", "на", "по", "после", "перед", "с", "со", "из"}
_PHRASE_ARTICLES = {"el", "la", "los", "las", "un", "una", "o", "os", "as", "il", "lo", "le",
                    "gli", "i", "les", "su", "sus"}
_SENTENCE_END = re.compile(r"[.;!?]")
_WORD_TOKEN = re.compile(r"[^\W\d_][\w-]*")


def _subject_later(text: str, start: int, stop: int) -> bool:
    """Whether the subject comes after the phrase that follows the verb: "dijo en Madrid el
    presidente ...", "сказал журналистам Песков" (Spanish and Russian put it last). Names and
    articles governed by a preposition ("en la cadena SER", "con El País") are not it."""
    end = _SENTENCE_END.search(text, start, stop)
    words = _WORD_TOKEN.findall(text, start, end.start() if end else stop)
    for k, word in enumerate(words):
        previous = words[k - 1].lower() if k else ""
        if word[0].isupper() and not word.isupper():
            if k and words[k - 1][0].isupper():
                continue  # the rest of a name
            if previous in _PHRASE_ARTICLES and k >= 2:
                previous = words[k - 2].lower()  # "en la Cadena SER": the preposition
            if previous not in _PHRASE_PREPOSITIONS:
                return True
        elif (word.lower() in _PHRASE_ARTICLES and k and previous not in _PHRASE_PREPOSITIONS
              and k + 1 < len(words) and words[k + 1].islower()):
            return True  # "... este lunes el ministro"
    return False


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


def _make_speaker(text: str, start: int, end: int, cue: str | None, names: _ArticleNames,
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
        if name_at_end and _someone_of(text, start, people[-1].start):
            return None, False
        canonical = people[-1 if name_at_end else 0].canonical
        if " " not in canonical:
            canonical = names.full_name_for_surname(canonical, start, known) or canonical
        return canonical, True
    epithet = _EPITHET.match(text[start:end])
    if epithet:
        if not _is_person_epithet(epithet.group()):
            return None, False  # "the Kremlin", "the World Bank"
        name = names.person_described_as(epithet.group(1), start)
        return name, name is not None
    runs = _name_runs(text, start, end, names=names)
    if len(runs) > 1 and text[runs[0][0] - 1] == "«":
        runs = runs[1:]  # a body's name in guillemets: "центра погоды «Фобос» Аркадий Тимохин"
    if not runs:
        word = text[start:end]
        if (word[:1].isupper() and not word.isupper() and " " not in word
                and names.is_place_or_org(start, end)):
            # "disse Montenegro" after "o primeiro-ministro, Luís Montenegro": the person
            full = names.full_name_for_surname(word, start, known)
            if full and " " in full and all(_plain_name_word(w) for w in full.split()[:-1]):
                return full, True
        return None, False
    run_start, run_end, name = runs[-1] if name_at_end else runs[0]
    if _AMPERSAND_BEFORE.search(text, max(start, run_start - 3), run_start) \
            or _AMPERSAND_AFTER.match(text, run_end, end):
        return None, False  # "Preston & Ogle Spirits", "Procter & Gamble": a firm's partners
    if not name_at_end and len(runs) > 1 and (
            (" " not in name and _ROLE_BETWEEN.fullmatch(text, run_end, runs[1][0]))
            or _OWNER_THEN_ROLE.fullmatch(text, run_end, runs[1][0])):
        # "said Tampa resident Kevin Walsh", "said British Cycling's performance director X"
        run_start, run_end, name = runs[1]
    employed = next((run for run in runs[:-1] if _EMPLOYER_AFTER.fullmatch(text, run[1], end)),
                    None) if name_at_end and len(runs) > 1 else None
    if employed is None and name_at_end and len(runs) > 1 \
            and _AFFILIATION.fullmatch(text, runs[-2][1], run_start) \
            and not text[run_end:end].strip(" ,."):
        employed = runs[-2]
    if employed is not None:
        # "Analyst Ana Li of Yuanta Investment Consulting said", "Dr. Ana Li of Children's
        # Healthcare of Atlanta said": the person, not her employer
        run_start, run_end, name = employed
    elif name_at_end and text[run_end:end].strip(" ,.") != "" \
            and not _EMPLOYER_AFTER.fullmatch(text, run_end, end):
        # (but "Det Insp X of South Wales Police said": the person, and the force she is in)
        return None, False
    if name_at_end and _someone_of(text, start, run_start):
        return None, False
    if (not name_at_end and " " in name and _GERMAN_ARTICLES.fullmatch(text[start:run_start])
            and len(name.split()) >= 3):
        # "sagte der Krankenpfleger Dominik Auerhammer": after an article a capitalized word is
        # a noun (German names take none), so the name is what follows it
        noun = name.split()[0]
        name = name[len(noun):].lstrip()
        run_start = text.index(name, run_start + len(noun))
    if not name_at_end and not _only_titles_or_roles(text[start:run_start]) and not (
            " " in name and _article_and_role(text[start:run_start])) and not (
            _russian_name_ends(text, run_end, end, name, names)) and not (
            " " not in name and _is_person_epithet(text[start:run_start].strip())):
        # (an epithet before a surname is the person's: "said the 23-year-old Baldacchino")
        return None, False  # "said a spokesman for Omar Haddad": the name is not the speaker
    if " " in name:
        if not names.is_person_name(name, one_word=False):
            return None, False
        return names.fuller_name(name) or name, True
    full = names.full_name_for_surname(name, start, known)
    if full is not None and full not in known and not names.is_person_name(full, one_word=False):
        return None, False  # "Dexmoor said" after "supplier Dexmoor Components": the company
    full = full or _vocabulary_person(name)
    if full is not None:
        return full, True
    # A lone name with no full form in the article ("said Mariam, 15"): the name itself, when
    # the phrase is nothing else (so "forces in Syria" does not make Syria a speaker) and the
    # article treats it as a person ("Airbus said" is not one).
    if not text[run_end:end].strip(" ,.") and (
            (_only_titles_or_roles(text[start:run_start])
             and names.is_person_name(name, one_word=True))
            or _ONLY_NAME_GIVEN.search(text, start, run_start)):
        return name, True
    return None, False


_AMPERSAND_BEFORE = re.compile(r"&\s*$")
_AMPERSAND_AFTER = re.compile(r"\s*&\s*\w")


def _russian_name_ends(text: str, run_end: int, end: int, name: str,
                       names: _ArticleNames) -> bool:
    """Whether a speaker phrase ends with a Russian full name, a known first name in the
    nominative: what stands before it is the person's role and body in the genitive ("ведущий
    аналитик Института аграрного рынка Тимофей X"); a name in the genitive ("адвокат Ивана X")
    has no known first name."""
    first = name.split(maxsplit=1)[0]
    return (" " in name and not text[run_end:end].strip(" ,.")
            and _CYRILLIC_WORD.fullmatch(first) is not None
            and names.first_names.get(first) in (MALE, FEMALE))


# The articles before a role that stands before a person's full name, in the cue languages.
_ROLE_ARTICLES = {"the", "a", "an", "o", "el", "la", "le", "il", "lo", "un", "une", "una", "uno",
                  "um", "uma", "der", "die", "den", "dem", "ein", "eine", "einer", "einem"}
_GERMAN_ARTICLES = re.compile(r"(?:der|die|den|dem|ein|eine|einer|einem)\s+")
# Role nouns that name a kind of body, not of person: "the broadcaster Al Jazeera", "le
# distributeur Carrefour Market", "la aseguradora Mapfre Vida".
_BODY_ROLE_NOUNS = _ORG_NOUNS | set((
    "publisher group network consultancy regulator watchdog operador opérateur operatore "
    "distributeur distribuidor distributore fournisseur proveedor fornitore fornecedor "
    "constructeur constructora construtora costruttore assureur aseguradora seguradora "
    "diffuseur emisora emissora éditeur editorial editora editore producteur productora "
    "produttore produtora transporteur transportista fabricante concessionária concesionaria"
).split())


_DOMAIN_WORD = re.compile(r"(?:\w+['’])?" + _UPPER + r"[\w'’-]*")
_DOMAIN_PREPOSITIONS = {"de", "del", "della", "di", "do", "da", "des", "du", "of"}


def _article_and_role(words: str) -> bool:
    """Whether `words`, before a person's full name, are an article and a role: "said the
    spokeswoman", "explicou a meteorologista", "a déclaré l'avocate générale", "sagte der
    Krankenpfleger" (a German noun after an article, whatever it is). Not "said the
    broadcaster", "a spokesman for"."""
    tokens = words.split()
    if tokens and _ELIDED_ARTICLE.match(tokens[0]):  # "l'avocate"
        tokens = [tokens[0][:2], tokens[0][2:]] + tokens[1:]
    # the role's domain before the name: "il ministro dell'Interno", "la ministra de Sanidad"
    # (not "l'avvocato di": the name after a bare preposition is another person)
    k = len(tokens)
    while k > 2 and _DOMAIN_WORD.fullmatch(tokens[k - 1]):
        k -= 1
    if 2 < k < len(tokens) and tokens[k - 1].lower() in _DOMAIN_PREPOSITIONS:
        k -= 1
    tokens = tokens[:k]
    if not 2 <= len(tokens) <= 4:
        return False
    article = tokens[0].lower()
    if article not in _ROLE_ARTICLES and article not in ("l'", "l’"):
        return False
    if article in ("der", "die", "den", "dem", "ein", "eine", "einer", "einem"):
        # ("sagte der Linken-Abgeordnete X")
        return len(tokens) == 2 and tokens[1][0].isupper() and tokens[1].replace("-", "").isalpha()
    for k, word in enumerate(tokens[1:], 1):
        lowered = word.lower()
        if lowered in _BODY_ROLE_NOUNS or lowered in _OBJECT_MARKERS:
            return False
        if not (lowered in _PERSON_NOUNS or lowered in _FOREIGN_ROLE_WORDS or _is_title(word)
                or (word.islower() and _ROMANCE_ROLE_ENDING.search(word))
                # an English role's lower-case modifiers: "the team's performance director"
                or (k < len(tokens) - 1 and article in ("the", "a", "an")
                    and re.fullmatch(r"[a-z-]+(?:['’]s)?", word))):
            return False
    return True


def _someone_of(text: str, start: int, name_start: int) -> bool:
    """Whether the speaker phrase text[start:...] is someone related to the name at
    `name_start`, not that person: "A spokesman for John Smith", "the son of Ana Li", "The
    lawyer representing Ana Li"."""
    before = text[start:name_start].split()
    while before:
        if before[-1].lower() in ("the", "a", "an") or _is_title(before[-1]):
            before.pop()  # "A spokesman for Governor Ellen Marsh"
        elif (len(before) >= 2 and before[-1] in ("of", "for", "on") and before[-2][0].isupper()
              and _is_title(before[-2])):
            del before[-2:]  # a title's portfolio: "for Secretary of State Mike Pompeo"
        else:
            break
    if len(before) == 2 and _plural_person_noun(before[0]) and before[1] in _OBJECT_MARKERS:
        return True  # "Analysts at Vantor Commodities said": people there, not the firm
    if len(before) < 2 or before[0].lower() not in _DETERMINERS:
        return False
    if before[-1] in _ON_BEHALF_OF:
        return True
    # "the son of", "a friend of"; not a title's portfolio ("The Secretary of State")
    return (before[-1] in _OBJECT_MARKERS and before[-1] not in ("and", "or")
            and not _is_title(before[-2]) and before[-2].lower() not in _FOREIGN_ROLE_WORDS)


_ON_BEHALF_OF = {"for", "to", "representing", "behind", "pour", "para", "per", "für"}


def _plural_person_noun(word: str) -> bool:
    """"Analysts", "Officials", "Residents": people of a kind, with no article."""
    lowered = word.lower()
    return lowered.endswith("s") and (lowered[:-1] in _PERSON_NOUNS
                                      or lowered[:-1] in _TITLE_WORDS)


# Between a person's name and the place or employer after it: "Ana Li of Oxfam".
_AFFILIATION = re.compile(r"\s+(?:of|from|at|with)\s+(?:the\s+)?")
# An employer or a place, all of it, after a name: " of South Wales Police", " at the Bank of
# England".
_EMPLOYER_AFTER = re.compile(
    _AFFILIATION.pattern + _UPPER + r"[\w'’.&-]*(?:\s+(?:" + _UPPER
    + r"[\w'’.&-]*|of|and|for|on|&|de|du|des|del|für))*[\s,.]*")
# The same, then the employer's city: " of the Natural History Museum in London".
_EMPLOYER_IN_PLACE = re.compile(_EMPLOYER_AFTER.pattern + r"(?:\s+in\s+" + _UPPER
                                + r"[\w'’.-]*(?:\s+" + _UPPER + r"[\w'’.-]*)*[\s,.]*)?")
# Prepositions and articles, of every cue language, that make the next name an object.
_OBJECT_MARKERS = (_FUNCTION_WORDS | _FOREIGN_FUNCTION_WORDS | _PHRASE_PREPOSITIONS
                   | _PHRASE_ARTICLES) - {"a", "o"}  # "a"/"o": also Portuguese "the"
# Lower-case role words between a place or employer and a name ("Tampa resident", "Google
# engineer").
_ROLE_BETWEEN = re.compile(
    r"(?:\s+(?!(?:" + "|".join(sorted(_FUNCTION_WORDS)) + r")\b)[a-zа-яё]+){1,2}\s+")
# The rest of an owner's name, its "'s", then the role: " Cycling's performance director ".
_OWNER_THEN_ROLE = re.compile(r"(?:\s+" + _UPPER + r"[\w-]*)*['’]s(?:\s+(?!(?:"
                              + "|".join(sorted(_FUNCTION_WORDS)) + r")\b)[a-z-]+){1,3}\s+")


# Indonesian titles that take the body or the place they head right after them ("Kepala
# Basarnas Cilacap", "Bupati Garut", "Wali Kota Semarang").
_HEAD_OF = {"kepala", "ketua", "bupati", "gubernur", "camat", "lurah", "kota", "walikota",
            "kapolres", "kapolda", "kapolsek", "direktur", "utama"}


def _only_titles_or_roles(words: str) -> bool:
    """'Secretary of State', 'lead author Prof', 'Tampa resident': what may stand before a
    name after the cue. A capitalized word there is a place or an employer as long as a role
    word follows it ("Tampa resident Kevin Walsh", "Google engineer Ana Li")."""
    tokens = words.split()
    if tokens and (tokens[0].lower() in ("a", "an", "the") or tokens[-1] in _OBJECT_MARKERS):
        # "a spokesman for", "il commissario straordinario per il": the name after it is
        # the object, not the speaker
        return False
    if tokens and ((tokens[-1].islower() and tokens[-1] not in _FUNCTION_WORDS)
                   or _is_title(tokens[-1])):
        return True
    if len(tokens) >= 2 and tokens[-2].islower() and _CYRILLIC_WORD.fullmatch(tokens[-1]):
        return True  # "министр финансов России": a country in the genitive ends the title
    portfolio = False  # "Commissioner for Refugees", "Secretary of Energy": the title's domain
    for k, w in enumerate(tokens):
        if k and _is_title(tokens[k - 1]) and (w in ("for", "of", "on")
                                              or w.lower() in _ORG_WORDS
                                              or tokens[k - 1].lower() in _HEAD_OF):
            # ... or the body it heads: "Kepala Dinas Perhubungan", "Kepala Basarnas
            # Cilacap" (Indonesian "head" takes its body's name right after it)
            portfolio = True
        elif k and w.lower() in _ORG_WORDS and any(map(_is_title, tokens[:k])):
            # a title, its agency's acronym, then the office: "prakirawan BMKG Stasiun
            # Klimatologi Jawa Tengah"
            portfolio = True
        elif not (portfolio or _is_title(w) or w.islower() or _DESCRIPTOR_SUFFIX.search(w)
                  or _AGENT_NOUN.search(w) or (w.isupper() and len(w) > 1)):
            return False
    return True


def _name_runs(text: str, start: int, end: int, mentions_only: bool = False,
               names: _ArticleNames | None = None) -> list[tuple[int, int, str]]:
    """Person-name candidates in text[start:end]: runs of capitalized words with titles,
    organisation names and generic openers removed; (start, end, name).

    Organisation words and, with `names`, mentions of places and organisations cut a run: what
    follows them is a name only when it is two words or more after a title ("Chicago Police
    Superintendent Larry Snelling", "Bank of England Governor Andrew Bailey"). A place word at
    the end of a name is a surname ("State Sen. Jen Jordan").

    With `mentions_only` (names in running text, not in a speaker phrase) a run must also look
    like a person: introduced by a title, a comma or a role noun, not by a preposition ("for
    Countering Violent Extremism") and without acronyms."""
    if names is not None:
        cached = names.runs_cache.get((start, end, mentions_only))
        if cached is not None:
            return cached
    runs: list[tuple[int, int, str]] = []
    first_names = names.first_names if names is not None else _first_names()
    current: list[tuple[int, int, str]] = []
    previous_run_end: int | None = None  # end of the last run, when it named an organisation

    def flush() -> None:
        nonlocal previous_run_end
        if not current:
            return
        tokens = current[:]
        current.clear()
        n = len(tokens)
        words = [t[2] for t in tokens]
        lowered = [w.lower() for w in words]
        org_word = [w in _NOT_NAME_WORDS or (len(w) > 9 and (
            w.endswith(_GERMAN_BODY_ENDINGS) or w[:-1].endswith(_GERMAN_BODY_ENDINGS)))
            for w in lowered]  # (and the genitive: "des Arbeitgeberverbands")
        organisation = org_word[:] if names is None else [
            org_word[k] or names.is_place_or_org(t[0], t[1]) for k, t in enumerate(tokens)]
        if (n >= 2 and organisation[-1] and not org_word[-1] and not organisation[-2]
                and _plain_name_word(words[-2])):
            organisation[-1] = False  # "Jen Jordan": a surname, not the country
        if (n >= 2 and organisation[0] and not org_word[0]
                and first_names.get(words[0]) in (MALE, FEMALE)
                and lowered[0] not in _COMMON_WORD_NAMES
                and not any(organisation[1:]) and all(map(_plain_name_word, words[1:]))):
            organisation[0] = False  # "Sofia Ribeiro": a first name, not the capital
        titles = [_is_title(w) for w in words]
        if n >= 2 and titles[-1] and not titles[-2] and _plain_name_word(words[-2]) \
                and any(w in first_names for w in words[:-1]):
            # a title comes before a name: "Emily Field", "John Major" (not "High
            # Commissioner")
            titles[-1] = False
        first = next((k for k in range(n) if not titles[k]), n)
        if (0 < first < n - 1 and organisation[first] and not org_word[first]
                and first_names.get(words[first]) in (MALE, FEMALE)
                and not any(organisation[first + 1:])
                and all(map(_plain_name_word, words[first + 1:]))):
            # "Economy Minister Santiago Urtubey-Ocampo": after titles too, a first name
            # opens the name, whatever place shares it
            organisation[first] = False
        if "M." in words:
            for k in range(1, n):
                if words[k] == "M." and not titles[k - 1]:
                    titles[k] = False  # "John M. Smith": an initial; "M. Barnier": Monsieur
        for k in range(n - 3, 0, -1):
            if words[k].isupper() and len(words[k]) > 1 and not _ROMAN.fullmatch(words[k]) \
                    and not _INITIALS.fullmatch(words[k]):
                titles[k] = True  # "Boeing CEO Kelly Ortberg": an acronym before a full name
                break
        if previous_run_end is not None and \
                _ORG_CONNECTOR.match(text, previous_run_end, tokens[0][0]):
            # "... of Health and Social Care": up to the first title, the same body
            body_end = titles.index(True) if True in titles else n
            # "High Commissioner for Human Rights Volker Türk", "for Refugees Filippo Grandi":
            # a first name after the body's first word, with a surname after it, starts the
            # person (not a word that is also a name: "for Peace and Justice")
            body_end = next((k for k in range(1, min(body_end, n - 1))
                             if words[k] in first_names
                             and lowered[k] not in _COMMON_WORD_NAMES), body_end)
            organisation[:body_end] = [True] * body_end
        cut = next((k for k in range(n - 1, -1, -1) if organisation[k] or titles[k]), -1)
        named_organisation = True in organisation
        previous_run_end = tokens[-1][1] if named_organisation else None
        if named_organisation and sum(w not in _NAME_PARTICLES for w in lowered[cut + 1:]) < 2:
            return  # (the rest of the body's name: "Ordem dos Médicos", "Junta de Andalucía")
        if mentions_only and (_role_then_name(text, tokens[-1][1])
                              or _ROLE_AFTER_EMPLOYER.match(text, tokens[-1][1])):
            # "Blue Origin spokeswoman Linda Mays", "X, South Asia researcher at ...": an
            # employer or a place
            return
        if mentions_only and cut >= 0 and lowered[cut] in _HEAD_OF \
                and text.startswith(",", tokens[-1][1]) \
                and not any(w in first_names for w in words[cut + 1:]):
            return  # "Penjabat Bupati Flores Timur, Yohanes X": the place a title heads
        if (cut >= 0 and (lowered[cut] in _ORG_WORDS or lowered[cut] in _PLACE_KINDS)
                and not titles[cut]
                and (mentions_only or n - cut > 3)
                and not any(w in first_names for w in words[cut + 1:])):
            # "told BBC Sport Wales", "Badan Penanggulangan Bencana Daerah", "Jardim Campo
            # Belo": the rest of the body's or the place's name, no person in it
            return
        if mentions_only and cut < 0:
            if not _GERMAN_PARTICLES.isdisjoint(words) and not any(
                    w in first_names for w in words):
                return  # German nouns joined by a particle: "Landwirte zu Vorsicht"
            if any(len(w) > 7 and w.endswith(_GERMAN_NOUN_ENDINGS) and w not in first_names
                   for w in words):
                return  # a German noun: "Betriebsbedingte Kündigungen" is no person
            if lowered[0] in _PLACE_PREPOSITIONS or lowered[0] in _FOREIGN_PLACE_PREPOSITIONS:
                return  # "In Khan Younis, ...", "Em São Leopoldo, ...": a place
            previous = _PREVIOUS_WORD.search(text, max(0, tokens[0][0] - 40), tokens[0][0])
            if previous and (previous.group(1).lower() in _FUNCTION_WORDS
                             or previous.group(1).lower() in _PLACE_PREPOSITIONS
                             or previous.group(1) in _FOREIGN_FUNCTION_WORDS):
                # "outside Eagle River, Brenda Zastrow": a place
                return
            if any(w.isupper() and len(w) > 1 and not _ROMAN.fullmatch(w) for w in words):
                return
            if (text.endswith(", ", 0, tokens[0][0])
                    and _CITY_THEN.search(text, max(0, tokens[0][0] - 60), tokens[0][0])
                    and _END_OF_PLACE.match(text, tokens[-1][1])
                    and not any(w in first_names for w in words)
                    and not _PERSON_AFTER.match(text, tokens[-1][1], tokens[-1][1] + 80)):
                # "a store in Paramus, New Jersey, ...": the city's state or country (not
                # "the crossing in Chad, Halima Adam, a mother of five")
                return
        i = cut + 1
        while (n - i > 1 and words[i].isupper() and not _ROMAN.fullmatch(words[i])
               and not _INITIALS.fullmatch(words[i])
               and not (n - i >= 3 and _one_letter_name_word(text, words[i]))):
            # a leading acronym is a title or an employer: "CEO", "UNICEF" (not "J.W.", nor the
            # Ede "Y" of "Y Thanh Niê" where "y" is no word of the article's language)
            i += 1
        while i < n and lowered[i] in _NOT_A_NAME_START and not (
                words[i] == "He" and n - i == 2 and _inside_sentence(text, tokens[i][0])) \
                and not (lowered[i] in _KUNYA_GENDER and n - i >= 2 and words[i][0].isupper()):
            # ... but "spokesperson He Yadong" is a Chinese surname, not "he", and "Abu
            # Mohammed al-Julani" opens with his kunya ("father of"), part of the name
            i += 1
        # A word that describes rather than names ("American Tommy Paul", "NASA Administrator
        # Bill Nelson") goes while two name words still follow it: no title list is complete.
        while (i < n and (_DESCRIPTOR_SUFFIX.search(words[i]) or lowered[i] in _KIN_AND_ROLE_NOUNS
                          or lowered[i] in _ACHIEVEMENT_NOUNS  # "Winger Kofi Mensah-Barnes"
                          or (lowered[i].endswith("er") and words[i] not in first_names))
               and sum(w not in _NAME_PARTICLES for w in lowered[i + 1:]) >= 2
               # a first name is the name's ("Noor Ahmad Zaheer", "Brian Patrick Kelly")
               and (words[i] not in first_names or _is_demonym(words[i]))
               and (i > 0 or _is_demonym(words[i])
                    or not _after_lower_case_role(text, tokens[0][0]))):
            # ... and so does a role noun opening a sentence ("Resident Marcus Tolliver",
            # "Forecaster Maren Holt"; not "Heather Anne Smith"), but not right after a role
            # in lower case: "spokesman Anwer Saleem Khattak" has his role already
            i += 1
        if mentions_only and cut < 0 and (n - i == 1 or (n - i == 2 and _is_demonym(words[i]))):
            return  # "In Pontypridd" is no person; "Australian Open", "British Airways" neither
        if i >= n or lowered[-1] in _NAME_PARTICLES:
            return
        if any(w in _NOT_NAMES for w in lowered[i:]):
            return
        if n - i == 1 and (words[i].isupper() or "." in words[i]):
            return  # an acronym (ISIS, U.N.), not a surname
        if cut >= 0 and organisation[cut] and n - i >= 3 and words[i] not in first_names:
            # the rest of the body's name, then the person at a known first name: "Kepala
            # Dinas Perhubungan Budi Santoso" (the head of the transport office); not past a
            # particle ("bin Hamad"), and not after a title, where an unknown first name comes
            # before a known one ("Defense Minister Abdikadir Mohamed Warsame")
            for k in range(i + 1, min(n - 1, i + 4)):
                if lowered[k] in _NAME_PARTICLES:
                    break
                if words[k] in first_names:
                    if (first_names[words[k]] in (MALE, FEMALE)
                            and lowered[k] not in _COMMON_WORD_NAMES):
                        i = k
                    break
        if n - i > 5:
            i = n - 2  # a long capitalized run is a title or a heading, not a name
        if (i == 0 and n >= 3 and tokens[0][0] > 1 and text[tokens[0][0] - 1] in "'’"
                and text[tokens[0][0] - 2].islower()):
            # an elided article's domain: "il ministro dell'Interno Matteo Piantedosi"
            i = next((k for k in range(1, n - 1)
                      if first_names.get(words[k]) in (MALE, FEMALE)), 1)
        if i == 0 and n >= 3 and _title_portfolio_before(text, tokens[0][0]):
            # a title's domain before the name: "High Commissioner for Refugees Filippo
            # Grandi", "Minister of Foreign Affairs Ana Li": the person starts at a first name
            i = next((k for k in range(1, n - 1)
                      if first_names.get(words[k]) in (MALE, FEMALE)), 0)
        while (n - i >= 3 and words[i] not in first_names
               and first_names.get(words[i + 1]) in (MALE, FEMALE)
               and (_CYRILLIC_WORD.fullmatch(words[i]) or lowered[i] in _PERSON_NOUNS
                    # a German feminine role: "Personalvorständin Annegret X"
                    or (lowered[i].endswith("in") and first_names[words[i + 1]] == FEMALE)
                    or (_AGENT_NOUN.search(words[i])
                        and (i > 0 or not _after_lower_case_role(text, tokens[0][0]))))):
            # A word before a known first name describes the person when it is a role
            # ("Farmer Gareth Hollins", "Meteorologist Ana Li") or, as Russian puts it after
            # the title in the genitive, the place: "Президент России Владимир Путин". Any
            # other word is part of the name: "Abdikadir Mohamed Warsame", "Tran Minh Chau".
            i += 1
        if cut >= 0 and lowered[cut] in _LEADING_PLACE_KINDS and words[i] not in first_names:
            # Indonesian names the kind of place first, then the place, of any length
            # ("Kelurahan Panjang Baru"): a person after it starts at a known first name, or
            # after the place the article names elsewhere ("di Kabupaten Bandung Barat")
            i = next((k for k in range(i + 1, n - 1)
                      if first_names.get(words[k]) in (MALE, FEMALE)), None) or next(
                (j for j in range(n - 2, i, -1) if _used_as_place(text, " ".join(words[i:j]))),
                n)
            if i >= n:
                return
        if n - i >= 3 and 0 <= cut == i - 1 and words[i] not in first_names:
            # a title or a body, the place it governs, then the name: "Wali Kota Semarang
            # Retno Widyaningsih" when the article writes "di Semarang", "Dinas Kesehatan
            # Kabupaten Bandung Barat Ratna X" after "di Kabupaten Bandung Barat"; an
            # agency's one-word name may come between: "Kepala Basarnas Cilacap Bagus X"
            placed = next((j for j in range(n - 2, i, -1)
                           for k in range(i, min(j, i + 2))
                           if _used_as_place(text, " ".join(words[k:j]))), None)
            if placed is None and any(w in _HEAD_OF for w in lowered[:cut + 1]):
                # a place the article names no other way ("Kepala BPBD Jawa Barat Dani X"):
                # the person starts at a known first name, else is the last two words
                placed = next((k for k in range(i + 1, n - 1)
                               if first_names.get(words[k]) in (MALE, FEMALE)
                               and lowered[k] not in _COMMON_WORD_NAMES),
                              n - 2 if n - i >= 4 else None)
            i = placed or i
        if (i == 0 and n >= 3 and words[0] not in first_names
                and first_names.get(words[1]) in (MALE, FEMALE)
                and _role_of_subject_before(text, tokens[0][0])):
            # a role's subject, then the name: "a professora de Matemática Teresa Lousada",
            # "teacher of English Anna Kowalski"
            i = 1
        if (lowered[-1][-1:] in "йех" and lowered[-1].endswith(_RUSSIAN_ADJECTIVE_ENDINGS)
                and all(_CYRILLIC_WORD.fullmatch(w) and w not in first_names
                        for w in words[i:])):
            return  # "Эксперт Высшей школы экономики": a role and a body's adjective
        if (n - i >= 3 and words[-1].lower().endswith(_SLAVIC_SURNAME_ENDINGS)
                and all(_CYRILLIC_WORD.fullmatch(w) for w in words[i:])):
            # A Russian name is a first name and a surname, with the patronymic between them
            # when there is one: what comes before is the place or the body in the genitive
            # after a title, or a role opening the sentence ("глава администрации Тамбова
            # Олег Гречишников", "Жительница Тамбова Айталина Егорова"), whatever the first
            # name
            i = n - (3 if words[-2].lower().endswith(_PATRONYMIC_ENDINGS) else 2)
        runs.append((tokens[i][0], tokens[-1][1], " ".join(words[i:])))

    for run in _CAPITALIZED_RUN.finditer(text, start, end):
        group = run.group()
        if mentions_only and " " not in group:
            continue  # lone capitalized words in running text: the caller matches surnames
        at = run.start()
        for word in group.split(" "):
            word_start, at = at, at + len(word) + 1
            sentence_end = (word.endswith(".")
                            and not _is_abbreviation(text, word_start + len(word) - 1))
            if sentence_end:
                word = word[:-1]
            if word.endswith(("’s", "'s")):
                flush()
                continue
            if word[0].isupper() or current:
                current.append((word_start, word_start + len(word), word))
            if sentence_end:
                flush()  # "... an EF-3. Meteorologist Tran Minh Chau": two sentences
        flush()
    if names is not None:
        names.runs_cache[start, end, mentions_only] = runs
    return runs


# "in Semarang", "di Semarang", "en Sevilla", "em Lisboa", "à Arras", "в Тамбове" (a place)
_PLACE_BEFORE = (r"(?:(?:\b(?:in|at|near|di|en|em|à|no|na|im|nach|al)|(?<!\w)(?:в|во))\s+"
                 r"(?:(?:Kota|Kabupaten|Kecamatan|Kelurahan|Provinsi)\s+)?"
                 # Indonesian names a place by its kind: "Desa Cibeunying, Kabupaten Cilacap"
                 r"|\b(?:Kota|Kabupaten|Kecamatan|Kelurahan|Provinsi|Desa)\s+)")


_LEADING_PLACE_KINDS = {"kota", "kabupaten", "kecamatan", "kelurahan", "provinsi", "desa"}
_ROLE_THEN_OF = re.compile(r"(\w+)\s+(?:of|de|di|do|da|del|della|für)\s+$")


def _role_of_subject_before(text: str, at: int) -> bool:
    """Whether a role in lower case and "of"/"de" come right before `at`."""
    match = _ROLE_THEN_OF.search(text, max(0, at - 40), at)
    if match is None or not match.group(1).islower():
        return False
    role = match.group(1)
    return (role in _PERSON_NOUNS or role in _FOREIGN_ROLE_WORDS or role in _TITLE_WORDS
            or _ROMANCE_ROLE_ENDING.search(role) is not None)


def _used_as_place(text: str, word: str) -> bool:
    """Whether the article puts `word` right after a preposition of place."""
    return word in text and _place_pattern(word).search(text) is not None


@lru_cache(maxsize=4096)  # compiled once per word (re's own cache is shared and small)
def _place_pattern(word: str) -> re.Pattern:
    return re.compile(_PLACE_BEFORE + re.escape(word) + r"\b")


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_PATRONYMIC_ENDINGS = ("вич", "вна", "ична", "ич")
_SLAVIC_SURNAME_ENDINGS = _MALE_SURNAME_ENDINGS + _FEMALE_SURNAME_ENDINGS
# Adjectives, never a surname's ending (not "-ий", "-ая": Горький, Толстая).
_RUSSIAN_ADJECTIVE_ENDINGS = ("ой", "ей", "ый", "ое", "ые", "их", "ых")


def _after_lower_case_role(text: str, at: int) -> bool:
    """Whether a role in lower case ("spokesman", "resident", "economist") is the word before
    the name at `at`."""
    before = _PREVIOUS_WORD.search(text, max(0, at - 40), at)
    if before is None:
        return False
    word = before.group(1)
    return word.islower() and (word in _PERSON_NOUNS or word in _TITLE_WORDS
                               or word.endswith(("man", "woman", "person"))
                               or _AGENT_NOUN.search(word) is not None)


_TITLE_THEN_PREPOSITION = re.compile(r"(\S+)\s+(?:for|of|on)\s+$")


def _title_portfolio_before(text: str, at: int) -> bool:
    """Whether a title and its preposition come right before `at`: "Commissioner for "."""
    match = _TITLE_THEN_PREPOSITION.search(text, max(0, at - 40), at)
    return match is not None and _is_title(match.group(1))


# Agent nouns that open a name run as a role: "Farmer", "Meteorologist", "Negotiator".
_AGENT_NOUN = re.compile(r"[a-z](?:er|or|ist|ian|ant|ent)$")
# One or two lower-case words, then a capital: "president Jackson", "chief economist Diane".
_LOWER_WORDS_THEN_CAPITAL = re.compile(r" ((?:[a-z][\w-]* ){1,2})" + _UPPER)


# After a place or an employer, a job that ends the phrase: " researcher at", " analyst,".
_ROLE_AFTER_EMPLOYER = re.compile(
    r" (?:[a-z]+ )?[a-z]+(?:er|or|ist|yst|ian|ant|ent)(?= at\b| with\b|[,.])")


def _role_then_name(text: str, at: int) -> bool:
    """Whether a role follows `at` and a name follows the role: what comes before it ("Blue
    Origin spokeswoman Linda Mays", "Goldman Sachs chief economist Jan Hatzius") is the
    person's employer or place, not another person."""
    match = _LOWER_WORDS_THEN_CAPITAL.match(text, at)
    # every word a role ("chief economist"): "Maria Keller told reporter Sam Reid" names two
    return match is not None and all(
        word not in _FUNCTION_WORDS and word not in _CONNECTIVES
        and (word in _TITLE_WORDS or word in _PERSON_NOUNS or _DESCRIPTOR_SUFFIX.search(word))
        for word in match.group(1).split())
# "... in Paramus, " before a capitalized run that ends at a comma or the sentence's end.
_CITY_THEN = re.compile(r"\b(?:in|at|near|from|outside)\s+" + _UPPER + r"[\w.'’-]*"
                        r"(?:\s" + _UPPER + r"[\w.'’-]*){0,2},\s+$")
_END_OF_PLACE = re.compile(r"\s*(?:[,;:!?]|\.(?:\s|$)|$)")
_PLACE_PREPOSITIONS = {"in", "at", "from", "near", "outside", "inside", "across", "around",
                       "throughout", "towards", "toward", "into"}


_GERMAN_PARTICLES = {"zu", "von", "der", "des", "dem", "den"}
# The same opening a sentence in the other cue languages.
_FOREIGN_PLACE_PREPOSITIONS = {"em", "en", "na", "no", "nas", "nos", "dans", "im", "nel",
                               "nella", "в", "во"}


def _inside_sentence(text: str, at: int) -> bool:
    """Whether a word at `at` follows a lower-case word or a comma in the same sentence."""
    k = at
    while k > 0 and text[k - 1] == " ":
        k -= 1
    return k < at and k > 0 and (text[k - 1].islower() or text[k - 1] == ",")
# Words a name does not start with: "The", "Officials", "al", "In", "According".
_NOT_A_NAME_START = (_GENERIC_OPENERS | _NAME_PARTICLES | _FUNCTION_WORDS | _SENTENCE_OPENERS
                     | {form.lower() for form in _ACCORDING_TO if " " not in form})  # "Menurut"


def _one_letter_name_word(text: str, word: str) -> bool:
    """Whether a one-letter capital opens a name ("Y Thanh Niê", "H'Hen Niê" aside): not
    the English "A" or "I", and not a letter the article uses as a word in lower case (the
    Spanish "y", Portuguese "e" and "o", where a capital one opens a sentence)."""
    return (len(word) == 1 and word.isupper() and word not in "AI"
            and re.search(r"(?<!\w)" + word.lower() + r"(?!\w)", text) is None)


def _plain_name_word(word: str) -> bool:
    """A capitalized word that can only be part of a name here: not a title, opener or
    nationality ("Jen" in "Jen Jordan", "Kylian"; not "Neighbouring" or "Syrian")."""
    lowered = word.lower()
    return (word[0].isupper() and not word.isupper() and not _is_title(word)
            and lowered not in _GENERIC_OPENERS and lowered not in _SENTENCE_OPENERS
            and lowered not in _FUNCTION_WORDS and lowered not in _NAME_PARTICLES
            and not _is_demonym(word)
            and (not lowered.endswith(("ing", "ed")) or word in _first_names()))  # "Ahmed"


def _after_body_noun(text: str, at: int) -> bool:
    """Whether the name at `at` follows a body's kind in lower case ("the militant group X",
    "the carmaker X")."""
    before = _WORD_BEFORE.search(text, max(0, at - 40), at)
    return before is not None and not before.group(2) \
        and before.group(1) in _ORG_NOUNS_BEFORE_NAME


class _PersonMentions:
    """The people named outside quotes in a stretch of the article: PERSON entities, name runs
    of two or more words, surnames of people already known as speakers, and other one-word
    names the article gives in full elsewhere ("Mbappe, 25, has scored ..."). Found only for
    the stretches a pronoun, an epithet or a continuation quote asks about, not the whole text."""

    def __init__(self, doc: Document, quote_ranges: _Ranges, names: _ArticleNames,
                 known: list[str]):
        self.text = doc.text
        self.sentence_starts = [s.start for s in doc.sentences]
        self.quote_ranges = quote_ranges
        self.names = names
        self.surname_to_name = {name.split()[-1]: name for name in known if " " in name}
        self._cache: dict[tuple[int, int], list[str]] = {}

    def sentence_end_after(self, at: int) -> int:
        """Where the sentence holding `at` ends (the next one starts)."""
        if not self.sentence_starts:
            return at  # no sentence index (a hand-built document): not known
        i = bisect.bisect_right(self.sentence_starts, at)
        return self.sentence_starts[i] if i < len(self.sentence_starts) else len(self.text)

    def between(self, lo: int, hi: int) -> list[str]:
        """Canonical names of the people named in text[lo:hi], in text order."""
        if not _UPPER_LETTER.search(self.text, lo, hi):
            return []  # “…,” he said. “…”: no capital, no name
        if (lo, hi) not in self._cache:
            self._cache[lo, hi] = [name for _, name in sorted(self._find(lo, hi))]
        return self._cache[lo, hi]

    def _find(self, lo: int, hi: int) -> list[tuple[int, str]]:
        text, names, inside = self.text, self.names, self.quote_ranges
        found = []
        i = bisect.bisect_left(names.entity_starts, lo)
        for entity in names.entities[i:bisect.bisect_left(names.entity_starts, hi)]:
            if entity.label == _PERSON and not inside.contains(entity.start):
                found.append((entity.start, entity.canonical))
        for run_start, _, name in _name_runs(text, lo, hi, mentions_only=True, names=names):
            if not inside.contains(run_start) and names.kind_known(name) is not False \
                    and not _after_body_noun(text, run_start):
                # (not "Southern California Edison", found to be an organisation when it spoke;
                # nor "the militant group Jama'at Nusrat al-Islam": a body is never a "he")
                # "Miguel Ortega" is the speaker Miguel Ortega; "Rosa Ortega" is not
                if " " in name:
                    name = names.fuller_name(name) or name
                known = self.surname_to_name.get(name.split()[-1], name)
                found.append((run_start, known if known.endswith(name) else name))
        for run in _CAPITALIZED_RUN.finditer(text, lo, hi):
            word = run.group().rstrip(".")
            if " " in word or word in self.surname_to_name or inside.contains(run.start()):
                continue
            full = names.person_for_word(word, run.start())
            if full:
                found.append((run.start(), full))
            elif names.lone_first_name(word, run.start()):
                found.append((run.start(), word))
        for surname, name in self.surname_to_name.items():
            at = text.find(surname, lo, hi)
            while at >= 0:
                end = at + len(surname)
                if (_starts_word(text, at) and (end == len(text) or not text[end].isalnum())
                        and not inside.contains(at)
                        and not _other_first_name_before(text, at, name)):
                    found.append((at, name))
                at = text.find(surname, end, hi)
        return found


def _other_first_name_before(text: str, at: int, name: str) -> bool:
    """Whether the surname at `at` follows a first name that is not `name`'s ("Kelsey
    Reinhardt" is not "Dale Reinhardt")."""
    if at < 2 or text[at - 1] != " " or not text[at - 2].isalnum():
        return False
    word_start = at - 2
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    word = text[word_start:at - 1]
    return _plain_name_word(word) and word != name.split()[0] and word in _first_names()


def _upper_before(text: str, at: int) -> bool:
    """Whether the word that ends at `at` is capitalized."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        start -= 1
    return text[start:start + 1].isupper()


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

    def any_in(self, lo: int, hi: int) -> bool:
        """Whether a range starts in [lo, hi)."""
        i = bisect.bisect_left(self.starts, lo)
        return i < len(self.starts) and self.starts[i] < hi


def _resolve_pronoun(p_start: int, at: int, mentions: _PersonMentions,
                     last_named: tuple[int, str] | None, gender: str | None,
                     names: _ArticleNames, speakers: set[str]) -> str | None:
    """The one person "he"/"she" can refer to, or None when that is not clear.

    Only people of the pronoun's gender, or of a gender not known, can be meant: the one such
    person named earlier in the paragraph; else the one named
    since the last named speaker's attribution (`last_named`: where it ends, who); else that
    speaker; else, when everyone named in between is of the other gender, the last person of
    the pronoun's gender if that person is a speaker of the article (`speakers`) and nobody of
    that gender or of unknown gender was named after them."""
    def fits(name: str) -> bool:
        return gender is None or names.gender(name) in (None, gender)

    in_paragraph = mentions.between(p_start, at)
    named = {name for name in in_paragraph if fits(name)}
    if named:
        return named.pop() if len(named) == 1 else None
    if not in_paragraph:
        named_since = mentions.between(last_named[0] if last_named else 0, at)
        if (last_named and gender is not None and named_since and fits(last_named[1])
                and not any(names.gender(name) == gender for name in named_since)
                and not mentions.between(mentions.sentence_end_after(last_named[0]), at)):
            # "Judge X said Vesey had shown “…”. / “…,” she said.": whom the speaker
            # spoke of in her own sentence does not take her "she" when no gender tells them
            # apart
            return last_named[1]
        named = {name for name in named_since if fits(name)}
        if named:
            return named.pop() if len(named) == 1 else None
        if last_named and fits(last_named[1]) and (not named_since or gender is not None):
            return last_named[1]
    if gender is None:
        return None
    for name in reversed(mentions.between(0, at)):
        known = names.gender(name)
        if known is None:
            return None
        if known == gender:
            if name in speakers:
                return name
            # someone who has not spoken yet ("Amal Haddad and her brother, Karim, ran the
            # bakery ... “…,” Karim Haddad said. “…,” she said."): only when the article has
            # named no other person of that gender so far, counting every capitalized name
            # (mentions leave some out: "Ana Lopez and Maria Diaz")
            return name if names.only_one_of_gender(name, gender, at) else None
    return None


def _resolve_epithet(descriptor: str | None, p_start: int, at: int, mentions: _PersonMentions,
                     last_named: tuple[int, str] | None, names: _ArticleNames) -> str | None:
    """Who "the Serbian" or "the striker" is when nobody was introduced with those words, as
    for "he": the one person named earlier in the paragraph, else the one named since the last
    named speaker, else that speaker; always leaving out people introduced with another
    nationality ("American Tommy Paul" is not "the Serbian")."""
    def fits(name: str) -> bool:
        return descriptor is None or not names.introduced_otherwise(name, descriptor)

    for lo in (p_start, last_named[0] if last_named else 0):
        named = {name for name in mentions.between(lo, at) if fits(name)}
        if named:
            return named.pop() if len(named) == 1 else None
    return last_named[1] if last_named and fits(last_named[1]) else None


def _unnamed_speaker_before(text: str, p_start: int, at: int, sentence_starts: list[int],
                            quote_ranges: _Ranges, names: _ArticleNames) -> bool:
    """Whether the paragraph, shortly before `at`, has someone unnamed speak ("A union
    representative ... said"): a later "he" is then that someone, not the last named speaker.
    Groups, organisations and documents ("Business groups have warned", "Pepperdine University
    told students") are no "he"."""
    return _last_unnamed_cue(text, p_start, max(p_start, at - PRONOUN_LOOKBACK), at,
                             sentence_starts, quote_ranges, names, first=True) is not None


def _last_unnamed_cue(text: str, p_start: int, lo: int, at: int, sentence_starts: list[int],
                      quote_ranges: _Ranges, names: _ArticleNames,
                      first: bool = False) -> int | None:
    """Where the last (with `first`, the first) sentence of text[lo:at] (in the paragraph from
    p_start) in which someone unnamed speaks starts, or None (see _unnamed_speaker_before)."""
    seen_sentences = set()
    found = None
    for cue in _cues(text, lo, at):
        clause = _sentence_start(text, sentence_starts, cue.start(), p_start)
        if quote_ranges.contains(cue.start()) or clause in seen_sentences:
            continue  # a later cue in the sentence is reported speech ("said both sides agreed")
        if _INFINITIVE_TO.search(text, max(clause, cue.start() - 4), cue.start()):
            continue  # "Lin declined to say whether ...": nobody spoke
        if _ASKED_TO_BE.match(text, cue.end()):
            continue  # "a teacher who asked to be identified only as Nazifa": no words of hers
        seen_sentences.add(clause)
        gap_end = cue.start()
        while gap_end > p_start and text[gap_end - 1] in " ,—–-":
            gap_end -= 1
        if gap_end > p_start and quote_ranges.contains(gap_end - 1):
            # “…,” said a union representative / «…, a déclaré la ministre, …»: the speaker
            # follows the cue; when it is the speaker asked about, it is no one else
            subject = _speaker_after_cue(text, cue, min(len(text), cue.end() + TRAILING_WINDOW),
                                         names, [])
            if subject is None or subject.start >= at:
                continue
        else:
            subject = _speaker_before_cue(text, clause, cue, names, [])
        if (subject and not subject.is_person and subject.text.lower() not in _PRONOUNS_SINGULAR
                and not _not_a_single_person(subject, names)
                and not _role_of_someone_named_before(text, subject, p_start, names)):
            if first:
                return clause
            found = clause
    return found


def _unnamed_speaker_in_paragraph_before(text: str, paragraphs: list[tuple[int, int]],
                                         paragraph: int, at: int,
                                         last_named: tuple[int, str] | None,
                                         sentence_starts: list[int], quote_ranges: _Ranges,
                                         names: _ArticleNames, mentions: _PersonMentions) -> bool:
    """Whether the paragraph right before has someone unnamed speak after the last named
    speaker, with nobody named since ("A farmer who fled ... said soldiers were ... . /
    “…,” he said."): the "he" is the farmer, not the named speaker before him."""
    if paragraph == 0:
        return False
    p_start, p_end = paragraphs[paragraph - 1]
    lo = max(p_start, last_named[0] if last_named else 0)
    if lo >= p_end or quote_ranges.any_in(p_start, p_end) \
            or mentions.between(paragraphs[paragraph][0], at):
        # a heading between, a paragraph with quotes of its own (whose speakers rules 3 and 4
        # pass on), or someone named in the pronoun's own paragraph
        return False
    # the unnamed speaker must be the last person the previous paragraph speaks of
    if (lo, p_end) not in names.unnamed_cues:  # pronouns of one paragraph ask the same
        names.unnamed_cues[lo, p_end] = _last_unnamed_cue(text, p_start, lo, p_end,
                                                          sentence_starts, quote_ranges, names)
    speaking = names.unnamed_cues[lo, p_end]
    return speaking is not None and not mentions.between(speaking, at)


def _person_in_paragraph_before(text: str, paragraphs: list[tuple[int, int]], paragraph: int,
                                at: int, gender: str | None, sentence_starts: list[int],
                                quote_ranges: _Ranges, names: _ArticleNames,
                                mentions: _PersonMentions) -> str | None:
    """Who "he"/"she" is when the pronoun's paragraph names nobody before it and the paragraph
    right before, without quotes, introduces the speaker ("Dr Ana X, a planetary scientist,
    said the images suggested ... . / “…,” she said.", "Mahmoud X, 52, came back from
    Lebanon in June. / “…,” he told VOA."): the one named subject of its cue verbs that fits,
    else the one person of a fitting gender it names; None when that is not one person."""
    if paragraph == 0 or mentions.between(paragraphs[paragraph][0], at):
        return None
    p_start, p_end = paragraphs[paragraph - 1]
    if quote_ranges.any_in(p_start, p_end):
        return None  # its own quotes' speakers pass on by rules 3 and 4

    def fits(name: str) -> bool:
        return gender is None or names.gender(name) in (None, gender)

    subjects, seen = set(), set()
    for cue in _cues(text, p_start, p_end):
        clause = _sentence_start(text, sentence_starts, cue.start(), p_start)
        if clause in seen:
            continue  # a later cue of the sentence is reported speech
        seen.add(clause)
        subject = _speaker_before_cue(text, clause, cue, names, [])
        if subject is not None and subject.is_person and subject.canonical:
            subjects.add(subject.canonical)
    if subjects:
        fitting = {name for name in subjects if fits(name)}
        return fitting.pop() if len(fitting) == 1 and len(subjects) == 1 else None
    people = {name for name in mentions.between(p_start, p_end) if fits(name)}
    return people.pop() if len(people) == 1 else None


def _role_of_someone_named_before(text: str, subject: _Speaker, p_start: int,
                                  names: _ArticleNames) -> bool:
    """Whether a subject is a role with a definite article that opens its paragraph's people
    ("El funcionario pidió ...", "The minister said ..."): someone named in an earlier
    paragraph, so a later "he" is still the last named speaker (not "A spokesman said")."""
    foreign = _FOREIGN_ROLE_EPITHET.match(subject.text)
    definite = (_ROLE_EPITHET.match(subject.text) is not None
                or (foreign is not None and foreign.group(1).lower() != "a"))
    role = _role_of_epithet(subject.text) if definite else None
    if role is None:
        # "The 26-year-old said", "the Serbian said": an age or a nationality always stands
        # for someone named before
        return subject.text[:4].lower() == "the " and _is_person_epithet(subject.text)
    if role in text[p_start:subject.start].lower() and names.people_with_role(role,
                                                                              subject.start):
        return True  # "La portavoz de la Junta, Carolina X, ... aseguró la portavoz"
    return not any(e.label == _PERSON for e in names.overlapping_entities(p_start, subject.start)) \
        and not _name_runs(text, p_start, subject.start, mentions_only=True, names=names)


_INFINITIVE_TO = re.compile(r"\bto\s+$")
_ASKED_TO_BE = re.compile(r"\s+(?:not\s+)?to\s+be\b")
# Subjects that say something without being a "he" or "she".
_DOCUMENT_NOUNS = {"statement", "report", "filing", "memo", "letter", "post", "note", "study",
                   "survey", "document", "announcement", "release", "website", "ruling", "order",
                   "decision", "bill", "law", "plan", "data", "figures", "poll", "analysis",
                   "agreement", "deal", "contract", "complaint", "lawsuit", "indictment",
                   "proposal", "budget", "guidance", "forecast", "summary"}


# "a statement", "the ministry's written statement", "a joint report"
_A_DOCUMENT = re.compile(r"(?:a|an|the)\s+(?:[\w'’-]+\s+){0,2}(?:" + "|".join(sorted(
    _DOCUMENT_NOUNS)) + r")", re.IGNORECASE)


_RELATIVE_CLAUSE = re.compile(r",?\s+(?:who|whose|whom|which|that|qui|quien|que)\s")
# Nouns for many people that do not end in "s" ("Staff at a hospital in Swansea say").
_COLLECTIVE_NOUNS = {"staff", "police", "people", "crew", "personnel", "public", "management",
                     "family", "team", "workforce", "audience", "crowd", "leadership"}
_HEAD_COMPLEMENT = re.compile(r"(?<=\w)\s+(?:for|of|at|with|from|in|de|du|des|für|der)\s")


def _not_a_single_person(subject: _Speaker, names: _ArticleNames) -> bool:
    if _plural_cue(subject.cue):
        return True  # "В комплексе городского хозяйства сообщили": "they said"
    # the head before a relative clause: "A villager who walked with her two daughters"
    relative = _RELATIVE_CLAUSE.search(subject.text)
    head_end = subject.start + relative.start() if relative and relative.start() else subject.end
    # a common noun before its complement is the head: "A spokesperson for the health board"
    # is a person ("Analyst X of the Y group" is the named person, whatever the last word)
    complement = _HEAD_COMPLEMENT.search(subject.text, 0, head_end - subject.start)
    if complement and subject.text[:complement.start()].split()[-1].islower():
        head_end = subject.start + complement.start()
    head = subject.text[:head_end - subject.start].split()[-1]
    last = head.lower().strip(".,")
    plural = (last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s"))
              and last not in _PERSON_NOUNS)
    # the head word, not a modifier: "A European Commission spokesperson" is a person
    return (plural or last in _ORG_WORDS or last in _ORG_NOUNS or last in _DOCUMENT_NOUNS
            or last in _COLLECTIVE_NOUNS or names.is_place_or_org(head_end - len(head), head_end))


# After a speaker, the person spoken of: " said of Lindqvist.", " says about her rival,".
_SPOKE_OF = re.compile(r"\s+(?:said|says|added|wrote|told\s+\w+)\s+(?:of|about)\s+[^.!?;:“”\"«»„]*")


def _attributed(quote: Quote) -> bool:
    """A speaker written, or a dropped subject resolved («…», dijo a periodistas)."""
    return quote.speaker is not None or quote.speaker_canonical is not None


def _inherit(i: int, spans: list[_Span], mentions: _PersonMentions) -> Quote | None:
    """The quote whose speaker quote i shares (rules 3 and 4 of the module docstring)."""
    span = spans[i]
    source = None
    earlier = span
    for j in range(i - 1, -1, -1):
        earlier = spans[j]
        if earlier.paragraph == span.paragraph:
            if earlier.quote is not None and _attributed(earlier.quote):
                source = earlier.quote
                break
            continue
        # The first span met outside this paragraph is the last quote of an earlier one.
        if (earlier.paragraph == span.paragraph - 1 and earlier.quote is not None
                and _attributed(earlier.quote)):
            source = earlier.quote
        break
    if source is None:
        return None
    if earlier.paragraph != span.paragraph:
        text = mentions.text
        # An interview alternates: a question after an answer is the interviewer's again, an
        # answer after a question the interviewee's.
        asks, answered = text[span.end - 1] == "?", text[source.end - 1] == "?"
        other = None
        if asks != answered:
            other = next((q for q in reversed([s.quote for s in spans[:j]])
                          if q is not None and q.speaker_canonical is not None
                          and q.speaker_canonical != source.speaker_canonical
                          and (text[q.end - 1] == "?") == asks), None)
        if other is not None:
            # nobody but the two of them named since the other one spoke
            lo = (other.speaker_end or other.end) + 1
            pair = {other.speaker_canonical, source.speaker_canonical}
            return other if set(mentions.between(lo, span.open_at)) <= pair else None
        # (with nobody to alternate with, a question goes on the speaker's words: “… the
        # same plastic sheet,” she said. / “Where am I supposed to put her?”)
    # Someone else named between the source's attribution and this quote breaks the chain;
    # not the one the speaker spoke of (“…,” the coach said of Lindqvist. “She is 19.”).
    lo = (source.speaker_end or source.end) + 1
    topic = _SPOKE_OF.match(mentions.text, lo - 1, span.open_at)
    if topic:
        lo = topic.end()
    if any(name != source.speaker_canonical for name in mentions.between(lo, span.open_at)):
        return None
    return source
