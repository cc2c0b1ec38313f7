"""The reviewer's queue: the claims assigned to them that they have not submitted yet, a page
at a time (keyset pagination: `?after=` / `?before=` a cursor), with its counts."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from factcheck.reviews import assignments, notifications, visibility


@require_GET
def queue(request):
    user = request.user
    page = assignments.queue_page(
        user, after=request.GET.get("after"), before=request.GET.get("before")
    )
    today = timezone.localdate()
    for assignment in page.assignments:
        assignment.shown_status = visibility.shown_status(user, assignment.claim, submitted=False)
        assignment.overdue = assignments.is_overdue(assignment.due_on, today=today)
    counts = assignments.queue_counts(user, today=today)
    if counts["unseen"]:  # a write only when something new was assigned since the last view
        notifications.mark_assignments_seen(user)
    return render(
        request,
        "reviews/queue.html",
        {
            "page": page,
            "todo": counts["todo"],
            "done": counts["done"],
            "overdue": counts["overdue"],
            "new_assignments": 0,  # all seen now: the menu need not count them again
        },
    )
