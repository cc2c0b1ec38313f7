"""The import notes grouped by kind, for the preview: "Navigation (3)", "Footer (2)"..."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# 'Dropped navigation line: "Home"', 'Dropped link under "Related": "..."',
# 'Byline parsed: author ...': the kind is the words before the colon.
_NOTE = re.compile(
    r'^(?:Dropped (?P<dropped>[^:"(]+?)(?: under "[^"]*")?(?: \([^)]*\))?|(?P<parsed>\w+) parsed):'
)

_GROUPS: dict[str, Promise] = {
    "title line": _("Title"),
    "repeated title": _("Title"),
    "byline": _("Bylines and metadata"),
    "editor": _("Bylines and metadata"),
    "source": _("Bylines and metadata"),
    "credits line": _("Bylines and metadata"),
    "dateline": _("Datelines"),
    "page header line": _("Page header"),
    "navigation line": _("Navigation"),
    "advertisement": _("Advertisements"),
    "sharing line": _("Share bars"),
    "image caption or credit": _("Captions and credits"),
    "related link": _("Related links"),
    "link list heading": _("Related links"),
    "link": _("Related links"),
    "comment": _("Comments"),
    "form or newsletter line": _("Forms and newsletters"),
    "footer line": _("Footer"),
    "copyright line": _("Copyright"),
    "disclaimer": _("Disclaimers"),
}
OTHER = _("Other page text")


@dataclass
class NoteGroup:
    label: Promise
    notes: list[str] = field(default_factory=list)


def group_notes(notes: list[str]) -> list[NoteGroup]:
    """``notes`` grouped by the kind of block each one removed, groups in order of first
    appearance; notes of an unknown kind go to "Other page text"."""
    groups: dict[str, NoteGroup] = {}
    for note in notes:
        match = _NOTE.match(note)
        kind = (match.group("dropped") or match.group("parsed").lower()) if match else ""
        label = _GROUPS.get(kind.strip(), OTHER)
        groups.setdefault(str(label), NoteGroup(label)).notes.append(note)
    return list(groups.values())
