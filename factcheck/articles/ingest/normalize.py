"""Unicode, line-ending and whitespace normalisation shared by every reader."""

import re
import unicodedata

# Control characters (except tab and newline), C1 controls, and invisible characters that
# copy-paste leaves behind: zero-width space, word joiner, soft hyphen, stray byte-order marks.
_INVISIBLE = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
    + [0x200B, 0x2060, 0x00AD, 0xFEFF],
)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0\u3000]*\n\s*")


def normalize_newlines(text: str) -> str:
    """Turn CRLF, CR and Unicode line/paragraph separators into ``\\n``."""
    return _LINE_BREAKS.sub("\n", text)


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line endings, and no control or invisible characters; layout is kept."""
    text = normalize_newlines(text)
    text = text.translate(_INVISIBLE)
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """One paragraph on one line: NFC, invisible characters gone, whitespace runs to one space."""
    return " ".join(unicodedata.normalize("NFC", text.translate(_INVISIBLE)).split())


def split_blocks(text: str) -> list[str]:
    """Split text at blank lines; each block keeps its inner line breaks."""
    return [block.strip("\n") for block in _BLANK_LINES.split(text) if block.strip()]


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether a block's lines are one paragraph wrapped at a fixed width (e-mail style).

    Copy-pasted web text puts a paragraph on one long line, while hard-wrapped text has every
    line but the last at a similar width under 100 characters. Short lines (bylines, credits)
    stay separate.
    """
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(len(line) > 100 for line in body):
        return False
    return sum(len(line) >= 50 for line in body) * 2 >= len(body)


def text_blocks(text: str) -> list[str]:
    """Blocks of plain text: hard-wrapped blocks joined into one, others split per line."""
    blocks = []
    for block in split_blocks(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if is_hard_wrapped(lines):
            blocks.append(" ".join(lines))
        else:
            blocks.extend(lines)
    return blocks
