"""The proposal budget: which of an article's scored sentences are proposed as claims, which are
held back for "Show more suggestions", and the band (High / Medium / Low) each score falls in.

The rule, over the scores of all of an article's sentences:

1. every sentence scoring at least ``high`` is proposed, however many there are, and so is every
   sentence stating a quantity (a statistic: a count, a percentage, a proportion, money; a year
   alone is not one) that scores at least ``figure_min``;
2. then the best-ranked of the rest scoring at least ``min_score``, until the proposals make up
   ``share`` of the article's sentences (rounded down), or ``minimum`` proposals for a short
   article, whichever is more;
3. every other sentence scoring at least ``min_score`` is held back, ranked, for the editor to
   ask for; sentences below ``min_score`` are neither proposed nor held back.

Ranked means by score, highest first, ties in reading order, so the same scores always give the
same proposals. Rule 1's second half keeps what the desk checks first in front of it without
touching the scores: a figure statement keeps its own score and band (often Low, when its
wording is a promise or a slogan), so the ranking stays honest, but with ``figure_min`` at 0.15 a
sentence that was check-worthy at least about one time in seven in held-out data is not hidden
behind "Show more" just for its wording. The numbers come from settings
(``Budget.from_settings()``: the ``FACTCHECK_PROPOSAL_*`` variables in the README); the functions
here are pure, so tests give them fixed scores.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Band(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


@dataclass(frozen=True)
class Budget:
    high: float
    medium: float
    min_score: float
    share: float
    minimum: int
    figure_min: float = 1.0

    @classmethod
    def from_settings(cls) -> "Budget":
        return cls(
            high=settings.FACTCHECK_PROPOSAL_HIGH,
            medium=settings.FACTCHECK_PROPOSAL_MEDIUM,
            min_score=settings.FACTCHECK_PROPOSAL_MIN_SCORE,
            share=settings.FACTCHECK_PROPOSAL_SHARE,
            minimum=settings.FACTCHECK_PROPOSAL_MIN,
            figure_min=settings.FACTCHECK_PROPOSAL_FIGURE_MIN,
        )

    def band(self, score: float) -> Band:
        if score >= self.high:
            return Band.HIGH
        if score >= self.medium:
            return Band.MEDIUM
        return Band.LOW

    def target(self, sentences: int) -> int:
        """How many proposals an article of `sentences` sentences gets, beyond the high ones."""
        return max(self.minimum, math.floor(self.share * sentences + 1e-9))


@dataclass(frozen=True)
class Allocation:
    """Positions in the scores given to `allocate`, each list ranked (best first)."""

    proposed: list[int]
    held_back: list[int]


def ranked(scores: Sequence[float]) -> list[int]:
    """The positions of `scores`, highest score first, ties in reading order."""
    return sorted(range(len(scores)), key=lambda index: (-scores[index], index))


def allocate(
    scores: Sequence[float], budget: Budget, *, statistics: Sequence[bool] = ()
) -> Allocation:
    """Split an article's sentences, given as their scores in reading order, by the rule above.

    `statistics` tells, in the same order, which sentences state a quantity (rule 1); none do
    when it is not given."""
    target = budget.target(len(scores))
    order = ranked(scores)
    first = {
        index
        for index in order
        if scores[index] >= budget.high
        or (index < len(statistics) and statistics[index] and scores[index] >= budget.figure_min)
    }
    proposed, held_back = [index for index in order if index in first], []
    for index in order:
        if index in first:
            continue
        if scores[index] >= budget.min_score and len(proposed) < target:
            proposed.append(index)
        elif scores[index] >= budget.min_score:
            held_back.append(index)
    proposed.sort(key=lambda index: (-scores[index], index))
    return Allocation(proposed, held_back)


def band_of(score: float | None) -> Band | None:
    """The band of a proposal's score under the configured budget; None without a score."""
    return None if score is None else Budget.from_settings().band(score)
