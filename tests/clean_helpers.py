"""Helpers (no tests) for the cleaning tests: build read documents without touching the disk."""

from __future__ import annotations

from tasks.clean import clean_documents
from tasks.document import Document
from tasks.read import decode_bytes, looks_like_html


def read_doc(data: bytes | str, source_path: str = "site/article.txt") -> Document:
    """A document as the read stage leaves it (decoded text, format sniffed)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    text, encoding = decode_bytes(raw)
    return Document(source_path=source_path, size=len(raw), mtime_ns=0, raw_text=text,
                    encoding=encoding, input_format="html" if looks_like_html(raw) else "text")


def clean_one(data: bytes | str, source_path: str = "site/article.txt", learned=None) -> Document:
    doc = read_doc(data, source_path)
    [doc] = clean_documents([doc], learned)
    return doc


def kinds_and_texts(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]
