"""Turning bytes into text: byte-order marks, UTF-8, UTF-16, then charset-normalizer."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from .errors import IngestError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Characters a real text does not contain: controls other than whitespace, C1 controls (the sign
# of a wrong single-byte guess) and the replacement character.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# What a Windows-1252 decoding of Western text may produce beyond ASCII.
_WESTERN = re.compile(
    r"[\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021"
    r"\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178"
    r"\u017d\u017e\u0192\u02c6\u02dc]"
)
_UNLIKELY_WESTERN = re.compile(
    r"[\u00a6\u00a8\u00aa\u00af\u00b2\u00b3\u00b8\u00b9\u00ba\u00bc-\u00be\u00d7\u00f7]"
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)


def decode(data: bytes, *, sniff_html: bool = True) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding name)``; raise IngestError if it is not text.

    The order is the WHATWG one, simplified: a byte-order mark wins; then strict UTF-8 (by far
    the most common, and fast); then a charset declared in an HTML ``<meta>``; then UTF-16
    without a mark (recognised by its zero bytes); then Windows-1252 for mostly-ASCII Western
    text, which charset-normalizer tends to mistake for a DOS code page on short inputs; and
    finally charset-normalizer for the rest (GB18030/GBK, Big5, Shift-JIS, Cyrillic, ...).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, name), name)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if sniff_html else None
    if declared and (text := _strict(data, declared)) is not None:
        return _checked(text, declared)
    utf16 = utf16_without_bom(data)
    if utf16 and (text := _strict(data, utf16)) is not None:
        return _checked(text, utf16)
    if (text := _western(data)) is not None:
        return _checked(text, "cp1252")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(
            "The text could not be decoded: its character encoding is not recognised."
        )
    return _checked(str(best), best.encoding)


def utf16_without_bom(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when zero bytes sit almost only on one side of each pair."""
    head = data[:8192]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    total = odd + even
    if total == 0 or total * 8 < len(head) // 2:
        return None
    if odd >= total * 0.95:
        return "utf-16-le"
    if even >= total * 0.95:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """Zero bytes outside a UTF-16/32 layout mean binary data, not text."""
    head = data[:8192]
    if b"\x00" not in head:
        return False
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    return utf16_without_bom(data) is None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    # Browsers read these labels as Windows-1252, and so do we.
    return "cp1252" if name in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"} else name


def _western(data: bytes) -> str | None:
    """Windows-1252 for text that is mostly ASCII and whose other characters look Western."""
    head = data[:65536]
    high = len(head.translate(None, bytes(range(0x80))))
    if high * 5 > len(head):
        return None
    text = _strict(data, "cp1252")
    if text is None or _UNLIKELY_WESTERN.search(text):
        return None
    return text if _WESTERN.search(text) else None


def _checked(text: str | None, encoding: str) -> tuple[str, str]:
    if text is None:
        raise IngestError(f"The text could not be decoded as {encoding}.")
    sample = text[:100_000]
    if len(_NOT_TEXT.findall(sample)) * 200 > max(len(sample), 1):
        raise IngestError("The text could not be decoded: it holds characters that are not text.")
    return text, encoding
