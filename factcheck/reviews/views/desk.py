"""The editors' desk: the dashboard, and one claim's desk page where editors assign it, read
every review side by side, discuss, resolve, publish or reopen it, and see its history.

Every action is a POST that works as a plain form (redirect back) and through htmx (the
claim's desk is swapped in place); every move goes through reviews/workflow.py or
reviews/assignments.py, and what the desk shows is read by reviews/desk.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from factcheck.accounts.access import require_editor
from factcheck.accounts.models import User
from factcheck.articles.access import get_article_for_user
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.models import Verdict
from factcheck.reviews import assignments, desk, panel, visibility, workflow
from factcheck.reviews.forms import AssignForm, ClaimMoveForm, ResolveForm, UnassignForm
from factcheck.reviews.models import Evidence
from factcheck.versioning import Conflict

PAGE = "reviews/claim_desk.html"


@require_GET
def dashboard(request):
    """Progress per article, what is ready to publish, overdue or awaited, disputes to settle,
    verdicts, reviewer workload and agreement."""
    require_editor(request.user, _("Only editors may use the desk."))
    figures = desk.statistics()
    context = {
        "articles": desk.articles_with_progress(),
        "finals": figures.finals,
        "reviewed": figures.reviewed,
        "workload": figures.workload,
        "overall_alpha": figures.overall_alpha,
        "pairs": figures.pairs,
        "figures_at": figures.computed_at,
        "disputed": desk.disputed_claims(),
        "ready": desk.ready_to_publish(),
        "overdue": desk.overdue(),
        "waiting": desk.waiting_on(),
        "throughput_days": desk.THROUGHPUT_DAYS,
    }
    return render(request, "reviews/dashboard.html", context)


def _desk_context(request, claim, **extra):
    reviews = list(
        claim.reviews.all()
        .select_related("reviewer", "verdict")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("source")))
        .order_by("status", "submitted_at", "pk")
    )
    assignments = list(claim.assignments.select_related("reviewer", "assigned_by"))
    assigned_ids = {assignment.reviewer_id for assignment in assignments}
    before, after = panel.paragraph_context(claim)
    context = {
        "context_before": before,
        "context_after": after,
        "claim": claim,
        "article": claim.article,
        "reviews": reviews,
        "submitted": [review for review in reviews if review.is_submitted],
        "waiting_for": ", ".join(
            assignment.reviewer.display_name
            for assignment in (workflow.waiting_assignments(claim) if claim.is_under_review else [])
        ),
        "assignments": assignments,
        "candidates": [
            user
            for user in User.objects.reviewers().order_by("username")
            if user.pk not in assigned_ids
        ],  # fmt: skip
        "verdicts": Verdict.objects.all(),
        "comments": visibility.comments(request.user, claim),
        "can_comment": visibility.may_discuss(request.user, claim),
        "timeline": desk.timeline(claim),
    }
    context.update(extra)
    return context


def _load(request, pk):
    require_editor(request.user, _("Only editors may use the desk."))
    claim = get_claim_for_user(request, pk)
    if claim.is_suggested or claim.is_dismissed:
        raise Http404(_("Accept the claim on its article's page first."))
    return claim


@require_GET
@vary_on_headers("HX-Request")
def claim_desk(request, pk):
    claim = _load(request, pk)
    template = PAGE
    if request.htmx and not request.htmx.history_restore_request:
        template += "#desk"
    return render(request, template, _desk_context(request, claim))


def _done(request, claim, message):
    desk.forget_statistics()  # the editor sees their own change on the desk at once
    if request.htmx:
        claim.refresh_from_db()
        return render(request, PAGE + "#desk", _desk_context(request, claim, notice=message))
    messages.success(request, message)
    return redirect(reverse("reviews:claim_desk", args=[claim.pk]))


def _refused(request, claim, message, *, status=422, **extra):
    if request.htmx:
        context = _desk_context(request, claim, error=message, **extra)
        return render(request, PAGE + "#desk", context, status=status)
    messages.error(request, message)
    return redirect(reverse("reviews:claim_desk", args=[claim.pk]))


def _errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _assignment_change(request, claim, change):
    """Run `change()`, which returns the message to show; a refusal shows why."""
    try:
        message = change()
    except ValidationError as exc:
        return _refused(request, claim, " ".join(exc.messages))
    return _done(request, claim, message)


@require_POST
def claim_assign(request, pk):
    claim = _load(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _errors(form))

    def assign():
        data = form.cleaned_data
        made = assignments.assign(
            [claim], list(data["reviewers"]), by=request.user, due_on=data["due_on"]
        )
        names = ", ".join(assignment.reviewer.display_name for assignment in made)
        return _("Assigned to %(names)s.") % {"names": names or "—"}

    return _assignment_change(request, claim, assign)


@require_POST
def claim_unassign(request, pk):
    claim = _load(request, pk)
    form = UnassignForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _("Choose the reviewer to unassign."))
    reviewer = form.cleaned_data["reviewer"]

    def unassign():
        assignments.unassign(claim, reviewer, by=request.user)
        return _("%(name)s is no longer assigned; any draft is kept.") % {
            "name": reviewer.display_name
        }

    return _assignment_change(request, claim, unassign)


@require_POST
def claim_resolve(request, pk):
    claim = _load(request, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _errors(form))
    data = form.cleaned_data
    try:
        workflow.resolve(
            claim,
            by=request.user,
            verdict=data["verdict"],
            rationale=data["rationale"],
            published_evidence_ids=[evidence.pk for evidence in data["evidence"]],
            expected_version=data["version"],
            without_waiting=data["without_waiting"],
        )
    except Conflict as conflict:
        return _refused(request, claim, str(conflict), status=409)
    except ValidationError as exc:
        return _refused(request, claim, " ".join(exc.messages), form=form)
    return _done(request, claim, _("Claim resolved. Publish it when the report is ready."))


def _versioned_move(request, claim, move, message):
    form = ClaimMoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _("Reload the page and try again."))
    try:
        move(form.cleaned_data)
    except Conflict as conflict:
        return _refused(request, claim, str(conflict), status=409)
    except ValidationError as exc:
        return _refused(request, claim, " ".join(exc.messages))
    return _done(request, claim, message)


@require_POST
def claim_publish(request, pk):
    claim = _load(request, pk)
    return _versioned_move(
        request,
        claim,
        lambda data: workflow.publish(claim, by=request.user, expected_version=data["version"]),
        _("Claim published."),
    )


@require_POST
def claim_reopen(request, pk):
    claim = _load(request, pk)
    return _versioned_move(
        request,
        claim,
        lambda data: workflow.reopen(
            claim, by=request.user, reason=data["reason"], expected_version=data["version"]
        ),
        _("Claim reopened."),
    )


@require_POST
def comment_post(request, pk):
    """Post to a claim's discussion: editors, and reviewers who have submitted their review."""
    claim = get_claim_for_user(request, pk)
    error = ""
    try:
        workflow.post_comment(claim, by=request.user, body=request.POST.get("body", ""))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        context = {
            "claim": claim,
            "comments": visibility.comments(request.user, claim),
            "can_comment": True,
            "comment_error": error,
        }
        return render(request, "reviews/_comments.html", context, status=422 if error else 200)
    if error:
        messages.error(request, error)
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(reverse("reviews:workspace", args=[claim.pk]))


@require_POST
def article_auto_assign(request, article_pk):
    require_editor(request.user, _("Only editors may use the desk."))
    article = get_article_for_user(request, article_pk, write=True)
    try:
        made = assignments.auto_assign(article, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        desk.forget_statistics()
        messages.success(
            request,
            ngettext("Made %d assignment.", "Made %d assignments.", len(made)) % len(made),
        )
    return redirect(article.get_absolute_url())


@require_POST
def article_publish(request, article_pk):
    require_editor(request.user, _("Only editors may use the desk."))
    article = get_article_for_user(request, article_pk, write=True)
    published = workflow.publish_article(article, by=request.user)
    desk.forget_statistics()
    messages.success(
        request,
        ngettext("Published %d claim.", "Published %d claims.", len(published)) % len(published),
    )
    return redirect(article.get_absolute_url())
