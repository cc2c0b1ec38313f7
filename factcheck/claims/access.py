"""Who may see and change claims. Views load claims only through these helpers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim


def get_claim_for_user(request, pk, *, write=False):
    """Every active user may read a claim; only editors (and admins) may change one."""
    try:
        claim = Claim.objects.select_related("article").get(pk=pk)
    except Claim.DoesNotExist:
        raise Http404(_("No such claim.")) from None
    if write and not request.user.is_editor:
        raise PermissionDenied(_("Only editors may change claims."))
    return claim
