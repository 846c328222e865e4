"""Corpus-learned boilerplate: lines that many articles of one source share verbatim.

The rule. A line is *learned boilerplate* for a source when it occurs, verbatim after whitespace
normalization, in at least `min_docs` (3) distinct articles of that source AND in at least
`min_share` (30%) of the source's articles seen. Each article counts a line once, and each story
once: scrapes whose long (prose) lines are the same - duplicates under other names, encodings or
chrome - count as one article.

The guard. Being learned only makes a line a *candidate*: the text cleaner removes a candidate only
when it stands in a run of consecutive chrome lines that holds a line a named rule removed, or that
touches the start or the end of the page (see `text.remove_chrome_runs`). A learned line with
article text on both sides, such as a subheading "Background" that a desk uses in every story, is
kept. Shortness is never a reason: nothing here looks at a line's length except to skip counting
lines too long to be chrome (> `max_line_chars`), which bounds memory.

Sources. Articles are grouped by site when the input says it (HTML canonical URL / og:url, or a
folder named after the host), else by the platform whose chrome the scrape carries, else by the
folder that holds the file. A group smaller than `min_docs` learns nothing.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tasks.cleaners.metadata import normalize_lines, site_of_path
from tasks.cleaners.profiles import profile_for_scrape
from tasks.document import Document, RawInput
from tasks.read import HTML_SUFFIXES

DEFAULT_MIN_DOCS = 3
PROSE_WORDS = 12  # a line this long is article text; a scrape's set of them identifies its story
DEFAULT_MIN_SHARE = 0.30
DEFAULT_MAX_LINE_CHARS = 200
# Statistics settle long before this; the cap keeps a 100k-article run's learning pass bounded.
DEFAULT_MAX_DOCS_PER_SOURCE = 2000
DEFAULT_SAMPLE_PER_FOLDER = 300
# ... and at most this many in all: a 100k-article corpus in 350 folders of ~300 files would
# otherwise be read twice, once to learn and once to clean.
DEFAULT_SAMPLE_TOTAL = 3000
_SIGNATURE_LINES = 60


@dataclass(frozen=True)
class LearnedBoilerplate:
    lines_by_source: dict[str, frozenset[str]] = field(default_factory=dict)
    docs_by_source: dict[str, int] = field(default_factory=dict)
    min_docs: int = DEFAULT_MIN_DOCS
    min_share: float = DEFAULT_MIN_SHARE

    def lines_for(self, doc: Document) -> frozenset[str]:
        return self.lines_by_source.get(source_key(doc), frozenset())


def source_key(doc: Document) -> str:
    """The group a text scrape's statistics are pooled in (see the module docstring)."""
    site = site_of_path(doc.source_path)
    if site:
        return f"site:{site}"
    head = [line for line in normalize_lines(doc.raw_text[:8192])[:_SIGNATURE_LINES] if line]
    profile = profile_for_scrape(head)
    folder = doc.source_path.rpartition("/")[0]
    if profile is not None:
        return f"platform:{profile.name}:{folder}"
    return f"folder:{folder}"


def learn_boilerplate(docs: Iterable[Document], min_docs: int = DEFAULT_MIN_DOCS,
                      min_share: float = DEFAULT_MIN_SHARE,
                      max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
                      max_docs_per_source: int = DEFAULT_MAX_DOCS_PER_SOURCE) -> LearnedBoilerplate:
    """Learn each source's shared lines from read (not yet cleaned) text-scrape documents."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    seen: Counter[str] = Counter()
    bodies: set[tuple[str, int]] = set()
    for doc in docs:
        if not doc.ok or doc.input_format != "text" or not doc.raw_text:
            continue
        key = source_key(doc)
        if seen[key] >= max_docs_per_source:
            continue
        lines = {line for line in normalize_lines(doc.raw_text) if line}
        # The same story scraped twice (another name, encoding or chrome) counts once, or its own
        # sentences would look like lines "many articles share".
        body = hash(frozenset(line for line in lines if len(line.split()) >= PROSE_WORDS) or frozenset(lines))
        if (key, body) in bodies:
            continue
        bodies.add((key, body))
        seen[key] += 1
        counts[key].update(line for line in lines if len(line) <= max_line_chars)
    learned = {}
    for key, counter in counts.items():
        threshold = max(min_docs, math.ceil(min_share * seen[key]))
        lines = frozenset(line for line, n in counter.items() if n >= threshold)
        if lines:
            learned[key] = lines
    return LearnedBoilerplate(learned, dict(seen), min_docs, min_share)


def uses_learned_lines(source_path: str) -> bool:
    """Learned lines are learned from, and applied to, inputs named as text scrapes: a file named
    .html never gets them, even when it holds a plain-text scrape. So whether a document gets them
    is known before it is read, and batches of pages need no learning and run while it happens."""
    return not source_path.lower().endswith(HTML_SUFFIXES)


def learning_sample(inputs: Iterable[RawInput], per_folder: int = DEFAULT_SAMPLE_PER_FOLDER,
                    total: int = DEFAULT_SAMPLE_TOTAL) -> list[RawInput]:
    """Up to `per_folder` discovered inputs from each folder (fewer when there are so many
    folders that `total` would be passed), spread evenly over the folder, for a learning pass
    that must not read a 100k-article run twice. Sources are usually filed by folder, so every
    source gets its share. HTML pages are left out: they are cleaned by their structure and teach
    nothing here."""
    by_folder: dict[str, list[RawInput]] = defaultdict(list)
    for raw in inputs:
        if raw.ok and uses_learned_lines(raw.source_path):
            by_folder[raw.source_path.rpartition("/")[0]].append(raw)
    quota = min(per_folder, max(DEFAULT_MIN_DOCS, total // max(len(by_folder), 1)))
    sample = []
    for folder_inputs in by_folder.values():
        step = max(1, len(folder_inputs) // quota)
        sample.extend(folder_inputs[::step][:quota])
    return sample
