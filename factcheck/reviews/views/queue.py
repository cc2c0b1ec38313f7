"""The reviewer's queue: the claims assigned to them that they have not submitted yet."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from factcheck.reviews import notifications, visibility
from factcheck.reviews.assignments import is_overdue, queue_claims, queue_progress

QUEUE_LENGTH = 500


@require_GET
def queue(request):
    claims = list(queue_claims(request.user)[:QUEUE_LENGTH])
    today = timezone.localdate()
    for claim in claims:
        claim.shown_status = visibility.shown_status(request.user, claim)
        claim.overdue = is_overdue(claim.due_on, today=today)
    progress = queue_progress(request.user)
    notifications.mark_assignments_seen(request.user)
    return render(
        request,
        "reviews/queue.html",
        {"claims": claims, "done": progress["done"], "todo": len(claims)},
    )
