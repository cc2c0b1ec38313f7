"""Making an article's published report public at an unguessable address, and revoking it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck import events, versioning
from factcheck.accounts.access import require_editor
from factcheck.reports.models import PublicReport, new_token


@transaction.atomic
def share(article, *, by, allow_indexing=False):
    """Make the published report of `article` public; return its PublicReport.

    Sharing a report that is already public only changes `allow_indexing` (the address stays);
    sharing one that was revoked draws a new address, so the revoked one stays dead.
    """
    require_editor(by, _("Only editors may share reports."))
    report = next(iter(versioning.lock_each(PublicReport.objects.filter(article=article))), None)
    if report is None:
        report = PublicReport.objects.create(
            article=article, allow_indexing=allow_indexing, created_by=by
        )
        events.report_shared(report)
        return report
    announce = not report.is_live or report.allow_indexing != allow_indexing
    if not report.is_live:
        report.token = new_token()
        report.revoked_at = None
        report.created_by = by
        report.created_at = timezone.now()
    report.allow_indexing = allow_indexing
    report.save()
    if announce:
        events.report_shared(report)
    return report


@transaction.atomic
def revoke(article, *, by):
    """Take the public report of `article` down: its address answers 404 from now on.
    Returns the PublicReport, or None when the report was not public."""
    require_editor(by, _("Only editors may share reports."))
    live = PublicReport.objects.live().filter(article=article)
    report = next(iter(versioning.lock_each(live)), None)
    if report is not None:
        report.revoked_at = timezone.now()
        report.save(update_fields=["revoked_at"])
        events.report_revoked(report)
    return report
