"""Exports, sharing and the public report.

Who may do what: exports are for editors (reviewers only with FACTCHECK_REVIEWERS_MAY_EXPORT,
and then only what is published); sharing and revoking for editors; the public report for
anyone holding its address.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from factcheck.accounts.access import require_editor
from factcheck.articles.models import Article
from factcheck.replica import reads_from_replica
from factcheck.reports import access, jobs, sharing
from factcheck.reports.claimreview import claimreviews
from factcheck.reports.forms import ClaimSelectionForm, ShareForm
from factcheck.reports.html import render_report
from factcheck.reports.pdf import PdfUnavailable
from factcheck.reports.registry import DATA_FORMATS, FORMATS, export
from factcheck.reports.responses import download, options_for
from factcheck.reports.selection import (
    PUBLISHED,
    SCOPES,
    ExportOptions,
    article_claims,
    each_article,
)


def _bad_request(message):
    return HttpResponseBadRequest(message + "\n", content_type="text/plain; charset=utf-8")


def _unknown_format(names):
    return _bad_request(
        _("Unknown export format. Formats: %(formats)s.") % {"formats": ", ".join(names)}
    )


def _scope(request, fmt):
    """The scope asked for, else the format's default (for a reviewer: published)."""
    scope = request.GET.get("scope")
    if scope:
        return scope
    return fmt.default_scope if request.user.is_editor else PUBLISHED


def _pdf_unavailable(exc):
    return HttpResponse(str(exc) + "\n", status=503, content_type="text/plain; charset=utf-8")


def _background(request, export_format, total, **job):
    """A large export is started by a POST (it records a job, then shows its page): the GET
    page that asks for it posts back to the same address, its query string (format, scope,
    selection) included."""
    if request.method != "POST":
        context = {"format": export_format, "total": total, "action": request.get_full_path()}
        return render(request, "reports/export_start.html", context)
    return redirect(jobs.request_export(by=request.user, total=total, **job))


@require_http_methods(["GET", "POST"])
def export_article(request, pk, fmt):
    """Editors: download an article's report or data; `?scope=published|all`; for the HTML
    report `?inline=1` shows it in the browser instead. More claims than
    FACTCHECK_EXPORT_BACKGROUND_ROWS: a page offering to start a background job (GET), then
    the job, whose page this redirects to (POST)."""
    if fmt not in FORMATS:
        return _unknown_format(FORMATS)
    export_format = FORMATS[fmt]
    scope = _scope(request, export_format)
    if scope not in SCOPES:
        return _bad_request(_("Unknown scope. Scopes: %(s)s.") % {"s": ", ".join(SCOPES)})
    article = access.get_article_for_export(request, pk, scope)
    options = options_for(request, scope)
    if fmt == "html" and request.GET.get("inline") == "1":
        with reads_from_replica():
            [(article, claims)] = article_claims([article], scope, report=True)
            html = render_report(article, list(claims), options=options, noindex=True)
        return HttpResponse(html)
    filename = export_format.filename(article, scope=scope)
    articles = Article.objects.filter(pk=article.pk)
    total = jobs.claims_in(articles, scope, name=fmt)
    if jobs.is_large(total):
        return _background(
            request,
            export_format,
            total,
            name=fmt,
            articles=articles,
            options=options,
            filename=filename,
        )
    try:
        with reads_from_replica():
            return download(export_format, export(fmt, [article], options), filename)
    except PdfUnavailable as exc:
        return _pdf_unavailable(exc)


@require_http_methods(["GET", "POST"])
def export_claims(request, fmt):
    """Editors: the data of a selection of claims (`?ids=1,2,3`), of an article's claims
    (`?article=N`) or of every claim; always a list of articles for JSON. More claims than
    FACTCHECK_EXPORT_BACKGROUND_ROWS: as export_article, a background job started by a POST."""
    if fmt not in DATA_FORMATS:
        return _unknown_format(DATA_FORMATS)
    require_editor(request.user, _("Only editors may export claims."))
    export_format = FORMATS[fmt]
    scope = _scope(request, export_format)
    if scope not in SCOPES:
        return _bad_request(_("Unknown scope. Scopes: %(s)s.") % {"s": ", ".join(SCOPES)})
    form = ClaimSelectionForm(request.GET)
    if not form.is_valid():
        return _bad_request(" ".join(e for errors in form.errors.values() for e in errors))
    ids, article_pk = form.cleaned_data["ids"], form.cleaned_data["article"]
    if ids is not None:
        articles = Article.objects.filter(claims__pk__in=ids).distinct()
    elif article_pk is not None:
        articles = Article.objects.filter(pk=article_pk)
    elif scope == PUBLISHED:
        articles = Article.objects.active()  # archived articles: internal exports only
    else:
        articles = Article.objects.all()
    options = options_for(request, scope)
    filename = export_format.filename(scope=scope)
    total = jobs.claims_in(articles, scope, name=fmt, claim_ids=ids)
    if jobs.is_large(total):
        return _background(
            request,
            export_format,
            total,
            name=fmt,
            articles=articles,
            options=options,
            filename=filename,
            claim_ids=ids,
            as_list=True,
        )
    with reads_from_replica():
        content = export(fmt, each_article(articles), options, claim_ids=ids, as_list=True)
        return download(export_format, content, filename)


@require_GET
@vary_on_headers("HX-Request")
def export_job(request, pk):
    """The person who asked for a background export (and staff): its progress, then its
    download link or the reason it failed. htmx polls the progress fragment every two seconds
    until the job is finished; without JavaScript the page reloads itself until then."""
    job = access.get_export_job_for_user(request, pk)
    context = {"job": job, "format": FORMATS.get(job.format)}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "reports/export_job.html#progress", context)
    return render(request, "reports/export_job.html", context)


@require_GET
def export_job_download(request, pk):
    """The finished file of a background export, for whoever may see the job."""
    job = access.get_export_job_for_user(request, pk)
    path = jobs.path_of(job)
    if path is None:
        raise Http404(_("This export has no file: it is not finished, failed or expired."))
    fmt = FORMATS[job.format]
    response = FileResponse(path.open("rb"), content_type=fmt.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _share_panel(request, article, status=200):
    """The panel again, with the export menu's ClaimReview warning out of band (it depends on
    whether the report is public)."""
    context = {"article": article, "oob": True}
    return render(request, "reports/_share.html", context, status=status)


@require_POST
@vary_on_headers("HX-Request")
def share(request, pk):
    """Editors: make the article's published report public (or change its indexing)."""
    article = access.get_article_for_sharing(request, pk)
    form = ShareForm(request.POST)
    form.is_valid()  # a lone checkbox: always valid
    report = sharing.share(
        article, by=request.user, allow_indexing=form.cleaned_data.get("allow_indexing", False)
    )
    if request.htmx:
        return _share_panel(request, article)
    messages.success(
        request,
        _("The published report is public at %(url)s")
        % {"url": request.build_absolute_uri(report.get_absolute_url())},
    )
    return redirect(article)


@require_POST
@vary_on_headers("HX-Request")
def revoke(request, pk):
    """Editors: take the public report down; its address answers 404 from now on. The panel
    asks before (the form sends `confirm=yes`); a POST without it changes nothing."""
    article = access.get_article_for_sharing(request, pk)
    if request.POST.get("confirm") != "yes":  # the panel asks first: never revoke by a stray click
        return _bad_request(_("Confirm revoking the public link (confirm=yes)."))
    sharing.revoke(article, by=request.user)
    if request.htmx:
        return _share_panel(request, article)
    messages.success(request, _("The public report is revoked: its address no longer works."))
    return redirect(article)


@login_not_required
@require_GET
@never_cache
def public_report(request, token):
    """Anyone with the address: the published claims and published evidence of an article,
    with their ClaimReview JSON-LD. Unknown and revoked addresses are 404."""
    report = access.get_public_report(token)
    article = report.article
    options = ExportOptions(scope=PUBLISHED, public=True)
    base_url = request.build_absolute_uri("/")
    with reads_from_replica():
        [(article, claims)] = article_claims([article], PUBLISHED, report=True)
        claims = list(claims)
        reviews = claimreviews(
            [(article, claims)], base_url=base_url, public_reports={article.pk: report}
        )
        ld = list(reviews)
        html = render_report(
            article, claims, options=options, noindex=not report.allow_indexing, ld=ld or None
        )
    response = HttpResponse(html)
    if not report.allow_indexing:
        response["X-Robots-Tag"] = "noindex"
    return response
