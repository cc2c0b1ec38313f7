"""What kind of file this is: upload names, size limits, binary data and format detection."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from typing import BinaryIO

from .encoding import looks_binary
from .errors import IngestError

FORMATS = ("txt", "md", "html", "docx")
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
_UNSUPPORTED_EXTENSIONS = {
    ".pdf": "PDF is not supported: copy the article's text, or save it as DOCX or HTML.",
    ".doc": "Old Word (.doc) files are not supported: save the document as .docx.",
    ".odt": "OpenDocument (.odt) files are not supported: save the document as .docx.",
    ".rtf": "RTF files are not supported: save the document as .docx or plain text.",
}
_MAGIC = [
    (b"%PDF-", "PDF is not supported: copy the article's text, or save it as DOCX or HTML."),
    (b"\x89PNG\r\n\x1a\n", "This is a PNG image, not an article."),
    (b"\xff\xd8\xff", "This is a JPEG image, not an article."),
    (b"GIF87a", "This is a GIF image, not an article."),
    (b"GIF89a", "This is a GIF image, not an article."),
    (b"II*\x00", "This is a TIFF image, not an article."),
    (b"MM\x00*", "This is a TIFF image, not an article."),
    (b"\x1f\x8b", "This is a gzip-compressed file: decompress it and import the article itself."),
    (b"7z\xbc\xaf\x27\x1c", "This is a 7-Zip archive: import the article itself."),
    (b"Rar!\x1a\x07", "This is a RAR archive: import the article itself."),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "Old Word (.doc) files are not supported: save the document as .docx.",
    ),
    (b"{\\rtf", "RTF files are not supported: save the document as .docx or plain text."),
    (b"\x7fELF", "This is a program, not an article."),
    (b"ID3", "This is an audio file, not an article."),
    (b"OggS", "This is an audio or video file, not an article."),
]
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body|<meta"
    r"|<title|<article|<div|<p[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</(?:p|div|article|span|a|h[1-6]|li|body|html)>", re.IGNORECASE)
_MARKDOWN_SIGNS = re.compile(
    r"^(?:#{1,6}\s+\S|[-*+]\s+\S|\d+[.)]\s+\S|>\s|```|---\s*$)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*",
    re.MULTILINE,
)


def sanitize_filename(name: str) -> str:
    """Return an upload's name, NFC-normalised; refuse names that could point elsewhere.

    Browsers send the bare file name, so a name with a path separator, ``..`` or a control
    character is either hostile or broken: it is refused rather than repaired.
    """
    name = unicodedata.normalize("NFC", name or "").strip()
    if "/" in name or "\\" in name or ".." in name:
        raise IngestError("The file name must not contain path separators (/ or \\) or '..'.")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise IngestError("The file name must not contain control characters.")
    return name


def read_limited(source: bytes | BinaryIO, max_bytes: int | None) -> bytes:
    """The bytes of ``source``, refusing more than ``max_bytes`` without reading it whole.

    For a file object at most ``max_bytes + 1`` bytes are read; an object that knows its size
    (a Django ``UploadedFile``) is refused before any reading.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        size = getattr(source, "size", None)
        if max_bytes is not None and isinstance(size, int) and size > max_bytes:
            raise too_large(max_bytes)
        data = source.read(-1 if max_bytes is None else max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise too_large(max_bytes)
    return data


def too_large(max_bytes: int) -> IngestError:
    return IngestError(f"The file is larger than the limit of {human_size(max_bytes)}.")


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} bytes"


def refuse_binary(data: bytes) -> None:
    """Raise IngestError for images, archives, PDFs and other binary data."""
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise IngestError(message)
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        raise IngestError("This is a WebP image, not an article.")
    if data[4:8] == b"ftyp":
        raise IngestError("This is a video or audio file, not an article.")
    if looks_binary(data):
        raise IngestError("This file holds binary data, not text.")


def is_zip(data: bytes) -> bool:
    return data.startswith(_ZIP_MAGIC)


def is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def extension_of(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > 0 else ""


def binary_format(data: bytes, filename: str, requested: str) -> str | None:
    """ "docx" for a DOCX file; None for text; IngestError for any other binary or a bad DOCX."""
    extension = extension_of(filename)
    if extension in _UNSUPPORTED_EXTENSIONS and requested == "auto":
        raise IngestError(_UNSUPPORTED_EXTENSIONS[extension])
    wants_docx = requested == "docx" or (requested == "auto" and extension == ".docx")
    if is_zip(data):
        if wants_docx or (requested == "auto" and is_docx_zip(data)):
            return "docx"
        raise IngestError(
            "Zip archives are not supported: import the article itself (.txt, .md, .html or .docx)."
        )
    if wants_docx:
        raise IngestError("This is not a valid DOCX document: the file is not a zip archive.")
    refuse_binary(data)
    return None


def text_format(text: str, filename: str, requested: str) -> str:
    """The format of decoded text: as requested, by extension, else by its content."""
    if requested != "auto":
        return requested
    by_extension = EXTENSIONS.get(extension_of(filename))
    if by_extension:
        return by_extension
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if len(_MARKDOWN_SIGNS.findall(head)) >= 2:
        return "md"
    return "txt"
