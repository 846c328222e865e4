"""Sentence splitting: accuracy on the hard-case suite and speed on news prose, ours vs pySBD.

    .venv/bin/python benchmarks/segment_bench.py [--seconds 3] [--show-failures]

Accuracy: every case of tests/segment_cases.py, scored as an exact match of the list of
sentences after collapsing whitespace runs (pySBD does not keep line breaks inside sentences; our
own exact-offset match is checked by the test suite). Speed: the clean blocks of the sample
articles in data/raw (segmented block by block, as the pipeline does), repeated for at least
`--seconds` per splitter in interleaved slices, in the same process and run; plus the whole
segment stage's time per sample article. Other splitters (sentencex, syntok, blingfire) are
scored too when importable (e.g. PYTHONPATH=/tmp/seglibs after
`pip install --target /tmp/seglibs sentencex syntok blingfire`); they are not dependencies.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tasks.clean import clean_document  # noqa: E402
from tasks.document import Document  # noqa: E402
from tasks.read import discover_inputs, read_document  # noqa: E402
from tasks.segment import segment_document, split_sentences  # noqa: E402
from tests.segment_cases import CASES  # noqa: E402

Splitter = Callable[[str], list[str]]


def ours(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {"ours": ours}
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    found["pysbd"] = segmenter.segment
    try:
        import sentencex

        found["sentencex"] = lambda text: list(sentencex.segment("en", text))
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok_split(text: str) -> list[str]:
            # Rebuild sentences from token offsets: joining tokens loses the original spelling.
            out = []
            for paragraph in syntok_segmenter.analyze(text):
                for sentence in paragraph:
                    out.append(text[sentence[0].offset:sentence[-1].offset + len(sentence[-1].value)])
            return out

        found["syntok"] = syntok_split
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire"] = lambda text: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        pass
    return found


def normalized(sentences: list[str]) -> list[str]:
    return [" ".join(s.split()) for s in sentences if s.strip()]


def score(split: Splitter) -> tuple[int, Counter, list[str]]:
    passed, failed_by_category, failures = 0, Counter(), []
    for case_id, category, text, expected in CASES:
        try:
            ok = normalized(split(text)) == normalized(expected)
        except Exception:  # noqa: BLE001 - a crash is a failed case
            ok = False
        passed += ok
        if not ok:
            failed_by_category[category] += 1
            failures.append(case_id)
    return passed, failed_by_category, failures


def cleaned_samples() -> list[Document]:
    raw = ROOT / "data" / "raw"
    docs = [Document.from_input(found) for found in discover_inputs(raw)]
    for doc in docs:
        read_document(doc, raw)
        clean_document(doc)
    return docs


def sample_blocks() -> list[str]:
    return [block.text for doc in cleaned_samples() for block in doc.blocks]


def stage_seconds_per_article(docs: list[Document], repeats: int = 300) -> float:
    """Mean time of segment_document (segments + sentences) per article."""
    spent = 0.0
    for _ in range(repeats):
        for doc in docs:
            doc.segments, doc.sentences = [], []
            started = time.perf_counter()
            segment_document(doc)
            spent += time.perf_counter() - started
    return spent / (repeats * len(docs))


def throughputs(named: dict[str, Splitter], blocks: list[str], seconds: float,
                slice_seconds: float = 0.2) -> dict[str, tuple[float, int]]:
    """Sentences per second for each splitter, and sentences per pass over `blocks`.

    The splitters take turns in short slices until each has run `seconds`, so a busy machine
    (other processes on the 2 cores) slows all of them alike and the ratios stay meaningful."""
    per_pass = {name: sum(len(split(b)) for b in blocks) for name, split in named.items()}  # warm-up
    passes = dict.fromkeys(named, 0)
    elapsed = dict.fromkeys(named, 0.0)
    while min(elapsed.values()) < seconds:
        for name, split in named.items():
            if elapsed[name] >= seconds:
                continue
            started = time.perf_counter()
            while True:
                for block in blocks:
                    split(block)
                passes[name] += 1
                spent = time.perf_counter() - started
                if spent >= slice_seconds:
                    break
            elapsed[name] += spent
    return {name: (passes[name] * per_pass[name] / elapsed[name], per_pass[name]) for name in named}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="minimum timing per splitter")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()

    blocks = sample_blocks()
    print(f"python {platform.python_version()} on {platform.machine()}; "
          f"{len(CASES)} hard cases; {len(blocks)} sample blocks, "
          f"{sum(len(b) for b in blocks)} chars per pass")
    named = splitters()
    speeds = throughputs(named, blocks, args.seconds)
    for name, split in named.items():
        passed, by_category, failures = score(split)
        rate, per_pass = speeds[name]
        print(f"{name:10s} hard cases {passed:3d}/{len(CASES)} ({passed / len(CASES):6.1%})  "
              f"{rate:10,.0f} sentences/s  ({per_pass} sentences per pass)")
        if by_category:
            print(f"{'':10s} failures by category: {dict(sorted(by_category.items()))}")
        if args.show_failures and failures:
            print(f"{'':10s} failed: {', '.join(failures)}")
    print(f"speed ratio ours/pysbd: {speeds['ours'][0] / speeds['pysbd'][0]:.1f}x")
    per_article = stage_seconds_per_article(cleaned_samples())
    print(f"segment stage: {per_article * 1e6:,.0f} µs per sample article "
          f"({per_article * 100_000:.1f} s per 100k such articles on one core)")


if __name__ == "__main__":
    main()
