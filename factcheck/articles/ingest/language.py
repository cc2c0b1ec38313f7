"""Best-effort language of an article: declared by the document, else py3langid."""

from __future__ import annotations

import re

SAMPLE = 10_000  # characters: enough for a stable answer, cheap on a 5 MB article
_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][\w-]+)?$")


def language_of(text: str, declared: str = "") -> str:
    """An ISO 639 code such as "en" or "zh", or "" when unsure.

    A language the document declares (``<html lang="en-GB">``, a DOCX property, front matter)
    wins; otherwise py3langid (the detector trafilatura itself uses) looks at the start of the
    text.
    """
    match = _TAG.match(declared.strip())
    if match:
        return match.group(1).lower()
    sample = text[:SAMPLE]
    if len(sample.strip()) < 20:
        return ""
    import py3langid  # loads its model on first use, so only when we need it

    code, _score = py3langid.classify(sample)
    return code
