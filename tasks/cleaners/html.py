"""HTML pages: structured extraction for known platforms, a main-content heuristic for the rest.

BeautifulSoup (lxml parser) builds the tree; everything below walks it iteratively (generators over
`.descendants`, bounded parent walks), so a page nested 100k deep costs time linear in its size
and never hits Python's recursion limit.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import soupsieve
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction
from soupsieve import SoupSieve

from tasks.cleaners.metadata import (
    is_file_photo,
    iso_duration_s,
    longest_duration_s,
    parse_byline,
    parse_date_line,
    parse_iso_date,
    site_of_url,
    split_author_names,
)
from tasks.cleaners.profiles import (
    SourceProfile,
    generic_profile,
    load_profiles,
    profile_for_site,
    profile_for_site_name,
)
from tasks.document import (
    BLOCK_SEPARATOR,
    CAPTION,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    SUMMARY,
    TITLE,
    Block,
    Caption,
    Document,
    RejectError,
    Removal,
)

# Elements whose content is never visible text: dropped without an audit row (they hold code).
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "math", "head", "link", "meta")
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARAGRAPH_LIKE = HEADING_TAGS | {"p", "li", "blockquote", "pre", "figcaption", "dd", "dt"}
_NON_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
# Class/id words of page furniture on sites we have no profile for.
BOILERPLATE_WORDS = frozenset({
    "ad", "ads", "adslot", "advert", "advertisement", "author", "banner", "breadcrumb", "button",
    "breadcrumbs", "byline", "comment", "comments", "consent", "cookie", "cookies", "footer",
    "gdpr", "menu", "modal", "nav", "navbar", "newsletter", "outbrain", "paywall", "popup", "promo",
    "recirc", "recirculation", "related", "share", "sharing", "sidebar", "signup", "social",
    "sponsored", "subscribe", "subscription", "taboola", "toolbar", "trending",
})
_WORDS = re.compile(r"[a-z0-9]+")
# tag, .class, #id, [attr=value], or a tag with one of those: what PageIndex answers itself.
_SIMPLE_SELECTOR = re.compile(
    r"^([a-z][a-z0-9]*)?(?:\.([\w-]+)|#([\w-]+)|\[([\w-]+)=([\w-]+)\])?$")
# Where pages name their components besides class: id, and the data-* names of React-era sites.
_LABEL_ATTRIBUTES = ("id", "data-component", "data-testid", "data-module")
_TITLE_SEPARATORS = re.compile(r" [|\-–—:»] ")
_PARENT_WALK_LIMIT = 64  # deeper inline nesting than this is hostile input: treat as its own block
AUDIT_TEXT_CHARS = 500
LINK_ONLY_SHARE = 0.8
MIN_BODY_CHARS = 200
BYLINE_MAX_WORDS = 8
_PREFIX_MATCH_MIN = 5
MIN_SCORED_TEXT = 40  # text pieces shorter than this are labels and links, not prose


@dataclass
class PageMeta:
    title: str | None = None
    site: str | None = None
    site_name: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    duration_s: int | None = None


class PageIndex:
    """The page's elements by tag, class and id, built in one walk, so the many simple selectors
    of a profile ("nav", ".share", "#comments", "[role=dialog]") are dictionary lookups instead
    of a walk of the tree each: soupsieve matching every selector against every element was
    two thirds of a page's cost. Selectors with combinators still go to soupsieve, in one walk."""

    def __init__(self, root: BeautifulSoup) -> None:
        self.root = root
        self.elements: list[Tag] = root.find_all(True)
        self.position = {id(el): i for i, el in enumerate(self.elements)}
        self.by_name: dict[str, list[Tag]] = defaultdict(list)
        self.by_class: dict[str, list[Tag]] = defaultdict(list)
        self.by_id: dict[str, list[Tag]] = defaultdict(list)
        for el in self.elements:
            self.by_name[el.name].append(el)
            for cls in _attribute_values(el, "class"):
                self.by_class[cls].append(el)
            if isinstance(el_id := el.get("id"), str):
                self.by_id[el_id].append(el)

    def select(self, selectors: tuple[str, ...]) -> list[Tag]:
        """Elements matching any of `selectors`, in document order."""
        found: dict[int, Tag] = {}
        complex_selectors = []
        for selector in selectors:
            m = _SIMPLE_SELECTOR.match(selector)
            if m is None or not any(m.groups()):
                complex_selectors.append(selector)
                continue
            tag, cls, el_id, attr, value = m.groups()
            candidates = (self.by_class.get(cls, []) if cls else self.by_id.get(el_id, []) if el_id
                          else self.by_name.get(tag, []) if tag else self.elements)
            for el in candidates:
                if tag and el.name != tag:
                    continue
                if attr and " ".join(_attribute_values(el, attr)) != value:
                    continue
                found[id(el)] = el
        if complex_selectors:
            for el in self.root.select(", ".join(complex_selectors)):
                found[id(el)] = el
        return sorted(found.values(), key=lambda el: self.position.get(id(el), -1))


def _attribute_values(el: Tag, name: str) -> list[str]:
    value = el.get(name)
    if isinstance(value, str):
        return value.split() if name == "class" else [value]
    return list(value) if value else []


@dataclass
class _RawBlock:
    kind: str
    text: str
    link_chars: int


def clean_html_page(doc: Document) -> None:
    soup = BeautifulSoup(doc.raw_text, "lxml")
    meta = read_page_metadata(soup)
    profile, site = choose_profile(soup, meta)
    h1, page_title = soup.find("h1"), soup.find("title")
    title = _choose_title(meta.title, h1 and _text(h1), page_title and _text(page_title))
    for tag in soup(INVISIBLE_TAGS):
        if not _is_removed(tag):
            tag.decompose()

    index = PageIndex(soup)
    captions = [_text(el) for el in index.select(profile.html.captions)]
    summary = next((text for el in index.select(profile.html.summary) if (text := _text(el))), None)
    if not meta.authors:
        meta.authors = _unique([n for el in index.select(profile.html.authors)
                                for n in split_author_names(_text(el))])
    meta.published = meta.published or next(
        (value for el in index.select(profile.html.published)
         if (value := parse_iso_date(str(el.get("datetime") or el.get("content") or "")))), None)
    duration = meta.duration_s or next(
        (d for el in index.select(profile.html.duration)
         if (d := longest_duration_s(_text(el)))), None)

    removed: list[Removal] = []
    rules = _compiled_rules(profile.html.remove)
    by_rule: dict[str, list[Tag]] = {rule: [] for rule, _ in rules}
    for el in index.select(tuple(selector for _, selector in profile.html.remove)):
        by_rule[next(rule for rule, matcher in rules if matcher.match(el))].append(el)
    # Rules apply in profile order, so a player inside an embed box is audited as the player.
    for rule, elements in by_rule.items():
        for el in elements:
            _remove(el, rule, removed)
    container = _select_first(soup, profile.html.body) if profile.html.body else None
    if container is None:
        _remove_by_class_words(soup, removed, meta)
        container = find_main_content(soup)

    blocks = [Block(TITLE, title)] if title else []
    caption_records = []
    for caption in captions:
        if caption:
            caption_records.append(Caption(caption, is_file_photo(caption)))
            blocks.append(Block(CAPTION, caption))
    if summary:
        blocks.append(Block(SUMMARY, summary))
    head_texts = {b.text for b in blocks}
    pending_heading: Block | None = None  # the last block, while it is a heading
    for raw in walk_blocks(container):
        rule = _block_rule(raw, profile, title) or _metadata_rule(raw.text, meta)
        if rule is None and raw.text in head_texts:
            rule = "html:duplicate"  # the summary or a caption shown again in the body
        if pending_heading is not None:
            if rule == "html:link_only":
                # "Related topics", "Most read": a heading over a list of links is the list's.
                blocks.pop()
                removed.append(Removal(0, pending_heading.text[:AUDIT_TEXT_CHARS],
                                       "html:link_list_heading"))
            pending_heading = None
        if rule:
            removed.append(Removal(0, raw.text[:AUDIT_TEXT_CHARS], rule))
            continue
        if raw.kind == CAPTION:
            caption_records.append(Caption(raw.text, is_file_photo(raw.text)))
            head_texts.add(raw.text)
        blocks.append(Block(raw.kind, raw.text))
        if raw.kind == HEADING:
            pending_heading = blocks[-1]
    while len(blocks) > 1 and blocks[-1].kind == HEADING:
        # A heading with nothing under it titled a box we removed ("Most Popular", "Related").
        removed.append(Removal(0, blocks.pop().text[:AUDIT_TEXT_CHARS], "html:orphan_heading"))
    if not any(b.kind == PARAGRAPH for b in blocks):
        raise RejectError("no_body", "no article paragraphs found in the HTML page")
    doc.source = site
    doc.title = title or None
    doc.summary = summary or None
    doc.published = meta.published
    doc.authors = meta.authors
    doc.media_duration_s = duration
    doc.captions = caption_records
    doc.removed.extend(removed)
    doc.blocks = blocks
    doc.text = BLOCK_SEPARATOR.join(b.text for b in blocks)


def _choose_title(declared: str | None, h1: str | None, page_title: str | None) -> str | None:
    """og:title often carries the site's name ("Story - Site"); the page's h1, when it is part of
    the declared title, is the headline itself. Without either, the longest part of <title>."""
    if declared and h1 and h1 in declared:
        return h1
    if declared or h1:
        return declared or h1
    if page_title:
        return max(_TITLE_SEPARATORS.split(page_title), key=len).strip() or None
    return None


def choose_profile(soup: BeautifulSoup, meta: PageMeta) -> tuple[SourceProfile, str | None]:
    site = meta.site
    profile = profile_for_site(site)
    if profile is None and meta.site_name and (named := profile_for_site_name(meta.site_name)):
        profile, site = named[0], site or named[1]
    if profile is None:
        profile = next((p for p in load_profiles()[:-1]
                        if p.html.signature and soup.select_one(p.html.signature)), None)
    return profile or generic_profile(), site


def read_page_metadata(soup: BeautifulSoup) -> PageMeta:
    """Title, site, date, authors and duration from the page's own structured data: JSON-LD
    first (what the publisher asserts), then Open Graph / article meta tags."""
    meta = PageMeta()
    for script in soup.find_all("script", type="application/ld+json"):
        for item in _json_ld_items(script.string or ""):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith(("Article", "BlogPosting", "Report")) for k in kinds):
                meta.title = meta.title or _clean(item.get("headline"))
                meta.published = meta.published or parse_iso_date(str(item.get("datePublished") or ""))
                meta.authors = meta.authors or _json_ld_authors(item.get("author"))
                url = item.get("url") or item.get("mainEntityOfPage")
                if isinstance(url, dict):
                    url = url.get("@id")
                if isinstance(url, str):
                    meta.site = meta.site or site_of_url(url)
            if any(k in ("VideoObject", "AudioObject") for k in kinds) and item.get("duration"):
                meta.duration_s = meta.duration_s or iso_duration_s(str(item["duration"]))
    meta.title = _clean(_meta(soup, property="og:title")) or meta.title
    canonical = soup.find("link", rel="canonical")
    for url in (canonical.get("href") if canonical else None, _meta(soup, property="og:url")):
        if url and not meta.site:
            meta.site = site_of_url(url)
    meta.site_name = _clean(_meta(soup, property="og:site_name"))
    if meta.published is None:
        for key in ("article:published_time", "og:article:published_time"):
            if value := _meta(soup, property=key):
                meta.published = parse_iso_date(value)
                break
    if not meta.authors and (author := _meta(soup, name="author")):
        meta.authors = split_author_names(author)
    if meta.duration_s is None and (value := _meta(soup, property="og:video:duration")):
        meta.duration_s = int(value) if value.isdigit() and int(value) > 0 else None
    return meta


def find_main_content(soup: BeautifulSoup) -> Tag:
    """The element holding the article on a page we have no profile for: the declared article
    body if any, else the block whose own text (not link text) is largest, counting half of each
    child block's, so the winner is the parent of the story's paragraphs, <p> or bare text."""
    declared = soup.select_one("[itemprop=articleBody]")
    if declared is not None and len(_text(declared)) >= MIN_BODY_CHARS:
        return declared
    root = soup.body or soup
    scores: dict[int, tuple[Tag, float]] = {}
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, _NON_TEXT):
            continue
        chars = len(node.strip())
        if chars < MIN_SCORED_TEXT:
            continue
        owner, in_link = _owner_of(node, root)
        if in_link or owner is None:
            continue
        # A paragraph's container is the candidate (as in readability), bare text's own block is.
        parent: Tag | None = owner.parent if owner.name in _PARAGRAPH_LIKE else owner
        for weight in (1.0, 0.5):
            if parent is None:
                break
            tag, score = scores.get(id(parent), (parent, 0.0))
            scores[id(parent)] = (tag, score + chars * weight)
            parent = parent.parent
    if not scores:
        return root
    best = max(scores.values(), key=lambda pair: pair[1])[0]
    # A page that wraps its story in <article> or <main>: take all of it (headings, lists, quotes).
    for ancestor in _ancestors(best):
        if ancestor.name in ("article", "main"):
            return ancestor
    return best


def walk_blocks(container: Tag) -> Iterator[_RawBlock]:
    """Text of `container` as blocks in reading order: each block element (and each <br>) starts
    a new block; inline markup (links, emphasis) stays inside its block."""
    parts: list[str] = []
    link_chars = 0
    owner: Tag | None = None
    for node in container.descendants:
        if isinstance(node, Tag):
            if node.name == "br" and parts:
                yield from _flush(owner, parts, link_chars)
                parts, link_chars = [], 0
            continue
        if not isinstance(node, NavigableString) or isinstance(node, _NON_TEXT):
            continue
        node_owner, in_link = _owner_of(node, container)
        if node_owner is not owner:
            if parts:
                yield from _flush(owner, parts, link_chars)
            parts, link_chars, owner = [], 0, node_owner
        parts.append(str(node))
        if in_link:
            link_chars += len(node.strip())
    if parts:
        yield from _flush(owner, parts, link_chars)


def _flush(owner: Tag | None, parts: list[str], link_chars: int) -> Iterator[_RawBlock]:
    text = " ".join("".join(parts).split())
    if not text:
        return
    name = owner.name if owner is not None else "p"
    kind = (HEADING if name in HEADING_TAGS else LIST_ITEM if name == "li"
            else CAPTION if name == "figcaption" else PARAGRAPH)
    yield _RawBlock(kind, text, link_chars)


def _owner_of(node: NavigableString, container: Tag) -> tuple[Tag | None, bool]:
    in_link = False
    parent = node.parent
    for _ in range(_PARENT_WALK_LIMIT):
        if parent is None or parent is container:
            return container, in_link
        if parent.name == "a":
            in_link = True
        if parent.name in BLOCK_TAGS or parent.name == "figcaption":
            return parent, in_link
        parent = parent.parent
    return node.parent, in_link


def _block_rule(raw: _RawBlock, profile: SourceProfile, title: str | None) -> str | None:
    if title and raw.text == title:
        return "html:repeated_title"
    rule = profile.rule_for_line(raw.text)
    if rule:
        return rule
    words = len(raw.text.split())
    if raw.link_chars >= LINK_ONLY_SHARE * len(raw.text) and words < 25 and raw.kind != HEADING:
        return "html:link_only"
    return None


def _metadata_rule(text: str, meta: PageMeta) -> str | None:
    """A block that is only a byline or a timestamp is metadata: fill what the page's structured
    data did not say, and keep it out of the body."""
    dated = parse_date_line(text)
    if dated is not None:
        value, is_update = dated
        if not is_update and meta.published is None:
            meta.published = value
        return "meta:updated" if is_update else "meta:published"
    names = parse_byline(text)
    if names is not None:
        meta.authors = meta.authors or names
        return "meta:byline"
    if len(text.split()) <= BYLINE_MAX_WORDS and any(text.startswith(a) for a in meta.authors):
        return "meta:byline"  # "Fiona MacLeod, Health correspondent": the author the page declared
    return None


def _is_removed(el: Tag) -> bool:
    """Whether `el` went with an ancestor we decomposed. Not `Tag.decomposed`: on a live tag that
    property falls through to a subtree search (bs4 4.15), quadratic over a deep page."""
    return bool(vars(el).get("_decomposed"))


def _remove(el: Tag, rule: str, removed: list[Removal]) -> None:
    if _is_removed(el) or el.parent is None:
        return  # already gone with an ancestor
    text = " ".join(el.get_text(" ").split())
    if text:
        removed.append(Removal(0, text[:AUDIT_TEXT_CHARS], rule))
    el.decompose()


def _remove_by_class_words(soup: BeautifulSoup, removed: list[Removal], meta: PageMeta) -> None:
    """Remove furniture by the words in its class and id (share-bar, c-related, cookie_banner...),
    except containers that hold most of the page's text: those are the article itself."""
    body = soup.body or soup
    total = len(body.get_text())
    for el in body.find_all(True):
        if _is_removed(el) or el.parent is None or el.name in ("body", "html"):
            continue
        classes = el.get("class") or []
        label = " ".join([*(classes if isinstance(classes, list) else [classes]),
                          *(str(el.get(attr) or "") for attr in _LABEL_ATTRIBUTES)])
        if not any(_is_boilerplate_word(word) for word in _WORDS.findall(label.lower())):
            continue
        if len(el.get_text()) > total / 2:
            continue
        # A byline box ("By Ingrid Holm") goes too, but says who wrote the article first.
        _remove(el, _metadata_rule(_text(el), meta) or "chrome:boilerplate_class", removed)


def _is_boilerplate_word(word: str) -> bool:
    """"share", and for words long enough not to collide, their compounds: "sharedaddy",
    "relatedposts", "comments-area"."""
    return word in BOILERPLATE_WORDS or any(
        word.startswith(w) for w in BOILERPLATE_WORDS if len(w) >= _PREFIX_MATCH_MIN)


def _ancestors(el: Tag) -> Iterator[Tag]:
    parent = el
    for _ in range(_PARENT_WALK_LIMIT):
        if parent is None:
            return
        yield parent
        parent = parent.parent


def _json_ld_items(text: str) -> Iterator[dict]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                stack.extend(reversed(item["@graph"]))


def _json_ld_authors(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and item.get("@type", "Person") == "Person":
            item = item.get("name")
        if isinstance(item, str):
            names.extend(split_author_names(item))
    return _unique(names)


def _meta(soup: BeautifulSoup, **attrs: str) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    content = tag.get("content") if tag else None
    return content if isinstance(content, str) else None


@cache
def _compiled_rules(remove: tuple[tuple[str, str], ...]) -> tuple[tuple[str, SoupSieve], ...]:
    return tuple((rule, soupsieve.compile(selector)) for rule, selector in remove)


def _select_first(soup: BeautifulSoup, selectors: tuple[str, ...]) -> Tag | None:
    return next((el for sel in selectors if (el := soup.select_one(sel)) is not None), None)


def _text(el: Tag) -> str:
    return " ".join(el.get_text(" ").split())


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
