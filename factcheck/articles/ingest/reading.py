"""The plain results of reading an article: a reader's `Draft`, then the cleaned `Reading`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from .dates import published_label
from .notes import NoteGroup, group_notes


@dataclass
class Draft:
    """What a format reader found, before cleaning.

    ``blocks`` are the document's paragraphs (or lines, where the format has no paragraphs) in
    order; the metadata fields hold what the document itself declares (HTML meta tags, DOCX
    properties, Markdown front matter), as text, still to be checked.
    """

    source_format: str
    raw_text: str
    blocks: list[str]
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""
    language: str = ""
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # what the reader itself left out


@dataclass(frozen=True)
class Reading:
    """A cleaned article: the one result every format produces.

    ``paragraphs`` are NFC-normalised with single spaces; ``body`` joins them with a blank line,
    so offsets into ``body`` are stable for a given input. ``dropped`` holds one note per line
    taken out of the body (and what was parsed from it); ``warnings`` holds anything else an
    editor should check.
    """

    title: str
    paragraphs: list[str]
    source_format: str
    raw_text: str
    outlet: str = ""
    author: str = ""
    editor: str = ""
    published_at: datetime | None = None
    published_time_known: bool = True  # False: the source gave only the day
    published_offset: int | None = None  # the UTC offset the source gave, in minutes
    language: str = ""
    url: str = ""
    encoding: str = ""
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def published_label(self) -> str:
        """The publication date as the source gave it (see dates.format_as_given)."""
        return published_label(self)

    @cached_property
    def dropped_groups(self) -> list[NoteGroup]:
        """``dropped`` grouped by kind (navigation, footer, captions...), for the preview."""
        return group_notes(self.dropped)

    @cached_property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @cached_property
    def body_sha256(self) -> str:
        """The hex sha256 of ``body`` (UTF-8), for spotting the same article imported twice."""
        return hashlib.sha256(self.body.encode()).hexdigest()
