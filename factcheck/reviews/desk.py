"""What the editors' desk shows: progress, verdicts, workload, agreement, disputes, and the
history of one claim. Aggregation happens in the database; each function runs a fixed number
of queries, whatever the number of claims."""

import textwrap
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.accounts.models import User
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Verdict
from factcheck.reviews import agreement, assignments
from factcheck.reviews.models import Assignment, Evidence, Review
from factcheck.reviews.workflow import WITHOUT_WAITING

# Order and labels of the progress bar; dismissed claims are not part of the work.
PROGRESS = [
    Claim.Status.SUGGESTED,
    Claim.Status.OPEN,
    Claim.Status.IN_REVIEW,
    Claim.Status.DISPUTED,
    Claim.Status.RESOLVED,
    Claim.Status.PUBLISHED,
]
THROUGHPUT_DAYS = 14
SPARK_HEIGHT = 20
CHART_ROW = 22  # height of one bar of the verdict charts, in SVG units


@dataclass
class Segment:
    status: str
    label: str
    count: int
    start: float = 0.0  # percent of the bar's width
    width: float = 0.0


def progress(article):
    """The article's claims by status as bar segments (uses with_claim_counts() annotations)."""
    total = sum(getattr(article, f"claims_{status}") for status in PROGRESS)
    segments, start = [], 0.0
    for status in PROGRESS:
        count = getattr(article, f"claims_{status}")
        width = 100.0 * count / total if total else 0.0
        segments.append(Segment(status, Claim.Status(status).label, count, start, width))
        start += width
    return total, segments


BAR_LENGTH = 200  # the longest bar, in SVG units
LABEL_CHARACTERS = 28  # a chart label wraps onto lines this long, to fit left of the bars
LABEL_LINE = 14  # height of one line of a label, in SVG units


@dataclass
class Bar:
    label: str
    count: int
    colour: str
    width: int = 0
    y: int = 0
    lines: list = field(default_factory=list)  # the label, wrapped: (text, y) per line


def _lay_out(bars):
    """Place the bars one below the other, each row as tall as its wrapped label; return the
    chart's height."""
    y = 0
    for bar in bars:
        wrapped = textwrap.wrap(bar.label, LABEL_CHARACTERS) or [""]
        bar.y = y
        bar.lines = [(text, y + 15 + index * LABEL_LINE) for index, text in enumerate(wrapped)]
        y += CHART_ROW + (len(wrapped) - 1) * LABEL_LINE
    return y


@dataclass
class Chart:
    bars: list
    height: int


def verdict_distribution():
    """Final verdicts of resolved and published claims, and verdicts of submitted reviews, per
    verdict of the scale (in its order), with bar widths relative to the largest count. Two
    grouped counts, one per table (counting both through one join of the verdicts would pair
    every claim of a verdict with every review of it)."""
    verdicts = list(Verdict.objects.order_by("order", "slug"))
    final = dict(
        Claim.objects.settled().values_list("final_verdict").annotate(n=Count("pk")).order_by()
    )
    reviewed = dict(
        Review.objects.submitted().values_list("verdict").annotate(n=Count("pk")).order_by()
    )
    finals = [Bar(v.label, final.get(v.pk, 0), v.colour) for v in verdicts]
    reviews = [Bar(v.label, reviewed.get(v.pk, 0), v.colour) for v in verdicts]
    charts = []
    for bars in (finals, reviews):
        largest = max((bar.count for bar in bars), default=0)
        for bar in bars:
            bar.width = round(BAR_LENGTH * bar.count / largest) if largest else 0
        charts.append(Chart(bars, _lay_out(bars)))
    return charts


@dataclass
class Workload:
    reviewer: User
    open: int
    submitted: int
    per_day: list = field(default_factory=list)  # a bar per day: day, count, x, y, height


def workload(today=None):
    """Each active reviewer's open assignments, submitted reviews, and submissions per day
    over the last THROUGHPUT_DAYS days."""
    today = today or timezone.localdate()
    first_day = today - timedelta(days=THROUGHPUT_DAYS - 1)
    reviewers = list(User.objects.reviewers().order_by("username"))
    submitted = dict(
        Review.objects.submitted().values_list("reviewer").annotate(n=Count("pk")).order_by()
    )
    open_counts = assignments.open_load()
    for reviewer in reviewers:
        reviewer.open = open_counts.get(reviewer.pk, 0)
        reviewer.submitted = submitted.get(reviewer.pk, 0)
    days = (
        Review.objects.filter(
            status=Review.Status.SUBMITTED,
            submitted_at__date__gte=first_day,
            reviewer__in=reviewers,
        )
        .annotate(day=TruncDate("submitted_at"))
        .values("reviewer_id", "day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {(row["reviewer_id"], row["day"]): row["count"] for row in days}
    busiest = max(counts.values(), default=0)
    result = []
    for reviewer in reviewers:
        per_day = []
        for offset in range(THROUGHPUT_DAYS):
            day = first_day + timedelta(days=offset)
            count = counts.get((reviewer.pk, day), 0)
            height = round(SPARK_HEIGHT * count / busiest) if busiest else 0
            per_day.append(
                {"day": day, "count": count, "x": offset * 8, "y": SPARK_HEIGHT - height,
                 "height": height}
            )  # fmt: skip
        result.append(Workload(reviewer, reviewer.open, reviewer.submitted, per_day))
    return result


# The figures over every claim and review: verdict charts, reviewers' workload, agreement.
# They read every submitted review, so their cost grows with the database (3 to 5 s at
# 100,000 claims on a loaded 2-core machine, bench/scale.md). The desk computes them at most
# once a STATISTICS_SECONDS in each process (Django's cache) and says how old they are; an
# editor's own desk action recounts them (forget_statistics), reviewers' submissions show
# within the minute. Everything else on the desk is read afresh on every request.
STATISTICS_SECONDS = 60
STATISTICS_KEY = "reviews.desk.statistics"


@dataclass
class Statistics:
    finals: Chart
    reviewed: Chart
    workload: list
    overall_alpha: agreement.Agreement
    pairs: list
    computed_at: datetime


def statistics():
    """The desk's figures over the whole database, at most STATISTICS_SECONDS old."""
    figures = cache.get(STATISTICS_KEY)
    if figures is None:
        finals, reviewed = verdict_distribution()
        figures = Statistics(
            finals=finals,
            reviewed=reviewed,
            workload=workload(),
            overall_alpha=agreement.overall_alpha(),
            pairs=agreement.pairwise_kappa(),
            computed_at=timezone.now(),
        )
        cache.set(STATISTICS_KEY, figures, STATISTICS_SECONDS)
    return figures


def forget_statistics():
    """Have the next desk request recount the figures: after an editor's own change (an
    assignment, a resolution, a publication), which they expect to see at once."""
    cache.delete(STATISTICS_KEY)


def articles_with_progress(limit=50):
    """The most recent articles (archived ones are off the desk) with their claims by status
    and the reviewers' agreement."""
    # The articles first, then their counts: counting before the LIMIT would group every
    # claim of every article.
    recent = Article.objects.active().order_by("-created_at", "-id").values("pk")[:limit]
    articles = list(
        Article.objects.filter(pk__in=recent).with_claim_counts().order_by("-created_at", "-id")
    )
    alphas = agreement.alpha_by_article(Claim.objects.filter(article__in=articles))
    rows = []
    for article in articles:
        total, segments = progress(article)
        rows.append(
            {
                "article": article,
                "total": total,
                "segments": segments,
                "alpha": alphas.get(article.pk, agreement.Agreement(None, 0)),
            }
        )
    return rows


def ready_to_publish(limit=50):
    """Resolved claims not yet published, the longest waiting first."""
    return (
        Claim.objects.filter(status=Claim.Status.RESOLVED, article__archived_at__isnull=True)
        .select_related("article", "final_verdict")
        .order_by("resolved_at", "pk")[:limit]
    )


def open_assignments():
    """Assignments of claims still under review whose reviewer has not submitted a review:
    read from the assignment's own copies of both facts (`claim_open`, kept by
    claims.status.move_claim, and `submitted_at`, kept by reviews.workflow), so the lists below
    walk partial indexes of the assignments instead of joining every claim and review."""
    return (
        Assignment.objects.waiting()
        .filter(claim__article__archived_at__isnull=True)
        .select_related("claim__article", "reviewer")
    )


def overdue(today=None, limit=50):
    """Open assignments past their due date, the most overdue first."""
    today = today or timezone.localdate()
    return open_assignments().filter(due_on__lt=today).order_by("due_on", "pk")[:limit]


@dataclass
class Waiting:
    reviewer: User
    assignments: list


def waiting_on(limit=200):
    """The open assignments grouped by reviewer (alphabetically), the oldest first."""
    rows = open_assignments().order_by("reviewer__username", "created_at", "pk")[:limit]
    groups = {}
    for assignment in rows:
        group = groups.setdefault(assignment.reviewer_id, Waiting(assignment.reviewer, []))
        group.assignments.append(assignment)
    return list(groups.values())


def disputed_claims(limit=50):
    """Disputed claims, the longest waiting first, with their number of submitted reviews
    (counted for the claims shown only, after the LIMIT)."""
    submitted = (
        Review.objects.submitted()
        .filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Claim.objects.filter(status=Claim.Status.DISPUTED, article__archived_at__isnull=True)
        .select_related("article")
        .annotate(submitted=Coalesce(Subquery(submitted), 0))
        .order_by("updated_at", "pk")[:limit]
    )


# The history of one claim -------------------------------------------------------------------


@dataclass
class Event:
    when: object
    who: object
    what: str
    changes: list = field(default_factory=list)  # (field label, old, new)
    # On an assignment made or taken back, and on the claim's status move it caused: the
    # move's reason ("assigned to <username>", "unassigned from <username>"), to show them once.
    step: str = ""


def _changes(record, previous, fields, model):
    if previous is None:
        return []
    delta = record.diff_against(previous, included_fields=fields)
    model_fields = [f for f in model._meta.get_fields() if hasattr(f, "verbose_name")]
    labels = {f.name: f.verbose_name for f in model_fields}
    choices = {f.name: dict(f.flatchoices) for f in model_fields if f.choices}

    def shown(name, value):
        # A choice is shown by its label ("In review"), not its code ("in_review").
        return choices[name].get(value, value) if name in choices else value

    return [
        (
            str(labels.get(change.field, change.field)),
            shown(change.field, change.old),
            shown(change.field, change.new),
        )
        for change in delta.changes
    ]


CLAIM_FIELDS = ["status", "text", "start", "end", "normalized", "final_verdict", "rationale",
                "dismissal_reason"]  # fmt: skip
REVIEW_FIELDS = ["status", "verdict", "confidence", "rationale"]
# The reasons of the claim's status moves an assignment causes (reviews.assignments).
ASSIGNED, UNASSIGNED = "assigned to ", "unassigned from "


def _labelled(changes, verdicts, verdict_label):
    """Field changes with verdict ids shown as the verdicts' labels."""
    return [
        (label, *(verdicts.get(value, value) if label == verdict_label else value
                  for value in (old, new)))
        for label, old, new in changes
    ]  # fmt: skip


def _claim_events(claim, verdicts):
    events, previous = [], None
    for record in claim.history.select_related("history_user").order_by("history_date"):
        if previous is None:
            what = _("created (%(origin)s)") % {"origin": record.get_origin_display().lower()}
        else:
            what = record.history_change_reason or _("changed")
        changes = _changes(record, previous, CLAIM_FIELDS, Claim)
        changes = _labelled(changes, verdicts, _("final verdict"))
        if previous is None or changes or record.history_change_reason:
            reason = record.history_change_reason or ""
            step = reason if reason.startswith((ASSIGNED, UNASSIGNED)) else ""
            events.append(Event(record.history_date, record.history_user, what, changes, step))
        previous = record
    return events


def _assignment_events(claim):
    events = []
    records = Assignment.history.filter(claim_id=claim.pk, history_type__in=["+", "-"])
    for record in records.select_related("reviewer", "assigned_by", "history_user"):
        name = record.reviewer.display_name if record.reviewer_id else "?"
        if record.history_type == "+":
            who, what = record.history_user or record.assigned_by, _("assigned to %(name)s")
        elif record.history_change_reason == WITHOUT_WAITING:
            who, what = record.history_user, _("resolved without waiting for %(name)s")
        else:
            who, what = record.history_user, _("unassigned %(name)s")
        username = record.reviewer.username if record.reviewer_id else ""
        step = (ASSIGNED if record.history_type == "+" else UNASSIGNED) + username
        events.append(Event(record.history_date, who, what % {"name": name}, step=step))
    return events


def _review_events(claim, verdicts):
    """Submissions and reopenings, and verdict changes of drafts."""
    events, last = [], {}
    records = Review.history.filter(claim_id=claim.pk).select_related("history_user", "reviewer")
    for record in records.order_by("id", "history_date"):
        before = last.get(record.id)
        changes = _changes(record, before, REVIEW_FIELDS, Review)
        changes = _labelled(changes, verdicts, _("verdict"))
        reason = record.history_change_reason or ""
        verdict_changed = before is not None and any(c[0] == _("verdict") for c in changes)
        if reason in ("submitted", "reopened") or verdict_changed:
            what = _("review by %(reviewer)s: %(reason)s") % {
                "reviewer": record.reviewer.display_name,
                "reason": reason or _("verdict changed"),
            }
            events.append(Event(record.history_date, record.history_user, what, changes))
        last[record.id] = record
    return events


def _evidence_events(claim):
    events = []
    records = Evidence.history.filter(review__claim_id=claim.pk, history_type__in=["+", "-"])
    for record in records.select_related("history_user", "source"):
        verb = _("source added") if record.history_type == "+" else _("source removed")
        title = record.source.title or record.source.url if record.source_id else ""
        events.append(Event(record.history_date, record.history_user, f"{verb}: {title}"))
    return events


def timeline(claim):
    """The claim's history, newest first: status moves and edits (with field-level changes),
    assignments, review drafts and submissions, evidence added and removed, comments."""
    verdicts = {v.pk: v.label for v in Verdict.objects.all()}
    claim_events = _claim_events(claim, verdicts)
    assigned = _assignment_events(claim)
    kept = []
    for event in claim_events:
        same = [other for other in assigned if event.step and other.step == event.step]
        if same:
            # Shown once: the status change joins the assignment that made it.
            nearest = min(same, key=lambda other: abs(other.when - event.when))
            nearest.changes.extend(event.changes)
        else:
            kept.append(event)
    events = [
        *kept,
        *assigned,
        *_review_events(claim, verdicts),
        *_evidence_events(claim),
        *(
            Event(comment.created_at, comment.author, _("commented"))
            for comment in claim.comments.select_related("author")
        ),
    ]
    return sorted(events, key=lambda event: event.when, reverse=True)
