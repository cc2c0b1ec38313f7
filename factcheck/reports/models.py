import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class PublicReportQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)


class PublicReport(models.Model):
    """An article's published report, made public at an unguessable address.

    One per article. Revoking keeps the row (who shared it, when) but kills the address for good:
    sharing again draws a new token, so a revoked link never comes back to life.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="public_report"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    allow_indexing = models.BooleanField(
        _("allow search engines to index"),
        default=False,
        help_text=_("Off: the page tells search engines not to index it (noindex)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_reports",
    )
    created_at = models.DateTimeField(_("shared at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = PublicReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Public report of {self.article}"

    def get_absolute_url(self):
        return reverse("reports:public", args=[self.token])

    @property
    def is_live(self):
        return self.revoked_at is None
