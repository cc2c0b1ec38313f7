import hashlib
from enum import nonmember

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from factcheck.claims.budget import band_of


class TextPrefix(models.Func):
    """The first 100 characters of a text column: the claims list sorts claims by it, through
    an index on the same expression. Written with literals only, because SQLite does not match
    an indexed expression against one with bound parameters (as Left("text", 100) would be)."""

    template = "SUBSTR(%(expressions)s, 1, 100)"
    output_field = models.TextField()


# The workspace's other keyboard shortcuts: a verdict cannot take one of these keys.
RESERVED_SHORTCUTS = frozenset("jkes?")


def validate_shortcut(value):
    """A verdict's key: one digit 1-9 or one lowercase letter the workspace does not use."""
    if len(value) != 1 or not (value in "123456789" or "a" <= value <= "z"):
        raise ValidationError(_("Use one digit from 1 to 9 or one lowercase letter."))
    if value in RESERVED_SHORTCUTS:
        raise ValidationError(
            _("“%(key)s” is already a shortcut of the review workspace."), params={"key": value}
        )


class Verdict(models.Model):
    """One step of the rating scale. Editable in the admin; seeded by a data migration."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    rating_value = models.PositiveSmallIntegerField(
        _("rating value"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("For ClaimReview: 1 is the worst rating, 5 the best; empty for non-ratings."),
    )
    is_rating = models.BooleanField(
        _("is a rating"),
        default=True,
        help_text=_("Off for outcomes that are not a rating, such as 'unverifiable'."),
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#6b7280",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a hex colour such as #1a7f37."))],
    )
    shortcut = models.CharField(
        _("shortcut key"),
        max_length=1,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_shortcut],
        help_text=_(
            "The key a reviewer presses to choose this verdict: 1-9 or a letter other than "
            "j, k, e and s. It stays with the verdict when the scale is reordered; empty for none."
        ),
    )

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | (Q(rating_value__gte=1) & Q(rating_value__lte=5)),
                name="verdict_rating_value_range",
            ),
            models.CheckConstraint(
                condition=Q(is_rating=False) | Q(rating_value__isnull=False),
                name="verdict_rating_has_value",
            ),
        ]

    def __str__(self):
        return self.label


class ScorerVersion(models.Model):
    """A check-worthiness model retrained on the desk's own decisions (claims.scorers).

    Versions are kept, never changed or deleted, so an admin can go back to any of them; which
    one proposes claims is the language's latest ScorerActivation, not a field here."""

    language = models.CharField(_("language"), max_length=16, default="en")
    version = models.CharField(_("model version"), max_length=64)
    document = models.JSONField(
        _("model"), help_text=_("The trained weights, as training describes them.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("trained while active"),
        help_text=_("The version that was active when this one was trained; empty: shipped."),
    )
    labels = models.JSONField(
        _("desk labels"),
        default=dict,
        help_text=_("How many accepted and dismissed claims it learnt from and was tested on."),
    )
    metrics = models.JSONField(
        _("held-back metrics"),
        default=dict,
        help_text=_("Precision, recall and F1 on the held-back decisions, before and after."),
    )
    label_weight = models.FloatField(_("weight of a desk label"))
    created_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trained by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scorer version")

    def __str__(self):
        return _("Scorer %(id)s (%(language)s, %(date)s)") % {
            "id": self.pk,
            "language": self.language,
            "date": f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
            if self.created_at
            else "",
        }


class ScorerActivation(models.Model):
    """Who put which scorer version to work for a language, and when: the audit trail, and the
    latest row per language is the active one (no version: the model the package ships)."""

    language = models.CharField(_("language"), max_length=16)
    version = models.ForeignKey(
        ScorerVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activations",
        verbose_name=_("scorer version"),
        help_text=_("Empty: the shipped model."),
    )
    activated_at = models.DateTimeField(_("activated at"), auto_now_add=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activated by"),
    )

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["language", "-id"], name="scorer_activation_latest_idx")]

    def __str__(self):
        return _("%(version)s for %(language)s") % {
            "version": self.version or _("the shipped model"),
            "language": self.language,
        }


class ClaimQuerySet(models.QuerySet):
    def for_article(self, article):
        return self.filter(article=article).select_related("final_verdict").order_by("start")

    def for_article_page(self):
        """The article page's claims (`article.claims.for_article_page()`) in reading order,
        with their reviewers and `added_by`: the name of who created each claim (its first
        history record's user), in the same query."""
        return (
            self.select_related("final_verdict")
            .prefetch_related("assignments__reviewer")
            .annotate(added_by=self._creator_name())
            .order_by("start", "end")
        )

    def _creator_name(self):
        # As User.display_name: the full name, or else the username.
        creation = self.model.history.filter(id=OuterRef("pk"), history_type="+").annotate(
            name=Coalesce(
                NullIf(
                    Trim(Concat("history_user__first_name", Value(" "), "history_user__last_name")),
                    Value(""),
                ),
                "history_user__username",
            )
        )
        return Subquery(creation.values("name")[:1], output_field=models.CharField())

    def active(self):
        return self.exclude(status=Claim.Status.DISMISSED)

    def accepted(self):
        """Claims an editor accepted (or made by hand): neither suggested nor dismissed."""
        return self.filter(status__in=Claim.Status.ACCEPTED)

    def reviewable(self):
        """Accepted and not yet resolved: these can be assigned and reviewed."""
        return self.filter(status__in=Claim.Status.REVIEWABLE)

    def settled(self):
        """Resolved or published: they have a final verdict."""
        return self.filter(status__in=Claim.Status.SETTLED)

    def published(self):
        return self.filter(status=Claim.Status.PUBLISHED)


class Claim(models.Model):
    """A checkable statement, anchored in its article: text == article.body[start:end]."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        OPEN = "open", _("Open")
        IN_REVIEW = "in_review", _("In review")
        DISPUTED = "disputed", _("Disputed")
        RESOLVED = "resolved", _("Resolved")
        PUBLISHED = "published", _("Published")
        DISMISSED = "dismissed", _("Dismissed")

        # Groups of statuses, named once (the members compare equal to these values).
        # Accepted by an editor: the claims the desk works on and reports cover.
        ACCEPTED = nonmember(("open", "in_review", "disputed", "resolved", "published"))
        # Accepted and not resolved yet: reviewers can be assigned and review them.
        REVIEWABLE = nonmember(("open", "in_review", "disputed"))
        # Reviewers are at work on them.
        UNDER_REVIEW = nonmember(("in_review", "disputed"))
        # With a final verdict.
        SETTLED = nonmember(("resolved", "published"))
        # Nobody has started to review them: their wording may still change.
        RESHAPEABLE = nonmember(("suggested", "open"))

    class Origin(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested by extraction")
        MANUAL = "manual", _("Created by hand")

    class Kind(models.TextChoices):
        STATISTIC = "statistic", _("Statistic")
        COMPARISON = "comparison", _("Comparison or superlative")
        HISTORICAL = "historical", _("Historical fact")
        CAUSAL = "causal", _("Causal claim")
        ATTRIBUTION = "attribution", _("Attribution or quote")
        LEGAL = "legal", _("Legal or policy")
        PREDICTION = "prediction", _("Prediction")
        OTHER = "other", _("Other")

    class ClaimantKind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    paragraph = models.PositiveIntegerField(_("paragraph"), default=0)
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.MANUAL
    )
    checkworthiness = models.FloatField(
        _("check-worthiness"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    figures = models.JSONField(
        _("figures"),
        default=list,
        blank=True,
        help_text=_("The quantities the claim states, parsed: value, kind, unit, qualifier."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    final_verdict = models.ForeignKey(
        Verdict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="final_claims",
        verbose_name=_("final verdict"),
    )
    normalized = models.TextField(
        _("normalised claim"),
        blank=True,
        help_text=_("A checkable restatement: who claims what, about when, in which unit."),
    )
    claimant = models.CharField(
        _("claimant"),
        max_length=200,
        blank=True,
        help_text=_("Who made the claim: a person or an organisation."),
    )
    claimant_kind = models.CharField(
        _("claimant is a"), max_length=16, choices=ClaimantKind.choices, blank=True
    )
    claim_date = models.DateField(
        _("claim date"),
        null=True,
        blank=True,
        help_text=_("When the claim was made; by default the article's publication date."),
    )
    appearance_url = models.URLField(
        _("appearance"),
        max_length=2000,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where the claim was made; empty when it is the article itself."),
    )
    model_version = models.CharField(
        _("model version"),
        max_length=64,
        blank=True,
        help_text=_("The version of the scoring model that proposed the claim."),
    )
    same_as = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="restatements",
        verbose_name=_("same claim as"),
        help_text=_("An earlier claim of another article an editor linked as the same claim."),
    )
    dismissal_reason = models.CharField(_("reason for dismissal"), max_length=300, blank=True)
    rationale = models.TextField(_("public rationale"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_claims",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=F("start")), name="claim_span_valid"
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True)
                | (Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1)),
                name="claim_checkworthiness_range",
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
        ]
        indexes = [
            models.Index(fields=["article", "status"], name="claim_article_status_idx"),
            # The claims list's sort orders, each ending in the primary key (reviews.claim_list).
            # Two more live in migration 0003 because they differ by database: the score order
            # (NULLS FIRST on PostgreSQL) and full-text search (PostgreSQL only: a generated
            # tsvector column with a GIN index).
            models.Index(fields=["status", "id"], name="claim_status_sort_idx"),
            models.Index(fields=["created_at", "id"], name="claim_created_sort_idx"),
            models.Index(fields=["updated_at", "id"], name="claim_updated_sort_idx"),
            models.Index(TextPrefix("text"), "id", name="claim_text_sort_idx"),
            # The desk's lists (reviews.desk): disputed claims by when they last changed,
            # resolved ones by when they were resolved, each an index walk to its LIMIT.
            models.Index(fields=["status", "updated_at", "id"], name="claim_status_updated_idx"),
            models.Index(fields=["status", "resolved_at", "id"], name="claim_status_resolved_idx"),
            # The list filtered by status and sorted by score: SQLite's planner otherwise takes
            # a status index and sorts every matching claim (724 ms at 1,000,000 claims, 34 ms
            # with it, bench/scale.md). Declared here, not in a migration like the score index
            # of 0003, so that SQLite's table rebuilds keep it: 0003's score index is lost on
            # SQLite by the first later migration that rebuilds the claims table.
            models.Index(fields=["checkworthiness", "status", "id"], name="claim_score_status_idx"),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return text

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.article_id]) + f"#claim-{self.pk}"

    def clean(self):
        super().clean()
        if self.start is None or self.end is None or self.article_id is None:
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("A claim must end after it starts.")})
        body = self.article.body
        if self.end > len(body):
            raise ValidationError({"end": _("The claim ends after the end of the article.")})
        if body[self.start : self.end] != self.text:
            raise ValidationError(
                {"text": _("The claim's text does not match the article at these offsets.")}
            )

    @property
    def wording_fingerprint(self):
        """Changes when the claim's words, span or restatement change, and only then: a
        reviewer's page carries it to notice that the claim they are reviewing was edited."""
        wording = f"{self.start}:{self.end}:{self.text}\x00{self.normalized}"
        return hashlib.sha256(wording.encode()).hexdigest()[:16]

    @property
    def appearance(self):
        """Where the claim appeared: its own URL, or else the article's (may be empty)."""
        return self.appearance_url or self.article.url

    @property
    def is_suggested(self):
        return self.status == self.Status.SUGGESTED

    @property
    def is_manual(self):
        """Made by hand from a selection, not proposed by extraction."""
        return self.origin == self.Origin.MANUAL

    @property
    def proposal_score(self):
        """The score extraction proposed the claim with; none for a claim made by hand."""
        return None if self.is_manual else self.checkworthiness

    @property
    def band(self):
        """High, Medium or Low (budget.Band): where its proposal score falls; None if made by
        hand."""
        return band_of(self.proposal_score)

    @property
    def is_dismissed(self):
        return self.status == self.Status.DISMISSED

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_assignable(self):
        """Accepted and not yet resolved: reviewers can be assigned to it."""
        return self.status in self.Status.REVIEWABLE

    @property
    def is_under_review(self):
        return self.status in self.Status.UNDER_REVIEW

    @property
    def is_settled(self):
        """Resolved or published: it has a final verdict."""
        return self.status in self.Status.SETTLED

    @property
    def is_reshapeable(self):
        """Nobody has started to review it: its wording and span may still change."""
        return self.status in self.Status.RESHAPEABLE


class Candidate(models.Model):
    """A sentence the proposal budget held back (claims.budget): scored well enough to be
    offered, not well enough to be proposed on import. The editor promotes candidates, best
    first, with "Show more suggestions" (proposals.show_more), which turns them into suggested
    claims. Not a claim: no status, no history, in no count, list or export."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="candidates"
    )
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    text = models.TextField(_("text"))
    paragraph = models.PositiveIntegerField(_("paragraph"), default=0)
    checkworthiness = models.FloatField(
        _("check-worthiness"), validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Claim.Kind.choices, default=Claim.Kind.OTHER
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    model_version = models.CharField(_("model version"), max_length=64, blank=True)

    class Meta:
        ordering = ["-checkworthiness", "start", "end"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="candidate_unique_span"
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."


class ExternalCheck(models.Model):
    """A fact-check another organisation published as ClaimReview JSON-LD, imported by
    `manage.py import_claimreview` into the library that matching searches beside our claims."""

    claim_text = models.TextField(_("claim reviewed"))
    rating = models.CharField(_("rating"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(
        _("URL"),
        max_length=2000,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    reviewed_on = models.DateField(_("date"), null=True, blank=True)
    claimant = models.CharField(_("claimant"), max_length=200, blank=True)
    figures = models.JSONField(_("figures"), default=list, blank=True)
    source_file = models.CharField(_("imported from"), max_length=2000, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("external fact-check")

    def __str__(self):
        return f"{self.publisher or self.url}: {self.rating}"


class MatchKey(models.Model):
    """One entry of the matching index (claims.matching): a normalised figure ("n:count:7.7e+08")
    or a word of a claim or of an external fact-check. Finding candidates is a lookup of a few
    keys in this table, never a comparison with every claim."""

    key = models.CharField(max_length=80)
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="match_keys"
    )
    external = models.ForeignKey(
        ExternalCheck, on_delete=models.CASCADE, null=True, blank=True, related_name="match_keys"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False, external__isnull=True)
                | Q(claim__isnull=True, external__isnull=False),
                name="match_key_one_owner",
            ),
        ]
        indexes = [
            models.Index(fields=["key", "claim", "external"], name="match_key_lookup_idx"),
        ]

    def __str__(self):
        return self.key


class ClaimMatch(models.Model):
    """A claim checked before that states the same thing as `claim` (relation "same") or the
    same thing with other figures ("related", `differences` saying which): an earlier claim of
    another article, or an external fact-check. Recomputed by claims.matching.match_claims."""

    class Relation(models.TextChoices):
        SAME = "same", _("Same claim")
        RELATED = "related", _("Related claim, other figures")

    # The same claims before the related ones ("same" > "related"), then the closest first.
    BEST_FIRST = ("-relation", "-score", "id")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    matched_claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="matched_by"
    )
    external = models.ForeignKey(
        ExternalCheck, on_delete=models.CASCADE, null=True, blank=True, related_name="matched_by"
    )
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices)
    score = models.FloatField(_("score"))
    differences = models.JSONField(
        _("differing figures"),
        default=list,
        blank=True,
        help_text=_("For a related claim: each figure of this claim and the other's figure."),
    )

    class Meta:
        ordering = ["claim", "-relation", "-score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(matched_claim__isnull=False, external__isnull=True)
                | Q(matched_claim__isnull=True, external__isnull=False),
                name="claim_match_one_target",
            ),
        ]

    def __str__(self):
        target = self.external_id or self.matched_claim_id
        return f"{self.claim_id} {self.relation} {'external ' if self.external_id else ''}{target}"

    @property
    def is_same(self):
        return self.relation == self.Relation.SAME

    @property
    def is_external(self):
        return self.external_id is not None
