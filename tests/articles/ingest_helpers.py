"""Small builders shared by the ingest tests."""

import io
from pathlib import Path

import docx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
SEED = Path(__file__).resolve().parents[2] / "factcheck" / "articles" / "data" / "seed-article.txt"

LONG_PARAGRAPH = (
    "The ministry said on Tuesday that 4,210 new homes were finished in the first half of the "
    "year, up 12 percent from the same period a year earlier, and that 900 more are planned."
)


def article(*lines: str) -> bytes:
    """A plain-text article: the given lines as paragraphs (blank line between them)."""
    return "\n\n".join(lines).encode()


def docx_bytes(*paragraphs: tuple[str, str], title: str = "") -> bytes:
    """A DOCX document built with python-docx from ``(style, text)`` pairs."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for style, text in paragraphs:
        document.add_paragraph(text, style=style or None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
