"""Who may export and share. Views load articles and public reports only through these."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from factcheck.articles.access import get_article_for_user
from factcheck.reports.models import PublicReport
from factcheck.reports.selection import PUBLISHED


def may_export(user, scope=PUBLISHED):
    """Editors (and admins) export anything. Reviewers export nothing, unless
    FACTCHECK_REVIEWERS_MAY_EXPORT allows them the published reports and data: an internal
    export would show them other reviewers' verdicts on claims still in review."""
    if not user.is_active:
        return False
    if user.is_editor:
        return True
    return settings.FACTCHECK_REVIEWERS_MAY_EXPORT and user.is_reviewer and scope == PUBLISHED


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
