"""The review workspace: a claim in its article, and the panel where the reviewer records a
verdict, a rationale, sources and reference figures, then submits.

Every form works as a plain POST (redirecting back to the claim) and through htmx, which swaps
only the region it changes. Saves carry the version the page was built from; a stale one gets
409 and a side-by-side view of both versions, never a silent overwrite. What the panel shows is
read by reviews/panel.py; who may see what is reviews/visibility.py's.
"""

from dataclasses import fields

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from factcheck.accounts.access import require_editor
from factcheck.claims import linking
from factcheck.claims.access import get_claim_for_user
from factcheck.reviews import reuse, reviewing, visibility, workflow
from factcheck.reviews.access import (
    get_claim_for_review,
    get_evidence_for_user,
    get_review_for_user,
    reviewable_claims,
)
from factcheck.reviews.forms import (
    EarlierClaimForm,
    EvidenceForm,
    FigureForm,
    ReviewForm,
    VersionForm,
)
from factcheck.reviews.models import Source
from factcheck.reviews.panel import evidence_section, review_panel, review_state
from factcheck.versioning import Conflict

PAGE = "reviews/workspace.html"


def _panel_context(request, claim, *, review=None, form=None, evidence_form=None, **extra):
    """The panel's template context: the panel's read, and the forms it shows."""
    panel = review_panel(request.user, claim, review=review)
    context = {field.name: getattr(panel, field.name) for field in fields(panel)}
    context.update(
        {
            "article": panel.article,
            "version": panel.version,
            "form": form or _review_form(claim, panel.review),
            "evidence_form": evidence_form or EvidenceForm(initial={"version": panel.version}),
            **extra,
        }
    )
    return context


def _review_form(claim, review):
    """The review form holding what `review` (None: not started) says."""
    return ReviewForm(
        initial={
            "verdict": review.verdict_id if review else None,
            "confidence": review.confidence if review else "",
            "rationale": review.rationale if review else "",
            "version": review.version if review else 0,
            "claim_fingerprint": claim.wording_fingerprint,
        }
    )


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
    """The panel alone for htmx (replacing the panel, whichever form asked), the whole
    workspace page otherwise."""
    if request.htmx and not request.htmx.history_restore_request:
        context = _panel_context(request, claim, **panel)
        response = render(request, PAGE + "#panel", context, status=status)
        return reswap(retarget(response, "#panel"), "outerHTML")
    return render(request, PAGE, _workspace_context(request, claim, **panel), status=status)


def _saved(response, review):
    """Add the review's new version to the answer, swapped out of band into every form of
    the panel, so the next save from any of them carries the fresh one."""
    response.write(render_to_string(PAGE + "#saved", {"review": review}))
    return response


def _review_state_changed(request, review):
    """The answer to submitting or reopening `review` over htmx: its region of the panel, and
    out of band only the other parts the change altered (panel.review_state), not the whole
    panel read again."""
    claim = review.claim  # as the change left it (its status may have moved)
    state = review_state(request.user, claim, review=review)
    context = {field.name: getattr(state, field.name) for field in fields(state)}
    context.update(
        {
            "version": state.version,
            "form": _review_form(claim, review),
            "evidence_form": EvidenceForm(initial={"version": state.version}),
        }
    )
    response = render(request, PAGE + "#review-state", context)
    return reswap(retarget(response, "#my-review"), "outerHTML")


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
    context = _panel_context(request, claim, conflict=str(conflict), mine=mine)
    context["current"] = conflict.current
    if request.htmx:
        response = render(request, PAGE + "#conflict", context, status=409)
        # The status beside the buttons, where the reviewer is looking, says it was not saved.
        response.write(render_to_string(PAGE + "#save-status", {**context, "oob": True}))
        return reswap(retarget(response, "#conflict"), "outerHTML")
    context["article_claims"] = _workspace_context(request, claim)["article_claims"]
    return render(request, PAGE, context, status=409)


def _review_form_action(request, claim_pk, action):
    """Validate the posted review form and run `action(claim, **fields)`: the response to a
    refusal (422 with the form, 409 with both versions), else what `action` returned."""
    claim = get_claim_for_review(request, claim_pk)
    get_review_for_user(request, claim, write=True)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _panel(request, claim, form=form, status=422)
    try:
        return action(claim, **form.draft_fields())
    except Conflict as conflict:
        return _conflict(request, claim, conflict, mine=form.cleaned_data)
    except ValidationError as exc:
        return _panel(request, claim, form=form, error=" ".join(exc.messages), status=422)


@require_POST
def save_draft(request, claim_pk):
    def save(claim, **fields):
        review = reviewing.save_draft(claim, by=request.user, **fields)
        if request.htmx:
            response = render(request, PAGE + "#save-status", {"review": review, "saved": True})
            return _saved(response, review)
        messages.success(request, _("Draft saved."))
        return _back(claim)

    return _review_form_action(request, claim_pk, save)


@require_POST
def submit(request, claim_pk):
    """Submit what the form holds: saved and submitted together, or neither."""

    def submit_form(claim, **fields):
        review = workflow.submit_draft(claim, by=request.user, **fields)
        if request.htmx:
            return _review_state_changed(request, review)
        messages.success(request, _("Review submitted."))
        return _back(claim)

    return _review_form_action(request, claim_pk, submit_form)


@require_POST
def reopen(request, claim_pk):
    claim = get_claim_for_review(request, claim_pk)
    review = get_review_for_user(request, claim, write=True)
    if review is None:
        return _back(claim)
    try:
        review = workflow.reopen_review(review, by=request.user)
    except ValidationError as exc:
        return _panel(request, claim, error=" ".join(exc.messages), status=422)
    if request.htmx:
        return _review_state_changed(request, review)
    messages.success(request, _("Review reopened: you can change it and submit it again."))
    return _back(claim)


def _evidence_context(request, claim, *, review, evidence_form=None, **extra):
    """The evidence section's template context alone: a change to the sources answers with
    that section (and the new version out of band), not the whole panel."""
    section = evidence_section(request.user, claim, review=review)
    return {
        **{field.name: getattr(section, field.name) for field in fields(section)},
        "version": section.version,
        "evidence_form": evidence_form or EvidenceForm(initial={"version": section.version}),
        **extra,
    }


def _evidence_changed(request, claim, review, message):
    if request.htmx:
        context = _evidence_context(request, claim, review=review, evidence_notice=message)
        return _saved(render(request, PAGE + "#evidence", context), review)
    messages.success(request, message)
    return _back(claim)


def _evidence_refused(request, claim, form, message=""):
    if request.htmx:
        review = get_review_for_user(request, claim)
        context = _evidence_context(
            request, claim, review=review, evidence_form=form, evidence_error=message
        )
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

    Which sources may be suggested to whom is blind review's rule (visibility.py)."""
    query = request.GET.get("url", "").replace("\x00", "").strip()  # PostgreSQL refuses NUL
    sources = []
    if len(query) >= 3:
        library = Source.objects.in_library().filter(
            Q(url__icontains=query) | Q(title__icontains=query)
        )
        library = visibility.suggestable_sources(request.user, library)
        sources = list(library.order_by("title")[:8])
    return render(request, "reviews/_source_suggestions.html", {"sources": sources})


# --- Claims checked before (the panel's "Previously checked"): editors only -------------------


def _earlier_claim_action(request, claim_pk, action, done):
    """Validate the posted EarlierClaimForm, run `action(claim, earlier, data)` and answer
    with the panel (htmx) or a redirect; a refusal shows its reason, nothing written."""
    claim = get_claim_for_review(request, claim_pk)
    require_editor(request.user, _("Only editors may link or copy claims checked before."))
    form = EarlierClaimForm(request.POST)
    if not form.is_valid():
        return _panel(request, claim, error=_("Choose a claim checked before."), status=422)
    earlier = get_claim_for_user(request, form.cleaned_data["earlier"])
    try:
        action(claim, earlier, form.cleaned_data)
    except ValidationError as exc:
        if request.htmx:
            return _panel(request, claim, error=" ".join(exc.messages), status=422)
        messages.error(request, " ".join(exc.messages))
        return _back(claim)
    claim = get_claim_for_review(request, claim_pk)  # as the action left it
    if request.htmx:
        return _panel(request, claim, notice=done)
    messages.success(request, done)
    return _back(claim)


@require_POST
def link_same(request, claim_pk):
    def link(claim, earlier, data):
        linking.link_same_claim(claim, earlier, by=request.user)

    return _earlier_claim_action(request, claim_pk, link, _("Linked as the same claim."))


@require_POST
def unlink_same(request, claim_pk):
    def unlink(claim, earlier, data):
        if claim.same_as_id != earlier.pk:
            raise ValidationError(_("This claim is not linked to that one."))
        linking.unlink_same_claim(claim, by=request.user)

    return _earlier_claim_action(request, claim_pk, unlink, _("Link removed."))


@require_POST
def copy_check(request, claim_pk):
    def copy(claim, earlier, data):
        reviewer = None
        if data.get("reviewer"):
            targets = {person.pk: person for person in reuse.copy_targets(claim, by=request.user)}
            reviewer = targets.get(data["reviewer"])
            if reviewer is None:
                raise ValidationError(
                    _("That reviewer is not assigned to this claim, or has submitted already.")
                )
        reuse.copy_previous_check(claim, earlier, by=request.user, reviewer=reviewer)

    done = _("The earlier verdict and sources were copied into a draft: nothing is published.")
    return _earlier_claim_action(request, claim_pk, copy, done)
