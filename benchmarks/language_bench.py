"""Our langdetect front end (tasks.taggers.language.FastDetector) against langdetect's own
Detector, on the detector calls the language tagger really makes: same inputs, same run,
interleaved, and every output compared.

Inputs: every `ranked_languages(text, trials)` call that `tag_language` makes (article sample and
the segments it detects on their own) on the articles of a benchmark corpus after read, clean and
segment, plus the three sample articles (data/raw) and the multilingual test articles of
tests/test_language.py. The calls are recorded with langdetect's own detector answering, so the
inputs do not depend on the code under test.

Each round times every input with both detectors back to back (which one goes first alternates),
so a change in the shared machine's load hits both alike. Reported per call: the first round
(FastDetector's word cache cold) and each input's best over the rounds. Every output of every
round must be identical - same languages in the same order, same float probabilities, or the same
LangDetectException - or the script fails.

    .venv/bin/python benchmarks/language_bench.py [--corpus benchmarks/corpus/n1000] [--limit N] [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from langdetect.detector_factory import init_factory  # noqa: E402
from langdetect.lang_detect_exception import LangDetectException  # noqa: E402

import tasks.taggers.language as language  # noqa: E402
from tasks.clean import clean_document  # noqa: E402
from tasks.document import Document, RejectError  # noqa: E402
from tasks.read import discover_inputs, read_document  # noqa: E402
from tasks.segment import segment_document  # noqa: E402
from tests.test_language import ARTICLES, RAW, make_document, make_test_article  # noqa: E402

DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus" / "n1000"

Outcome = tuple  # (("en", 0.99), ...) or ("LangDetectException", message)


def langdetect_detector(text: str, trials: int):
    """What ranked_languages did before FastDetector: langdetect's Detector from its factory."""
    init_factory()
    from langdetect.detector_factory import _factory

    detector = _factory.create()
    detector.n_trial = trials
    detector.append(text)
    return detector.get_probabilities()


def fast_detector(text: str, trials: int):
    return language.ranked_languages(text, trials)


def outcome(detect: Callable, text: str, trials: int) -> Outcome:
    try:
        return tuple((found.lang, found.prob) for found in detect(text, trials))
    except LangDetectException as exc:
        return ("LangDetectException", str(exc))


def recorded_calls(docs) -> list[tuple[str, str, int]]:
    """(kind, text, trials) of every detector call tag_language makes on `docs`; kind is
    "article" for the article's sample and "segment" for a segment detected on its own."""
    calls: list[tuple[str, str, int]] = []
    real = language.ranked_languages
    article_text = None

    def record(text: str, trials: int):
        nonlocal article_text
        calls.append(("article" if text == article_text else "segment", text, trials))
        article_text = None  # the article's call comes first, and once
        return langdetect_detector(text, trials)

    language.ranked_languages = record
    try:
        for doc in docs:
            article_text = language.article_sample(doc)
            language.tag_language(doc)
    finally:
        language.ranked_languages = real
    return calls


def corpus_documents(corpus: Path, limit: int | None):
    """The corpus's articles after read, clean and segment; inputs the pipeline rejects are left out."""
    for raw in discover_inputs(corpus)[:limit]:
        doc = Document.from_input(raw)
        try:
            read_document(doc, corpus)
            clean_document(doc)
            segment_document(doc)
        except RejectError:
            continue
        doc.raw_text = ""  # only the clean text is detected on
        yield doc


def fixture_documents():
    for path in sorted(RAW.glob("*.txt")):
        yield make_document(path.read_text(encoding="utf-8"), path.name)
    for text in ARTICLES.values():
        yield make_test_article(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the corpus")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} not found: make it with benchmarks/corpus.py --n 1000")

    started = time.perf_counter()
    articles = list(corpus_documents(args.corpus, args.limit))
    corpus_calls = recorded_calls(articles)
    fixture_calls = recorded_calls(fixture_documents())
    calls = corpus_calls + fixture_calls
    print(f"{len(calls)} detector calls recorded ({len(corpus_calls)} on {args.corpus.name}, "
          f"{len(fixture_calls)} on the samples and test articles) in "
          f"{time.perf_counter() - started:.1f} s")

    detectors = {"langdetect": langdetect_detector, "ours": fast_detector}
    first = {name: [0.0] * len(calls) for name in detectors}
    best = {name: [float("inf")] * len(calls) for name in detectors}
    mismatches: list[tuple[str, Outcome, Outcome]] = []
    exceptions = 0
    for round_no in range(args.rounds):
        for i, (_, text, trials) in enumerate(calls):
            order = list(detectors) if (i + round_no) % 2 == 0 else list(detectors)[::-1]
            outcomes = {}
            for name in order:
                t0 = time.perf_counter()
                outcomes[name] = outcome(detectors[name], text, trials)
                elapsed = time.perf_counter() - t0
                if round_no == 0:
                    first[name][i] = elapsed
                best[name][i] = min(best[name][i], elapsed)
            if outcomes["ours"] != outcomes["langdetect"]:
                mismatches.append((text, outcomes["langdetect"], outcomes["ours"]))
            exceptions += outcomes["langdetect"][0] == "LangDetectException"

    compared = len(calls) * args.rounds
    print(f"outputs compared: {compared} ({len(calls)} calls x {args.rounds} rounds), "
          f"identical: {compared - len(mismatches)}, different: {len(mismatches)} "
          f"(of which LangDetectException on both sides: {exceptions})")
    kinds = sorted({kind for kind, _, _ in calls})
    print(f"{'calls':>22} {'n':>6} {'langdetect ms':>14} {'ours ms':>8} {'speed-up':>9}")
    for label, times in (("first round", first), (f"best of {args.rounds}", best)):
        for kind in [*kinds, "all"]:
            chosen = [i for i, (k, _, _) in enumerate(calls) if kind in (k, "all")]
            if not chosen:
                continue
            ref = sum(times["langdetect"][i] for i in chosen) / len(chosen) * 1e3
            ours = sum(times["ours"][i] for i in chosen) / len(chosen) * 1e3
            print(f"{label + ', ' + kind:>22} {len(chosen):>6} {ref:>14.3f} {ours:>8.3f} "
                  f"{ref / ours:>8.2f}x")
    corpus_part = range(len(corpus_calls))
    print(f"per corpus article ({len(corpus_calls) / len(articles):.2f} calls each), best of "
          f"{args.rounds}: langdetect {sum(best['langdetect'][i] for i in corpus_part) / len(articles) * 1e3:.3f} ms, "
          f"ours {sum(best['ours'][i] for i in corpus_part) / len(articles) * 1e3:.3f} ms")
    for text, theirs, ours in mismatches[:10]:
        print(f"DIFFERENT on {text[:80]!r}:\n  langdetect {theirs}\n  ours       {ours}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
