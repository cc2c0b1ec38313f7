"""Template access to blind review's rules (reviews/visibility.py): the templates of other
apps' pages ask through these, and hold no rule of their own."""

from django import template

from factcheck.claims.models import Claim
from factcheck.reviews import panel, visibility

register = template.Library()


@register.filter
def status_for(claim, user):
    """The value of the claim's status as `user` may see it ("in_review"...)."""
    return visibility.shown_status(user, claim).value


@register.filter
def status_label_for(claim, user):
    """The label of the claim's status as `user` may see it ("In review"...)."""
    return visibility.shown_status(user, claim).label


@register.filter
def final_verdict_shown(claim, user):
    """Whether `user` may see the claim's final verdict."""
    return visibility.sees_final_verdict(user, claim)


@register.simple_tag
def shown_status_counts(article, user):
    """The article's claims per status (from Article.objects.with_claim_counts()) as `user` may
    see them: status value -> count; "disputed" only as far as they may see disputes."""
    counts = {
        status.value: getattr(article, f"claims_{status.value}", 0) for status in Claim.Status
    }
    return visibility.shown_status_counts(user, counts, article.pk)


@register.simple_tag
def sees_dispute_counts(user):
    """Whether a list of articles shows `user` a "Disputed" column."""
    return visibility.sees_dispute_counts(user)


@register.simple_tag
def checked_before(claims, user):
    """The article page's claims checked before, as `user` may see them (panel.checked_before):
    `.of(claim)` gives a claim's mark, the counts say how many suggestions are new."""
    return panel.checked_before(user, claims)


@register.filter
def checked_before_of(checked, claim):
    """The mark of `claim` among an article page's claims checked before (None: it is new)."""
    return checked.of(claim) if checked else None
