"""Clean: strip scraped boilerplate, keep the article, and record every removal with its rule."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import (
    BLOCK_SEPARATOR,
    CAPTION,
    HEADING,
    PARAGRAPH,
    SUMMARY,
    TITLE,
    Block,
    Caption,
    Document,
    RejectError,
    Removal,
    apply_per_document,
)

# Whole lines that are site chrome on Pangea-CMS sites (voanews.com and its sisters).
CHROME_LINES = {
    "accessibility links": "chrome:skip_link",
    "skip to main content": "chrome:skip_link",
    "skip to main navigation": "chrome:skip_link",
    "skip to search": "chrome:skip_link",
    "breaking news": "chrome:breaking_news",
    "link has been copied to clipboard": "chrome:share_widget",
    "print options:": "chrome:share_widget",
    "back to top": "chrome:footer",
}
MEDIA_LINES = {
    "please wait": "media:loading",
    "no media source currently available": "media:no_source",
    "pop-out player": "media:player_control",
    "embed": "media:player_control",
    "direct link": "media:player_control",
}
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
MEDIA_TIME_DISPLAY = re.compile(rf"^{_TIME}(?:\s+{_TIME})*$")
FILE_PHOTO = re.compile(r"^FILE\s*[-–—]\s+|\(File\)\s*$", re.IGNORECASE)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATED_CAPTION = re.compile(rf"\b(?:{_MONTHS})\.? \d{{1,2}}, \d{{4}}\.?$")
# A heading is short and does not end like a sentence.
_SENTENCE_END = tuple('.!?:;"”’)…')
HEADING_MAX_WORDS = 10


def normalize_lines(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.replace("\u00a0", " ").split()) for line in text.split("\n")]


def clean_text_scrape(doc: Document) -> None:
    lines = normalize_lines(doc.raw_text)
    kept: list[tuple[int, str]] = []
    for line_no, line in enumerate(lines, start=1):
        if not line:
            continue
        rule = CHROME_LINES.get(line.lower()) or MEDIA_LINES.get(line.lower())
        if rule is None and MEDIA_TIME_DISPLAY.match(line):
            rule = "media:time_display"
            doc.media_duration_s = _longest_duration(line)
        if rule:
            doc.removed.append(Removal(line_no, line, rule))
        else:
            kept.append((line_no, line))
    if not kept:
        raise RejectError("only_boilerplate", f"all {len(doc.removed)} non-blank lines were boilerplate")

    title_no, title = kept[0]
    body = kept[1:]
    # The media player repeats the title; everything between the title and that repeat is the
    # photo caption and the summary (dek).
    repeat_at = next((i for i, (_, line) in enumerate(body) if line == title), None)
    blocks = [Block(TITLE, title)]
    if repeat_at is not None:
        line_no, line = body[repeat_at]
        doc.removed.append(Removal(line_no, line, "media:repeated_title"))
        head, body = body[:repeat_at], body[repeat_at + 1:]
    else:
        head = []
        if body and _is_caption(body[0][1]) and len(body) > 1:
            head, body = body[:1], body[1:]
    if head:
        if len(head) > 1 or _is_caption(head[0][1]):
            caption = head[0][1]
            doc.captions.append(Caption(caption, bool(FILE_PHOTO.search(caption))))
            blocks.append(Block(CAPTION, caption))
            head = head[1:]
        for _, line in head:
            doc.summary = line if doc.summary is None else f"{doc.summary} {line}"
            blocks.append(Block(SUMMARY, line))
    for _, line in body:
        blocks.append(Block(HEADING if _is_heading(line) else PARAGRAPH, line))
    if not any(b.kind == PARAGRAPH for b in blocks):
        raise RejectError("no_body", "no body paragraph left after removing boilerplate")
    doc.title = title
    doc.blocks = blocks
    doc.text = BLOCK_SEPARATOR.join(b.text for b in blocks)


def _is_caption(line: str) -> bool:
    return bool(FILE_PHOTO.search(line) or DATED_CAPTION.search(line))


def _is_heading(line: str) -> bool:
    return len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(_SENTENCE_END)


def _longest_duration(display: str) -> int | None:
    seconds = []
    for part in display.split():
        value = 0
        for unit in part.split(":"):
            value = value * 60 + int(unit)
        seconds.append(value)
    return max(seconds) or None


_NOISE_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
               "iframe", "template", "svg", "button"]


def clean_html_page(doc: Document) -> None:
    soup = BeautifulSoup(doc.raw_text, "lxml")
    for tag in soup(_NOISE_TAGS):
        doc.removed.append(Removal(0, " ".join(tag.get_text(" ").split())[:500], f"html:{tag.name}"))
        tag.decompose()
    og_title = soup.find("meta", property="og:title")
    h1 = soup.find("h1")
    title = (og_title.get("content") if og_title else None) or (h1.get_text(" ") if h1 else "")
    title = " ".join(title.split())
    container = soup.select_one("#article-content") or soup.find("article") or soup.body or soup
    blocks = [Block(TITLE, title)] if title else []
    for element in container.find_all(["p", "h2", "h3", "h4", "li"]):
        text = " ".join(element.get_text(" ").split())
        if not text or text == title:
            continue
        kind = HEADING if element.name in ("h2", "h3", "h4") else PARAGRAPH
        blocks.append(Block(kind, text))
    if not any(b.kind == PARAGRAPH for b in blocks):
        raise RejectError("no_body", "no article paragraphs found in the HTML page")
    doc.title = title or None
    doc.blocks = blocks
    doc.text = BLOCK_SEPARATOR.join(b.text for b in blocks)


def clean_document(doc: Document) -> None:
    if doc.input_format == "html":
        clean_html_page(doc)
    else:
        clean_text_scrape(doc)


def clean_documents(docs: list[Document]) -> list[Document]:
    return apply_per_document(docs, "clean", clean_document)


@task(name="clean", cache_policy=NO_CACHE)
def clean_batch(docs: list[Document]) -> list[Document]:
    return clean_documents(docs)
