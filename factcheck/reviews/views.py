"""The reviewer's screens: the queue, and the workspace where a claim is reviewed.

Every form works as a plain POST (redirecting back to the claim) and through htmx, which swaps
only the region it changes. Saves carry the version the page was built from; a stale one gets
409 and a side-by-side view of both versions, never a silent overwrite.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget, trigger_client_event

from factcheck.articles.views import dashboard as articles_list
from factcheck.claims.editing import Conflict
from factcheck.claims.models import Claim, Verdict
from factcheck.reviews import desk_views, notifications, reviewing, workflow
from factcheck.reviews.access import (
    get_claim_for_review,
    get_evidence_for_user,
    get_review_for_user,
    may_write_review,
    reviewable_claims,
)
from factcheck.reviews.forms import EvidenceForm, FigureForm, ReviewForm, VersionForm
from factcheck.reviews.models import Assignment, Evidence, Review, Source

PAGE = "reviews/workspace.html"


@require_GET
def home(request):
    """Reviewers start from their queue; editors and admins from the desk's dashboard."""
    if request.user.is_editor:
        return desk_views.dashboard(request)
    if request.user.is_reviewer:
        return queue(request)
    return articles_list(request)


def queue_claims(user):
    """The claims assigned to `user` that they have not submitted, oldest assignment first."""
    submitted = Review.objects.filter(reviewer=user, status=Review.Status.SUBMITTED)
    return (
        Claim.objects.filter(
            assignments__reviewer=user,
            status__in=[Claim.Status.OPEN, Claim.Status.IN_REVIEW, Claim.Status.DISPUTED],
        )
        .exclude(pk__in=submitted.values("claim_id"))
        .select_related("article")
        .order_by("assignments__created_at", "pk")
    )


@require_GET
def queue(request):
    claims = list(queue_claims(request.user)[:500])
    counts = Assignment.objects.filter(reviewer=request.user).aggregate(
        total=Count("pk"),
        done=Count(
            "pk",
            filter=Q(
                claim__reviews__reviewer=request.user,
                claim__reviews__status=Review.Status.SUBMITTED,
            ),
        ),
    )
    notifications.mark_assignments_seen(request.user)
    return render(
        request,
        "reviews/queue.html",
        {"claims": claims, "done": counts["done"], "todo": len(claims)},
    )


def _panel_context(request, claim, *, review=None, form=None, evidence_form=None, error=""):
    """Everything the review panel shows; blind review is decided here and only here."""
    user = request.user
    if review is None:
        review = get_review_for_user(request, claim)
    evidence = list(review.evidence.select_related("source")) if review else []
    writable = may_write_review(user, claim)
    version = review.version if review else 0
    if form is None:
        form = ReviewForm(
            initial={
                "verdict": review.verdict_id if review else None,
                "confidence": review.confidence if review else "",
                "rationale": review.rationale if review else "",
                "version": version,
                "claim_fingerprint": claim.wording_fingerprint,
            }
        )
    submitted = bool(review and review.is_submitted)
    # Blind review: other reviewers' work only once mine is submitted; editors see everything.
    others = []
    if user.is_editor or submitted:
        others = list(
            Review.objects.filter(claim=claim, status=Review.Status.SUBMITTED)
            .exclude(reviewer=user)
            .select_related("reviewer", "verdict")
            .prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.select_related("source"))
            )
        )
    figures = []
    references = {entry["figure"]: entry for entry in (review.reference_figures if review else [])}
    for index, figure in enumerate(claim.figures):
        reference = references.get(index)
        comparison = reviewing.compare_figure(figure, reference["value"]) if reference else None
        figures.append({"index": index, "figure": figure, "reference": reference,
                        "comparison": comparison})  # fmt: skip
    body = claim.article.body
    paragraph_start = body.rfind("\n\n", 0, claim.start)
    paragraph_end = body.find("\n\n", claim.end)
    return {
        "claim": claim,
        "article": claim.article,
        "context_before": body[paragraph_start + 2 if paragraph_start >= 0 else 0 : claim.start],
        "context_after": body[claim.end : paragraph_end if paragraph_end >= 0 else len(body)],
        "review": review,
        "form": form,
        "evidence": evidence,
        "evidence_form": evidence_form or EvidenceForm(initial={"version": version}),
        "independence_warnings": reviewing.independence_warnings(evidence),
        "writable": writable and not submitted,
        # Once other reviews are in, the author has seen them: reopening would break blindness.
        "reopenable": writable and submitted and not others and claim.is_assignable,
        "others": others,
        "figures": figures,
        "version": version,
        "verdicts": Verdict.objects.all(),
        "next_claim": _next_claim(user, claim),
        "can_comment": workflow.can_discuss(claim, user),
        "comments": workflow.comments_visible_to(claim, user),
        "error": error,
    }


def _next_claim(user, claim):
    return queue_claims(user).exclude(pk=claim.pk).first()


def _workspace_context(request, claim, **panel):
    context = _panel_context(request, claim, **panel)
    context["article_claims"] = list(
        reviewable_claims(request.user)
        .filter(article=claim.article)
        .order_by("start", "end")
        .distinct()
    )
    return context


def _panel(request, claim, *, status=200, **panel):
    """The panel alone for htmx, the whole workspace page otherwise."""
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, PAGE + "#panel", _panel_context(request, claim, **panel),
                      status=status)  # fmt: skip
    return render(request, PAGE, _workspace_context(request, claim, **panel), status=status)


def _saved(response, review):
    """Tell the page the review's new version, so every form on it carries the fresh one."""
    saved_at = time_format(timezone.localtime(review.updated_at), "H:i")
    return trigger_client_event(
        response, "reviewSaved", {"version": review.version, "savedAt": saved_at}
    )


def _back(claim):
    return redirect(reverse("reviews:workspace", args=[claim.pk]))


@require_GET
@vary_on_headers("HX-Request")
def workspace(request, claim_pk):
    claim = get_claim_for_review(request, claim_pk)
    return _panel(request, claim)


def _conflict(request, claim, conflict, mine):
    """409: the review changed elsewhere. Show both versions; the user keeps theirs or takes
    the current one. Nothing was written."""
    context = _panel_context(request, claim)
    context.update({"conflict": str(conflict), "mine": mine, "current": conflict.current})
    if request.htmx:
        response = render(request, PAGE + "#conflict", context, status=409)
        return reswap(retarget(response, "#conflict"), "outerHTML")
    context["article_claims"] = _workspace_context(request, claim)["article_claims"]
    return render(request, PAGE, context, status=409)


def _save_form(request, claim):
    """Save the review form as a draft. Returns (review, None), or (None, response) when the
    form is invalid, the save is stale (409) or refused (422)."""
    get_review_for_user(request, claim, write=True)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return None, _panel(request, claim, form=form, status=422)
    data = form.cleaned_data
    try:
        review = reviewing.save_draft(
            claim,
            by=request.user,
            verdict=data["verdict"],
            confidence=data["confidence"],
            rationale=data["rationale"],
            expected_version=data["version"],
            claim_fingerprint=data["claim_fingerprint"],
        )
    except Conflict as conflict:
        return None, _conflict(request, claim, conflict, mine=data)
    except ValidationError as exc:
        return None, _panel(request, claim, form=form, error=" ".join(exc.messages), status=422)
    return review, None


@require_POST
def save_draft(request, claim_pk):
    claim = get_claim_for_review(request, claim_pk)
    review, refused = _save_form(request, claim)
    if refused:
        return refused
    if request.htmx:
        response = render(request, PAGE + "#save-status", {"review": review, "saved": True})
        return _saved(response, review)
    messages.success(request, _("Draft saved."))
    return _back(claim)


@require_POST
def submit(request, claim_pk):
    """Save what the form holds, then submit the review."""
    claim = get_claim_for_review(request, claim_pk)
    review, refused = _save_form(request, claim)
    if refused:
        return refused
    try:
        workflow.submit(review, by=request.user, expected_version=review.version)
    except ValidationError as exc:
        response = _panel(request, claim, error=" ".join(exc.messages), status=422)
        return _saved(response, review) if request.htmx else response
    claim.refresh_from_db()
    if request.htmx:
        response = _panel(request, claim)
        return trigger_client_event(response, "reviewSubmitted")
    messages.success(request, _("Review submitted."))
    return _back(claim)


@require_POST
def reopen(request, claim_pk):
    claim = get_claim_for_review(request, claim_pk)
    review = get_review_for_user(request, claim, write=True)
    if review is None:
        return _back(claim)
    try:
        workflow.reopen_review(review, by=request.user)
    except ValidationError as exc:
        return _panel(request, claim, error=" ".join(exc.messages), status=422)
    if request.htmx:
        return _panel(request, claim)
    messages.success(request, _("Review reopened: you can change it and submit it again."))
    return _back(claim)


def _evidence_changed(request, claim, review, message):
    if request.htmx:
        context = _panel_context(request, claim, review=review)
        context["evidence_notice"] = message
        return _saved(render(request, PAGE + "#evidence", context), review)
    messages.success(request, message)
    return _back(claim)


def _evidence_refused(request, claim, form, message=""):
    if request.htmx:
        context = _panel_context(request, claim, evidence_form=form)
        context["evidence_error"] = message
        return render(request, PAGE + "#evidence", context, status=422)
    return _panel(request, claim, evidence_form=form, error=message, status=422)


def _change_evidence(request, claim, form, action, message):
    """Validate `form`, run `action(cleaned_data)` (which returns the review) and answer with
    the evidence list; a refusal shows why and writes nothing."""
    shown = form if isinstance(form, EvidenceForm) else EvidenceForm()
    if not form.is_valid():
        return _evidence_refused(request, claim, shown, _unplaced_error(form, shown))
    try:
        review = action(form.cleaned_data)
    except Conflict as conflict:
        return _conflict(request, claim, conflict, mine=None)
    except ValidationError as exc:
        return _evidence_refused(request, claim, shown, " ".join(exc.messages))
    return _evidence_changed(request, claim, review, message)


def _unplaced_error(form, shown):
    """Errors the shown form cannot place next to a field of its own."""
    if form is shown:
        return ""
    return _("Reload the page and try again.")


@require_POST
def evidence_add(request, claim_pk):
    claim = get_claim_for_review(request, claim_pk)
    get_review_for_user(request, claim, write=True)
    form = EvidenceForm(request.POST)

    def add(data):
        review, _evidence = reviewing.add_evidence(
            claim,
            by=request.user,
            expected_version=data["version"],
            submission_key=data["submission_key"],
            **form.domain_fields(),
        )
        return review

    return _change_evidence(request, claim, form, add, _("Source added."))


@require_POST
def evidence_edit(request, pk):
    evidence = get_evidence_for_user(request, pk)
    claim = get_claim_for_review(request, evidence.review.claim_id)
    form = EvidenceForm(request.POST)

    def update(data):
        review, _evidence = reviewing.update_evidence(
            evidence, by=request.user, expected_version=data["version"], **form.domain_fields()
        )
        return review

    return _change_evidence(request, claim, form, update, _("Source saved."))


@require_POST
def evidence_remove(request, pk):
    evidence = get_evidence_for_user(request, pk)
    claim = get_claim_for_review(request, evidence.review.claim_id)
    return _change_evidence(
        request,
        claim,
        VersionForm(request.POST),
        lambda data: reviewing.remove_evidence(
            evidence, by=request.user, expected_version=data["version"]
        ),
        _("Source removed."),
    )


@require_POST
def figure(request, claim_pk):
    claim = get_claim_for_review(request, claim_pk)
    get_review_for_user(request, claim, write=True)
    form = FigureForm(request.POST)
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
        return _panel(request, claim, error=message, status=422)
    data = form.cleaned_data
    try:
        review = reviewing.set_reference_figure(
            claim,
            by=request.user,
            expected_version=data["version"],
            figure=data["figure"],
            value=data["value"],
            unit=data["unit"],
            source_url=data["source_url"],
        )
    except Conflict as conflict:
        return _conflict(request, claim, conflict, mine=None)
    except ValidationError as exc:
        return _panel(request, claim, error=" ".join(exc.messages), status=422)
    if request.htmx:
        return _saved(render(request, PAGE + "#figures", _panel_context(request, claim)), review)
    messages.success(request, _("Reference figure saved."))
    return _back(claim)


@require_GET
def source_search(request):
    """Sources already in the library whose address or title matches what is typed, so the
    same source is reused instead of entered twice (htmx active search).

    Only sources the user has cited, or that a published fact-check cites, are suggested:
    another reviewer's sources would hint at their work before the user has done their own.
    Editors, who see every review, get the whole library."""
    query = request.GET.get("url", "").strip()
    sources = []
    if len(query) >= 3:
        library = Source.objects.filter(Q(url__icontains=query) | Q(title__icontains=query))
        if not request.user.is_editor:
            library = library.filter(
                Q(evidence__review__reviewer=request.user) | Q(evidence__published=True)
            ).distinct()
        sources = list(library.order_by("title")[:8])
    return render(request, "reviews/_source_suggestions.html", {"sources": sources})
