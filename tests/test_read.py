import codecs

import pytest

from tasks.document import RejectError, doc_id_for
from tasks.read import decode_bytes, discover_inputs, looks_like_html, read_documents

from .conftest import SAMPLE_NAMES, SAMPLES_DIR


def test_discovers_the_samples_sorted_with_stable_ids():
    docs = discover_inputs(SAMPLES_DIR)
    assert [d.source_path for d in docs] == SAMPLE_NAMES
    assert all(d.doc_id == doc_id_for(d.source_path) and len(d.doc_id) == 16 for d in docs)
    assert [d.doc_id for d in discover_inputs(SAMPLES_DIR)] == [d.doc_id for d in docs]


def test_discover_skips_hidden_and_foreign_files_and_recurses(tmp_path):
    (tmp_path / "site" / "2024").mkdir(parents=True)
    (tmp_path / "site" / "2024" / "a.html").write_text("<html><p>x</p></html>")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / ".state").mkdir()
    (tmp_path / ".state" / "b.txt").write_text("x")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / "b.TXT").write_text("x")
    assert [d.source_path for d in discover_inputs(tmp_path)] == ["b.TXT", "site/2024/a.html"]


def test_discover_rejects_a_missing_root_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        discover_inputs(tmp_path / "nope")


def test_reads_samples_as_utf8_text_with_content_hash():
    docs = read_documents(discover_inputs(SAMPLES_DIR), SAMPLES_DIR)
    for doc in docs:
        raw = (SAMPLES_DIR / doc.source_path).read_bytes()
        assert doc.ok and doc.encoding == "utf-8" and doc.input_format == "text"
        assert doc.raw_text == raw.decode("utf-8") and doc.size == len(raw)
        assert len(doc.content_hash) == 64


@pytest.mark.parametrize("data, text, encoding", [
    ("Caf\u00e9 \u201cquoted\u201d".encode(), "Caf\u00e9 \u201cquoted\u201d", "utf-8"),
    (codecs.BOM_UTF8 + "Caf\u00e9".encode(), "Caf\u00e9", "utf-8-sig"),
    ("Caf\u00e9 \u201cq\u201d".encode("utf-16"), "Caf\u00e9 \u201cq\u201d", "utf-16"),
    ("Caf\u00e9 \u201cq\u201d \u20ac5".encode("cp1252"), "Caf\u00e9 \u201cq\u201d \u20ac5", "cp1252"),
    (b"Caf\xe9 \x81", "Caf\u00e9 \x81", "latin-1"),  # 0x81 is undefined in cp1252
])
def test_decodes_common_scrape_encodings(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b" \n\t\r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"PK\x03\x04\x14\x00\x00\x00", "binary"),
    (bytes(range(256)) * 8, "binary"),
])
def test_rejects_empty_and_binary_input_with_a_reason(data, reason):
    with pytest.raises(RejectError) as err:
        decode_bytes(data)
    assert err.value.reason == reason


def test_tells_html_from_text():
    assert looks_like_html(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html(b"\n  <html lang='en'><head></head></html>")
    assert looks_like_html(codecs.BOM_UTF8 + b"<!-- saved --><html></html>")
    assert not looks_like_html(b"Accessibility links\n\nBreaking News\n")
    assert not looks_like_html(b"He said x < y and <b> is bold.")


def test_read_rejects_oversized_and_vanished_files_without_raising(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    (tmp_path / "gone.txt").write_text("soon gone")
    (tmp_path / "ok.txt").write_text("Title\n\nA body paragraph.")
    docs = discover_inputs(tmp_path)
    (tmp_path / "gone.txt").unlink()
    by_path = {d.source_path: d for d in read_documents(docs, tmp_path, max_bytes=1024)}
    assert by_path["big.txt"].reject.reason == "too_large"
    assert by_path["gone.txt"].reject.reason == "vanished"
    assert by_path["ok.txt"].ok


@pytest.mark.parametrize("charset, codec, text", [
    ("windows-1251", "cp1251", "Министры встретились во вторник"),
    ("koi8-r", "koi8-r", "Министры встретились во вторник"),
    ("gb2312", "gbk", "部长们周二举行会谈"),
    ("shift_jis", "cp932", "閣僚は火曜日に会談した"),
])
def test_html_in_its_declared_charset_is_decoded_with_it(charset, codec, text):
    html = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>x</title></head>'
            f"<body><p>{text}</p></body></html>")
    assert decode_bytes(html.encode(codec)) == (html, codec)


def test_a_declared_charset_does_not_override_utf8_or_mean_latin1():
    html = '<html><head><meta charset="windows-1251"></head><body><p>Café “x”</p></body></html>'
    assert decode_bytes(html.encode("utf-8")) == (html, "utf-8")
    latin = '<html><head><meta charset="iso-8859-1"></head><body><p>Café “x”</p></body></html>'
    assert decode_bytes(latin.encode("cp1252")) == (latin, "cp1252")  # browsers read Latin-1 as cp1252
    text = "Café “x”, a plain text scrape that names no charset"
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")
    utf7 = '<html><head><meta charset="utf-7"></head><body><p>Café +ADw-script+AD4-</p></body></html>'
    assert decode_bytes(utf7.encode("cp1252")) == (utf7, "cp1252")  # browsers refuse UTF-7
