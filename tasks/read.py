"""Discover and read: find raw inputs (a folder or an s3:// prefix, see tasks/storage.py), decode
their bytes, and tell HTML from plain text."""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from bs4.dammit import EncodingDetector
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.document import Document, RawInput, Reject, RejectError, apply_per_document
from tasks.storage import LocalStorage, ObjectStorage, open_storage

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024

# Signatures of binary formats scrapers commonly save under a .html or .txt name.
_BINARY_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"PK\x03\x04": "ZIP archive",
    b"%PDF-": "PDF document",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip data",
}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters text never holds
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article|p)\b",
    re.IGNORECASE | re.DOTALL,
)


def discover_inputs(raw_root: str | Path) -> list[RawInput]:
    """Every candidate input under `raw_root` (a folder or an s3:// prefix), sorted by path so
    runs are reproducible.

    Hidden files and folders are skipped (editor swap files, our own state). An entry that cannot
    be stat'ed (broken symlink, symlink loop, permissions) is returned already rejected, so every
    input is accounted for. doc_ids hash the path under the root, so the same corpus on a disk
    and in a bucket gets the same ids.
    """
    storage = open_storage(raw_root)
    if not storage.is_dir():
        raise FileNotFoundError(f"raw input folder {storage.location!r} does not exist or is not a folder")
    found: list[RawInput] = []
    for entry in storage.list_entries(INPUT_SUFFIXES):
        reject = None
        if entry.is_dir:  # a folder named like an article: say so
            reject = Reject("discover", "not_a_file", f"{entry.path} is a directory, not a file")
        elif entry.error is not None:
            reject = _os_reject("discover", entry.error)
        found.append(RawInput(entry.path, entry.size, entry.mtime_ns, reject))
    found.sort(key=lambda raw: raw.source_path)
    return found


class DiscoveredInputs:
    """The discover task's result: the inputs inside one plain object. Prefect links every element
    of a task's list result to the task run by id, for the rest of the flow run (160 bytes per
    input, measured), but does not look inside plain objects."""

    __slots__ = ("inputs",)

    def __init__(self, inputs: list[RawInput]):
        self.inputs = inputs


def read_document(doc: Document, raw_root: str | Path | LocalStorage | ObjectStorage,
                  max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> None:
    storage = open_storage(raw_root)
    try:
        is_file, size = storage.stat(doc.source_path)
        if not is_file:
            raise RejectError("not_a_file", f"{doc.source_path} is not a regular file")
        if size > max_bytes:
            raise RejectError("too_large", f"{size} bytes exceeds the {max_bytes}-byte input limit")
        data = storage.read_bytes(doc.source_path, max_bytes + 1)
    except OSError as exc:
        rejected = _os_reject("read", exc)
        raise RejectError(rejected.reason, rejected.detail) from exc
    if len(data) > max_bytes:  # grew between stat and read
        raise RejectError("too_large", f"more than {max_bytes} bytes (file grew while reading)")
    doc.size = len(data)
    doc.content_hash = hashlib.sha256(data).hexdigest()
    text, doc.encoding = decode_bytes(data)
    doc.raw_text = text
    doc.input_format = "html" if looks_like_html(data) else "text"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode scraped bytes: BOMs first, then strict UTF-8, then the charset an HTML page declares,
    then Windows-1252 (what mislabeled "Latin-1" web text almost always is). Binary data is
    rejected, never decoded into garbage."""
    if not data.strip():
        raise RejectError("empty", "the file is empty or only whitespace")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise RejectError("binary", f"content is a {kind}, not text or HTML")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise RejectError("undecodable", f"has a {encoding} BOM but {exc}") from exc
    if b"\x00" in data[:4096] and data[:4096].count(b"\x00") > len(data[:4096]) // 8:
        raise RejectError("binary", "content has many NUL bytes: binary data, not text")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared := declared_html_encoding(data):
        try:
            return _check_text(data.decode(declared)), declared
        except UnicodeDecodeError:
            pass
    try:
        return _check_text(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return _check_text(data.decode("latin-1")), "latin-1"


# The charsets browsers decode (WHATWG Encoding Standard) by Python codec name, each mapped to the
# codec browsers use for it (GB2312 pages are decoded as GBK, Shift_JIS as cp932...). UTF-8 is
# tried before, and Latin-1, ASCII and Windows-1252 labels all mean the cp1252 fallback anyway.
_HTML_CHARSETS = {
    **{codec: codec for codec in (
        "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
        "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "koi8-r",
        "koi8-u", "mac-roman", "cp874", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256",
        "cp1257", "cp1258", "gbk", "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949")},
    "gb2312": "gbk", "big5": "big5hkscs", "shift_jis": "cp932", "euc_kr": "cp949",
    "iso8859-9": "cp1254", "tis-620": "cp874", "iso8859-11": "cp874",
}


def declared_html_encoding(data: bytes) -> str | None:
    """The charset an HTML page declares (<meta charset>, http-equiv, <?xml encoding?>), found by
    BeautifulSoup's EncodingDetector, as the Python codec browsers would decode it with; None when
    there is none or it is not one browsers decode (UTF-7, "base64"...)."""
    if not looks_like_html(data):
        return None
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    try:
        return _HTML_CHARSETS.get(codecs.lookup(declared).name) if declared else None
    except LookupError:
        return None


def _check_text(text: str) -> str:
    sample = text[:8192]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > max(8, len(sample) // 20):
        raise RejectError("binary", f"{controls} control characters in the first {len(sample)}: "
                                    "binary data, not text")
    text = text.replace("\x00", "")
    if not text.strip():
        raise RejectError("empty", "the file decodes to whitespace only")
    return text


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(codecs.BOM_UTF8)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode()
    return bool(_HTML_START.match(head))


def _os_reject(stage: str, exc: OSError) -> Reject:
    reason = {
        "FileNotFoundError": "vanished",
        "PermissionError": "unreadable",
        "IsADirectoryError": "not_a_file",
    }.get(type(exc).__name__, "os_error")
    if getattr(exc, "errno", None) == 40:  # ELOOP
        reason = "symlink_loop"
    return Reject(stage, reason, f"{type(exc).__name__}: {exc.strerror or exc}")


def read_documents(inputs: Iterable[RawInput], raw_root: str | Path | LocalStorage | ObjectStorage,
                   max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> list[Document]:
    """The Documents of discovered inputs, read: `read_documents(discover_inputs(root), root)`
    reads a folder."""
    storage = open_storage(raw_root)
    return apply_per_document([Document.from_input(raw) for raw in inputs], "read",
                              lambda d: read_document(d, storage, max_bytes))


@task(name="read", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def read_batch(inputs: list[RawInput], raw_root: str, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> list[Document]:
    return read_documents(inputs, raw_root, max_bytes)


@task(name="discover", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def discover_task(raw_root: str) -> DiscoveredInputs:
    return DiscoveredInputs(discover_inputs(raw_root))
