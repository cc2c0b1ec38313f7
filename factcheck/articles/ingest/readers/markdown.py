"""Markdown rendered to text: headings, paragraphs, list items, quotes, code and tables.

Link text is kept and link targets dropped; images (caption residue) are dropped; raw HTML keeps
its text but never its scripts, styles or embedded frames.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..cleaning import COPYRIGHT
from ..normalize import clean_text
from ..reading import Draft
from .html import HIDDEN_TAGS, visible_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n){0,60}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "by": "author",
    "date": "published",
    "published": "published",
    "published_at": "published",
    "pubdate": "published",
    "source": "outlet",
    "outlet": "outlet",
    "publication": "outlet",
    "site": "outlet",
    "sitename": "outlet",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
    "lang": "language",
    "language": "language",
}
_HIDDEN_INLINE = re.compile(rf"^<({'|'.join(HIDDEN_TAGS)})\b", re.IGNORECASE)
_CLOSING_INLINE = re.compile(rf"^</({'|'.join(HIDDEN_TAGS)})\s*>", re.IGNORECASE)

_parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def read_markdown(text: str, *, encoding: str = "") -> Draft:
    source = clean_text(text)
    draft = Draft(source_format="md", raw_text=text, blocks=[], encoding=encoding)
    match = _FRONT_MATTER.match(source)
    if match:
        _apply_front_matter(match.group("body"), draft)
        source = source[match.end() :]
    first_heading = _render(_parser.parse(source), draft.blocks)
    if not draft.title and first_heading is not None:
        draft.title = draft.blocks[first_heading]
    return draft


def _apply_front_matter(body: str, draft: Draft) -> None:
    """Simple ``key: value`` front matter as static-site exports write it."""
    for line in body.splitlines():
        key, sep, value = line.partition(":")
        attribute = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and attribute and value and not getattr(draft, attribute):
            setattr(draft, attribute, value)


@dataclass
class _Rendering:
    """What rendering carries from one token to the next."""

    blocks: list[str]
    # per open list, the number of its next item (None for a bulleted list)
    lists: list[int | None] = field(default_factory=list)
    row: list[str] = field(default_factory=list)  # the cells of the table row being read
    first_heading: int | None = None
    item_marker: str = ""  # "- " or "3. ", put before the next line of text


def _render(tokens: list[Token], blocks: list[str]) -> int | None:
    """Append one block per heading, paragraph, list item, code block or table row.

    Returns the index of the heading that opens the document, if it opens with one.
    """
    rendering = _Rendering(blocks)
    parent = ""  # the type of the token before: an inline token's container
    for token in tokens:
        step = _STEPS.get(token.type)
        if step:
            step(rendering, token, parent)
        parent = token.type
    return rendering.first_heading


def _open_bullets(rendering: _Rendering, token: Token, parent: str) -> None:
    rendering.lists.append(None)


def _open_numbers(rendering: _Rendering, token: Token, parent: str) -> None:
    rendering.lists.append(int(token.attrGet("start") or 1))


def _close_list(rendering: _Rendering, token: Token, parent: str) -> None:
    rendering.lists.pop()


def _open_item(rendering: _Rendering, token: Token, parent: str) -> None:
    if not rendering.lists:
        return
    number = rendering.lists[-1]
    if number is None:
        rendering.item_marker = "- "
    else:
        rendering.item_marker = f"{number}. "
        rendering.lists[-1] = number + 1


def _add_text(rendering: _Rendering, token: Token, parent: str) -> None:
    """A table cell's text goes to its row; any other text gives a block per line."""
    text = _inline_text(token)
    if parent in ("th_open", "td_open"):
        rendering.row.append(text.strip())
        return
    if not text.strip():
        return
    if parent == "heading_open" and not rendering.blocks:
        rendering.first_heading = 0
    for line in text.split("\n"):
        if line.strip():
            rendering.blocks.append(rendering.item_marker + line.strip())
            rendering.item_marker = ""


def _end_row(rendering: _Rendering, token: Token, parent: str) -> None:
    if any(rendering.row):
        rendering.blocks.append(" | ".join(rendering.row))
    rendering.row = []


def _add_code(rendering: _Rendering, token: Token, parent: str) -> None:
    rendering.blocks.extend(line for line in token.content.split("\n") if line.strip())


def _add_html(rendering: _Rendering, token: Token, parent: str) -> None:
    rendering.blocks.extend(visible_text(token.content))


# What each token type adds to the text; the other tokens (paragraphs, emphasis, quotes, the
# rest of tables) only frame it.
_STEPS: dict[str, Callable[[_Rendering, Token, str], None]] = {
    "bullet_list_open": _open_bullets,
    "ordered_list_open": _open_numbers,
    "bullet_list_close": _close_list,
    "ordered_list_close": _close_list,
    "list_item_open": _open_item,
    "inline": _add_text,
    "tr_close": _end_row,
    "fence": _add_code,
    "code_block": _add_code,
    "html_block": _add_html,
}


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    hidden = 0
    children = token.children or []
    for index, child in enumerate(children):
        if child.type == "html_inline":
            if _HIDDEN_INLINE.match(child.content):
                hidden += 1
            elif _CLOSING_INLINE.match(child.content):
                hidden = max(hidden - 1, 0)
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n" if _before_copyright(children[index + 1 :]) else " ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _before_copyright(rest: list[Token]) -> bool:
    """Whether the next line is a copyright notice: it stays a line of its own, dropped as such,
    rather than joining the link or sentence above it."""
    return bool(rest) and rest[0].type == "text" and bool(COPYRIGHT.match(rest[0].content))
