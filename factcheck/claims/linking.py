"""Linking a claim to an earlier claim of another article as the same claim (`same_as`).

Editors only; the claim is locked and its version checked, and the link is recorded in its
history (who, when, which claim). Linking a claim to itself, to a claim of the same article,
or to a claim already linked to it is refused with a message, and nothing is written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from factcheck import versioning
from factcheck.accounts.access import require_editor
from factcheck.claims.models import Claim


def _locked(claim, expected_version):
    return versioning.lock(Claim.objects.all(), claim.pk, expected_version=expected_version)


def check_link(claim, earlier):
    """ValidationError saying why `claim` cannot be linked to `earlier`; None if it can."""
    if earlier.pk == claim.pk:
        raise ValidationError(_("A claim cannot be linked to itself."))
    if earlier.article_id == claim.article_id:
        raise ValidationError(
            _("Both claims are in the same article: link only claims of different articles.")
        )
    if earlier.is_dismissed:
        raise ValidationError(_("The earlier claim was dismissed: it is not a checked claim."))
    seen = {claim.pk}
    current = earlier
    while current.same_as_id is not None:  # refuse a cycle: earlier already leads back here
        if current.same_as_id in seen:
            raise ValidationError(
                _("The earlier claim is already linked to this one: the link would go round.")
            )
        seen.add(current.same_as_id)
        current = Claim.objects.only("pk", "same_as").get(pk=current.same_as_id)


@transaction.atomic
def link_same_claim(claim, earlier, *, by, expected_version=None):
    """Record that `claim` states the same thing as `earlier`; return the claim."""
    require_editor(by, _("Only editors may link claims."))
    claim = _locked(claim, expected_version)
    earlier = Claim.objects.get(pk=earlier.pk)
    check_link(claim, earlier)
    if claim.same_as_id == earlier.pk:
        return claim
    claim.same_as = earlier
    return versioning.save_change(
        claim, by=by, reason=f"linked as the same claim as #{earlier.pk}", fields=["same_as"]
    )


@transaction.atomic
def unlink_same_claim(claim, *, by, expected_version=None):
    """Remove `claim`'s same-claim link; return the claim."""
    require_editor(by, _("Only editors may link claims."))
    claim = _locked(claim, expected_version)
    if claim.same_as_id is None:
        return claim
    previous = claim.same_as_id
    claim.same_as = None
    return versioning.save_change(
        claim, by=by, reason=f"unlinked from claim #{previous}", fields=["same_as"]
    )
