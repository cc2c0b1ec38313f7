"""Markdown rendered to text: headings, paragraphs, list items, quotes, code and tables.

Link text is kept and link targets dropped; images (caption residue) are dropped; raw HTML keeps
its text but never its scripts, styles or embedded frames.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

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
        field = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and field and value and not getattr(draft, field):
            setattr(draft, field, value)


def _render(tokens: list[Token], blocks: list[str]) -> int | None:
    """Append one block per heading, paragraph, list item, code block or table row.

    Returns the index of the heading that opens the document, if it opens with one.
    """
    lists: list[list[int | None]] = []  # per open list: [next number or None for bullets]
    row: list[str] = []
    first_heading = None
    item_marker = ""
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([None])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists:
            number = lists[-1][0]
            item_marker = "- " if number is None else f"{number}. "
            if number is not None:
                lists[-1][0] = number + 1
        elif kind == "inline":
            text = _inline_text(token)
            parent = tokens[index - 1].type if index else ""
            if parent in ("th_open", "td_open"):
                row.append(text.strip())
                continue
            if not text.strip():
                continue
            if parent == "heading_open" and not blocks and first_heading is None:
                first_heading = len(blocks)
            for line in text.split("\n"):
                if line.strip():
                    blocks.append(item_marker + line.strip())
                    item_marker = ""
        elif kind == "tr_close":
            if any(row):
                blocks.append(" | ".join(row))
            row = []
        elif kind in ("fence", "code_block"):
            blocks.extend(line for line in token.content.split("\n") if line.strip())
        elif kind == "html_block":
            blocks.extend(visible_text(token.content))
    return first_heading


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    hidden = 0
    for child in token.children or []:
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
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)
