"""HTML cleaning: the current clean_html_page against the previous implementation and trafilatura.

    .venv/bin/python benchmarks/html_bench.py [--corpus benchmarks/corpus/n1000] [--repeat 3]
                                              [--old-ref REV] [--fuzz 2000]

Times, per page and in the same run (interleaved page by page, so load on the machine hits all
three alike), on the HTML files of the corpus (generated with benchmarks/corpus.py if absent):
  * new          tasks/cleaners/html.py as it is in the working tree;
  * old          the same file at --old-ref (default: the newest commit whose html.py differs
                 from the working tree), loaded from git into a private module for this run only;
  * trafilatura  trafilatura.extract on the same decoded text.
Then checks that new and old give the same result (blocks, title, summary, captions, authors,
published, duration, source, every removal with its rule, or the same reject) on every corpus page,
on the hand-made evaluation pages and test fixtures, and with --fuzz N on N generated pages (the
fuzz test's HTML strategy; real pages with random cuts, copies and insertions; random tag soup with
deep nesting, control characters, ruby, <pre>, templates). Prints ms/page (CPU time) for all pages
and per corpus folder (voa, web), the ratios, and the differences, with the first few shown.

A difference is explained when it is one of the intended fixes below: taking the page feature that
causes it out of the page (KNOWN_FIXES) makes old and new agree again. Any other difference is
unexplained, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import statistics
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import earlier_version  # noqa: E402  (benchmarks/, the script's own folder)
from corpus import generate_corpus  # noqa: E402
from tasks.cleaners import html as new_html  # noqa: E402
from tasks.document import Document, RejectError  # noqa: E402
from tasks.read import decode_bytes, looks_like_html  # noqa: E402

HTML_PATH = "tasks/cleaners/html.py"
_REL_VALUE = re.compile(r"""\brel\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


def deeper_than_libxml2_builds(markup: str) -> bool:
    from lxml import etree

    parser = etree.HTMLParser(huge_tree=True)
    parser.feed(markup)
    parser.close()
    error = parser.feed_error_log.last_error
    return error is not None and error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT


# name -> (what changed and why, applies to this page?, the page with the feature taken out).
KNOWN_FIXES: dict[str, tuple[str, Callable[[str], bool], Callable[[str], str]]] = {
    "rel-case": (
        "rel values compare case-insensitively, as HTML and soupsieve say: a[rel=author] now finds "
        'rel="Author" (the old index compared simple selectors exactly)',
        lambda markup: _REL_VALUE.search(markup) is not None,
        lambda markup: _REL_VALUE.sub(lambda m: m[0].lower(), markup)),
    "deep-controls": (
        "a page nested deeper than libxml2's 2048 levels is rebuilt from parser events, where a "
        "C0 control character becomes a space (if str.split() takes it for one) or U+FFFD",
        lambda markup: _CONTROL.search(markup) is not None and deeper_than_libxml2_builds(markup),
        lambda markup: _CONTROL.sub(lambda m: " " if m[0] in "\x0b\x0c\x1c\x1d\x1e\x1f" else "\ufffd",
                                    markup)),
}
EXTRA_PAGES = [ROOT / "benchmarks" / "eval" / "clean" / "pages",
               ROOT / "tests" / "fixtures" / "clean" / "html"]


def previous_revision() -> str:
    return earlier_version.previous_revision(HTML_PATH)


def load_old(rev: str) -> types.ModuleType:
    return earlier_version.load_module(rev, HTML_PATH, "_html_before_bench")


def read_page(path: Path, name: str | None = None) -> Document | None:
    data = path.read_bytes()
    try:
        text, encoding = decode_bytes(data)
    except RejectError:
        return None
    return Document(source_path=name or path.name, size=len(data), mtime_ns=0, raw_text=text,
                    encoding=encoding, input_format="html" if looks_like_html(data) else "text")


def fresh(doc: Document) -> Document:
    return Document(source_path=doc.source_path, size=doc.size, mtime_ns=0, raw_text=doc.raw_text,
                    encoding=doc.encoding, input_format=doc.input_format)


def outcome(clean: Callable[[Document], None], doc: Document) -> tuple:
    """Everything clean_html_page decides about a page, comparable with ==."""
    doc = fresh(doc)
    try:
        clean(doc)
    except RejectError as exc:
        return ("rejected", exc.reason, exc.detail)
    except Exception as exc:  # noqa: BLE001 - a crash is a difference worth showing, not a stop
        return ("crashed", type(exc).__name__, str(exc)[:200])
    return (
        [(b.kind, b.text) for b in doc.blocks], doc.title, doc.summary,
        [(c.text, c.is_file_photo) for c in doc.captions], doc.authors, doc.published,
        doc.media_duration_s, doc.source, [(r.line_no, r.text, r.rule) for r in doc.removed],
    )


def first_difference(a: tuple, b: tuple) -> str:
    names = ("blocks", "title", "summary", "captions", "authors", "published", "duration",
             "source", "removed")
    if a[0] in ("rejected", "crashed") or b[0] in ("rejected", "crashed"):
        return f"old {a[:2]} / new {b[:2]}"
    for name, x, y in zip(names, a, b):
        if x != y:
            if isinstance(x, list) and isinstance(y, list):
                i = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
                return f"{name}[{i}]: old {x[i:i + 1]!r:.300} / new {y[i:i + 1]!r:.300}"
            return f"{name}: old {x!r:.300} / new {y!r:.300}"
    return "?"


def hostile_pages(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(name, markup): the fuzz test's HTML strategy (half), real pages with random cuts,
    copies and insertions (a quarter), and random tag soup (a quarter)."""
    from hypothesis import HealthCheck, given, settings
    from tests.test_fuzz_chain import HTML

    pages: list[str] = []

    @settings(max_examples=max(1, n // 2), derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(HTML)
    def collect(markup: str) -> None:
        pages.append(markup)

    collect()
    for i, markup in enumerate(pages):
        yield f"hypothesis-{i}", markup
    rng = random.Random(seed)
    real = [p.read_text(encoding="utf-8") for folder in EXTRA_PAGES for p in sorted(folder.glob("*.html"))]
    mutated = (n - len(pages)) // 2
    for i in range(mutated):
        markup = rng.choice(real)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(markup))
            span = markup[at:at + rng.randint(1, 300)]
            markup = rng.choice([markup[:at] + markup[at + len(span):],  # cut
                                 markup[:at] + span + span + markup[at:],  # copy
                                 markup[:at] + rng.choice(["<", ">", "</div>", "<p>", "<br>", "&",
                                                           "<!--", "-->", '"', "<script>", "</a>"])
                                 + markup[at:]])
        yield f"mutated-{i}", markup
    words = ["Ministers", "met", "on", "Tuesday", "to", "discuss", "the", "next", "steps", "for",
             "the", "coalition", "talks", "and", "said", "they", "would", "resume", "next", "week."]
    tags = ["p", "div", "span", "a", "b", "li", "ul", "h2", "figcaption", "section", "article",
            "main", "nav", "aside", "pre", "textarea", "rt", "rp", "ruby", "template", "br", "td"]
    attrs = ['', ' class="share"', ' class="wsw"', ' id="article-content"', ' class="related-box"',
             ' itemprop="articleBody"', ' role="navigation"', ' class="story-body"',
             ' class="byline"', ' rel="Author"', ' class="intro"', ' class="comments\u00a0x"']
    pieces = ["\x0b", "\x0c", "\x01", "\x1f", "&nbsp;", "&amp", "<!-- c -->", "<?php x ?>",
              "<![CDATA[ y ]]>", "\n   \n", "  ", "\t", "</p>", "</div>", "<br/>", "“”", "ü"]
    for i in range(n - len(pages) - mutated):
        out = []
        for _ in range(rng.randint(5, 80)):
            r = rng.random()
            if r < 0.35:
                out.append(" ".join(rng.choices(words, k=rng.randint(1, 14))))
            elif r < 0.65:
                out.append(f"<{rng.choice(tags)}{rng.choice(attrs)}>")
            elif r < 0.85:
                out.append(f"</{rng.choice(tags)}>")
            else:
                out.append(rng.choice(pieces))
        body = "".join(out)
        if i % 25 == 0:  # past libxml2's tree limits: 256 levels, and 2048 with huge_tree
            depth = 300 if i % 100 else 2100
            body = "<div>" * depth + body + "</div>" * depth
        head = rng.choice(["", "<head><title>A title | Site</title></head>",
                           '<head><meta property="og:title" content="A title"></head>'])
        yield f"generated-{i}", f"<html>{head}<body>{body}</body></html>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus" / "n1000")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the pages")
    parser.add_argument("--old-ref", help="git revision of the old html.py")
    parser.add_argument("--fuzz", type=int, default=0, help="also compare on N generated pages")
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--show", type=int, default=5, help="differences to print")
    args = parser.parse_args(argv)

    if not args.corpus.is_dir():
        generate_corpus(args.corpus, int(args.corpus.name.removeprefix("n")))
    rev = args.old_ref or previous_revision()
    old_html = load_old(rev)
    paths = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".html", ".htm"))
    docs = [d for p in paths if (d := read_page(p, p.relative_to(args.corpus).as_posix())) is not None
            and d.input_format == "html"]
    extract = None
    if not args.no_trafilatura:
        import trafilatura

        extract = trafilatura.extract

    # Warm up caches (profiles, compiled selectors, trafilatura's) outside the timing.
    for doc in docs[:20]:
        outcome(new_html.clean_html_page, doc)
        outcome(old_html.clean_html_page, doc)
        if extract:
            extract(doc.raw_text)

    runners = {"new": lambda d: outcome(new_html.clean_html_page, d),
               "old": lambda d: outcome(old_html.clean_html_page, d)}
    if extract:
        runners["trafilatura"] = lambda d: extract(d.raw_text)
    # CPU seconds per runner and group of pages (the corpus folder: voa, web).
    seconds: dict[tuple[str, str], float] = defaultdict(float)
    group_of = {id(d): d.source_path.split("/")[1] if d.source_path.startswith("html/") else "other"
                for d in docs}
    clock = time.process_time
    for _ in range(args.repeat):
        for doc in docs:
            for name, run in runners.items():
                started = clock()
                run(doc)
                spent = clock() - started
                seconds[name, group_of[id(doc)]] += spent
                seconds[name, "all"] += spent

    kb = statistics.median(len(d.raw_text.encode()) for d in docs) / 1024
    print(f"# html_bench  {time.strftime('%Y-%m-%d %H:%M')}  {platform.node()}  "
          f"python {platform.python_version()}  {platform.machine()}")
    print(f"corpus: {args.corpus}  ({len(docs)} HTML pages, median {kb:.0f} KiB)  repeat {args.repeat}")
    # CPU totals per group divided by pages, so the clock's coarse tick does not matter.
    print(f"old html.py: {rev[:12]}   ms/page, CPU time")
    groups = ["all", *sorted(set(group_of.values()))]
    print(f"  {'pages':<8}{'n':>5}" + "".join(f"{name:>13}" for name in runners)
          + f"{'old/new':>10}" + (f"{'trafil./new':>13}" if extract else ""))
    for group in groups:
        n = len(docs) if group == "all" else sum(1 for g in group_of.values() if g == group)
        ms = {name: 1000 * seconds[name, group] / (n * args.repeat) for name in runners}
        print(f"  {group:<8}{n:>5}" + "".join(f"{ms[name]:13.3f}" for name in runners)
              + f"{ms['old'] / ms['new']:9.1f}x"
              + (f"{ms['trafilatura'] / ms['new']:12.1f}x" if extract else ""))

    differences, explained = [], {name: 0 for name in KNOWN_FIXES}
    checked = 0
    pages: list[tuple[str, Document]] = [(str(d.source_path), d) for d in docs]
    pages += [(p.name, d) for folder in EXTRA_PAGES for p in sorted(folder.glob("*.html"))
              if (d := read_page(p)) is not None]
    if args.fuzz:
        pages += [(name, Document(source_path=name, size=len(markup), mtime_ns=0, raw_text=markup,
                                  input_format="html")) for name, markup in hostile_pages(args.fuzz)]
    for name, doc in pages:
        checked += 1
        new, old = outcome(new_html.clean_html_page, doc), outcome(old_html.clean_html_page, doc)
        if new == old:
            continue
        fixes = [fix for fix, (_, applies, _) in KNOWN_FIXES.items() if applies(doc.raw_text)]
        if fixes:
            markup = doc.raw_text
            for fix in fixes:
                markup = KNOWN_FIXES[fix][2](markup)
            without = fresh(doc)
            without.raw_text = markup
            if outcome(new_html.clean_html_page, without) == outcome(old_html.clean_html_page, without):
                for fix in fixes:
                    explained[fix] += 1
                continue
        differences.append((name, first_difference(old, new)))
    print(f"pages compared: {checked} ({len(docs)} corpus, {checked - len(docs) - args.fuzz} "
          f"eval/fixtures, {args.fuzz} fuzz)")
    for fix, count in explained.items():
        print(f"  explained differences, {fix}: {count}  ({KNOWN_FIXES[fix][0]})")
    print(f"  unexplained differences: {len(differences)}")
    for name, what in differences[:args.show]:
        print(f"    {name}: {what}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
