"""How an article's text is laid out with its claims: cut into paragraphs, each paragraph into
pieces at every claim boundary, and the live claims listed: the suggestions strongest first,
then the others in reading order.

Plain functions of the body and the claims (no request, no template), so the article page's
template tags and the reports' annotated text share them.
"""

from dataclasses import dataclass, field


@dataclass
class Piece:
    text: str
    claims: list = field(default_factory=list)

    @property
    def claim(self):
        """The innermost (shortest) claim covering this piece, the one a click opens."""
        return min(self.claims, key=lambda claim: claim.end - claim.start) if self.claims else None

    @property
    def claim_ids(self):
        return " ".join(str(claim.pk) for claim in self.claims)


@dataclass
class Paragraph:
    index: int
    start: int
    start16: int  # the same offset in UTF-16 code units, as browsers count
    pieces: list


def paragraphs_with_claims(body, claims):
    """Split `body` into paragraphs, and each paragraph into pieces of text, each piece knowing
    which claims cover it. Overlapping claims are fine: pieces break at every claim boundary."""
    claims = [claim for claim in claims if not claim.is_dismissed]
    result, offset, offset16 = [], 0, 0
    for index, text in enumerate(body.split("\n\n")):
        start, end = offset, offset + len(text)
        inside = [claim for claim in claims if claim.start < end and claim.end > start]
        cuts = sorted(
            {start, end}
            | {claim.start for claim in inside if start < claim.start < end}
            | {claim.end for claim in inside if start < claim.end < end}
        )
        pieces = []
        for left, right in zip(cuts, cuts[1:], strict=False):
            covering = [claim for claim in inside if claim.start <= left and claim.end >= right]
            pieces.append(Piece(body[left:right], covering))
        result.append(Paragraph(index, start, offset16, pieces))
        offset = end + 2
        offset16 += utf16_length(text) + 2
    return result


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Row:
    claim: object
    merge_with: object = None  # the next claim, when only whitespace separates the two


def claim_rows(body, claims):
    """The live claims in reading order, each with the claim it could merge with."""
    live = sorted((c for c in claims if not c.is_dismissed), key=lambda c: (c.start, c.end))
    rows = []
    for claim, following in zip(live, [*live[1:], None], strict=False):
        adjacent = (
            following is not None
            and following.start >= claim.end
            and not body[claim.end : following.start].strip()
        )
        rows.append(Row(claim, following if adjacent else None))
    return rows


def list_key(claim):
    """Where a live claim stands in the article page's list: the suggestions first, highest score
    first (those without a score after them), ties in reading order; then the other claims in
    reading order. Keyboard triage and the focus after a move follow this order."""
    if claim.is_suggested:
        score = claim.proposal_score
        return (0, score is None, -(score or 0.0), claim.start, claim.end)
    return (1, False, 0.0, claim.start, claim.end)


@dataclass
class ClaimLists:
    suggested: list  # rows, strongest first
    others: list  # rows, in reading order

    def __len__(self):
        return len(self.suggested) + len(self.others)


def claim_lists(body, claims):
    """The live claims' rows (see claim_rows) split into the suggestions, strongest first, and
    the other claims, in reading order."""
    rows = sorted(claim_rows(body, claims), key=lambda row: list_key(row.claim))
    suggested = [row for row in rows if row.claim.is_suggested]
    return ClaimLists(suggested, rows[len(suggested) :])
