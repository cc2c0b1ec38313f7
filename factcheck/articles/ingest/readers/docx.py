"""Word documents through python-docx, behind a guard against zip bombs."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import IngestError
from ..reading import Draft
from ..sniff import human_size

MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 20 * 1024 * 1024  # all parts together, as declared in the zip directory
MAX_RATIO = 100  # declared size / compressed size, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
_LIST_STYLES = ("List Bullet", "List Number", "List Paragraph", "List")


def check_zip(data: bytes) -> None:
    """Refuse a file that is not a zip, is not a Word document, or would expand too far.

    Only the zip's directory is read here. Python's zipfile then stops every member at its
    declared size (and fails on a CRC mismatch), so checking the declared sizes bounds what
    python-docx can decompress.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise IngestError("This is not a valid DOCX document: it is not a zip archive.") from error
    if len(members) > MAX_MEMBERS:
        raise IngestError("This DOCX file holds too many parts; it was refused as a zip bomb.")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise IngestError(
            f"This DOCX file would expand to more than {human_size(MAX_UNCOMPRESSED)}; "
            "it was refused as a zip bomb."
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and (
            member.compress_size == 0 or member.file_size / member.compress_size > MAX_RATIO
        ):
            raise IngestError(
                "This DOCX file is compressed beyond any real document; "
                "it was refused as a zip bomb."
            )
    if "word/document.xml" not in {member.filename for member in members}:
        raise IngestError("This zip file is not a Word document (it has no word/document.xml).")


def read_docx(data: bytes) -> Draft:
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        title, blocks = _blocks(document)
        properties = document.core_properties
        declared_title = (properties.title or "").strip()
        language = (properties.language or "").strip()
    except IngestError:
        raise
    except Exception as error:  # python-docx raises many kinds on a damaged package
        raise IngestError("This DOCX file is damaged and could not be read.") from error
    if not blocks:
        raise IngestError("This DOCX document holds no text.")
    return Draft(
        source_format="docx",
        raw_text="\n\n".join(blocks),
        blocks=blocks,
        title=title or declared_title,
        language=language,
    )


def _blocks(document: docx.document.Document) -> tuple[str, list[str]]:
    """Paragraph and table-row texts in document order, and the text styled as the title."""
    blocks: list[str] = []
    title = ""
    # Paragraph.style looks the default style up again for every paragraph (quadratic on long
    # documents), so map style ids to names once and read each paragraph's id directly.
    style_names = {style.style_id: style.name for style in document.styles}
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_rows(item))
            continue
        if not isinstance(item, Paragraph):
            continue
        style = style_names.get(item._p.style, "") or ""
        lines = [line.strip() for line in item.text.split("\n") if line.strip()]
        if not lines:
            continue
        if not title and (style == "Title" or (style == "Heading 1" and not blocks)):
            title = " ".join(lines)
        marker = "- " if style.startswith(_LIST_STYLES) else ""
        blocks.extend(marker + line for line in lines)
    return title, blocks


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
