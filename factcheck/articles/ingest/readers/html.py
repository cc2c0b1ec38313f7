"""HTML pages through trafilatura: main content only, as text, with the page's metadata.

trafilatura parses with lxml and never runs scripts; it drops scripts, styles, frames and
navigation, and we ask it for plain text without links, so no markup, attribute or
``javascript:`` URL can reach the body.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from ..errors import IngestError
from ..normalize import clean_text
from ..reading import Draft

HIDDEN_TAGS = ("script", "style", "iframe", "noscript", "object", "embed", "template", "svg")
_BLOCK_TAGS = ("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_DOCUMENT = re.compile(r"<html|<body", re.IGNORECASE)  # else a fragment, wrapped for trafilatura
_DATE_PARAMS = {
    "extensive_search": False,  # dates from the page's markup, never a year found in the prose
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
_config = use_config()
_config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout outside main thread
_config.set("DEFAULT", "MAX_FILE_SIZE", str(50 * 1024 * 1024))
_config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
_config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")


def read_html(text: str, *, encoding: str = "", url: str = "") -> Draft:
    markup = text if _DOCUMENT.search(text[:4096]) else f"<html><body>{text}</body></html>"
    tree = trafilatura.load_html(markup)
    document = None
    language = ""
    if tree is not None:
        language = (tree.getroottree().getroot().get("lang") or "").strip()
        document = _extract(tree, url)
    warnings = []
    content = (document.text or "") if document is not None else ""
    if content.strip():
        blocks = [line.strip() for line in clean_text(content).split("\n") if line.strip()]
    else:
        blocks = visible_text(text)
        if blocks and tree is not None:
            warnings.append(
                "The page's main content could not be located; all of its text was imported."
            )
    if not blocks:
        raise IngestError("No article text was found in this HTML page.")
    return Draft(
        source_format="html",
        raw_text=text,
        blocks=blocks,
        title=_field(document, "title"),
        author=_field(document, "author").replace("; ", ", "),
        outlet=_field(document, "sitename"),
        published=_field(document, "date"),
        url=url or _field(document, "url"),
        language=language,
        encoding=encoding,
        warnings=warnings,
    )


def visible_text(markup: str) -> list[str]:
    """The text a browser would show for ``markup`` (a page or a fragment), one block a line.

    The fallback when trafilatura finds no main content, and the reader for raw HTML inside
    Markdown. Scripts, styles, frames and comments go, with their content.
    """
    markup = _XML_DECLARATION.sub("", markup)
    if not markup.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(root, *HIDDEN_TAGS, etree.Comment, with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("title"):  # the <title> is metadata, not body text
        element.text = ""
    text = clean_text(root.text_content())
    return [line.strip() for line in text.split("\n") if line.strip()]


def _extract(tree: lxml.html.HtmlElement, url: str) -> object | None:
    return trafilatura.bare_extraction(
        tree,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        date_extraction_params=_DATE_PARAMS,
        config=_config,
    )


def _field(document: object, name: str) -> str:
    value = getattr(document, name, None) if document is not None else None
    return value.strip() if isinstance(value, str) else ""
