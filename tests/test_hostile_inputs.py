"""Garbage that scrapers really produce, all in one run: each input is processed correctly or
rejected with a precise reason; nothing crashes, hangs or disappears, and the good articles in
the same batches are untouched."""

from __future__ import annotations

import codecs
import os
import random
import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from flows.process_articles import process_articles
from tasks.document import Document, RejectError
from tasks.read import discover_inputs, read_document, read_documents

from . import readers
from .conftest import SAMPLES_DIR

ARTICLE = ("Accessibility links\n\nBreaking News\n\nMinisters Meet in Brussels\n\n"
           "Foreign ministers met on Tuesday to discuss the “next steps” for the coalition’s work.\n\n"
           "The talks ran late into the night, officials said, and will resume next week.\n")
GERMAN = ("Minister treffen sich in Berlin\n\nDie Außenminister der Koalition haben sich am Dienstag "
          "in Berlin getroffen, um über die nächsten Schritte zu beraten. Die Gespräche dauerten bis "
          "spät in die Nacht und sollen in der kommenden Woche fortgesetzt werden, sagten Beamte.\n")


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(200)


def zip_bytes() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


# name -> (bytes, expected): "ok" or the reject reason.
CASES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty"),
    "whitespace.txt": (b"  \n\n\t \r\n", "empty"),
    "only_boilerplate.txt": (b"Accessibility links\n\nBreaking News\n\nplease wait\n\n0:00 0:03:45 0:00\n",
                             "only_boilerplate"),
    "image.txt": (png(), "binary"),
    "archive.html": (zip_bytes(), "binary"),
    "random.txt": (random.Random(7).randbytes(4096), "binary"),
    "windows1252.txt": (ARTICLE.encode("cp1252"), "ok"),
    "latin1.txt": (ARTICLE.replace("“", '"').replace("”", '"').replace("’", "'")
                   .replace("night", "nuit à Québec").encode("latin-1"), "ok"),
    "utf16.txt": (ARTICLE.encode("utf-16"), "ok"),
    "utf8_bom.txt": (codecs.BOM_UTF8 + ARTICLE.encode(), "ok"),
    "nul_bytes.txt": (ARTICLE.replace("Tuesday", "Tues\x00day").encode(), "ok"),
    "crlf.txt": (ARTICLE.replace("\n", "\r\n").encode(), "ok"),
    "lone_cr.txt": (ARTICLE.replace("\n", "\r").encode(), "ok"),
    "deep.html": (b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep text.</p>" + b"</div>" * 100_000
                  + b"</body></html>", "any"),
    "broken.html": (b"<html><head><title>Broken page</title></head><body><article><h1>Broken page"
                    b"<p>Unclosed paragraph with a broken entity &amp &notanentity; &#xZZ; and more text"
                    b"<p>Another paragraph <b>bold <i>italic</p></article>", "ok"),
    "all_script.html": (b"<html><head><script>var a = '<p>not text</p>';</script><style>p{}</style>"
                        b"</head><body><script>document.write('x')</script></body></html>", "any_reject"),
    "name with spaces 'quotes' \"double\" and ünïcödé.txt": (ARTICLE.encode(), "ok"),
    "new\nline.txt": (ARTICLE.encode(), "ok"),
    "german.txt": (GERMAN.encode(), "ok"),
    "unbalanced_quotes.txt": (("Quote Storm\n\n" + "He said “" * 10_000 + " and never closed it.\n")
                              .encode(), "any"),
}


@pytest.fixture(scope="module")
def hostile_run(prefect_harness, tmp_path_factory):
    raw = tmp_path_factory.mktemp("hostile")
    for name in sorted(p.name for p in SAMPLES_DIR.glob("*.txt")):
        (raw / name).write_bytes((SAMPLES_DIR / name).read_bytes())
    for name, (data, _) in CASES.items():
        (raw / name).write_bytes(data)
    (raw / "folder.txt").mkdir()
    os.symlink("loop_b.txt", raw / "loop_a.txt")
    os.symlink("loop_a.txt", raw / "loop_b.txt")
    os.symlink("missing_target.txt", raw / "dangling.txt")
    (raw / "big.txt").write_bytes(b"x" * (50 * 1024 * 1024))  # one 50 MB line
    out = raw.parent / "hostile-out"
    started = time.perf_counter()
    summary = process_articles(raw=str(raw), out=str(out), batch_size=8)
    return raw, out, summary, time.perf_counter() - started


def outcome(out: Path) -> dict[str, str]:
    result = {r["source_path"]: "ok" for r in readers.with_pyarrow(out, "articles").to_pylist()}
    for r in readers.with_pyarrow(out, "rejects").to_pylist():
        assert r["source_path"] not in result, f"{r['source_path']} is both written and rejected"
        result[r["source_path"]] = r["reason"]
    return result


def test_every_input_is_accounted_for_exactly_once(hostile_run):
    raw, out, summary, seconds = hostile_run
    expected_inputs = len(CASES) + 3 + 5  # + samples + folder, 2 loops, dangling, big
    assert summary.inputs == expected_inputs
    assert summary.written + summary.rejected == expected_inputs
    assert len(outcome(out)) == expected_inputs
    assert seconds < 120, f"the hostile run took {seconds:.0f} s"


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_input_gets_the_right_outcome(hostile_run, name):
    _, out, _, _ = hostile_run
    expected, got = CASES[name][1], outcome(out)[name]
    if expected == "any":
        assert got == "ok" or got in {"no_body", "only_boilerplate", "too_complex", "timeout"}
    elif expected == "any_reject":
        assert got != "ok"
    else:
        assert got == expected


@pytest.mark.parametrize("name, reason", [("folder.txt", "not_a_file"), ("loop_a.txt", "symlink_loop"),
                                          ("loop_b.txt", "symlink_loop"), ("dangling.txt", "vanished"),
                                          ("big.txt", "too_large")])
def test_filesystem_oddities_are_rejected_precisely(hostile_run, name, reason):
    assert outcome(hostile_run[1])[name] == reason


def test_good_articles_in_the_same_batches_are_untouched(hostile_run):
    raw, out, _, _ = hostile_run
    articles = {r["source_path"]: r for r in readers.with_pyarrow(out, "articles").to_pylist()}
    for name in (p.name for p in SAMPLES_DIR.glob("*.txt")):
        assert articles[name]["language"] == "en" and articles[name]["n_sentences"] > 5
    reference = articles["utf8_bom.txt"]["text"]
    for variant in ("windows1252.txt", "utf16.txt", "crlf.txt", "lone_cr.txt",
                    "name with spaces 'quotes' \"double\" and ünïcödé.txt", "new\nline.txt"):
        assert articles[variant]["text"] == reference, variant
    assert articles["windows1252.txt"]["encoding"] == "cp1252"
    assert articles["utf16.txt"]["encoding"] == "utf-16"
    assert "Tuesday" in articles["nul_bytes.txt"]["text"]
    assert "Québec" in articles["latin1.txt"]["text"]
    assert articles["german.txt"]["language"] == "de"


def test_output_paths_never_come_from_input_names(hostile_run):
    _, out, _, _ = hostile_run
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        assert "'" not in rel and "\n" not in rel and "ü" not in rel and ".." not in rel, rel


def test_unreadable_file_is_rejected_as_unreadable(tmp_path, monkeypatch):
    (tmp_path / "secret.txt").write_text("x")
    [raw] = discover_inputs(tmp_path)
    doc = Document.from_input(raw)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(RejectError) as err:
        read_document(doc, tmp_path)
    assert err.value.reason == "unreadable"


def test_file_changed_between_discovery_and_read_is_read_as_it_now_is(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nOld body.\n")
    [raw] = discover_inputs(tmp_path)
    path.write_text("Title\n\nA new and longer body.\n")
    [doc] = read_documents([raw], tmp_path)
    assert doc.ok and "longer" in doc.raw_text and doc.size == path.stat().st_size
