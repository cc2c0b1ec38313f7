"""The article pages. The import screen (`articles:new`) proposes claims, so its view is the
claims app's: factcheck/claims/import_views.py."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from factcheck.articles.access import get_article_for_user
from factcheck.articles.languages import LANGUAGES, language_label
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
