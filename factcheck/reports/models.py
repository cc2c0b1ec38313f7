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


class ExportJobQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Finished jobs whose file is past its expiry (kept: FACTCHECK_EXPORT_KEEP_HOURS)."""
        return self.filter(expires_at__lte=now or timezone.now())

    def stalled(self, before):
        """Queued or running jobs that have not moved since `before`: their worker is gone."""
        return self.filter(
            status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING], updated_at__lt=before
        )


class ExportJob(models.Model):
    """An export too large for one request, written by the task worker (jobs.py).

    The file is written beside its final place and renamed into it when complete, so it is
    either whole or absent: a job is done with its file, or failed with its reason. Only the
    person who asked (and staff) may see it. The file is deleted when the job expires.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    format = models.CharField(_("format"), max_length=20)
    scope = models.CharField(_("scope"), max_length=16)
    base_url = models.CharField(_("base address"), max_length=500, blank=True)
    bom = models.BooleanField(_("byte-order mark"), default=False)
    credit_reviewers = models.BooleanField(_("credit reviewers"), default=False)
    article_ids = models.JSONField(_("articles"), default=list)
    claim_ids = models.JSONField(
        _("claims"), null=True, blank=True, help_text=_("Empty: every claim of the articles.")
    )
    as_list = models.BooleanField(_("a list of articles"), default=False)
    filename = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("claims to export"), default=0)
    rows_done = models.PositiveIntegerField(_("claims exported"), default=0)
    error = models.TextField(_("error"), blank=True)
    stored_as = models.CharField(
        _("stored as"), max_length=200, blank=True, help_text=_("In FACTCHECK_EXPORT_DIR.")
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last progress"), auto_now=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "updated_at"], name="exportjob_status_idx")]

    def __str__(self):
        return f"{self.format} export #{self.pk} ({self.status})"

    def get_absolute_url(self):
        return reverse("reports:export_job", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_done(self):
        return self.status == self.Status.DONE

    @property
    def is_failed(self):
        return self.status == self.Status.FAILED

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_downloadable(self):
        return self.is_done and bool(self.stored_as) and not self.is_expired

    @property
    def percent(self):
        if self.is_done:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0
