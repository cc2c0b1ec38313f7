"""The import screen (`articles:new`): paste, upload or fetch an article, preview what the
importer makes of it, import it and propose its claims.

Importing proposes claims (claims.importing.import_and_propose), so the view lives in the claims
app: the articles app may not import claims. Its URL keeps its name in the `articles` namespace,
beside the other article pages; the project URLconf (factcheck/urls.py) adds this view to the
articles app's routes, as only the project may import both apps' URLs. The form
(articles.forms.ArticleImportForm), the guarded fetcher and the page
(templates/articles/article_new.html) stay the articles app's.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from factcheck.accounts.access import require_editor
from factcheck.articles.fetch import fetch
from factcheck.articles.forms import ArticleImportForm
from factcheck.articles.importing import read_upload
from factcheck.articles.ingest import IngestError
from factcheck.claims.importing import import_and_propose


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def article_new(request):
    """Paste, upload or fetch an article; "Preview" shows what the importer makes of it,
    "Import" stores it. Works as a plain form, and through htmx without reloading the page."""
    require_editor(request.user, _("Only editors may import articles."))
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
                outcome = import_and_propose(data, by=request.user, overrides=overrides, **options)
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
            % {"title": article.title, "count": len(outcome.proposed)},
        )
    else:
        messages.info(request, _("This article was already imported; here it is."))
    url = article.get_absolute_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
