"""Who may see and change reviews. Views load claims-for-review, reviews and evidence only
through these helpers, so the rules live in one place:

- a reviewer reviews only the claims assigned to them (or, with FACTCHECK_OPEN_REVIEW, any open
  claim), and sees and edits only their own review: anything else is "not found";
- editors read every review, and edit none but their own.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from factcheck.accounts.access import require_editor
from factcheck.claims.models import Claim
from factcheck.reviews import visibility
from factcheck.reviews.models import Assignment, Evidence, Review, Source


def reviewable_claims(user):
    """The claims `user` may open in the review workspace."""
    accepted = Claim.objects.accepted()
    if user.is_editor:
        return accepted
    # EXISTS, not a join: one probe of the (claim, reviewer) unique index per claim, so that a
    # filter on the claims (one article's) is read first, whatever the length of the queue.
    assigned = Exists(Assignment.objects.filter(claim=OuterRef("pk"), reviewer=user))
    if settings.FACTCHECK_OPEN_REVIEW:
        return accepted.filter(Q(status__in=Claim.Status.REVIEWABLE) | assigned)
    return accepted.filter(assigned)


def get_claim_for_review(request, pk):
    """The claim `pk` if the user may open it in the review workspace, else 404."""
    try:
        return reviewable_claims(request.user).select_related("article").get(pk=pk)
    except Claim.DoesNotExist:
        raise Http404(_("No such claim in your queue.")) from None


def may_write_review(user, claim):
    """Reviewers write reviews of claims they may review; editors may review too, as a
    reviewer would, only when the claim is assigned to them."""
    if not user.is_active:
        return False
    if user.is_reviewer:
        return True
    return claim.assignments.filter(reviewer=user).exists()


def get_review_for_user(request, claim, *, write=False):
    """The user's own review of `claim` (None if they have none yet).

    With write=True, refuses (PermissionDenied) users who may read the claim but not review it.
    """
    if write and not may_write_review(request.user, claim):
        raise PermissionDenied(_("You are not a reviewer of this claim."))
    return Review.objects.filter(claim=claim, reviewer=request.user).first()


def get_evidence_for_user(request, pk):
    """Evidence of the user's own review, for editing or removal; anything else is 404."""
    try:
        return Evidence.objects.select_related("review__claim__article", "source").get(
            pk=pk, review__reviewer=request.user
        )
    except Evidence.DoesNotExist:
        raise Http404(_("No such source in your review.")) from None


def get_source_for_user(request, pk, *, write=False):
    """The library's source `pk`: editors open any; a reviewer one they may see cited
    (visibility.cited_evidence), anything else is 404. With write=True (merge, reliability
    note), refuses (PermissionDenied) anyone but an editor."""
    user = request.user
    sources = Source.objects.select_related("merged_into", "reliability_note_by")
    if not visibility.sees_every_source(user):
        cited = visibility.cited_evidence(user, Evidence.objects.filter(source=OuterRef("pk")))
        sources = sources.filter(Exists(cited))
    try:
        source = sources.get(pk=pk)
    except Source.DoesNotExist:
        raise Http404(_("No such source in the library.")) from None
    if write:
        require_editor(user, _("Only editors may merge sources or set a reliability note."))
    return source
