"""Who may see and change articles. Views load articles only through these helpers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from factcheck.articles.models import Article


def get_article_for_user(request, pk, *, write=False):
    """Every active user may read an article; only editors (and admins) may change one."""
    try:
        article = Article.objects.get(pk=pk)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    if write and not request.user.is_editor:
        raise PermissionDenied("Only editors may change articles.")
    return article
