"""How much text does langdetect need? Measures the segment-inheritance thresholds in
tasks/taggers/language.py.

Units: every title, caption, heading and sentence of the sample articles (English) and of the
multilingual test articles (tests/test_language.py), detected one by one, as a segment of that
size would be, with the article's and with the segments' number of langdetect trials. Units are
bucketed by letter weight (as the tagger weighs letters); per bucket the
script reports how many came out right, how many wrong, how many wrong with probability >=
SEGMENT_MIN_PROB (errors the tagger would keep if the segment were long enough), and the lowest
probability of a right answer.

    .venv/bin/python benchmarks/language_thresholds.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tasks.segment import split_sentences  # noqa: E402
from tasks.taggers.language import (  # noqa: E402
    ARTICLE_TRIALS,
    SEGMENT_MIN_PROB,
    SEGMENT_TRIALS,
    detect,
    letter_weight,
)
from tests.test_language import ARTICLES  # noqa: E402

BUCKETS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 120), (120, 200), (200, 10_000))
CHROME = re.compile(r"^(Accessibility links|Breaking News|please wait|No media source.*|[\d: ]+)$")


def units() -> list[tuple[str, str]]:
    found = []
    sources = [("en", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    sources += list(ARTICLES.items())
    for lang, article in sources:
        for block in article.split("\n\n"):
            block = block.strip()
            if not block or CHROME.match(block):
                continue
            found.append((lang, block))
            spans = split_sentences(block)
            if len(spans) > 1:
                found.extend((lang, block[s:e]) for s, e in spans)
    return found


def main() -> None:
    texts = units()
    for trials in sorted({ARTICLE_TRIALS, SEGMENT_TRIALS}, reverse=True):
        report(texts, trials)


def report(texts: list[tuple[str, str]], trials: int) -> None:
    print(f"{len(texts)} units (blocks and their sentences); SEGMENT_MIN_PROB={SEGMENT_MIN_PROB}, "
          f"trials={trials}")
    print(f"{'letters':>10} {'units':>6} {'right':>6} {'wrong':>6} {'kept wrong':>10} {'min p(right)':>12}")
    for low, high in BUCKETS:
        right = wrong = kept_wrong = 0
        min_right = 1.0
        for lang, text in texts:
            if not low <= letter_weight(text) < high:
                continue
            found = detect(text, trials)
            if found.language == lang:
                right += 1
                min_right = min(min_right, found.prob or 0.0)
            else:
                wrong += 1
                kept_wrong += (found.prob or 0.0) >= SEGMENT_MIN_PROB
                print(f"    wrong: {found.language} {found.prob} for {lang}: {text[:70]!r}")
        bucket = f"{low}-{high}"
        print(f"{bucket:>10} {right + wrong:>6} {right:>6} {wrong:>6} {kept_wrong:>10} "
              f"{min_right:>12.3f}")


if __name__ == "__main__":
    main()
