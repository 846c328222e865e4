"""Deterministic benchmark corpus: N news articles as text scrapes and HTML pages.

    .venv/bin/python benchmarks/corpus.py --n 10000 [--seed 0] [--out benchmarks/corpus/n10000]

Article i depends only on (seed, i), so the 1k corpus is the first thousand articles of the 10k
one and any article can be regenerated on its own. The mix is modelled on what a VOA-centred news
archive holds:

* text/  (40%): VOA text scrapes in the shape of the samples in data/raw, with boilerplate
  variants: the samples' short chrome or the full navigation menu, CRLF or LF line ends, blank
  lines or none, BOM, trailing spaces, NBSPs, media-player and related-links furniture. About 3%
  are re-scrapes of the three real samples with a paragraph dropped (near-duplicates).
* html/voa/  (40%): Pangea CMS article pages (og:title, ld+json date and authors,
  #article-content .wsw paragraphs, h4 subheads, nav mega-menu, share bar, inline scripts and an
  SVG sprite, related and most-read lists, footer): 37-96 KB, median 66 KB, since real Pangea
  pages carry tens of KB of script and menus around a few KB of article.
* html/web/  (20%): other sites: a WordPress theme, a div-soup page with a cookie banner and ads,
  and a schema.org microdata page.

Bodies are 2-40 paragraphs (median about 9) of sentences from templates with random names, places
and numbers, so articles do not repeat each other; about 16% are in German, French, Spanish or
Russian (paragraph templates written for this benchmark), the rest in English. Output is never
committed (benchmarks/corpus/ is gitignored); `corpus.json` at the root records what was made.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES_DIR = ROOT / "data" / "raw"
GENERATOR_VERSION = 1  # bump when the output for a given (seed, i) changes
FILES_PER_SHARD = 1000  # keeps directories small enough for any file system tool

KIND_WEIGHTS = {"text": 40, "voa": 40, "web": 20}
LANGUAGE_WEIGHTS = {"en": 84, "de": 4, "fr": 4, "es": 4, "ru": 4}
SAMPLE_RESCRAPE_SHARE = 0.03  # of text scrapes

# -- words ----------------------------------------------------------------------------------------
FIRST = ["Maria", "John", "Ahmed", "Olena", "David", "Fatima", "Carlos", "Mei", "Samuel", "Aisha",
         "Peter", "Ingrid", "Luis", "Nadia", "Kwame", "Elena", "Tomas", "Grace", "Yusuf", "Hanna"]
LAST = ["Okafor", "Petrenko", "Garcia", "Lindqvist", "Haddad", "Nguyen", "Kowalski", "Mensah",
        "Brennan", "Ivanova", "Moreau", "Schneider", "Alvarez", "Tanaka", "Osei", "Rahman",
        "Fischer", "Dubois", "Morales", "Volkov"]
ROLES = ["Secretary of State", "Defense Minister", "Senator", "spokeswoman", "analyst", "Governor",
         "General", "Foreign Minister", "mayor", "researcher"]
PLACES = ["Baghdad", "Kyiv", "Nairobi", "Washington", "Mosul", "Lagos", "Kabul", "Caracas",
          "Jakarta", "Damascus", "Geneva", "Bamako", "Manila", "Tbilisi", "Dhaka", "Brussels"]
COUNTRIES = ["Iraq", "Syria", "Nigeria", "Ukraine", "Afghanistan", "Mali", "Kenya", "Venezuela",
             "Indonesia", "Somalia", "Mozambique", "Niger", "Sudan", "Colombia", "Pakistan"]
ORGS = ["the United Nations", "NATO", "the World Bank", "the African Union", "the European Union",
        "the International Monetary Fund", "the Red Cross", "the Pentagon", "the World Health Organization"]
TOPICS = ["refugees", "food prices", "the ceasefire", "the election", "drought", "fuel subsidies",
          "the vaccine campaign", "border security", "the peace talks", "press freedom"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

EN_SENTENCES = [
    "{person}, {role} of {country}, said on {weekday} that {org} would send {n} more observers to {place}.",
    "More than {n:,} people have fled {place} since {month}, according to {org}.",
    "“We are doing everything we can, but the needs are enormous,” said {person}, a {role2} in {place}.",
    "The agreement, signed in {place} on {month} {day}, commits {country} to cut {topic_cost} by {pct} percent over {years} years.",
    "Officials said {n} people were killed and {n2} injured when the attack hit a market in {place}.",
    "{org} warned that {topic} could push {n:,} more families into poverty by {year}.",
    "Critics say the plan does too little, too late, and that {country} has ignored similar warnings since {year0}.",
    "In a statement, {org} said it was “deeply concerned” about reports of fighting near {place}.",
    "{person} told VOA that talks on {topic} had made progress but that “no one should expect a deal this week.”",
    "The U.S. has provided about ${money} million in aid to {country} since {year0}, the State Department said.",
    "Prices for bread and cooking oil in {place} have risen {pct} percent in the past {years} months.",
    "Local media reported that at least {n} students were released on {weekday}, but the number could not be independently verified.",
    "The vote in {place} was postponed twice, most recently on {month} {day}, amid disputes over {topic}.",
    "Analysts at {org} said the figures showed a slowdown, with growth of {small} percent expected this year.",
    "“This is not the end of the story,” {person} said. “It is the beginning of a much harder phase.”",
    "Aid groups say roads into {place} remain closed, and only {n} trucks reached the city last month.",
]
EN_SUBHEADS = ["Fighting continues", "A humanitarian crisis", "What comes next", "Reaction in {place}",
               "Regional concerns", "Economic impact", "Talks stall", "Resurgence in {country}"]
EN_TITLES = ["{country} Talks Stall as Fighting Spreads Near {place}",
             "UN Warns of Rising Hunger in {country}", "{person} Urges Action on {topic_title}",
             "Thousands Flee {place} After Attacks", "{country} Signs Deal on {topic_title}",
             "Aid Reaches {place} After {n}-Day Blockade", "Election in {country} Delayed Again"]

FOREIGN = {
    "de": dict(
        sentences=[
            "{person} sagte am {weekday}, die Regierung werde {n} weitere Beobachter nach {place} schicken.",
            "Seit {month} sind nach Angaben der Vereinten Nationen mehr als {n:,} Menschen aus {place} geflohen.",
            "„Wir tun alles, was wir können, aber der Bedarf ist enorm“, sagte {person}.",
            "Die Preise für Brot und Speiseöl sind in den vergangenen {years} Monaten um {pct} Prozent gestiegen.",
            "Kritiker werfen der Regierung vor, die Warnungen seit {year0} ignoriert zu haben.",
            "Die Gespräche sollen in der kommenden Woche in {place} fortgesetzt werden, hieß es aus Diplomatenkreisen.",
            "Hilfsorganisationen berichten, dass die Straßen nach {place} weiterhin gesperrt sind.",
            "Nach offiziellen Angaben wurden bei dem Angriff {n} Menschen getötet und {n2} verletzt.",
        ],
        titles=["Tausende fliehen aus {place}", "Gespräche über {country} ins Stocken geraten",
                "Hilfe erreicht {place} nach {n} Tagen"],
        subheads=["Die Lage vor Ort", "Wie es weitergeht", "Reaktionen"],
        months=["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                "Oktober", "November", "Dezember"],
        weekdays=["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]),
    "fr": dict(
        sentences=[
            "{person} a déclaré {weekday} que le gouvernement enverrait {n} observateurs supplémentaires à {place}.",
            "Plus de {n:,} personnes ont fui {place} depuis {month}, selon les Nations unies.",
            "« Nous faisons tout ce que nous pouvons, mais les besoins sont immenses », a affirmé {person}.",
            "Les prix du pain et de l'huile ont augmenté de {pct} % au cours des {years} derniers mois.",
            "Les critiques estiment que le plan arrive trop tard et que les autorités ignorent les avertissements depuis {year0}.",
            "Les négociations doivent reprendre la semaine prochaine à {place}, selon des sources diplomatiques.",
            "Les organisations humanitaires affirment que les routes menant à {place} restent fermées.",
            "Selon un bilan officiel, l'attaque a fait {n} morts et {n2} blessés.",
        ],
        titles=["Des milliers de personnes fuient {place}", "Les pourparlers sur {country} dans l'impasse",
                "L'aide arrive à {place} après {n} jours"],
        subheads=["La situation sur place", "Et maintenant ?", "Réactions"],
        months=["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                "octobre", "novembre", "décembre"],
        weekdays=["lundi", "mardi", "mercredi", "jeudi", "vendredi"]),
    "es": dict(
        sentences=[
            "{person} dijo el {weekday} que el gobierno enviará {n} observadores más a {place}.",
            "Más de {n:,} personas han huido de {place} desde {month}, según las Naciones Unidas.",
            "“Estamos haciendo todo lo posible, pero las necesidades son enormes”, afirmó {person}.",
            "Los precios del pan y del aceite han subido un {pct} por ciento en los últimos {years} meses.",
            "Los críticos aseguran que el plan llega tarde y que las autoridades ignoran las advertencias desde {year0}.",
            "Las negociaciones se reanudarán la próxima semana en {place}, según fuentes diplomáticas.",
            "Las organizaciones humanitarias dicen que las carreteras hacia {place} siguen cerradas.",
            "Según el balance oficial, el ataque dejó {n} muertos y {n2} heridos.",
        ],
        titles=["Miles de personas huyen de {place}", "Se estancan las conversaciones sobre {country}",
                "La ayuda llega a {place} tras {n} días"],
        subheads=["La situación sobre el terreno", "Qué viene ahora", "Reacciones"],
        months=["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                "octubre", "noviembre", "diciembre"],
        weekdays=["lunes", "martes", "miércoles", "jueves", "viernes"]),
    "ru": dict(
        sentences=[
            "{person} заявил в {weekday}, что правительство направит в {place} еще {n} наблюдателей.",
            "По данным ООН, с {month} из {place} бежали более {n:,} человек.",
            "«Мы делаем все возможное, но потребности огромны», – сказал {person}.",
            "За последние {years} месяцев цены на хлеб и масло выросли на {pct} процентов.",
            "Критики считают, что план запоздал и что власти игнорируют предупреждения с {year0} года.",
            "Переговоры должны возобновиться на следующей неделе в {place}, сообщили дипломатические источники.",
            "Гуманитарные организации сообщают, что дороги в {place} по-прежнему закрыты.",
            "По официальным данным, в результате нападения погибли {n} человек, еще {n2} ранены.",
        ],
        titles=["Тысячи людей бегут из {place}", "Переговоры по {country} зашли в тупик",
                "Помощь дошла до {place} спустя {n} дней"],
        subheads=["Ситуация на месте", "Что дальше", "Реакция"],
        months=["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                "октября", "ноября", "декабря"],
        weekdays=["понедельник", "вторник", "среду", "четверг", "пятницу"]),
}
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@dataclass(slots=True)
class Article:
    language: str
    title: str
    summary: str | None
    caption: str
    authors: list[str]
    published: date
    media_seconds: int | None
    blocks: list[tuple[str, str]]  # (kind, text): "heading" or "paragraph"


def _slots(rng: random.Random, language: str) -> dict[str, object]:
    foreign = FOREIGN.get(language)
    topic = rng.choice(TOPICS)
    return dict(
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}", role=rng.choice(ROLES),
        role2=rng.choice(["nurse", "farmer", "teacher", "aid worker", "shopkeeper"]),
        country=rng.choice(COUNTRIES), place=rng.choice(PLACES), org=rng.choice(ORGS),
        topic=topic, topic_title=topic.title().removeprefix("The "),
        topic_cost=rng.choice(["emissions", "spending", "tariffs", "debt"]),
        weekday=rng.choice(foreign["weekdays"] if foreign else WEEKDAYS_EN),
        month=rng.choice(foreign["months"] if foreign else MONTHS), day=rng.randint(1, 28),
        n=rng.randint(3, 900), n2=rng.randint(2, 400), pct=rng.randint(2, 60),
        years=rng.randint(2, 12), year=rng.randint(2025, 2035), year0=rng.randint(2005, 2020),
        money=rng.randint(5, 950), small=f"{rng.randint(0, 6)}.{rng.randint(0, 9)}",
    )


def _fill(rng: random.Random, template: str, language: str) -> str:
    return template.format(**_slots(rng, language))


def _sample_sentences() -> list[str]:
    """Real prose from the sample articles: their long blank-line separated blocks."""
    out = []
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        for block in path.read_text(encoding="utf-8-sig").split("\n\n"):
            block = block.strip()
            if len(block) > 150 and not block.startswith(("FILE", "0:00")):
                out.append(block)
    return out


def _paragraph_count(rng: random.Random) -> int:
    # Log-normal: mostly short news items, a long tail of features.
    return max(2, min(40, round(rng.lognormvariate(2.2, 0.55))))


def make_article(rng: random.Random, language: str, real_paragraphs: list[str]) -> Article:
    foreign = FOREIGN.get(language)
    sentences = foreign["sentences"] if foreign else EN_SENTENCES
    subheads = foreign["subheads"] if foreign else EN_SUBHEADS
    blocks: list[tuple[str, str]] = []
    n_paragraphs = _paragraph_count(rng)
    for i in range(n_paragraphs):
        if i > 2 and rng.random() < 0.08:
            blocks.append(("heading", _fill(rng, rng.choice(subheads), language)))
        if language == "en" and real_paragraphs and rng.random() < 0.1:
            blocks.append(("paragraph", rng.choice(real_paragraphs)))
            continue
        k = rng.choice((1, 2, 2, 3, 3, 4))
        blocks.append(("paragraph", " ".join(_fill(rng, rng.choice(sentences), language) for _ in range(k))))
    title = _fill(rng, rng.choice(foreign["titles"] if foreign else EN_TITLES), language)
    first = blocks[0][1]
    summary = first.split(". ")[0].rstrip(".") + "." if rng.random() < 0.5 else None
    place = rng.choice(PLACES)
    caption = (f"FILE - People wait for food aid in {place}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, "
               f"{rng.randint(2015, 2024)}." if rng.random() < 0.5 else
               f"A view of {place} on {rng.choice(WEEKDAYS_EN)}. (File)")
    n_authors = rng.choice((0, 1, 1, 1, 2))
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n_authors)]
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    media = rng.randint(40, 600) if rng.random() < 0.3 else None
    return Article(language, title, summary, caption, authors, published, media, blocks)


# -- text scrapes ---------------------------------------------------------------------------------
SHORT_CHROME = ["Accessibility links", "Breaking News"]
LONG_CHROME = ["Accessibility links", "Skip to main content", "Skip to main Navigation",
               "Skip to Search", "Next", "Previous", "Breaking News", "Voice of America", "Search",
               "Live", "Search", "Previous", "Next", "Breaking News", "US News", "World", "Africa",
               "Americas", "Asia", "Middle East", "Europe", "Extremism Watch", "Press Freedom",
               "Silicon Valley & Technology", "Student Union", "Health", "Arts & Culture"]
TEXT_FOOTER = ["Link has been copied to clipboard", "Share", "Facebook", "Twitter", "Email",
               "Print Options:", "Images", "Multimedia", "Embedded Content", "Comments", "Cancel",
               "Print", "Follow Us", "Facebook", "Twitter", "Terms of Use", "Privacy Notice",
               "© 2024 Voice of America", "XS", "SM", "MD", "LG"]


def _clock(seconds: int) -> str:
    return f"0:{seconds // 60:02d}:{seconds % 60:02d}"


def text_scrape(rng: random.Random, article: Article) -> bytes:
    lines = list(LONG_CHROME if rng.random() < 0.5 else SHORT_CHROME)
    lines.append(article.title)
    lines.append(article.caption)
    if article.summary:
        lines.append(article.summary)
    if article.media_seconds:
        lines += [article.title, "please wait", "No media source currently available",
                  f"0:00 {_clock(article.media_seconds)} 0:00"]
    if article.authors:
        lines.append("By " + " and ".join(article.authors))
    lines.append(article.published.strftime("%B %d, %Y"))
    for i, (_, text) in enumerate(article.blocks):
        lines.append(text)
        if i == 3 and rng.random() < 0.3:
            lines += ["Related", _fill(rng, rng.choice(EN_TITLES), "en")]
    if rng.random() < 0.6:
        lines += TEXT_FOOTER[: rng.randint(6, len(TEXT_FOOTER))]
    return _text_layout(rng, lines)


def _text_layout(rng: random.Random, lines: list[str]) -> bytes:
    style = rng.random()
    if style < 0.2:  # Windows line ends, BOM, trailing spaces
        text = "\ufeff" + "\r\n\r\n".join(line + "  " for line in lines) + "\r\n"
    elif style < 0.35:  # no blank lines at all
        text = "\n".join(lines) + "\n"
    elif style < 0.45:  # NBSPs and doubled blank lines
        text = "\n\n\n".join(line.replace(" ", "\u00a0", 1) for line in lines) + "\n\n"
    else:  # the samples' own layout
        text = "\n\n".join(lines)
    return text.encode("utf-8")


def sample_rescrape(rng: random.Random, sample: str) -> bytes:
    """A real sample scraped again: one body paragraph gone, the chrome varied."""
    blocks = [b for b in sample.split("\n\n")]
    long_at = [i for i, b in enumerate(blocks) if len(b) > 200]
    if len(long_at) > 3:
        del blocks[rng.choice(long_at[1:])]
    lines = [line for b in blocks for line in b.split("\n")]
    if rng.random() < 0.5:
        lines = LONG_CHROME[:-2] + lines
    return _text_layout(rng, lines)


# -- Pangea (VOA) pages ---------------------------------------------------------------------------
SITES = {"en": ("voanews.com", "Voice of America", "VOA News"),
         "ru": ("golosameriki.com", "Голос Америки", "Голос Америки"),
         "es": ("vozdeamerica.com", "Voz de América", "Redacción VOA"),
         "fr": ("voaafrique.com", "VOA Afrique", "VOA Afrique"),
         "de": ("voanews.com", "Voice of America", "VOA News")}
SECTIONS = ["U.S. News", "World", "Africa", "Americas", "Asia", "Middle East", "Europe",
            "Extremism Watch", "Press Freedom", "Economy", "Science & Health", "Arts & Culture",
            "Immigration", "Silicon Valley & Technology", "Student Union", "Sports"]
SVG_ICON = ('<symbol id="ic-{name}" viewBox="0 0 24 24"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 '
            '10-4.48 10-10S17.52 2 12 2zm-1 17.93c-3.95-.49-7-3.85-7-7.93 0-.62.08-1.21.21-1.79L9 15v1c0 '
            '1.1.9 2 2 2v1.93zm6.9-2.54c-.26-.81-1-1.39-1.9-1.39h-1v-3c0-.55-.45-1-1-1H8v-2h2c.55 0 1-.45 '
            '1-1V7h2c1.1 0 2-.9 2-2v-.41c2.93 1.19 5 4.06 5 7.41 0 2.08-.8 3.97-2.1 5.39z"/></symbol>')


def _mega_menu(rng: random.Random) -> str:
    items = []
    for section in SECTIONS:
        links = "".join(f'<li class="mega-menu__item"><a href="/z/{rng.randint(100, 9999)}">'
                        f"{html.escape(_fill(rng, rng.choice(EN_TITLES), 'en'))}</a></li>"
                        for _ in range(rng.randint(2, 8)))
        items.append(f'<li class="menu__item"><a href="/z/{rng.randint(100, 9999)}">{html.escape(section)}</a>'
                     f'<ul class="mega-menu">{links}</ul></li>')
    return '<ul class="menu">' + "".join(items) + "</ul>"


def _inline_scripts(rng: random.Random) -> str:
    # Pangea pages carry analytics, ad and player configuration inline: tens of KB of script.
    config = {"ads": [{"slot": f"/1234/voa/{s}", "sizes": [[300, 250], [728, 90]]} for s in SECTIONS],
              "player": {"cdn": "https://av.voanews.com", "bitrates": [270, 630, 1080, 2160]},
              "i18n": {f"key_{i}": f"label {i}" for i in range(rng.randint(300, 1500))}}
    return (f"<script>var pageConfig = {json.dumps(config)};</script>"
            + "<script>" + ("(function(w,d){w.dataLayer=w.dataLayer||[];w.dataLayer.push({event:'pv'});})"
                            "(window,document);" * rng.randint(100, 400)) + "</script>")


def voa_page(rng: random.Random, article: Article, article_id: int) -> bytes:
    host, site_name, org_author = SITES[article.language]
    slug = "-".join(article.title.lower().split()[:8])
    url = f"https://www.{host}/a/{html.escape(slug)}/{article_id}.html"
    iso = f"{article.published.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00-04:00"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
          "datePublished": iso, "mainEntityOfPage": url,
          "author": [{"@type": "Person", "name": a} for a in article.authors]
          or {"@type": "Organization", "name": org_author},
          "publisher": {"@type": "Organization", "name": site_name}}
    title = html.escape(article.title)
    body = []
    old_layout = rng.random() < 0.15  # 2012-2014 pages: bare text in div.wsw split by <br />
    for i, (kind, text) in enumerate(article.blocks):
        text = html.escape(text, quote=False)
        if old_layout:
            body.append(f"{text}<br /><br />")
        elif kind == "heading":
            body.append(f'<h4 class="wsw__h4">{text}</h4>')
        else:
            body.append(f"<p>{text}</p>")
        if i == 2 and rng.random() < 0.3:
            body.append('<div class="wsw__embed"><div class="c-mmp" data-type="video">'
                        f'<span class="c-mmp__title">{title}</span><div>please wait</div>'
                        "<div>No media source currently available</div>"
                        f'<span class="c-mmp__cpanel-duration">{_clock(rng.randint(30, 300))}</span></div></div>')
        if i == 5 and rng.random() < 0.3:
            body.append('<div class="wsw__embed"><div class="media-block-wrap"><h2 class="section-head">Related</h2>'
                        f'<ul><li><a href="/a/{rng.randint(1000, 9999)}.html">'
                        f"{html.escape(_fill(rng, rng.choice(EN_TITLES), 'en'))}</a></li></ul></div></div>")
    cover = intro = ""
    if article.media_seconds:
        cover = (f'<div class="c-mmp" data-type="video"><span class="c-mmp__title">{title}</span><div>please wait</div>'
                 f'<div>No media source currently available</div><span class="c-mmp__cpanel-duration">'
                 f"{article.media_seconds // 60}:{article.media_seconds % 60:02d}</span></div>")
        ld = [ld, {"@context": "https://schema.org", "@type": "VideoObject", "name": article.title,
                   "duration": f"PT{article.media_seconds // 60}M{article.media_seconds % 60}S"}]
    if article.summary:
        intro = f'<div class="intro m-t-md"><p>{html.escape(article.summary, quote=False)}</p></div>'
    authors = "".join(f'<li class="links__item"><a class="links__item-link" href="/author/{i}.html">'
                      f"{html.escape(a)}</a></li>" for i, a in enumerate(article.authors))
    icons = "".join(SVG_ICON.format(name=n) for n in ("facebook", "x", "email", "print", "play",
                                                       "search", "menu", "close")[: rng.randint(3, 8)])
    most_read = "".join(f'<li><a href="/a/{rng.randint(1000, 99999)}.html">'
                        f"{html.escape(_fill(rng, rng.choice(EN_TITLES), 'en'))}</a></li>" for _ in range(10))
    page = f"""<!DOCTYPE html>
<html lang="{article.language}" dir="ltr" class="no-js">
<head>
<meta charset="utf-8" />
<title>{title} | {html.escape(site_name)}</title>
<meta name="description" content="{html.escape(article.blocks[-1][1][:150])}" />
<meta property="og:type" content="article" />
<meta property="og:site_name" content="{html.escape(site_name)}" />
<meta property="og:title" content="{title}" />
<meta property="og:url" content="{url}" />
<link rel="canonical" href="{url}" />
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
{_inline_scripts(rng)}
<style>.hdr-20 .menu {{ display: none; }} .c-mmp {{ position: relative; }}</style>
</head>
<body class="pg-article">
<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{icons}</svg>
<div class="skip-links"><a href="#content" class="skip-link">Skip to main content</a>
<a href="#navigation" class="skip-link">Skip to main Navigation</a></div>
<div class="hdr-20" id="navigation"><a class="hdr-20__logo" href="/">{html.escape(site_name)}</a>
<nav class="menu-wrap">{_mega_menu(rng)}</nav>
<form class="srch" action="/s"><input id="txtHeaderSearch" type="text" placeholder="Search" /><button>Search</button></form></div>
<div class="breaking-news"><span class="breaking-news__title">Breaking News</span></div>
<div id="content"><div class="container">
 <div class="category"><a class="category__link" href="/z/5952">{html.escape(rng.choice(SECTIONS))}</a></div>
 <h1 class="title pg-title">{title}</h1>
 <div class="publishing-details"><div class="links"><ul class="links__list">{authors}</ul></div>
  <div class="published"><span class="date"><time pubdate="pubdate" datetime="{iso}">{article.published.strftime("%B %d, %Y")}</time></span></div></div>
 <div class="cover-media">{cover}
  <figure class="media-image"><img src="https://gdb.voanews.com/{rng.getrandbits(64):016x}_w1023_r1_s.jpg" alt="{html.escape(article.caption[:80])}" />
  <figcaption><span class="caption">{html.escape(article.caption, quote=False)}</span></figcaption></figure></div>
 {intro}
 <div class="share share--box"><ul class="share__list"><li class="share__item"><a href="https://facebook.com/sharer.php?u={url}">Facebook</a></li>
  <li class="share__item"><a href="https://twitter.com/share">X</a></li><li class="share__item"><a href="mailto:?body={url}">Email</a></li>
  <li class="share__item"><a href="javascript:window.print()">Print</a></li></ul><div class="ctc-message">Link has been copied to clipboard</div></div>
 <div id="article-content" class="content-floated-wrap fb-quotable"><div class="wsw">
{chr(10).join(body)}
 </div></div>
 <div class="media-block-wrap related"><h2 class="section-head">Related</h2><ul>{most_read[:600]}</ul></div>
 <div class="most-read"><h2 class="section-head">Most Read</h2><ol>{most_read}</ol></div>
 <div class="comments" id="comments"><h3>Comments</h3><p>Comments are closed for this story.</p></div>
</div></div>
<footer role="contentinfo" class="ftr"><div class="ftr__social"><h3>Follow Us</h3><a href="https://facebook.com/voiceofamerica">Facebook</a></div>
<ul class="ftr__links"><li><a href="/p/5338.html">Terms of Use</a></li><li><a href="/p/5339.html">Privacy Notice</a></li></ul>
<p class="copyright">© 2024 {html.escape(site_name)}. All rights reserved.</p></footer>
<script src="/Scripts/responsive/loader.bundle.js"></script>
</body></html>
"""
    return page.encode("utf-8")


# -- other sites ----------------------------------------------------------------------------------
WEB_SITES = [("The Riverside Ledger", "riversideledger.example.org"), ("Coastal Daily", "coastaldaily.example.com"),
             ("Northern Star Tribune", "nstribune.example.net"), ("Metro Courier", "metrocourier.example.com")]
COOKIE_BANNER = ("<p>We use cookies and similar technologies to improve your experience, measure audiences "
                 "and show you personalised advertising. By clicking accept you agree to our use of cookies "
                 "as described in our cookie policy.</p><button>Accept all</button>")


def web_page(rng: random.Random, article: Article) -> bytes:
    site, host = rng.choice(WEB_SITES)
    title = html.escape(article.title)
    iso = f"{article.published.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
    byline = html.escape(" and ".join(article.authors)) if article.authors else "Staff"
    paragraphs = []
    for i, (kind, text) in enumerate(article.blocks):
        text = html.escape(text, quote=False)
        paragraphs.append(f"<h2>{text}</h2>" if kind == "heading" else f"<p>{text}</p>")
        if i % 4 == 3:
            paragraphs.append('<div class="ad-slot"><span class="ad-label">Advertisement</span></div>')
    body = "\n".join(paragraphs)
    teasers = "".join(f'<li><a href="/news/{rng.randint(1, 99999)}">{html.escape(_fill(rng, rng.choice(EN_TITLES), "en"))}</a></li>'
                      for _ in range(rng.randint(4, 12)))
    layout = rng.randrange(3)
    head = (f'<!DOCTYPE html>\n<html lang="{article.language}"><head><meta charset="utf-8">'
            f"<title>{title} | {site}</title>"
            f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">'
            f'<meta property="article:published_time" content="{iso}">'
            f'<link rel="canonical" href="https://{host}/news/{rng.randint(1, 10**6)}">'
            f'<script>window.dataLayer=[];{"var x=1;" * rng.randint(10, 300)}</script></head>')
    if layout == 0:  # WordPress theme
        page = f"""{head}<body class="single single-post"><div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">{site}</a></p>
<nav id="site-navigation" class="main-navigation"><ul class="menu">{teasers}</ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main"><article class="post type-post hentry">
<header class="entry-header"><h1 class="entry-title">{title}</h1><div class="entry-meta"><span class="byline">By {byline}</span>
<time class="entry-date published" datetime="{iso}">{article.published.strftime("%B %d, %Y")}</time></div></header>
<div class="entry-content">
{body}
</div>
<div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a href="?share=facebook">Facebook</a></li><li><a href="?share=email">Email</a></li></ul></div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/news/">News</a></span></footer></article>
<div id="comments" class="comments-area"><h2 class="comments-title">Comments</h2><ol class="comment-list"><li class="comment"><p>{html.escape(_fill(rng, rng.choice(EN_SENTENCES), "en"))}</p></li></ol></div>
</main><aside class="widget-area"><h2>Recent posts</h2><ul>{teasers}</ul></aside></div>
<footer class="site-footer"><p>Proudly powered by WordPress. © {site}</p></footer></div></body></html>
"""
    elif layout == 1:  # div soup with a cookie banner and ads
        page = f"""{head}<body><div id="cookie-consent" class="cc-banner">{COOKIE_BANNER}</div>
<div class="top-bar"><div class="logo">{site}</div><div class="main-menu">{teasers}</div></div>
<div class="page-wrap"><div class="col-main"><div class="story-header"><h1 class="story-title">{title}</h1>
<div class="story-byline">By {byline}</div><div class="story-date">{article.published.strftime("%d %B %Y")}</div></div>
<figure class="story-lead-image"><img src="/img/{rng.randint(1, 9999)}.jpg" alt=""><figcaption>{html.escape(article.caption, quote=False)}</figcaption></figure>
<div class="story-body"><div class="story-body__inner">
{body}
</div></div><div class="most-read"><h2>Most read</h2><ol>{teasers}</ol></div></div>
<div class="col-side"><div class="promo-box"><p>Subscribe to {site} for just 1 euro a week for the first three months and get unlimited access to all of our journalism.</p></div></div></div>
<div class="site-foot"><p>{site} is published by Example Media Group. All rights reserved.</p></div></body></html>
"""
    else:  # schema.org microdata
        page = f"""{head}<body><header><nav><ul>{teasers}</ul></nav></header>
<main><article itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">{title}</h1><p class="meta">By <span itemprop="author">{byline}</span>,
<time itemprop="datePublished" datetime="{iso}">{article.published.isoformat()}</time></p>
<div itemprop="articleBody">
{body}
</div></article>
<section class="related"><h2>Related coverage</h2><ul>{teasers}</ul></section></main>
<footer><p>© {site}. Terms. Privacy. Contact.</p></footer></body></html>
"""
    return page.encode("utf-8")


# -- the corpus -----------------------------------------------------------------------------------
def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def article_file(seed: int, i: int, real_paragraphs: list[str], samples: list[str]) -> tuple[str, bytes, str]:
    """(relative path, bytes, language) of article i of the corpus for `seed`."""
    rng = random.Random(seed * 1_000_003 + i)
    kind = _weighted(rng, KIND_WEIGHTS)
    language = _weighted(rng, LANGUAGE_WEIGHTS)
    shard = f"{i // FILES_PER_SHARD:04d}"
    if kind == "text":
        path = f"text/{shard}/{i:07d}.txt"
        if samples and rng.random() < SAMPLE_RESCRAPE_SHARE:
            return path, sample_rescrape(rng, rng.choice(samples)), "en"
        return path, text_scrape(rng, make_article(rng, language, real_paragraphs)), language
    article = make_article(rng, language, real_paragraphs)
    if kind == "voa":
        return f"html/voa/{shard}/{i:07d}.html", voa_page(rng, article, 5_000_000 + i), language
    return f"html/web/{shard}/{i:07d}.html", web_page(rng, article), language


def generate_corpus(out: str | Path, n: int, seed: int = 0) -> dict:
    """Write articles 0..n-1 under `out` (skipped when `corpus.json` says they are already there)."""
    root = Path(out)
    info_path = root / "corpus.json"
    wanted = {"n": n, "seed": seed, "generator_version": GENERATOR_VERSION}
    if info_path.exists():
        info = json.loads(info_path.read_text())
        if all(info.get(k) == v for k, v in wanted.items()):
            return info
        # A corpus of another size or seed: clear it, or its extra files would join this one.
        for sub in ("text", "html"):
            shutil.rmtree(root / sub, ignore_errors=True)
        info_path.unlink()
    started = time.perf_counter()
    real_paragraphs = _sample_sentences()
    samples = [p.read_text(encoding="utf-8-sig") for p in sorted(SAMPLES_DIR.glob("*.txt"))]
    counts: dict[str, int] = {}
    languages: dict[str, int] = {}
    total_bytes = 0
    made_dirs: set[Path] = set()
    for i in range(n):
        rel, data, language = article_file(seed, i, real_paragraphs, samples)
        path = root / rel
        if path.parent not in made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(path.parent)
        path.write_bytes(data)
        kind = rel.split("/")[1] if rel.startswith("html/") else "text"
        counts[kind] = counts.get(kind, 0) + 1
        languages[language] = languages.get(language, 0) + 1
        total_bytes += len(data)
    info = {**wanted, "files_by_kind": counts, "languages": languages, "bytes": total_bytes,
            "generated_in_s": round(time.perf_counter() - started, 1)}
    info_path.write_text(json.dumps(info, indent=2, sort_keys=True))
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="folder (default: benchmarks/corpus/n<N>)")
    args = parser.parse_args(argv)
    out = args.out or HERE / "corpus" / f"n{args.n}"
    info = generate_corpus(out, args.n, args.seed)
    print(json.dumps({"out": str(out), **info}, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
