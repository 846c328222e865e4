"""Source profiles: per-site cleaning rules kept as data (profiles/*.toml), not as code branches.

A profile names the sites it covers, the text-scrape lines and patterns that are chrome on them, and
the CSS selectors of their HTML pages. Every profile extends `generic.toml`. Adding a site means
adding a TOML file; the cleaner's core never names a site.

Selectors are a subset of CSS, parsed once here so a typo fails when the profiles load, not on
some page later: type, `*`, `.class`, `#id`, `[attr]`, `[attr=value]` (value bare or quoted),
compounds of those (`a.share[rel=author]`), the descendant (` `) and child (`>`) combinators, and
comma lists. The HTML cleaner answers them from one index of the page (tasks/cleaners/html.py).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

PROFILE_DIR = Path(__file__).with_name("profiles")
GENERIC = "generic"


_SELECTOR_TOKEN = re.compile(r"""
    \s*(?P<combinator>>)\s*
  | (?P<space>\s+)
  | (?P<tag>[A-Za-z][\w-]*|\*)
  | \.(?P<cls>[\w-]+)
  | \#(?P<id>[\w-]+)
  | \[\s*(?P<attr>[\w-]+)\s*(?:=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]
""", re.VERBOSE)
SUPPORTED_SELECTORS = ("type, *, .class, #id, [attr], [attr=value] and compounds of them, "
                       "joined by descendant (' ') or child ('>') combinators, in comma lists")


@dataclass(frozen=True)
class Compound:
    """One compound selector: every part must hold for the same element."""

    tag: str | None = None  # lowercase; None matches any element
    ids: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str | None], ...] = ()  # (lowercase name, value; None = present)


@dataclass(frozen=True)
class Selector:
    """A complex selector: `compounds` left to right, `combinators[i]` (" " or ">") between
    compounds i and i + 1."""

    source: str
    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...]

    @cached_property
    def keys(self) -> tuple[tuple[tuple[str, str], ...], bool]:
        """("id" | "class" | "tag" | "attribute", name) for each part of the last compound that an
        element must have, and whether that one part is the whole selector (".share", "nav")."""
        last = self.compounds[-1]
        keys = (*(("id", i) for i in last.ids[:1]), *(("class", c) for c in last.classes),
                *((("tag", last.tag),) if last.tag else ()),
                *(("attribute", name) for name, _ in last.attributes))
        parts = len(last.ids) + len(last.classes) + bool(last.tag) + len(last.attributes)
        whole = (len(self.compounds) == 1 and parts == 1
                 and not (last.attributes and last.attributes[0][1] is not None))
        return keys, whole


@cache
def parse_selectors(text: str) -> tuple[Selector, ...]:
    """A comma list of selectors in the subset profiles use; ValueError names anything else."""
    selectors = []
    for source in text.split(","):
        source = source.strip()
        compounds: list[Compound] = []
        combinators: list[str] = []
        parts: dict[str, list] = {}
        pos, pending = 0, None
        while pos < len(source):
            m = _SELECTOR_TOKEN.match(source, pos)
            if m is None:
                raise ValueError(f"CSS selector {text!r}: cannot read {source[pos:]!r}; "
                                 f"supported: {SUPPORTED_SELECTORS}")
            pos = m.end()
            if m["combinator"] or m["space"]:
                if not parts:
                    raise ValueError(f"CSS selector {text!r}: a combinator needs a selector "
                                     "on its left")
                compounds.append(_compound(parts, text))
                parts, pending = {}, ">" if m["combinator"] else " "
                continue
            if pending:
                combinators.append(pending)
                pending = None
            if m["tag"]:
                if parts:
                    raise ValueError(f"CSS selector {text!r}: the element name must come first")
                parts["tag"] = [m["tag"].lower()]
            elif m["cls"]:
                parts.setdefault("classes", []).append(m["cls"])
            elif m["id"]:
                parts.setdefault("ids", []).append(m["id"])
            else:
                value = next((v for v in (m["dq"], m["sq"], m["bare"]) if v is not None), None)
                parts.setdefault("attributes", []).append((m["attr"].lower(), value))
        if not parts:
            raise ValueError(f"CSS selector {text!r}: empty selector or dangling combinator")
        compounds.append(_compound(parts, text))
        selectors.append(Selector(source, tuple(compounds), tuple(combinators)))
    return tuple(selectors)


def _compound(parts: dict[str, list], text: str) -> Compound:
    tag = parts.get("tag", [None])[0]
    return Compound(tag=None if tag == "*" else tag, ids=tuple(parts.get("ids", ())),
                    classes=tuple(parts.get("classes", ())),
                    attributes=tuple(parts.get("attributes", ())))


@dataclass(frozen=True)
class HtmlRules:
    signature: str | None = None  # a CSS selector that identifies the platform's pages
    body: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    duration: tuple[str, ...] = ()
    remove: tuple[tuple[str, str], ...] = ()  # (rule, selector), applied in order


@dataclass(frozen=True)
class SourceProfile:
    name: str
    domains: tuple[str, ...]
    site_names: dict[str, str]
    line_rules: dict[str, str]  # casefolded line -> rule, removed wherever it stands
    edge_line_rules: dict[str, str]  # removed only inside a chrome run or at the page's edges
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    footer_start: frozenset[str]
    related_start: frozenset[str]
    related_max_items: int
    player_markers: frozenset[str]
    preamble_end: frozenset[str]
    signatures: frozenset[str]
    html: HtmlRules = field(default_factory=HtmlRules)

    def rule_for_line(self, line: str) -> str | None:
        """The rule that removes `line` wherever it stands, or None."""
        key = line.casefold()
        rule = self.line_rules.get(key)
        if rule is not None:
            return rule
        for pattern, rule in self.patterns:
            if pattern.match(key):
                return rule
        return None

    def covers(self, site: str) -> bool:
        return any(site == d or site.endswith("." + d) for d in self.domains)


def _line_map(table: dict[str, list[str]]) -> dict[str, str]:
    return {line.casefold(): rule for rule, lines in table.items() for line in lines}


def _merge(base: dict, extra: dict) -> dict:
    """Deep-merge two profile tables: lists are concatenated, tables merged, scalars replaced."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + value
        else:
            merged[key] = value
    return merged


def _build(raw: dict) -> SourceProfile:
    text = raw.get("text", {})
    html = raw.get("html", {})
    for key in ("signature", "body", "summary", "captions", "authors", "published", "duration"):
        for selector in [html[key]] if isinstance(html.get(key), str) else html.get(key, ()):
            _check_selector(raw["name"], f"html.{key}", selector)
    for rule, selectors in html.get("remove", {}).items():
        for selector in selectors:
            _check_selector(raw["name"], f"html.remove.{rule}", selector)
    return SourceProfile(
        name=raw["name"],
        domains=tuple(raw.get("domains", ())),
        site_names=dict(raw.get("site_names", {})),
        line_rules=_line_map(text.get("lines", {})),
        edge_line_rules=_line_map(text.get("edge_lines", {})),
        patterns=tuple((re.compile(p), rule) for rule, p in text.get("patterns", {}).items()),
        footer_start=frozenset(s.casefold() for s in text.get("footer_start", ())),
        related_start=frozenset(s.casefold() for s in text.get("related_start", ())),
        related_max_items=int(text.get("related_max_items", 6)),
        player_markers=frozenset(s.casefold() for s in text.get("player_markers", ())),
        preamble_end=frozenset(s.casefold() for s in text.get("preamble_end", ())),
        signatures=frozenset(s.casefold() for s in text.get("signatures", ())),
        html=HtmlRules(
            signature=html.get("signature"),
            body=tuple(html.get("body", ())),
            summary=tuple(html.get("summary", ())),
            captions=tuple(html.get("captions", ())),
            authors=tuple(html.get("authors", ())),
            published=tuple(html.get("published", ())),
            duration=tuple(html.get("duration", ())),
            remove=tuple((rule, sel) for rule, sels in html.get("remove", {}).items() for sel in sels),
        ),
    )


def _check_selector(profile: str, key: str, selector: str) -> None:
    try:
        parse_selectors(selector)
    except ValueError as exc:
        raise ValueError(f"profile {profile!r}, {key}: {exc}") from None


@cache
def load_profiles(directory: Path = PROFILE_DIR) -> tuple[SourceProfile, ...]:
    """All profiles, each merged over the generic one; the generic profile itself comes last."""
    tables = {}
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as fh:
            tables[path.stem] = tomllib.load(fh)
    generic = tables.pop(GENERIC)
    specific = [_build(_merge(generic, table)) for table in tables.values()]
    return (*specific, _build(generic))


def generic_profile() -> SourceProfile:
    return load_profiles()[-1]


def profile_for_site(site: str | None) -> SourceProfile | None:
    if site:
        for profile in load_profiles()[:-1]:
            if profile.covers(site):
                return profile
    return None


def profile_for_site_name(site_name: str) -> tuple[SourceProfile, str] | None:
    """(profile, domain) for an og:site_name such as "Voice of America"."""
    for profile in load_profiles()[:-1]:
        domain = profile.site_names.get(site_name.strip())
        if domain:
            return profile, domain
    return None


def profile_for_scrape(first_lines: list[str]) -> SourceProfile | None:
    """The platform whose signature lines open this text scrape (the site itself stays unknown)."""
    keys = {line.casefold() for line in first_lines}
    for profile in load_profiles()[:-1]:
        if profile.signatures & keys:
            return profile
    return None
