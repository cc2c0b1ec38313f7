"""HTML pages through trafilatura: main content only, as text, with the page's metadata.

trafilatura parses with lxml and never runs scripts; it drops scripts, styles, frames and
navigation, and we ask it for plain text without links, so no markup, attribute or
``javascript:`` URL can reach the body.

trafilatura says nothing of what it leaves out, so ``dropped_blocks`` finds it: every block of
text on the page (a paragraph, a list item, a link bar) that is not in what trafilatura kept is
noted, with its kind taken from where it sits on the page (a ``<nav>``, a "share" bar, an
"advert" box, a ``<figcaption>``, a ``<footer>``...), so the editor sees all that was removed.
"""

from __future__ import annotations

import copy
import re

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from ..cleaning import COPYRIGHT, quote, title_key
from ..errors import IngestError
from ..normalize import clean_text, squash
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
    page = None
    if tree is not None:
        language = (tree.getroottree().getroot().get("lang") or "").strip()
        page = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
        document = _extract(tree, url)
    warnings = []
    dropped: list[str] = []
    content = (document.text or "") if document is not None else ""
    if content.strip():
        blocks = [line.strip() for line in clean_text(content).split("\n") if line.strip()]
        if page is not None:
            dropped = dropped_blocks(page, blocks, title=_field(document, "title"))
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
        dropped=dropped,
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


# Elements whose own text is one block of the page (inline elements belong to their parent).
_PAGE_BLOCKS = frozenset(
    re.findall(
        r"\w+",
        "body div section article main aside nav header footer figure figcaption caption form ul"
        " ol li dl dt dd table tr td th p h1 h2 h3 h4 h5 h6 blockquote pre address button label",
    )
)
_SKIPPED = (*HIDDEN_TAGS, "head", "title", "select", "option")
# Where a block sits, told by a tag, an ARIA role or a word of its class or id: the note's kind.
# The first ancestor (the block itself first) that says anything decides.
_BY_TAG = {
    "nav": "navigation line",
    "figcaption": "image caption or credit",
    "caption": "image caption or credit",
    "footer": "footer line",
    "aside": "related link",
    "header": "page header line",
    "form": "form or newsletter line",
}
_BY_ROLE = {
    "navigation": "navigation line",
    "contentinfo": "footer line",
    "banner": "page header line",
    "complementary": "related link",
}
_WORDS = {
    "advertisement": r"ad|ads|advert\w*|advertisement|sponsor\w*|promo\w*|dfp|adslot|banner",
    "sharing line": r"share\w*|social|sharing|sharebar",
    "image caption or credit": r"caption|credit|credits|figcaption",
    "navigation line": r"nav|navbar|navigation|menu|breadcrumbs?|masthead",
    "footer line": r"footer|colophon|copyright",
    "related link": r"related|recommended|more|trending|popular|sidebar|teaser\w*",
    "comment": r"comments?|discussion",
    "form or newsletter line": r"newsletter|subscribe|signup|paywall",
    "page header line": r"header",
}
_BY_WORD = [(re.compile(rf"^(?:{words})$"), kind) for kind, words in _WORDS.items()]
OUTSIDE = "page text outside the article"


def dropped_blocks(page: lxml.html.HtmlElement, kept: list[str], *, title: str = "") -> list[str]:
    """A note for each block of text on ``page`` that is not in ``kept`` (what trafilatura
    took as the article), in page order, naming its kind: 'Dropped navigation line: "Home
    News Sport"'. The title, which trafilatura takes as metadata, is left to the cleaning rules."""
    kept_text = "\n".join(squash(block) for block in kept)
    skip = {title_key(title)} if title else set()
    etree.strip_elements(page, *_SKIPPED, etree.Comment, with_tail=False)
    notes = []
    for element in page.iter(*_PAGE_BLOCKS):
        text = squash(_own_text(element))
        if not text or text in kept_text or title_key(text) in skip:
            continue
        kind = "copyright line" if COPYRIGHT.match(text) else _kind(element)
        notes.append(f"Dropped {kind}: {quote(text)}")
    return notes


def _own_text(element: lxml.html.HtmlElement) -> str:
    """The element's text without that of the blocks inside it."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag not in _PAGE_BLOCKS:
            parts.append(child.text_content())
        parts.append(" " + (child.tail or ""))
    return "".join(parts)


def _kind(element: lxml.html.HtmlElement) -> str:
    for node in (element, *element.iterancestors()):
        if kind := _BY_TAG.get(node.tag) or _BY_ROLE.get((node.get("role") or "").lower()):
            return kind
        words = re.split(r"[\s_-]+", f"{node.get('class') or ''} {node.get('id') or ''}".lower())
        for pattern, kind in _BY_WORD:
            if any(pattern.match(word) for word in words if word):
                return kind
    return OUTSIDE


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
