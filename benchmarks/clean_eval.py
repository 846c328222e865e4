"""Cleaning quality and speed on the hand-made evaluation set (benchmarks/eval/clean/pages).

Each input `X.html` / `X.txt` has a reference body `X.ref.txt` written by hand: the article's
headings and paragraphs (no title, caption, summary, byline). Score: F1 of word 4-grams (multiset
overlap) between our body and the reference, per page and averaged per group (file-name prefix:
voa_html, voa_text, generic). With --trafilatura, HTML pages are also run through
trafilatura.extract (if installed) for comparison; speeds are measured in the same run.

    .venv/bin/python benchmarks/clean_eval.py [--trafilatura] [--repeat 20]
    .venv/bin/python benchmarks/clean_eval.py --throughput 2000   # batch cost, one core

--throughput N cleans N text scrapes and N HTML pages (copies of the set, each a separate
document) through clean_documents, after learn_boilerplate over the text ones, and reports
documents per second for each part.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.clean import clean_document, clean_documents, learn_boilerplate  # noqa: E402
from tasks.document import HEADING, LIST_ITEM, PARAGRAPH, Document  # noqa: E402
from tasks.read import decode_bytes, looks_like_html  # noqa: E402

PAGES = Path(__file__).parent / "eval" / "clean" / "pages"
BODY_KINDS = (HEADING, PARAGRAPH, LIST_ITEM)
_WORD = re.compile(r"\w+")


def ngrams(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return Counter(tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1)))


def f1(candidate: str, reference: str) -> float:
    cand, ref = ngrams(candidate), ngrams(reference)
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def our_body(path: Path) -> str:
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    doc = Document(source_path=path.name, size=len(data), mtime_ns=0, raw_text=text,
                   encoding=encoding, input_format="html" if looks_like_html(data) else "text")
    clean_document(doc)
    return "\n".join(b.text for b in doc.blocks if b.kind in BODY_KINDS)


def trafilatura_body(path: Path) -> str:
    import trafilatura  # noqa: PLC0415 - optional, for comparison only

    return trafilatura.extract(path.read_text(encoding="utf-8"), include_comments=False) or ""


def timed(fn, path: Path, repeat: int) -> tuple[str, float]:
    """Result and the fastest of `repeat` runs: the machine is shared, the minimum is the cost."""
    result = fn(path)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn(path)
        best = min(best, time.perf_counter() - started)
    return result, best


def throughput(n: int) -> None:
    inputs = sorted(p for p in PAGES.iterdir() if p.suffix in (".html", ".txt")
                    and not p.name.endswith(".ref.txt"))
    for suffix in (".txt", ".html"):
        files = [p for p in inputs if p.suffix == suffix]
        docs = []
        for i in range(n):
            path = files[i % len(files)]
            data = path.read_bytes()
            text, encoding = decode_bytes(data)
            docs.append(Document(source_path=f"{i % 7}/{i}{suffix}", size=len(data), mtime_ns=0,
                                 raw_text=text, encoding=encoding,
                                 input_format="html" if looks_like_html(data) else "text"))
        started = time.perf_counter()
        learned = learn_boilerplate(docs)
        learned_s = time.perf_counter() - started
        started = time.perf_counter()
        out = clean_documents(docs, learned)
        clean_s = time.perf_counter() - started
        ok = sum(d.ok for d in out)
        learn_note = f"learn {learned_s:.2f} s, " if suffix == ".txt" else ""  # text scrapes only
        print(f"{suffix:5} n={n}: {learn_note}"
              f"clean {clean_s:.2f} s ({n / clean_s:,.0f} docs/s, {clean_s / n * 1000:.2f} ms/doc), "
              f"{ok} ok")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trafilatura", action="store_true", help="compare with trafilatura on HTML")
    parser.add_argument("--repeat", type=int, default=10, help="timing repetitions per page")
    parser.add_argument("--throughput", type=int, metavar="N", help="batch cost over N documents")
    args = parser.parse_args()
    if args.throughput:
        throughput(args.throughput)
        return
    inputs = sorted(p for p in PAGES.iterdir() if p.suffix in (".html", ".txt")
                    and not p.name.endswith(".ref.txt"))
    groups: dict[str, dict[str, list[float]]] = {}
    print(f"{'page':28} {'ours F1':>8} {'ms':>7}" + (f" {'traf F1':>8} {'ms':>7}" if args.trafilatura else ""))
    for path in inputs:
        reference = path.with_name(path.stem + ".ref.txt").read_text(encoding="utf-8")
        group = path.stem.rsplit("_", 1)[0]
        scores = groups.setdefault(group, {"ours": [], "ours_s": [], "traf": [], "traf_s": []})
        body, seconds = timed(our_body, path, args.repeat)
        scores["ours"].append(f1(body, reference))
        scores["ours_s"].append(seconds)
        line = f"{path.name:28} {scores['ours'][-1]:8.3f} {seconds * 1000:7.2f}"
        if args.trafilatura and path.suffix == ".html":
            body, seconds = timed(trafilatura_body, path, args.repeat)
            scores["traf"].append(f1(body, reference))
            scores["traf_s"].append(seconds)
            line += f" {scores['traf'][-1]:8.3f} {seconds * 1000:7.2f}"
        print(line)
    print()
    for group, scores in groups.items():
        line = (f"{group:12} n={len(scores['ours']):2}  ours: F1 mean {statistics.mean(scores['ours']):.3f} "
                f"min {min(scores['ours']):.3f}, {statistics.mean(scores['ours_s']) * 1000:.2f} ms/page")
        if scores["traf"]:
            line += (f" | trafilatura: F1 mean {statistics.mean(scores['traf']):.3f} "
                     f"min {min(scores['traf']):.3f}, {statistics.mean(scores['traf_s']) * 1000:.2f} ms/page, "
                     f"speed ratio traf/ours {statistics.mean(scores['traf_s']) / statistics.mean(scores['ours_s']):.1f}x")
        print(line)


if __name__ == "__main__":
    main()
