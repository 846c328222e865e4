"""The benchmark's corpus generator and a tiny end-to-end run of the benchmark script.

The benchmark itself is not part of the test suite (it runs for minutes); this checks that the
corpus is deterministic and has the promised mix, that one small invocation of
benchmarks/run_bench.py runs every variant and reports every number it promises, and that
benchmarks/run_state_memory.py measures every step on 300 inputs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402
import run_bench  # noqa: E402
import run_state_memory  # noqa: E402


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != "corpus.json"}


def test_corpus_is_deterministic_and_smaller_corpora_are_prefixes(tmp_path: Path) -> None:
    corpus.generate_corpus(tmp_path / "a", 40, seed=3)
    corpus.generate_corpus(tmp_path / "b", 40, seed=3)
    corpus.generate_corpus(tmp_path / "small", 15, seed=3)
    corpus.generate_corpus(tmp_path / "other_seed", 40, seed=4)
    a, b, small = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "small")
    assert a == b
    assert len(a) == 40 and len(small) == 15
    assert all(a[path] == data for path, data in small.items())
    assert _files(tmp_path / "other_seed") != a


def test_regenerating_at_another_size_leaves_no_stale_files(tmp_path: Path) -> None:
    corpus.generate_corpus(tmp_path, 30)
    info = corpus.generate_corpus(tmp_path, 10)
    assert len(_files(tmp_path)) == 10
    assert info["n"] == 10 and sum(info["files_by_kind"].values()) == 10


def test_corpus_mix_kinds_languages_and_page_structure(tmp_path: Path) -> None:
    info = corpus.generate_corpus(tmp_path, 400)
    kinds, languages = info["files_by_kind"], info["languages"]
    assert set(kinds) == {"text", "voa", "web"}
    assert 0.32 < kinds["text"] / 400 < 0.48 and 0.32 < kinds["voa"] / 400 < 0.48
    assert set(languages) == {"en", "de", "fr", "es", "ru"}
    assert 0.76 < languages["en"] / 400 < 0.92
    files = _files(tmp_path)
    voa = [data.decode() for path, data in files.items() if path.startswith("html/voa/")]
    assert all('id="article-content"' in page and 'class="wsw"' in page and 'property="og:title"' in page
               and "application/ld+json" in page and "<nav" in page and "<footer" in page for page in voa)
    texts = [data for path, data in files.items() if path.startswith("text/")]
    assert any(b"\r\n" in t for t in texts) and any(b"\n\n" not in t for t in texts)
    assert any(t.startswith(b"Accessibility links\n\nBreaking News\n\n") for t in texts)
    sizes = sorted(len(data) for data in files.values())
    assert sizes[0] < 3_000 and sizes[-1] > 40_000  # short items and heavy pages both
    # Unique articles: a corpus of copies would measure the duplicate shortcut, not the pipeline.
    assert max(Counter(files.values()).values()) == 1


def test_union_of_overlapping_intervals() -> None:
    assert run_bench._union_length([]) == 0
    assert run_bench._union_length([(0, 2), (1, 3), (5, 6), (5.5, 5.7)]) == pytest.approx(4.0)


def test_html_estimate_splits_stage_wall_by_work_and_shares_the_rest() -> None:
    result = {"flow_s": 10.0, "document_stages_wall_s": 6.0, "docs": 4,
              "by_format": {"html": {"clean": 3.0}, "text": {"clean": 1.0}},
              "docs_by_format": {"html": 2, "text": 2}}
    # HTML: 3/4 of the 6 s of stage wall, plus half of the other 4 s -> 2 docs in 6.5 s.
    assert run_bench.newsprep_html_throughput(result) == pytest.approx(2 / 6.5)


def test_worker_ratio_is_the_median_of_adjacent_pairs() -> None:
    def run(docs_per_s: float, startup_s: float = 5.0) -> dict:
        return {"docs": 1000, "flow_s": 1000 / docs_per_s, "startup_s": startup_s}

    results = {"newsprep_w1": run(100), "newsprep_w2": run(180),
               "newsprep_w1_2": run(80), "newsprep_w2_2": run(120),
               "newsprep_w1_3": run(90), "newsprep_w2_3": run(162),
               "newsprep_w1_5": run(1), "newsprep_w2_5": run(1)}  # not adjacent to pair 3: ignored
    pairs = run_bench.worker_pairs(results)
    assert [round(p["ratio"], 3) for p in pairs] == [1.8, 1.5, 1.8]
    assert pairs[0]["end_to_end_ratio"] == pytest.approx((5 + 10) / (5 + 1000 / 180))
    ratios = run_bench.compare(results, None)["ratios"]
    assert ratios["w2/w1"] == pytest.approx(1.8)


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    results_dir = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run_bench.py"), "--n", "8",
         "--corpus", str(tmp_path / "corpus"), "--results-dir", str(results_dir),
         "--variants", "newsprep,floor,naive,trafilatura"],
        capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "ratios (throughput, same run):" in proc.stdout and "targets:" in proc.stdout
    (report_path,) = results_dir.glob("*_n8/report.json")
    report = json.loads(report_path.read_text())
    results = report["results"]
    news = results["newsprep"]
    assert news["docs"] == 8 and news["written"] + news["rejected"] == 8
    assert news["startup_s"] > 0 and 0 < news["own_s"] <= news["flow_s"]
    assert {"read", "clean", "segment", "tag", "write.stage"} <= news["stage_seconds"].keys()
    assert sum(news["docs_by_format"].values()) == 8
    assert results["floor"]["docs"] == results["naive"]["docs"] == 8
    html_files = sum(1 for _ in (tmp_path / "corpus").rglob("*.html"))
    assert results["trafilatura"]["docs"] == html_files
    assert all(r["peak_rss_mb"] > 0 for r in results.values())
    ratios = report["comparison"]["ratios"]
    assert ratios["newsprep/floor"] > 0 and ratios["newsprep/naive"] > 0


def test_run_state_memory_measures_every_step_of_a_small_run() -> None:
    result = run_state_memory.run_child(300, REPO)
    for step in ("discover", "writer", "commit_peak", "rerun", "rerun_peak"):
        assert result[step] > 0, step
    assert result["writer_holders"]["updates"] > 0 and result["rerun_holders"]["manifest"] > 0
    assert "current" in run_state_memory.render([("current", result)])
