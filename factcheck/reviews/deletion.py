"""What deleting rows would lose of the reviewers' work, and who may still delete them.

Deleting an article, a claim, a review, its evidence or a source cascades (or is protected) down
to reviews: one admin click used to take an article with every claim, review, source citation
and comment on it. The rules:

- an article with any review of its claims is never deleted: it is archived
  (factcheck/articles/archiving.py), hidden from the lists, kept whole;
- anything else whose deletion would take reviews, evidence or comments with it is deleted
  only by a superuser, after a confirmation that names what would be lost (the admin's
  confirmation page lists every row and sums them up per kind);
- what takes no review with it follows the admin's ordinary permissions.

The admin (factcheck/admin.py, reviews/admin.py) asks `refusals`; the app's own
pages delete nothing that holds reviews (merging claims refuses claims with reviews; a reviewer
removes evidence only from their own draft).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reviews.models import Comment, Evidence, Review, Source


@dataclass(frozen=True)
class Losses:
    reviews: int = 0
    evidence: int = 0
    comments: int = 0

    def __bool__(self) -> bool:
        return bool(self.reviews or self.evidence or self.comments)

    def __str__(self) -> str:
        parts = [
            ngettext("%(n)d review", "%(n)d reviews", self.reviews) % {"n": self.reviews},
            ngettext("%(n)d cited source", "%(n)d cited sources", self.evidence)
            % {"n": self.evidence},
            ngettext("%(n)d comment", "%(n)d comments", self.comments) % {"n": self.comments},
        ]
        return ", ".join(parts)


def _claims_filter(model: type[Model], pks: list[Any], prefix: str) -> Q | None:
    """A filter on the rows under `prefix` (a path to a claim) that deleting `pks` of `model`
    would take; None when the model holds no claims."""
    if model is Article:
        return Q(**{f"{prefix}article__in": pks})
    if model is Claim:
        return Q(**{f"{prefix}pk__in": pks}) if prefix else Q(pk__in=pks)
    return None


def losses(model: type[Model], objs) -> Losses:
    """The reviews, evidence and comments deleting `objs` (instances of `model`) would lose.

    A source with citations cannot be deleted at all (Evidence.source is protected): its
    citations are counted as what stands in the way."""
    pks = [obj.pk for obj in objs]
    if not pks:
        return Losses()
    if model is Review:
        return Losses(reviews=len(pks), evidence=Evidence.objects.filter(review__in=pks).count())
    if model is Evidence:
        return Losses(evidence=len(pks))
    if model is Source:
        return Losses(evidence=Evidence.objects.filter(source__in=pks).count())
    on_claims = _claims_filter(model, pks, "claim__")
    if on_claims is None:
        return Losses()
    on_evidence = _claims_filter(model, pks, "review__claim__")
    return Losses(
        reviews=Review.objects.filter(on_claims).count(),
        evidence=Evidence.objects.filter(on_evidence).count(),
        comments=Comment.objects.filter(on_claims).count(),
    )


def reviewed_articles(articles) -> list[Article]:
    """Of `articles`, those with a review (draft or submitted) of any of their claims."""
    pks = [article.pk for article in articles]
    reviewed = set(
        Review.objects.filter(claim__article__in=pks).values_list("claim__article", flat=True)
    )
    return [article for article in articles if article.pk in reviewed]


def refusals(user, model: type[Model], objs) -> list[str]:
    """Why `user` may not delete `objs`, one line each (empty: they may)."""
    objs = list(objs)
    if model is Article:
        reviewed = reviewed_articles(objs)
        if reviewed:
            return [
                _("“%(article)s” has reviewed claims: archive it instead of deleting it.")
                % {"article": article}
                for article in reviewed
            ]
    lost = losses(model, objs)
    if lost and not user.is_superuser:
        return [_("Deleting this would lose %(losses)s: only a superuser may.") % {"losses": lost}]
    return []
