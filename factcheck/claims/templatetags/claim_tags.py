"""Template helpers for showing claims inside their article's text; the layout itself (paragraphs,
pieces, rows) is claims.layout's."""

from django import template
from django.conf import settings

from factcheck.claims import layout, proposals
from factcheck.claims.forms import DismissalReason
from factcheck.claims.models import Claim

register = template.Library()


@register.simple_tag
def may_propose_claims(user):
    """Editors create claims from a selection; reviewers only propose, and only if allowed."""
    return user.is_editor or (user.is_reviewer and settings.FACTCHECK_REVIEWERS_MAY_PROPOSE)


@register.simple_tag
def dismissal_reasons():
    """The preset reasons of the dismiss form, as (value, label) pairs."""
    return DismissalReason.choices


@register.simple_tag
def claimant_kinds():
    """Who may make a claim, as (value, label) pairs: a person or an organisation."""
    return Claim.ClaimantKind.choices


@register.simple_tag
def article_paragraphs(article, claims):
    return layout.paragraphs_with_claims(article.body, claims)


@register.simple_tag
def claim_lists(article, claims):
    """The article's live claims, each with the claim it could merge with: the suggestions
    strongest first (`.suggested`), then the others in reading order (`.others`)."""
    return layout.claim_lists(article.body, claims)


@register.simple_tag
def held_back(article):
    """How many suggestions the budget held back, and how many "Show more" shows next."""
    return proposals.held_back(article)


@register.filter
def dismissed(claims):
    return [claim for claim in claims if claim.is_dismissed]
