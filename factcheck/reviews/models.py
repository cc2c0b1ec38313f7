from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from factcheck.claims.models import Verdict
from factcheck.reviews.sources import normalize_url, validate_source_url


class SourceQuerySet(models.QuerySet):
    def in_library(self):
        """Sources that stand on their own: not merged into another one."""
        return self.filter(merged_into=None)

    def cited_in_published(self):
        """Sources a published report cites: published evidence of a published claim. Their
        address, title, publisher, date and kind are frozen (see Source.CITED_DETAILS)."""
        return self.filter(
            evidence__published=True, evidence__review__claim__status="published"
        ).distinct()


class Source(models.Model):
    """A document cited as evidence, shared between reviews: one row per normalised URL.

    A duplicate an editor merged into another source keeps its row (its address still leads
    to the source it was merged into, see reviews/library.py) but leaves the library.
    """

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official statistics")
        ACADEMIC = "academic", _("Academic")
        NEWS = "news", _("News")
        NGO = "ngo", _("NGO")
        PRIMARY = "primary", _("Primary document")
        OTHER = "other", _("Other")

    url = models.URLField(_("URL"), max_length=2000, unique=True, validators=[validate_source_url])
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="added_sources",
    )
    reliability_note = models.TextField(
        _("reliability note"),
        blank=True,
        help_text=_("An editor's word on how far this source can be trusted, and for what."),
    )
    reliability_note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reliability_note_at = models.DateTimeField(_("reliability note set at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_sources",
        verbose_name=_("merged into"),
        db_index=False,  # almost every row is NULL: the partial index below serves lookups
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "url"]
        indexes = [
            models.Index(fields=["title", "url"], name="source_title_url_idx"),
            models.Index(fields=["created_at"], name="source_created_idx"),
            models.Index(
                fields=["merged_into"],
                condition=Q(merged_into__isnull=False),
                name="source_merged_into_idx",
            ),
        ]

    def __str__(self):
        return self.title or self.url

    def save(self, *args, **kwargs):
        self.url = normalize_url(self.url)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reviews:source", args=[self.pk])

    # What a published report shows of a source. Once a published claim's published evidence
    # cites the source these stay as they were when it was published: a report is a record,
    # and a detail filled in later (by a reviewer citing the source again, an editor's merge
    # or the admin) would change what the organisation published. The other way, copying the
    # details onto the evidence at publication, would give every exporter and the importer a
    # second set of details to read and keep the library showing what no report says; freezing
    # keeps one set. A reopened claim no longer freezes them.
    CITED_DETAILS = ("url", "title", "publisher", "published_on", "kind")

    @property
    def is_merged(self):
        return self.merged_into_id is not None

    def is_cited_in_published(self) -> bool:
        return bool(self.pk and Source.objects.filter(pk=self.pk).cited_in_published().exists())

    @property
    def current(self) -> "Source":
        """The source to cite for this one's address: the one an editor merged it into, if any
        (merging keeps the chain one step long)."""
        return self.merged_into or self


class ReviewQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=Review.Status.SUBMITTED)

    def drafts(self):
        return self.filter(status=Review.Status.DRAFT)

    def by(self, user):
        return self.filter(reviewer=user)


class Review(models.Model):
    """One reviewer's assessment of one claim. Drafts may be incomplete; submitted ones are not."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Confidence(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    verdict = models.ForeignKey(
        Verdict, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    confidence = models.CharField(
        _("confidence"), max_length=8, choices=Confidence.choices, blank=True
    )
    rationale = models.TextField(_("rationale"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reference_figures = models.JSONField(
        _("reference figures"),
        default=list,
        blank=True,
        help_text=_(
            "Figures found in sources to compare with the claim's: figure index, value, unit, "
            "source URL."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(verdict__isnull=False) & Q(submitted_at__isnull=False)),
                name="review_submitted_is_complete",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "status"], name="review_reviewer_status_idx")]

    def __str__(self):
        return f"{self.reviewer} on {self.claim}"

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED


class Evidence(models.Model):
    """A source as used in one review: the quote that matters and which way it points."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        REFUTES = "refutes", _("Refutes")
        CONTEXT = "context", _("Context")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    quote = models.TextField(_("quote"), blank=True)
    stance = models.CharField(
        _("stance"), max_length=16, choices=Stance.choices, default=Stance.CONTEXT
    )
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown in the public report of the claim.")
    )
    # A random key the form carries, so a double-clicked "Add source" makes one row, not two.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "created_at", "id"]
        verbose_name_plural = _("evidence")
        indexes = [
            models.Index(fields=["source", "created_at"], name="evidence_source_created_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "submission_key"],
                condition=~Q(submission_key=""),
                name="evidence_submitted_once",
            )
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: {self.source}"


# An assignment still waiting for its reviewer: not submitted, of a claim still under review
# (both read from the assignment's own marks below, so no join with reviews or claims).
WAITING = Q(submitted_at__isnull=True, claim_open=True)


class AssignmentQuerySet(models.QuerySet):
    def waiting(self):
        """The rows of Assignment's partial queue index (its condition is WAITING)."""
        return self.filter(WAITING)


class Assignment(models.Model):
    """An editor's request that a reviewer check a claim."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments_made",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    seen_at = models.DateTimeField(
        _("seen at"), null=True, blank=True, help_text=_("When the reviewer opened their queue.")
    )
    # When the reviewer submitted their review of the claim (None while they have not, or after
    # they reopened it): a copy of their review's, kept by reviews.workflow in the same
    # transaction, so the queue and its next claim are one index scan, not a walk of reviews.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    # Whether the claim is still reviewable (Claim.Status.REVIEWABLE): a copy of the claim's
    # status, kept by claims.status.move_claim in the same transaction, so that the queue and its
    # counts read the reviewer's assignments alone, without a join with their claims. A claim
    # resolved by a panel vote leaves its third reviewer's assignment in place, closed.
    claim_open = models.BooleanField(_("claim open"), default=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="assignment_unique")
        ]
        indexes = [
            # The queue's counts (queue_counts) and the unseen ones (the menu): every column they
            # read is in the key, so they are an index-only scan of the reviewer's entries.
            models.Index(
                fields=["reviewer", "seen_at", "submitted_at", "claim_open", "due_on"],
                name="assignment_counts_idx",
            ),
            # The queue: a reviewer's assignments not submitted yet of claims still reviewable,
            # oldest first (keyset). Partial, so that PostgreSQL reads it in order (the conditions
            # in the key would not be equalities its planner orders by).
            models.Index(
                fields=["reviewer", "created_at", "id"],
                condition=Q(submitted_at__isnull=True, claim_open=True),
                name="assignment_queue_idx",
            ),
            # The desk's overdue list: open assignments with a due date, the earliest first.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(submitted_at__isnull=True, claim_open=True, due_on__isnull=False),
                name="assignment_overdue_idx",
            ),
        ]

    def __str__(self):
        return f"{self.claim} -> {self.reviewer}"


class Comment(models.Model):
    """A message in a claim's discussion thread."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author} on {self.claim}: {self.body[:40]}"
