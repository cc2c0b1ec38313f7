"""Archiving: how an article leaves the desk without losing anyone's work.

An article whose claims were reviewed is never deleted (the admin refuses it, see
factcheck/admin.py): an editor archives it instead. An archived article is hidden from the
article list and the desk, but its page, claims, reviews and history stay; `export_report
--all` still exports it, and an editor (or an admin) restores it with one click. Archiving
records who and when on the article itself.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.accounts.access import require_editor
from factcheck.articles.models import Article


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


@transaction.atomic
def archive(article, *, by):
    """Archive `article` (editors and admins); return it. Refused if it already is."""
    require_editor(by, _("Only editors may archive articles."))
    article = _locked(article)
    if article.is_archived:
        raise ValidationError(_("This article is already archived."))
    article.archived_at = timezone.now()
    article.archived_by = by
    article.save(update_fields=["archived_at", "archived_by", "updated_at"])
    return article


@transaction.atomic
def restore(article, *, by):
    """Bring an archived `article` back to the lists (editors and admins); return it."""
    require_editor(by, _("Only editors may restore articles."))
    article = _locked(article)
    if not article.is_archived:
        raise ValidationError(_("This article is not archived."))
    article.archived_at = None
    article.archived_by = None
    article.save(update_fields=["archived_at", "archived_by", "updated_at"])
    return article
