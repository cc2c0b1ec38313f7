"""Template helpers for the export menu and the share panel."""

from django import template

from factcheck.reports.access import may_export as _may_export
from factcheck.reports.claimreview import links_behind_login
from factcheck.reports.registry import DATA_FORMATS, FORMATS, REPORT_FORMATS
from factcheck.reports.selection import PUBLISHED

register = template.Library()


@register.simple_tag
def may_export(user, scope=PUBLISHED):
    return _may_export(user, scope)


@register.simple_tag
def export_formats(kind="all"):
    names = {"report": REPORT_FORMATS, "data": DATA_FORMATS}.get(kind, list(FORMATS))
    return [FORMATS[name] for name in names]


@register.simple_tag
def claimreview_behind_login(article):
    return links_behind_login(article)
