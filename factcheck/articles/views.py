from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from factcheck.articles.access import get_article_for_user
from factcheck.articles.fetch import fetch
from factcheck.articles.forms import ArticleImportForm
from factcheck.articles.importing import import_article, read_upload
from factcheck.articles.ingest import IngestError
from factcheck.articles.models import Article

ARTICLES_PER_PAGE = 50


@require_GET
def dashboard(request):
    """The articles on the desk, each with its claims counted by status (one query)."""
    articles = Article.objects.with_claim_counts().order_by("-created_at", "-id")
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/dashboard.html", {"page": page, "articles": page.object_list})


@require_GET
def article_detail(request, pk):
    article = get_article_for_user(request, pk)
    claims = (
        article.claims.select_related("final_verdict")
        .prefetch_related("assignments__reviewer")
        .order_by("start", "end")
    )
    return render(request, "articles/article_detail.html", {"article": article, "claims": claims})


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def article_new(request):
    """Paste, upload or fetch an article; "Preview" shows what the importer makes of it,
    "Import" stores it. Works as a plain form, and through htmx without reloading the page."""
    if not request.user.is_editor:
        raise PermissionDenied(_("Only editors may import articles."))
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    reading = None
    if request.method == "POST" and form.is_valid():
        try:
            data, filename, format, fetched_url = _content(form)
            options = {"filename": filename, "format": format}
            if request.POST.get("action") == "preview":
                reading = read_upload(data, **options)
            else:
                overrides = form.overrides()
                overrides["url"] = overrides["url"] or fetched_url
                outcome = import_article(data, by=request.user, overrides=overrides, **options)
                return _imported(request, outcome)
        except (IngestError, ValidationError) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", None) or [str(exc)]))
    template = "articles/article_new.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#result"
    return render(request, template, {"form": form, "reading": reading})


def _content(form):
    """(bytes, file name, format, fetched URL) for the form's text or file, else the page it
    names, fetched through the guarded fetcher."""
    format = form.cleaned_data["format"]
    content = form.content()
    if content is not None:
        return (*content, format, "")
    fetched = fetch(form.cleaned_data["url"], max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES)
    return fetched.data, "", fetched.format if format == "auto" else format, fetched.url


def _imported(request, outcome):
    article = outcome.article
    if outcome.created:
        messages.success(
            request,
            _("Imported “%(title)s” with %(count)d proposed claims.")
            % {"title": article.title, "count": article.claims.count()},
        )
    else:
        messages.info(request, _("This article was already imported; here it is."))
    url = article.get_absolute_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
