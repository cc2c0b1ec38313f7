"""The article pages. The import screen (`articles:new`) proposes claims, so its view is the
claims app's: factcheck/claims/import_views.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.access import require_editor
from factcheck.articles import archiving
from factcheck.articles.access import get_article_for_user
from factcheck.articles.languages import LANGUAGES, language_label
from factcheck.articles.models import Article

ARTICLES_PER_PAGE = 50


@require_GET
def dashboard(request):
    """The articles on the desk, each with its claims counted by status (one query); archived
    ones are left out."""
    articles = Article.objects.active().with_claim_counts().order_by("-created_at", "-id")
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/dashboard.html", {"page": page, "articles": page.object_list})


@require_GET
def archived_list(request):
    """Editors: the archived articles, latest archived first, to open or restore."""
    require_editor(request.user, _("Only editors may see the archived articles."))
    articles = (
        Article.objects.archived()
        .with_claim_counts()
        .select_related("archived_by")
        .order_by("-archived_at", "-id")
    )
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "articles": page.object_list, "archived": True}
    return render(request, "articles/dashboard.html", context)


@require_POST
def archive(request, pk):
    """Editors: take the article off the lists and the desk; nothing is deleted."""
    article = get_article_for_user(request, pk, write=True)
    try:
        archiving.archive(article, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The article is archived: restore it from its page."))
    return redirect(article)


@require_POST
def restore(request, pk):
    """Editors: bring an archived article back to the lists and the desk."""
    article = get_article_for_user(request, pk, write=True)
    try:
        archiving.restore(article, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The article is restored."))
    return redirect(article)


@require_GET
def article_detail(request, pk):
    article = get_article_for_user(request, pk)
    claims = article.claims.for_article_page()
    context = {
        "article": article,
        "claims": claims,
        "undo": _undo_offered(request),
        "language": language_label(article.language),
        "languages": LANGUAGES,
    }
    return render(request, "articles/article_detail.html", context)


def _undo_offered(request):
    """The claim (id and version) whose last move a plain form's redirect offers to undo."""
    try:
        return {"pk": int(request.GET["undo"]), "version": int(request.GET["version"])}
    except (KeyError, ValueError):
        return None
