"""The proposal budget: which of an article's scored sentences are proposed as claims, which are
held back for "Show more suggestions", and the band (High / Medium / Low) each score falls in.

The rule, over the scores of all of an article's sentences:

1. every sentence scoring at least ``high`` is proposed, however many there are;
2. then the best-ranked of the rest scoring at least ``min_score``, until the proposals make up
   ``share`` of the article's sentences (rounded down), or ``minimum`` proposals for a short
   article, whichever is more;
3. every other sentence scoring at least ``min_score`` is held back, ranked, for the editor to
   ask for; sentences below ``min_score`` are neither proposed nor held back.

Ranked means by score, highest first, ties in reading order, so the same scores always give the
same proposals. The numbers come from settings (``Budget.from_settings()``: the
``FACTCHECK_PROPOSAL_*`` variables in the README); the functions here are pure, so tests give
them fixed scores.
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

    @classmethod
    def from_settings(cls) -> "Budget":
        return cls(
            high=settings.FACTCHECK_PROPOSAL_HIGH,
            medium=settings.FACTCHECK_PROPOSAL_MEDIUM,
            min_score=settings.FACTCHECK_PROPOSAL_MIN_SCORE,
            share=settings.FACTCHECK_PROPOSAL_SHARE,
            minimum=settings.FACTCHECK_PROPOSAL_MIN,
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


def allocate(scores: Sequence[float], budget: Budget) -> Allocation:
    """Split an article's sentences, given as their scores in reading order, by the rule above."""
    target = budget.target(len(scores))
    proposed, held_back = [], []
    for index in ranked(scores):
        score = scores[index]
        if score >= budget.high or (score >= budget.min_score and len(proposed) < target):
            proposed.append(index)
        elif score >= budget.min_score:
            held_back.append(index)
    return Allocation(proposed, held_back)


def band_of(score: float | None) -> Band | None:
    """The band of a proposal's score under the configured budget; None without a score."""
    return None if score is None else Budget.from_settings().band(score)
