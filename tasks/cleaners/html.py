"""HTML pages: structured extraction for known platforms, a main-content heuristic for the rest.

lxml (libxml2's HTML parser, the same parser BeautifulSoup's "lxml" builder drives) builds the
tree in C. Profile selectors are answered from one index of the page's elements (PageIndex), text
is taken with lxml's C-level iterators, and only the article container is walked block by block.
Everything walks iteratively (lxml iterators, bounded parent walks), so a page nested 100k deep
costs time linear in its size and never hits Python's recursion limit. libxml2 builds trees up to
2048 levels deep (with huge_tree); a deeper page is rebuilt from the parser's events.

Removed elements are emptied and renamed rather than unlinked, so the text on either side of one
stays two separate strings, as it was in the page.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from lxml import etree

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
    Compound,
    Selector,
    SourceProfile,
    generic_profile,
    load_profiles,
    parse_selectors,
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
# Text directly inside these is not body text (ruby annotations, code, inert templates): it counts
# only when the element itself is asked for its text, as in BeautifulSoup's get_text.
_OWN_TEXT_TAGS = frozenset({"rt", "rp", "style", "script", "template"})
# Inside these, whitespace-only text is kept as written; elsewhere it counts as one character.
_PRESERVE_WHITESPACE_TAGS = frozenset({"pre", "textarea"})
_TEXT_CONTEXT_TAGS = _OWN_TEXT_TAGS | _PRESERVE_WHITESPACE_TAGS
_TEMPLATE = frozenset({"template"})
_ASCII_WHITESPACE = " \n\t\x0c\r"
# Attributes whose value is a whitespace-separated list, per element ("*": on every element).
_LIST_ATTRIBUTES = {
    "*": {"class", "accesskey", "dropzone"}, "a": {"rel", "rev"}, "link": {"rel", "rev"},
    "td": {"headers"}, "th": {"headers"}, "form": {"accept-charset"}, "object": {"archive"},
    "area": {"rel"}, "icon": {"sizes"}, "iframe": {"sandbox"}, "output": {"for"},
}
# Attribute values that selectors match case-insensitively on HTML elements (HTML standard,
# "case-sensitivity of selectors").
_CASE_INSENSITIVE_ATTRIBUTES = frozenset({
    "accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked", "clear",
    "codetype", "color", "compact", "declare", "defer", "dir", "direction", "disabled", "enctype",
    "face", "frame", "hreflang", "http-equiv", "lang", "language", "link", "media", "method",
    "multiple", "nohref", "noresize", "noshade", "nowrap", "readonly", "rel", "rev", "rules", "scope",
    "scrolling", "selected", "shape", "target", "text", "type", "valign", "valuetype", "vlink",
})
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Of those, the ones str.split() takes for whitespace (Word's line break \x0b, form feed \x0c).
_WHITESPACE_CONTROLS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")
_XML_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")
# Class/id words of page furniture on sites we have no profile for.
BOILERPLATE_WORDS = frozenset({
    "ad", "ads", "adslot", "advert", "advertisement", "author", "banner", "breadcrumb", "button",
    "breadcrumbs", "byline", "comment", "comments", "consent", "cookie", "cookies", "footer",
    "gdpr", "menu", "modal", "nav", "navbar", "newsletter", "outbrain", "paywall", "popup", "promo",
    "recirc", "recirculation", "related", "share", "sharing", "sidebar", "signup", "social",
    "sponsored", "subscribe", "subscription", "taboola", "toolbar", "trending",
})
_WORDS = re.compile(r"[a-z0-9]+")
# Where pages name their components: class, id, and the data-* names of React-era sites.
_LABEL_ATTRIBUTES = frozenset({"class", "id", "data-component", "data-testid", "data-module"})
_TITLE_SEPARATORS = re.compile(r" [|\-–—:»] ")
_PARENT_WALK_LIMIT = 64  # deeper inline nesting than this is hostile input: treat as its own block
AUDIT_TEXT_CHARS = 500
LINK_ONLY_SHARE = 0.8
MIN_BODY_CHARS = 200
BYLINE_MAX_WORDS = 8
_PREFIX_MATCH_MIN = 5
MIN_SCORED_TEXT = 40  # text pieces shorter than this are labels and links, not prose
ARTICLE_BODY_SELECTOR = "[itemprop=articleBody]"
_REMOVED_TAG = "newsprep-removed"
_DOCUMENT_TAG = "newsprep-document"  # stands for the document around several top-level elements


@dataclass
class PageMeta:
    title: str | None = None
    site: str | None = None
    site_name: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    duration_s: int | None = None


# -- parsing ---------------------------------------------------------------------------------------
def parse_html(markup: str) -> etree._Element | None:
    """The page's root element, or None when the markup holds no element at all. Markup after
    </html> (trackers, a second page glued on) becomes a second top-level <html>: then the
    root is an element of our own (_DOCUMENT_TAG) holding them all, as BeautifulSoup's
    document does."""
    markup = markup.removeprefix("\ufeff")
    # huge_tree: no 10 MB cap on a text node and 2048 levels instead of 256 (inputs are capped by
    # the read stage).
    parser = etree.HTMLParser(huge_tree=True)
    # The feed interface, unlike fromstring, accepts a str that starts with an XML declaration.
    parser.feed(markup)
    root = parser.close()
    last_error = parser.feed_error_log.last_error
    if last_error is not None and last_error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
        # libxml2 stopped building (a page nested deeper than 2048 levels) and the rest of the
        # page is missing: rebuild it from the parser's events, which have no such limit.
        return _parse_unbounded(markup)
    if root is not None and any(isinstance(node.tag, str) for node in (
            *root.itersiblings(preceding=True), *root.itersiblings())):
        document = etree.Element(_DOCUMENT_TAG)
        document.extend([*reversed(list(root.itersiblings(preceding=True))), root,
                         *root.itersiblings()])
        root = document
    return root


class _UnboundedTreeTarget:
    """Builds the tree from parser events instead of libxml2's tree builder. lxml's TreeBuilder
    accepts only XML names and characters, so names it refuses are renamed (no selector or tag
    test can match them anyway) and control characters become a space if str.split() would take
    them for one, else U+FFFD."""

    def __init__(self) -> None:
        self.builder = etree.TreeBuilder()
        self.builder.start(_DOCUMENT_TAG, {})
        self.open: list[str] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = tag if _XML_NAME.match(tag) else "_"
        self.builder.start(name, {k: _xml_text(v) for k, v in attrib.items() if _XML_NAME.match(k)})
        self.open.append(name)

    def end(self, tag: str) -> None:
        if self.open:
            self.builder.end(self.open.pop())

    def data(self, text: str) -> None:
        self.builder.data(_xml_text(text))

    def comment(self, text: str) -> None:
        self.builder.comment("")  # only its place matters: it separates the text around it

    def close(self) -> etree._Element | None:
        while self.open:
            self.builder.end(self.open.pop())
        self.builder.end(_DOCUMENT_TAG)
        document = self.builder.close()
        return document if len(document) else None


def _xml_text(text: str) -> str:
    return _NOT_XML_TEXT.sub(lambda m: " " if m[0] in _WHITESPACE_CONTROLS else "\ufffd", text)


def _parse_unbounded(markup: str) -> etree._Element | None:
    parser = etree.HTMLParser(target=_UnboundedTreeTarget())
    parser.feed(markup)
    return parser.close()


# -- selecting -------------------------------------------------------------------------------------
class PageIndex:
    """The page's elements by tag, class, id and the attributes selectors ask about, built in one
    walk, so each of a profile's ~50 selectors is a dictionary lookup plus a check of a few
    candidates (libxml2's XPath took as long per selector as this whole walk). Removed elements
    are kept out of every answer."""

    def __init__(self, root: etree._Element, attribute_names: frozenset[str]) -> None:
        self.root = root
        self.attribute_names = attribute_names
        elements = root.iter(etree.Element)
        if root.tag == _DOCUMENT_TAG:
            next(elements)  # the document is not an element of the page
        self.all = list(elements)
        self.position = dict(zip(self.all, range(len(self.all))))
        self.by_class: dict[str, list[etree._Element]] = defaultdict(list)
        self.by_id: dict[str, list[etree._Element]] = defaultdict(list)
        self.by_attribute: dict[str, list[etree._Element]] = defaultdict(list)
        self._by_tag: dict[str, list[etree._Element]] = {}
        self._named: dict[frozenset[str], list[etree._Element]] = {}
        self.removed: set[etree._Element] = set()
        for el in self.all:
            for name, value in el.items():
                if name == "class":
                    for cls in value.split():
                        self.by_class[cls].append(el)
                elif name == "id":
                    self.by_id[value].append(el)
                elif name in attribute_names:
                    self.by_attribute[name].append(el)

    def by_tag(self, tag: str) -> list[etree._Element]:
        """Elements named `tag`, found by lxml's C-level tag filter when first asked for."""
        found = self._by_tag.get(tag)
        if found is None:
            found = self._by_tag[tag] = list(self.root.iter(tag))
        return found

    def select(self, selectors: Iterable[Selector]) -> list[etree._Element]:
        """Elements matching any of `selectors`, in document order. The content of a <template>
        is not part of the page (HTML standard), so it matches nothing until templates go with
        the other invisible elements."""
        found: list[etree._Element] = []
        lists = 0
        removed = self.removed
        in_template = _in_template if self._any_alive(_TEMPLATE) else None
        for selector in selectors:
            candidates, decided = self._candidates(selector)
            matches = [el for el in candidates if el not in removed
                       and (decided or _matches(el, selector))
                       and (in_template is None or not in_template(el))]
            if matches:
                lists += 1
                found.extend(matches)
        if lists > 1:
            found = sorted(set(found), key=self.position.__getitem__)
        return found

    def select_first(self, selectors: Iterable[Selector]) -> etree._Element | None:
        """The first element in document order matching any of `selectors`."""
        found = self.select(selectors)
        return found[0] if found else None

    # -- text, as BeautifulSoup's get_text gave it ----------------------------------------------
    def strings(self, el: etree._Element) -> Iterator[str]:
        """The text strings of `el`'s subtree in document order: comments left out, and so is
        text whose nearest rt/rp/script/style/template (inside `el` or above it) is not `el`."""
        if not self._any_alive(_OWN_TEXT_TAGS) or _plain_text_context(el, _OWN_TEXT_TAGS):
            return el.itertext()
        return (string for string, _ in _strings_in_context(el))

    def text(self, el: etree._Element) -> str:
        return " ".join(" ".join(self.strings(el)).split())

    def leading_text(self, el: etree._Element, limit: int) -> str:
        """text(el)[:limit], reading no further into a big subtree than that."""
        words: list[str] = []
        length = 0  # of " ".join(words), plus one
        for string in self.strings(el):
            if new := string.split():
                words += new
                length += sum(map(len, new)) + len(new)
                if length > limit:
                    break
        return " ".join(words)[:limit]

    def text_length(self, el: etree._Element) -> int:
        """len(get_text()) of `el` as BeautifulSoup stored the page: a whitespace-only string
        counts as one character (a space or a newline), except inside <pre> and <textarea>."""
        tags = _TEXT_CONTEXT_TAGS
        if not self._any_alive(tags) or _plain_text_context(el, tags):
            strings = list(el.itertext())
            return sum(map(len, strings)) - sum(len(s) - 1 for s in filter(str.isspace, strings)
                                                if not s.strip(_ASCII_WHITESPACE))
        return sum(len(s) if preserved or s.strip(_ASCII_WHITESPACE) else 1
                   for s, preserved in _strings_in_context(el))

    def _any_alive(self, tags: frozenset[str]) -> bool:
        """Whether the page still has an element named in `tags` (most pages, once scripts and
        styles are gone, have none, and text needs no context)."""
        named = self._named.get(tags)
        if named is None:
            named = self._named[tags] = [el for tag in tags for el in self.by_tag(tag)]
        if named and not all(el in self.removed for el in named):
            return True
        named.clear()  # removals never bring an element back
        return False

    def release(self) -> None:
        """Let go of the elements deepest first. lxml frees an element's proxy by walking up to
        the nearest ancestor that still has one: in document order that walk is the whole depth
        each time, quadratic on a page nested 100k deep."""
        self.position.clear()
        self.by_class.clear()
        self.by_id.clear()
        self.by_attribute.clear()
        self._by_tag.clear()
        self._named.clear()
        self.removed.clear()
        while self.all:
            self.all.pop()

    def remove(self, el: etree._Element) -> None:
        """Drop `el` and its subtree. The emptied element stays as a marker, under a name no
        rule looks for, so its tail text stays a string of its own, as it was in the page."""
        self.removed.update(el.iter())
        el.clear(keep_tail=True)
        el.tag = _REMOVED_TAG

    def _candidates(self, selector: Selector) -> tuple[list[etree._Element], bool]:
        """The shortest index list holding every match of `selector`'s last compound, and
        whether being on it decides the match (".share", "nav", "#comments" alone)."""
        keys, decided = selector.keys
        best = None
        for kind, key in keys:
            if kind == "class":
                found = self.by_class.get(key, [])
            elif kind == "tag":
                found = self._by_tag.get(key)
                if found is None:
                    found = self.by_tag(key)
            elif kind == "id":
                found = self.by_id.get(key, [])
            elif key in self.attribute_names:
                found = self.by_attribute.get(key, [])
            else:
                continue
            if best is None or len(found) < len(best):
                best = found
        return (self.all, False) if best is None else (best, decided)


def _in_template(el: etree._Element) -> bool:
    return next(el.iterancestors("template"), None) is not None


def _selector_attribute_names(selectors: Iterable[str]) -> frozenset[str]:
    return frozenset(name for text in selectors for selector in parse_selectors(text)
                     for compound in selector.compounds for name, _ in compound.attributes)


def _matches(el: etree._Element, selector: Selector) -> bool:
    """Right to left, as browsers match: the last compound on `el`, then each one before it on a
    parent (">") or on any ancestor (" "), nearest first, backtracking without recursion."""
    compounds, combinators = selector.compounds, selector.combinators
    if not _matches_compound(el, compounds[-1]):
        return False
    pending: list[Iterator[tuple[etree._Element, int]]] = [iter([(el, len(compounds) - 2)])]
    while pending:
        step = next(pending[-1], None)
        if step is None:
            pending.pop()
            continue
        el, i = step
        if i < 0:
            return True
        compound = compounds[i]
        if combinators[i] == ">":
            parent = el.getparent()
            pending.append(iter([(parent, i - 1)] if parent is not None
                                and _matches_compound(parent, compound) else []))
        else:
            pending.append((a, i - 1) for a in el.iterancestors() if _matches_compound(a, compound))
    return False


def _matches_compound(el: etree._Element, compound: Compound) -> bool:
    if (compound.tag and el.tag != compound.tag) or el.tag == _DOCUMENT_TAG:
        return False
    for element_id in compound.ids:
        if el.get("id") != element_id:
            return False
    if compound.classes:
        classes = (el.get("class") or "").split()
        if any(cls not in classes for cls in compound.classes):
            return False
    for name, expected in compound.attributes:
        value = el.get(name)
        if value is None:
            return False
        if expected is None:
            continue
        if name in _LIST_ATTRIBUTES["*"] or name in _LIST_ATTRIBUTES.get(el.tag, ()):
            value = " ".join(value.split())
        if name in _CASE_INSENSITIVE_ATTRIBUTES:
            value, expected = _ascii_lower(value), _ascii_lower(expected)
        if value != expected:
            return False
    return True


def _ascii_lower(text: str) -> str:
    return text.lower() if text.isascii() else "".join(
        c.lower() if "A" <= c <= "Z" else c for c in text)


@cache
def _selectors(texts: tuple[str, ...]) -> tuple[Selector, ...]:
    return tuple(selector for text in texts for selector in parse_selectors(text))


# -- text ------------------------------------------------------------------------------------------
def _plain_text_context(el: etree._Element, tags: frozenset[str]) -> bool:
    """No element named in `tags` around `el` or inside it (a C-level scan each way)."""
    return next(el.iterancestors(*tags), None) is None and next(el.iter(*tags), None) is None


def _strings_in_context(el: etree._Element) -> Iterator[tuple[str, bool]]:
    """(string, whitespace preserved) for the strings PageIndex.strings gives, the slow way:
    tracking the nearest rt/rp/script/style/template and pre/textarea of each string."""
    wanted = el.tag if el.tag in _OWN_TEXT_TAGS else None
    above = next(el.iterancestors(*_OWN_TEXT_TAGS), None)
    owners = [above.tag if above is not None else None]
    preserved = [next(el.iterancestors(*_PRESERVE_WHITESPACE_TAGS), None) is not None]
    for event, node in etree.iterwalk(el, events=("start", "end", "comment", "pi")):
        if event == "start":
            owners.append(node.tag if node.tag in _OWN_TEXT_TAGS else owners[-1])
            preserved.append(preserved[-1] or node.tag in _PRESERVE_WHITESPACE_TAGS)
            if node.text and owners[-1] == wanted:
                yield node.text, preserved[-1]
            continue
        if event == "end":
            owners.pop()
            preserved.pop()
            if node is el:
                return
        if node.tail and owners[-1] == wanted:
            yield node.tail, preserved[-1]


def _strings_with_parents(container: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Every text string inside `container` in document order, with the element it sits in."""
    for event, el in etree.iterwalk(container, events=("start", "end", "comment", "pi")):
        if event == "start":
            if el.text:
                yield el.text, el
        elif el is container:
            return
        elif el.tail:
            yield el.tail, el.getparent()


# -- the page --------------------------------------------------------------------------------------
@dataclass
class _RawBlock:
    kind: str
    text: str
    link_chars: int


def clean_html_page(doc: Document) -> None:
    root = parse_html(doc.raw_text)
    if root is None:
        raise RejectError("no_body", "no article paragraphs found in the HTML page")
    index = PageIndex(root, _profile_attribute_names())
    try:
        _clean_page(doc, root, index)
    finally:
        index.release()


def _clean_page(doc: Document, root: etree._Element, index: PageIndex) -> None:
    meta = read_page_metadata(root)
    profile, site = choose_profile(index, meta)
    h1, page_title = next(root.iter("h1"), None), next(root.iter("title"), None)
    title = _choose_title(meta.title, index.text(h1) if h1 is not None else None,
                          index.text(page_title) if page_title is not None else None)
    for el in list(root.iter(*INVISIBLE_TAGS)):
        if el not in index.removed:
            index.remove(el)

    html = profile.html
    captions = [index.text(el) for el in index.select(_selectors(html.captions))]
    summary = next((text for el in index.select(_selectors(html.summary))
                    if (text := index.text(el))), None)
    if not meta.authors:
        meta.authors = _unique([n for el in index.select(_selectors(html.authors))
                                for n in split_author_names(index.text(el))])
    meta.published = meta.published or next(
        (value for el in index.select(_selectors(html.published))
         if (value := parse_iso_date(el.get("datetime") or el.get("content") or ""))), None)
    duration = meta.duration_s or next(
        (d for el in index.select(_selectors(html.duration))
         if (d := longest_duration_s(index.text(el)))), None)

    removed: list[Removal] = []
    # Each element goes with the first rule whose selector matches it; rules apply in profile
    # order, so a player inside an embed box is audited as the player.
    rule_of: dict[etree._Element, str] = {}
    for rule, selector in html.remove:
        for el in index.select(parse_selectors(selector)):
            rule_of.setdefault(el, rule)
    by_rule: dict[str, list[etree._Element]] = {rule: [] for rule, _ in html.remove}
    for el in sorted(rule_of, key=index.position.__getitem__):
        by_rule[rule_of[el]].append(el)
    for rule, elements in by_rule.items():
        for el in elements:
            _remove(el, rule, removed, index)
    # The first body selector that matches wins, even if a later one matches earlier in the page.
    container = next((el for selector in html.body
                      if (el := index.select_first(parse_selectors(selector))) is not None), None)
    if container is None:
        body = _body(root, index)
        _remove_by_class_words(body, removed, meta, index)
        container = find_main_content(body, index)

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


@cache
def _profile_attribute_names() -> frozenset[str]:
    """Every attribute name a profile selector tests: the index lists their elements."""
    selectors = [ARTICLE_BODY_SELECTOR]
    for p in load_profiles():
        selectors += [*((p.html.signature,) if p.html.signature else ()), *p.html.body,
                      *p.html.summary, *p.html.captions, *p.html.authors, *p.html.published,
                      *p.html.duration, *(selector for _, selector in p.html.remove)]
    return _selector_attribute_names(selectors)


def _body(root: etree._Element, index: PageIndex) -> etree._Element:
    """The page's <body>, or the whole page when it has none (or lost it to a removal)."""
    body = next(root.iter("body"), None)
    return body if body is not None and body not in index.removed else root


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


def choose_profile(index: PageIndex, meta: PageMeta) -> tuple[SourceProfile, str | None]:
    site = meta.site
    profile = profile_for_site(site)
    if profile is None and meta.site_name and (named := profile_for_site_name(meta.site_name)):
        profile, site = named[0], site or named[1]
    if profile is None:
        profile = next((p for p in load_profiles()[:-1] if p.html.signature
                        and index.select_first(parse_selectors(p.html.signature)) is not None), None)
    return profile or generic_profile(), site


def read_page_metadata(root: etree._Element) -> PageMeta:
    """Title, site, date, authors and duration from the page's own structured data: JSON-LD
    first (what the publisher asserts), then Open Graph / article meta tags."""
    meta = PageMeta()
    for script in root.iter("script"):
        if script.get("type") != "application/ld+json":
            continue
        for item in _json_ld_items(script.text or ""):
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
    metas = _meta_contents(root)
    meta.title = _clean(metas.get(("property", "og:title"))) or meta.title
    canonical = next((link for link in root.iter("link") if "canonical" in (link.get("rel") or "").split()),
                     None)
    for url in (canonical.get("href") if canonical is not None else None, metas.get(("property", "og:url"))):
        if url and not meta.site:
            meta.site = site_of_url(url)
    meta.site_name = _clean(metas.get(("property", "og:site_name")))
    if meta.published is None:
        for key in ("article:published_time", "og:article:published_time"):
            if value := metas.get(("property", key)):
                meta.published = parse_iso_date(value)
                break
    if not meta.authors and (author := metas.get(("name", "author"))):
        meta.authors = split_author_names(author)
    if meta.duration_s is None and (value := metas.get(("property", "og:video:duration"))):
        meta.duration_s = int(value) if value.isdigit() and int(value) > 0 else None
    return meta


def _meta_contents(root: etree._Element) -> dict[tuple[str, str], str | None]:
    """(attribute, value) -> content of the first <meta> with that property or name."""
    contents: dict[tuple[str, str], str | None] = {}
    for tag in root.iter("meta"):
        for attribute in ("property", "name"):
            if (value := tag.get(attribute)) is not None:
                contents.setdefault((attribute, value), tag.get("content"))
    return contents


def find_main_content(root: etree._Element, index: PageIndex) -> etree._Element:
    """The element holding the article on a page we have no profile for: the declared article
    body if any, else the block whose own text (not link text) is largest, counting half of each
    child block's, so the winner is the parent of the story's paragraphs, <p> or bare text."""
    declared = index.select_first(parse_selectors(ARTICLE_BODY_SELECTOR))
    if declared is not None and len(index.text(declared)) >= MIN_BODY_CHARS:
        return declared
    scores: dict[etree._Element, float] = {}
    for string, parent in _strings_with_parents(root):
        chars = len(string.strip())
        if chars < MIN_SCORED_TEXT:
            continue
        owner, in_link = _owner_of(parent, root)
        if in_link:
            continue
        # A paragraph's container is the candidate (as in readability), bare text's own block is.
        candidate = owner.getparent() if owner.tag in _PARAGRAPH_LIKE else owner
        for weight in (1.0, 0.5):
            if candidate is None:
                break
            scores[candidate] = scores.get(candidate, 0.0) + chars * weight
            candidate = candidate.getparent()
    if not scores:
        return root
    best = max(scores.items(), key=lambda pair: pair[1])[0]
    # A page that wraps its story in <article> or <main>: take all of it (headings, lists, quotes).
    for ancestor in _ancestors(best):
        if ancestor.tag in ("article", "main"):
            return ancestor
    return best


def walk_blocks(container: etree._Element) -> Iterator[_RawBlock]:
    """Text of `container` as blocks in reading order: each block element (and each <br>) starts
    a new block; inline markup (links, emphasis) stays inside its block."""
    parts: list[str] = []
    link_chars = 0
    owner: etree._Element | None = None
    last_parent, owner_of_parent = None, (None, False)
    for event, el in etree.iterwalk(container, events=("start", "end", "comment", "pi")):
        if event == "start":
            if el.tag == "br" and parts:
                yield from _flush(owner, parts, link_chars)
                parts, link_chars = [], 0
            string, parent = el.text, el
        elif el is container:
            break
        else:
            string, parent = el.tail, el.getparent()
        if not string:
            continue
        if parent is not last_parent:
            last_parent, owner_of_parent = parent, _owner_of(parent, container)
        node_owner, in_link = owner_of_parent
        if node_owner is not owner:
            if parts:
                yield from _flush(owner, parts, link_chars)
            parts, link_chars, owner = [], 0, node_owner
        parts.append(string)
        if in_link:
            link_chars += len(string.strip())
    if parts:
        yield from _flush(owner, parts, link_chars)


def _flush(owner: etree._Element | None, parts: list[str], link_chars: int) -> Iterator[_RawBlock]:
    text = " ".join("".join(parts).split())
    if not text:
        return
    name = owner.tag if owner is not None else "p"
    kind = (HEADING if name in HEADING_TAGS else LIST_ITEM if name == "li"
            else CAPTION if name == "figcaption" else PARAGRAPH)
    yield _RawBlock(kind, text, link_chars)


def _owner_of(parent: etree._Element, container: etree._Element) -> tuple[etree._Element, bool]:
    """The block a string sitting in `parent` belongs to, and whether it is link text."""
    in_link = False
    el: etree._Element | None = parent
    for _ in range(_PARENT_WALK_LIMIT):
        if el is None or el is container:
            return container, in_link
        tag = el.tag
        if tag == "a":
            in_link = True
        if tag in BLOCK_TAGS or tag == "figcaption":
            return el, in_link
        el = el.getparent()
    return parent, in_link


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


def _remove(el: etree._Element, rule: str, removed: list[Removal], index: PageIndex) -> None:
    if el in index.removed:
        return  # already gone with an ancestor
    text = index.leading_text(el, AUDIT_TEXT_CHARS)
    if text:
        removed.append(Removal(0, text, rule))
    index.remove(el)


def _remove_by_class_words(body: etree._Element, removed: list[Removal], meta: PageMeta,
                           index: PageIndex) -> None:
    """Remove furniture by the words in its class and id (share-bar, c-related, cookie_banner...),
    except containers that hold most of the page's text: those are the article itself."""
    total = index.text_length(body)
    for el in list(body.iter(etree.Element)):
        labels = [value for name, value in el.items() if name in _LABEL_ATTRIBUTES]
        if not labels or el in index.removed or el.tag in ("body", "html"):
            continue
        if not any(_is_boilerplate_word(word) for word in _WORDS.findall(" ".join(labels).lower())):
            continue
        if index.text_length(el) > total / 2:
            continue
        # A byline box ("By Ingrid Holm") goes too, but says who wrote the article first.
        rule = _metadata_rule(index.text(el), meta) or "chrome:boilerplate_class"
        _remove(el, rule, removed, index)


def _is_boilerplate_word(word: str) -> bool:
    """"share", and for words long enough not to collide, their compounds: "sharedaddy",
    "relatedposts", "comments-area"."""
    return word in BOILERPLATE_WORDS or word.startswith(_BOILERPLATE_PREFIXES)


_BOILERPLATE_PREFIXES = tuple(sorted(w for w in BOILERPLATE_WORDS if len(w) >= _PREFIX_MATCH_MIN))


def _ancestors(el: etree._Element) -> Iterator[etree._Element]:
    parent: etree._Element | None = el
    for _ in range(_PARENT_WALK_LIMIT):
        if parent is None:
            return
        yield parent
        parent = parent.getparent()


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


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
