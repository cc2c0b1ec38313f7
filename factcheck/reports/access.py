"""Who may export and share. Views load articles and public reports only through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from factcheck.articles.access import get_article_for_user
from factcheck.reports.models import ExportJob, PublicReport
from factcheck.reports.selection import PUBLISHED
from factcheck.reviews import visibility


def may_export(user, scope=PUBLISHED):
    """May `user` export in `scope`? Blind review decides (reviews.visibility): an internal
    export would show a reviewer other reviewers' verdicts on claims still in review. What a
    published-scope export holds is the same for everyone who may have it: what the public
    report shows (selection.py), so no review of another reviewer's leaks through it."""
    return visibility.may_export(user, internal=scope != PUBLISHED)


def check_may_export(request, scope):
    if not may_export(request.user, scope):
        raise PermissionDenied(_("You may not export this."))


def get_article_for_export(request, pk, scope):
    """The article `pk` if the user may export it in `scope`: 404 if none, 403 if not."""
    article = get_article_for_user(request, pk)
    check_may_export(request, scope)
    return article


def get_article_for_sharing(request, pk):
    """Only editors make a report public or revoke it."""
    return get_article_for_user(request, pk, write=True)


def get_public_report(token):
    """The live public report with this token, else 404 (unknown and revoked alike)."""
    report = (
        PublicReport.objects.live().select_related("article").filter(token=token).first()
        if token
        else None
    )
    if report is None:
        raise Http404(_("No such report."))
    return report


def get_export_job_for_user(request, pk):
    """The export job `pk` if the user asked for it (or is staff), else 404: whether another
    person's export exists is not for others to learn. Someone who may no longer export in the
    job's scope (an editor made a reviewer) no longer sees their job either."""
    job = ExportJob.objects.filter(pk=pk).first()
    user = request.user
    if job is None or not (user.is_staff or job.requested_by_id == user.pk):
        raise Http404(_("No such export."))
    if not user.is_staff and not may_export(user, job.scope):
        raise Http404(_("No such export."))
    return job
