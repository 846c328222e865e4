"""Build the VOA part of the cleaning evaluation set from the three hand-checked sample articles.

The article text comes from tests/fixtures/clean/samples/*.expected.json (checked by eye against
the raw scrapes); the page furniture around it is hand-written here and in pangea_template.html,
modelled on Pangea article pages (voanews.com). Outputs go to pages/ with a `.ref.txt` reference
body each: headings and paragraphs joined by a blank line. Re-run only to regenerate them:

    .venv/bin/python benchmarks/eval/clean/build_voa_pages.py
"""

from __future__ import annotations

import html
import json
from pathlib import Path

HERE = Path(__file__).parent
SAMPLES = HERE.parents[2] / "tests" / "fixtures" / "clean" / "samples"
PAGES = HERE / "pages"

ARTICLES = {
    "002_f5878b3e2dcaff7b": dict(slug="us-warns-no-end-to-fight-against-islamic-state", article_id="5446327",
                                 authors=["Jeff Seldin"], iso_time="2020-06-04T15:41:33-04:00",
                                 display_date="June 04, 2020 03:41 PM", duration=None),
    "003_d9aaa4cf88ec52a0": dict(slug="how-to-prevent-the-re-emergence-of-isis-core", article_id="6210445",
                                 authors=[], iso_time="2021-09-14T10:12:00-04:00",
                                 display_date="September 14, 2021 10:12 AM", duration="PT3M45S"),
    "004_f6e9d0adbede25c6": dict(slug="uprooting-isis", article_id="6185531",
                                 authors=[], iso_time="2021-07-02T09:30:00-04:00",
                                 display_date="July 02, 2021 09:30 AM", duration="PT3M34S"),
}

EMBEDDED_PLAYER = """<div class="wsw__embed"><div class="c-mmp c-mmp--enabled" data-type="video">
 <span class="c-mmp__title">Pompeo Addresses Coalition Partners</span>
 <div class="c-mmp__poster">please wait</div>
 <div class="c-mmp__fallback">No media source currently available</div>
 <div class="c-mmp__cpanel"><span class="c-mmp__cpanel-progress">0:00</span> <span class="c-mmp__cpanel-duration">0:01:38</span> <span>0:00</span></div>
 <a class="c-mmp__popout">Pop-out player</a> <a>Embed</a> <a>Direct link</a>
</div></div>"""
INLINE_RELATED = """<div class="wsw__embed"><div class="media-block-wrap"><h2 class="section-head">Related</h2>
 <ul><li><a href="/a/3.html">Kurdish Forces Warn of IS Prison Breaks</a></li></ul></div></div>"""
DOWNLOAD_LINK = '<p><a href="/pdf/6185531.pdf">Download PDF of this story</a></p>'

# Text-scrape chrome, hand-written after VOA page scrapes with their full navigation kept.
PREAMBLE = """Accessibility links
Skip to main content
Skip to main Navigation
Skip to Search
Next
Previous
Breaking News
Voice of America
Search
Live
Search
Previous
Next
Breaking News
US News
World
Africa
Middle East
Extremism Watch
Press Freedom""".splitlines()
SHARE_AND_FOOTER = """Link has been copied to clipboard
Share
Facebook
Twitter
Email
Print Options:
Images
Multimedia
Embedded Content
Comments
Cancel
Print
Related
Pentagon: Islamic State Fighters Regrouping in Syria
Iraq Launches New Offensive Against IS Cells
Follow Us
Facebook
Twitter
Terms of Use
Privacy Notice
© 2024 Voice of America
XS
SM
MD
LG""".splitlines()
TEXT_PLAYER = """Pompeo Addresses Coalition Partners
please wait
Embed
The code has been copied to your clipboard.
width
px
height
px
No media source currently available
0:00 0:01:38 0:00
Download file
Pop-out player""".splitlines()


def main() -> None:
    PAGES.mkdir(exist_ok=True)
    template = (HERE / "pangea_template.html").read_text()
    for stem, info in ARTICLES.items():
        expected = json.loads((SAMPLES / f"{stem}.expected.json").read_text())
        blocks = expected["blocks"]
        body = [b for b in blocks if b["kind"] in ("heading", "paragraph")]
        reference = "\n\n".join(b["text"] for b in body) + "\n"
        caption = expected["captions"][0]["text"]
        short = stem[:3]
        (PAGES / f"voa_html_{short}.ref.txt").write_text(reference)
        (PAGES / f"voa_text_{short}.ref.txt").write_text(reference)
        _write_html(template, stem, info, expected, body, caption, short)
        _write_text(info, expected, body, caption, short)


def _write_html(template: str, stem: str, info: dict, expected: dict, body: list[dict],
                caption: str, short: str) -> None:
    parts = []
    for i, block in enumerate(body):
        text = html.escape(block["text"], quote=False)
        if short == "003":
            # 2012-2014 Pangea pages: bare text in div.wsw, paragraphs split by <br />.
            parts.append(f"{text}<br /><br />")
        elif block["kind"] == "heading":
            parts.append(f'<h4 class="wsw__h4">{text}</h4>')
        else:
            parts.append(f"<p>{text}</p>")
        if short == "002" and i == 4:
            parts.append(EMBEDDED_PLAYER)
        if short == "002" and i == 9:
            parts.append(INLINE_RELATED)
        if short == "004" and i == len(body) - 1:
            parts.append(DOWNLOAD_LINK)
    json_ld = {"@context": "https://schema.org", "@type": "NewsArticle",
               "headline": expected["title"], "datePublished": info["iso_time"],
               "mainEntityOfPage": f"https://www.voanews.com/a/{info['slug']}/{info['article_id']}.html",
               "author": [{"@type": "Person", "name": a} for a in info["authors"]] or
               {"@type": "Organization", "name": "VOA News"},
               "publisher": {"@type": "Organization", "name": "Voice of America"}}
    cover_player = intro = ""
    if info["duration"]:
        json_ld = [json_ld, {"@context": "https://schema.org", "@type": "VideoObject",
                             "name": expected["title"], "duration": info["duration"]}]
        cover_player = (f'<div class="c-mmp" data-type="video"><span class="c-mmp__title">{html.escape(expected["title"])}</span>'
                        '<div>please wait</div><div>No media source currently available</div>'
                        f'<span class="c-mmp__cpanel-duration">{expected["media_duration_s"] // 60}:{expected["media_duration_s"] % 60:02d}</span></div>')
        intro = f'<div class="intro m-t-md"><p>{html.escape(expected["summary"], quote=False)}</p></div>'
    author_links = "".join(f'<li class="links__item"><a class="links__item-link" href="/author/x/1.html">{a}</a></li>'
                           for a in info["authors"])
    page = template.format(
        title=html.escape(expected["title"]), description=html.escape(body[-1]["text"][:150]),
        slug=info["slug"], article_id=info["article_id"], json_ld=json.dumps(json_ld),
        author_links=author_links, iso_time=info["iso_time"], display_date=info["display_date"],
        cover_player=cover_player, intro=intro,
        alt_text=html.escape(caption.removeprefix("FILE - ")), caption=html.escape(caption, quote=False),
        body_html="\n".join(parts))
    (PAGES / f"voa_html_{short}.html").write_text(page)


def _write_text(info: dict, expected: dict, body: list[dict], caption: str, short: str) -> None:
    lines = list(PREAMBLE) + [expected["title"]]
    lines.append(caption.removeprefix("FILE - "))  # the image's alt text, scraped before its caption
    lines.append(caption)
    if expected["summary"]:
        lines.append(expected["summary"])
        duration = expected["media_duration_s"]
        lines += [expected["title"], "please wait", "No media source currently available",
                  f"0:00 0:{duration // 60:02d}:{duration % 60:02d} 0:00"]
    if info["authors"]:
        lines.append("By " + " and ".join(info["authors"]))
    lines.append(info["display_date"])
    for i, block in enumerate(body):
        lines.append(block["text"])
        if i == 3:
            lines += TEXT_PLAYER
        if i == 5:
            lines += ["Related", "Kurdish Forces Warn of IS Prison Breaks"]
    lines += SHARE_AND_FOOTER
    if short == "002":  # Windows line ends, a BOM, trailing spaces, blank lines between
        text = "\ufeff" + "\r\n\r\n".join(line + "  " for line in lines) + "\r\n"
    elif short == "003":  # no blank lines at all
        text = "\n".join(lines) + "\n"
    else:  # blank lines, some doubled, tabs and NBSPs inside lines
        text = "\n\n".join(line.replace(" ", "\u00a0", 1) for line in lines) + "\n\n\n"
    (PAGES / f"voa_text_{short}.txt").write_text(text, encoding="utf-8", newline="")


if __name__ == "__main__":
    main()
