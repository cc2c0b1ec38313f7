"""Telling reviewers about new work: one e-mail per reviewer per assignment action, and the
count of assignments they have not seen yet (shown beside "My queue")."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from factcheck.reviews.models import Assignment


def _queue_url():
    try:
        path = reverse("reviews:queue")
    except NoReverseMatch:
        path = reverse("dashboard")
    return settings.FACTCHECK_SITE_URL.rstrip("/") + path


def assignment_emails(assignments):
    """One message per reviewer (with an address) listing the claims in `assignments`."""
    by_reviewer = defaultdict(list)
    for assignment in assignments:
        by_reviewer[assignment.reviewer].append(assignment)
    messages = []
    for reviewer, made in sorted(by_reviewer.items(), key=lambda item: item[0].username):
        if not reviewer.email:
            continue
        context = {
            "reviewer": reviewer,
            "assignments": made,
            "count": len(made),
            "queue_url": _queue_url(),
            "organisation": settings.FACTCHECK_ORGANISATION,
        }
        subject = render_to_string("reviews/email/assigned_subject.txt", context)
        body = render_to_string("reviews/email/assigned_body.txt", context)
        messages.append(EmailMessage(" ".join(subject.split()), body, to=[reviewer.email]))
    return messages


def notify_assigned(assignments):
    """Send the assignment e-mails once the surrounding transaction commits (never for
    assignments that were rolled back), over one connection."""
    messages = assignment_emails(assignments)
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages))
    return messages


# The menu says "99+ new" beyond this: counting further would read every unseen assignment on
# every page, for a figure nobody reads at that size.
UNSEEN_SHOWN = 99


def unseen_assignments(user):
    """How many of the user's assignments they have not seen in their queue yet, counted up to
    UNSEEN_SHOWN + 1 (a count over a LIMIT: its cost does not grow with the queue)."""
    unseen = Assignment.objects.filter(reviewer=user, seen_at__isnull=True)
    # Unordered: the model's ordering would make PostgreSQL walk the reviewer's assignments by
    # date to find the first hundred unseen, instead of the (reviewer, seen_at) index.
    return unseen.order_by()[: UNSEEN_SHOWN + 1].count()


def mark_assignments_seen(user):
    """The user opened their queue: every assignment so far is seen. Returns how many."""
    return Assignment.objects.filter(reviewer=user, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
