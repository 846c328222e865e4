"""What does the tag stage cost per article, against one langdetect call per article?

The three sample articles are read, cleaned and segmented once, then replicated; every timing
below runs in this one process on the same articles, so the ratios are comparable:

- baseline: one seeded `detect_langs` call per article on its first 1,000 characters;
- the whole tag stage (`tag_document`), and each tagger on its own;
- "tagging other than langdetect": the whole stage with langdetect's answer stubbed out, which
  the target says must cost well under one langdetect call per article;
- the entity matcher's engine: pyahocorasick automata (used) against one compiled regex
  alternation of every alias, both with the same boundary rule.

    .venv/bin/python benchmarks/tag_bench.py [--copies 200] [--repeats 3]
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from langdetect import detect_langs  # noqa: E402
from langdetect.language import Language  # noqa: E402

import tasks.taggers.language as language_module  # noqa: E402
from tasks.clean import clean_document  # noqa: E402
from tasks.document import Document  # noqa: E402
from tasks.segment import segment_document  # noqa: E402
from tasks.tag import tag_document  # noqa: E402
from tasks.taggers.entities import (  # noqa: E402
    DEFAULT_VOCABULARY,
    EntityMatcher,
    is_acronym,
    matcher_for,
    read_vocabulary,
    tag_entities,
    vocabulary_paths,
)
from tasks.taggers.language import tag_language  # noqa: E402
from tasks.taggers.numbers import tag_amounts, tag_dates  # noqa: E402
from tasks.taggers.quotes import tag_quotes  # noqa: E402


BASELINE = "one langdetect call (first 1,000 chars)"


def load_samples() -> list[Document]:
    docs = []
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        doc = Document(source_path=path.name, size=len(raw), mtime_ns=0, raw_text=raw,
                       input_format="text")
        clean_document(doc)
        segment_document(doc)
        docs.append(doc)
    return docs


def best_times(rounds: int, runs: dict[str, tuple[list[Document], Callable]]) -> dict[str, float]:
    """Best wall time of each run over `rounds` rounds. Rounds interleave the runs, so a change
    in the machine's load (it is shared) hits all of them alike; each run gets fresh copies of
    its documents, and copying is not timed."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, (docs, run) in runs.items():
            fresh = copy.deepcopy(docs)
            started = time.perf_counter()
            run(fresh)
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def counted_langdetect_calls(docs: list[Document]) -> tuple[int, float]:
    """(langdetect calls, seconds inside them) over one run of the tag stage."""
    fresh = copy.deepcopy(docs)
    timer = LangdetectTimer(language_module.ranked_languages)
    language_module.ranked_languages = timer
    try:
        for doc in fresh:
            tag_document(doc)
    finally:
        language_module.ranked_languages = timer.wrapped
    return timer.calls, timer.seconds


def stage_without_langdetect(docs: list[Document]) -> None:
    """The whole tag stage with langdetect's answer stubbed out: everything else runs as usual
    (sampling, letter counting, inheritance, entities, quotes, dates, amounts)."""
    real = language_module.ranked_languages
    language_module.ranked_languages = lambda text, trials: [Language("en", 0.9999)]
    try:
        for doc in docs:
            tag_document(doc)
    finally:
        language_module.ranked_languages = real


def with_segment_trials(trials: int, docs: list[Document]) -> None:
    kept = language_module.SEGMENT_TRIALS
    language_module.SEGMENT_TRIALS = trials
    try:
        for doc in docs:
            tag_language(doc)
    finally:
        language_module.SEGMENT_TRIALS = kept


class LangdetectTimer:
    """Wraps the language tagger's langdetect call, adding up the time spent inside."""

    def __init__(self, wrapped: Callable) -> None:
        self.wrapped = wrapped
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, text: str, trials: int):
        started = time.perf_counter()
        try:
            return self.wrapped(text, trials)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


def regex_matcher_for(paths) -> Callable[[str], list]:
    """The alternative engine: one regex per case rule, longest aliases first."""
    aliases, _ = read_vocabulary(paths)
    exact = sorted((k for k in aliases if is_acronym(k)), key=len, reverse=True)
    folded = sorted((k for k in aliases if not is_acronym(k)), key=len, reverse=True)
    patterns = [re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, exact)) + r")(?!\w)"),
                re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, folded)) + r")(?!\w)", re.I)]
    return lambda text: [m.span() for p in patterns for m in p.finditer(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200, help="replicas of each sample")
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing; the best is kept")
    args = parser.parse_args()

    docs = load_samples() * args.copies
    n = len(docs)
    matcher = matcher_for(vocabulary_paths())  # built (≈ once per process) outside the timings
    tag_language(copy.deepcopy(docs[0]))  # langdetect loads its profiles on first use

    def baseline(batch: list[Document]) -> None:
        for doc in batch:
            detect_langs(doc.text[:1000])

    # Each tagger alone, on documents already carrying what it reads from earlier taggers.
    after_language = copy.deepcopy(docs)
    for doc in after_language:
        tag_language(doc)
    after_entities = copy.deepcopy(after_language)
    for doc in after_entities:
        tag_entities(doc, matcher)
    regex = regex_matcher_for([DEFAULT_VOCABULARY])
    automaton = EntityMatcher.from_files([DEFAULT_VOCABULARY])
    texts = [d.text for d in docs]
    timings = best_times(args.repeats, {
        BASELINE: (docs, baseline),
        "whole tag stage": (docs, lambda b: [tag_document(d) for d in b]),
        "tag stage other than langdetect (langdetect stubbed)": (docs, stage_without_langdetect),
        "tag_language": (docs, lambda b: [tag_language(d) for d in b]),
        "tag_language, segments at 7 trials (not used)": (
            docs, lambda b: with_segment_trials(language_module.ARTICLE_TRIALS, b)),
        "tag_entities": (after_language, lambda b: [tag_entities(d, matcher) for d in b]),
        "tag_quotes": (after_entities, lambda b: [tag_quotes(d) for d in b]),
        "tag_dates": (after_entities, lambda b: [tag_dates(d) for d in b]),
        "tag_amounts": (after_entities, lambda b: [tag_amounts(d) for d in b]),
        "matcher engine: pyahocorasick (find)": ([], lambda _: [automaton.find(t) for t in texts]),
        "matcher engine: one compiled regex (finditer)": ([], lambda _: [regex(t) for t in texts]),
    })
    calls, inside_langdetect = counted_langdetect_calls(docs)

    base = timings[BASELINE] / n
    print(f"{n} articles ({args.copies} copies of {n // args.copies} samples), "
          f"mean {sum(len(d.text) for d in docs) / n:.0f} chars; best of {args.repeats}")
    print(f"{'':52} {'µs/article':>11} {'x langdetect call':>18}")
    for name, seconds in timings.items():
        per = seconds / n
        print(f"{name:52} {per * 1e6:>11.0f} {per / base:>18.3f}")
    print(f"langdetect calls per article in the tag stage: {calls / n:.1f} "
          f"({inside_langdetect / n * 1e6:.0f} µs/article inside langdetect)")


if __name__ == "__main__":
    main()
