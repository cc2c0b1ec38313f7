import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .ingest.dates import published_label


def body_sha256(body):
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class ArticleQuerySet(models.QuerySet):
    def active(self):
        """Articles not archived: what lists and dashboards show."""
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def with_claim_counts(self):
        """Annotate each article with its claims, total and by status, in one query."""
        from django.db.models import Count, Q

        statuses = ("suggested", "open", "in_review", "disputed", "resolved", "published")
        counts = {
            f"claims_{status}": Count("claims", filter=Q(claims__status=status))
            for status in statuses
        }
        return self.annotate(
            claims_total=Count("claims", filter=~Q(claims__status="dismissed")), **counts
        )


class Article(models.Model):
    """An imported article. Its body never changes after import, so claim anchors never drift:
    a corrected article is a new article."""

    class Format(models.TextChoices):
        TEXT = "txt", _("Plain text")
        MARKDOWN = "md", _("Markdown")
        HTML = "html", _("HTML")
        DOCX = "docx", _("Word document")

    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_time_known = models.BooleanField(
        _("publication time known"),
        default=True,
        help_text=_("Off when the source gave only the day: the time is then not shown."),
    )
    published_offset = models.SmallIntegerField(
        _("publication UTC offset"),
        null=True,
        blank=True,
        help_text=_(
            "The UTC offset the source gave, in minutes (480 for +08:00), to show the time "
            "as published; empty: shown in the site's time zone."
        ),
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    body = models.TextField(_("body"))
    raw = models.TextField(_("original upload"), blank=True)
    source_format = models.CharField(
        _("source format"), max_length=8, choices=Format.choices, default=Format.TEXT
    )
    content_sha256 = models.CharField(_("body SHA-256"), max_length=64, unique=True, editable=False)
    resolution_rule = models.CharField(
        _("resolution rule"),
        max_length=8,
        blank=True,
        choices=[("editor", _("The editor decides")), ("panel", _("Panel vote (2 of 3)"))],
        help_text=_("Empty: the FACTCHECK_RESOLUTION_RULE setting."),
    )
    import_notes = models.JSONField(
        _("import notes"), default=list, blank=True, help_text=_("What the importer removed.")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imported_articles",
    )
    # An article whose claims were reviewed is archived, never deleted (factcheck/articles/
    # archiving.py): it leaves the lists and the desk, its page and exports stay.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("archived by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at"], name="article_created_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored_body", None)
        if self.pk and stored is not None and stored != self.body:
            raise ValidationError(
                _("An article's body cannot change after import; import a new article.")
            )
        self.content_sha256 = body_sha256(self.body)
        super().save(*args, **kwargs)
        self._stored_body = self.body

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def published_label(self) -> str:
        """The publication date as the source gave it: the day alone when no time was given,
        else the time in the offset the source stated (dates.format_as_given)."""
        return published_label(self)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "body" in field_names:
            instance._stored_body = instance.body
        return instance

    def clean(self):
        super().clean()
        if not self.body.strip():
            raise ValidationError({"body": _("An article needs a body.")})
        stored = getattr(self, "_stored_body", None)
        if self.pk and stored is not None and stored != self.body:
            raise ValidationError(
                {"body": _("An article's body cannot change after import; import a new article.")}
            )
