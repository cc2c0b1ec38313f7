"""`read()`: bytes in, a cleaned `Reading` out, whatever the format."""

from __future__ import annotations

import re
from datetime import datetime
from typing import BinaryIO

from . import sniff
from .cleaning import Found, clean, is_boilerplate
from .dates import Given, given, parse_date
from .encoding import decode
from .errors import IngestError
from .language import language_of
from .normalize import squash
from .readers.docx import read_docx
from .readers.html import read_html
from .readers.markdown import read_markdown
from .readers.text import read_text
from .reading import Draft, Reading

MAX_TITLE = 300
TITLE_SEARCH = 5  # leading lines (breadcrumbs, share buttons) skipped when looking for a title
_SENTENCE_END = re.compile(r"[.,;:]$")
_UNICODE = ("utf-8", "utf-16", "utf-32", "ascii")  # decoded for certain, not guessed


def read(
    data: bytes | BinaryIO,
    *,
    filename: str = "",
    format: str = "auto",  # the name callers use, as in --format
    max_bytes: int | None = None,
    url: str = "",
) -> Reading:
    """Read one article from ``data`` (bytes or a binary file object).

    ``format`` is "auto" (by content and file name), "txt", "md", "html" or "docx". Raises
    IngestError with a one-line message for anything that is not an article we can read.
    """
    if format != "auto" and format not in sniff.FORMATS:
        raise IngestError(
            f"Unknown format {format!r}: use one of auto, {', '.join(sniff.FORMATS)}."
        )
    name = sniff.sanitize_filename(filename)
    raw = sniff.read_limited(data, max_bytes)
    if not raw:
        raise IngestError("The file is empty.")
    draft = _draft(raw, name, format, url)
    return _finish(draft, url=url)


def _draft(raw: bytes, filename: str, requested: str, url: str) -> Draft:
    if sniff.binary_format(raw, filename, requested) == "docx":
        return read_docx(raw)
    text, encoding = decode(raw)
    if not text.strip():
        raise IngestError("The text is empty: it holds only whitespace.")
    fmt = sniff.text_format(text, filename, requested)
    if fmt == "html":
        return read_html(text, encoding=encoding, url=url)
    if fmt == "md":
        return read_markdown(text, encoding=encoding)
    return read_text(text, encoding=encoding)


def _finish(draft: Draft, *, url: str) -> Reading:
    blocks = [block for block in (squash(block) for block in draft.blocks) if block]
    title = squash(draft.title)[:MAX_TITLE]
    if not title:
        title = _first_line_title(blocks)
    cleaned = clean(blocks, title=title)
    if not cleaned.paragraphs:
        raise IngestError(
            "No article text is left once titles, bylines, navigation and disclaimers are removed."
        )
    found = cleaned.found
    warnings = list(draft.warnings)
    published_at, published_text = _publication_date(draft.published, found, warnings)
    stated = given(published_text) if published_at is not None else Given()
    if not title:
        warnings.append("No title was found.")
    if draft.encoding and not draft.encoding.replace("_", "-").lower().startswith(_UNICODE):
        warnings.append(f"The text was not UTF-8; it was read as {draft.encoding}.")
    body_sample = "\n\n".join(cleaned.paragraphs[:50])
    return Reading(
        title=title,
        paragraphs=cleaned.paragraphs,
        source_format=draft.source_format,
        raw_text=draft.raw_text,
        outlet=squash(draft.outlet) or found.outlet or found.agency,
        author=squash(draft.author) or found.author or found.editor,
        editor=found.editor,
        published_at=published_at,
        published_time_known=stated.time_known,
        published_offset=stated.offset_minutes,
        language=language_of(body_sample, draft.language),
        url=url or draft.url,
        encoding=draft.encoding,
        dropped=[*draft.dropped, *cleaned.dropped],
        warnings=warnings,
    )


def _publication_date(
    declared: str, found: Found, warnings: list[str]
) -> tuple[datetime | None, str]:
    """The date the document declares, else the byline's, else (said so) the update's; with
    the text it was read from."""
    if declared:
        published_at = parse_date(declared)
        if published_at is not None:
            return published_at, declared
        warnings.append(f"The declared date {declared!r} could not be read.")
    if found.published_at is not None:
        return found.published_at, found.published_text
    if found.updated_at is not None:
        warnings.append("Only an update date was found; it is used as the publication date.")
        return found.updated_at, found.updated_text
    warnings.append("No publication date was found.")
    return None, ""


def _first_line_title(blocks: list[str]) -> str:
    """The headline of a pasted text: its first line that is not navigation or a byline,
    provided that line is short and not a sentence (and more text follows)."""
    for index, block in enumerate(blocks[:TITLE_SEARCH]):
        if is_boilerplate(block):
            continue
        is_title = (
            index + 1 < len(blocks)
            and len(block) <= MAX_TITLE
            and len(block.split()) <= 30
            and not _SENTENCE_END.search(block)
        )
        return block if is_title else ""
    return ""
