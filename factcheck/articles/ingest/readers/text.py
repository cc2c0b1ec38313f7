"""Plain text: paragraphs separated by blank lines, or one paragraph a line."""

from ..normalize import clean_text, text_blocks
from ..reading import Draft


def read_text(text: str, *, encoding: str = "") -> Draft:
    return Draft(
        source_format="txt",
        raw_text=text,
        blocks=text_blocks(clean_text(text)),
        encoding=encoding,
    )
