"""The editors' desk: the dashboard, and one claim's desk page where editors assign it, read
every review side by side, discuss, resolve, publish or reopen it, and see its history.

Every action is a POST that works as a plain form (redirect back) and through htmx (the
claim's desk is swapped in place); every move goes through reviews/workflow.py.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from factcheck.accounts.models import User
from factcheck.articles.access import get_article_for_user
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.editing import Conflict
from factcheck.claims.models import Verdict
from factcheck.reviews import agreement, desk, workflow
from factcheck.reviews.forms import AssignForm
from factcheck.reviews.models import Evidence, Review

PAGE = "reviews/claim_desk.html"


def _require_editor(request):
    if not request.user.is_editor:
        raise PermissionDenied(_("Only editors may use the desk."))


@require_GET
def dashboard(request):
    """Progress per article, verdicts, reviewer workload and agreement, disputes to settle."""
    _require_editor(request)
    finals, reviewed = desk.verdict_distribution()
    context = {
        "articles": desk.articles_with_progress(),
        "finals": finals,
        "reviewed": reviewed,
        "workload": desk.workload(),
        "overall_alpha": agreement.overall_alpha(),
        "pairs": agreement.pairwise_kappa(),
        "disputed": desk.disputed_claims(),
        "throughput_days": desk.THROUGHPUT_DAYS,
    }
    return render(request, "reviews/dashboard.html", context)


class ResolveForm(forms.Form):
    verdict = forms.ModelChoiceField(
        label=gettext_lazy("Final verdict"), queryset=Verdict.objects.all(), required=False
    )
    rationale = forms.CharField(
        label=gettext_lazy("Public rationale"), required=False, widget=forms.Textarea
    )
    evidence = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Evidence to publish"),
        queryset=Evidence.objects.all(),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def _desk_context(request, claim, **extra):
    reviews = list(
        Review.objects.filter(claim=claim)
        .select_related("reviewer", "verdict")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("source")))
        .order_by("status", "submitted_at", "pk")
    )
    assignments = list(claim.assignments.select_related("reviewer", "assigned_by"))
    assigned_ids = {assignment.reviewer_id for assignment in assignments}
    context = {
        "claim": claim,
        "article": claim.article,
        "reviews": reviews,
        "submitted": [review for review in reviews if review.is_submitted],
        "assignments": assignments,
        "candidates": [
            user
            for user in User.objects.reviewers().order_by("username")
            if user.pk not in assigned_ids
        ],  # fmt: skip
        "verdicts": Verdict.objects.all(),
        "comments": workflow.comments_visible_to(claim, request.user),
        "can_comment": workflow.can_discuss(claim, request.user),
        "timeline": desk.timeline(claim),
    }
    context.update(extra)
    return context


def _load(request, pk):
    _require_editor(request)
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
    if request.htmx:
        claim.refresh_from_db()
        response = render(request, PAGE + "#desk", _desk_context(request, claim, notice=message))
        return trigger_client_event(response, "claimChanged")
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


@require_POST
def claim_assign(request, pk):
    claim = _load(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, _errors(form))
    try:
        made = workflow.assign(
            [claim], list(form.cleaned_data["reviewers"]), by=request.user,
            due_on=form.cleaned_data["due_on"],
        )  # fmt: skip
    except ValidationError as exc:
        return _refused(request, claim, " ".join(exc.messages))
    names = ", ".join(assignment.reviewer.display_name for assignment in made)
    return _done(request, claim, _("Assigned to %(names)s.") % {"names": names or "—"})


@require_POST
def claim_unassign(request, pk):
    claim = _load(request, pk)
    reviewer = User.objects.filter(pk=request.POST.get("reviewer")).first()
    if reviewer is None:
        return _refused(request, claim, _("Choose the reviewer to unassign."))
    try:
        workflow.unassign(claim, reviewer, by=request.user)
    except ValidationError as exc:
        return _refused(request, claim, " ".join(exc.messages))
    return _done(request, claim, _("%(name)s is no longer assigned; any draft is kept.")
                 % {"name": reviewer.display_name})  # fmt: skip


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
        )
    except Conflict as conflict:
        return _refused(request, claim, str(conflict), status=409)
    except ValidationError as exc:
        return _refused(request, claim, " ".join(exc.messages), form=form)
    return _done(request, claim, _("Claim resolved. Publish it when the report is ready."))


class VersionForm(forms.Form):
    """The claim's version the editor's page showed: a move from a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=90)


def _versioned_move(request, claim, move, message):
    form = VersionForm(request.POST)
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
            "comments": workflow.comments_visible_to(claim, request.user),
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
    _require_editor(request)
    article = get_article_for_user(request, article_pk, write=True)
    try:
        made = workflow.auto_assign(article, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("Made %d assignment.", "Made %d assignments.", len(made)) % len(made),
        )
    return redirect(article.get_absolute_url())


@require_POST
def article_publish(request, article_pk):
    _require_editor(request)
    article = get_article_for_user(request, article_pk, write=True)
    published = workflow.publish_article(article, by=request.user)
    messages.success(
        request,
        ngettext("Published %d claim.", "Published %d claims.", len(published)) % len(published),
    )
    return redirect(article.get_absolute_url())
