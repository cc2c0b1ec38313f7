"""The editor's claim tools on the article page. Each is a POST that works as a plain form
(redirect back to the article) and through htmx (the article's workspace is swapped in place)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from factcheck import versioning
from factcheck.articles.access import get_article_for_user
from factcheck.articles.languages import language_label
from factcheck.claims import editing, layout, proposals
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.forms import (
    BulkForm,
    ClaimantForm,
    DismissForm,
    ExtendForm,
    LanguageForm,
    MergeForm,
    RestateForm,
    SelectionForm,
    SpanForm,
    SplitForm,
    VersionedForm,
)
from factcheck.claims.models import Claim


def workspace(request, article, *, notice="", error="", focus=None, undo=None, status=200):
    """The article's text with its claims and the editor's tools: one htmx fragment. `undo` is
    the claim whose last move the notice offers to take back."""
    claims = article.claims.for_article_page()
    context = {"article": article, "claims": claims, "notice": notice, "error": error,
               "focus": focus, "undo": undo}  # fmt: skip
    return render(request, "articles/article_detail.html#workspace", context, status=status)


def _finish(request, article, message, *, focus=None, undo=None):
    if request.htmx:
        return workspace(request, article, notice=message, focus=focus, undo=undo)
    messages.success(request, message)
    anchor = f"#claim-{focus}" if focus else ""
    # Without JavaScript the article page shows the Undo form from the address it is sent to.
    query = f"?{urlencode({'undo': undo.pk, 'version': undo.version})}" if undo else ""
    return redirect(article.get_absolute_url() + query + anchor)


def _refuse(request, article, message, *, status, focus=None):
    """422 for input we cannot use, 409 when the claim changed under the editor."""
    if request.htmx:
        return workspace(request, article, error=message, status=status, focus=focus)
    messages.error(request, message)
    anchor = f"#claim-{focus}" if focus else ""
    return redirect(article.get_absolute_url() + anchor)


def _form_error(form):
    return " ".join(message for errors in form.errors.values() for message in errors)


def _apply(request, claim, form_class, action, message, *, advance=True, undoable=False):
    """Validate the form, run `action(cleaned_data)` and answer; refusals write nothing.
    Focus then goes on to the next claim (with `advance`), or stays on the changed one; an
    `undoable` move is answered with the form that takes it back."""
    form = form_class(request.POST)
    if not form.is_valid():
        return _refuse(request, claim.article, _form_error(form), status=422, focus=claim.pk)
    was = layout.list_key(claim)
    try:
        result = action(form.cleaned_data)
    except versioning.Conflict as conflict:
        text = _("%(error)s Nothing was saved; the page now shows the current version.") % {
            "error": conflict
        }
        return _refuse(request, claim.article, text, status=409, focus=claim.pk)
    except ValidationError as exc:
        return _refuse(request, claim.article, " ".join(exc.messages), status=422, focus=claim.pk)
    changed = result if isinstance(result, Claim) else claim
    focus = _next_focus(changed, was) if advance else changed.pk
    undo = changed if undoable else None
    return _finish(request, claim.article, message, focus=focus, undo=undo)


def _next_focus(claim, was):
    """The claim to focus after `claim` was accepted, dismissed, split, merged or restated: the
    one that followed it in the page's list (`was`: its place there before the move, as
    layout.list_key gives it), so the editor goes on where they were: to the next suggestion
    after an accept, rather than to wherever the accepted claim moved. The last claim of the
    list keeps focus, or, once dismissed, hands it to the one before."""
    listed = (
        Claim.objects.filter(article_id=claim.article_id)
        .exclude(pk=claim.pk)
        .exclude(status=Claim.Status.DISMISSED)
        .only("pk", "status", "origin", "checkworthiness", "start", "end")
    )
    listed = sorted(listed, key=layout.list_key)
    following = next((other for other in listed if layout.list_key(other) > was), None)
    if following is not None:
        return following.pk
    if not claim.is_dismissed:
        return claim.pk
    return listed[-1].pk if listed else None


@require_POST
def claim_accept(request, pk):
    claim = get_claim_for_user(request, pk, write=True)
    return _apply(
        request,
        claim,
        VersionedForm,
        lambda data: editing.accept(claim, by=request.user, expected_version=data["version"]),
        _("Claim accepted."),
        undoable=True,
    )


@require_POST
def claim_dismiss(request, pk):
    claim = get_claim_for_user(request, pk, write=True)
    return _apply(
        request,
        claim,
        DismissForm,
        lambda data: editing.dismiss(
            claim, by=request.user, reason=data["reason"], expected_version=data["version"]
        ),
        _("Claim dismissed."),
        undoable=True,
    )


@require_POST
def claim_undo(request, pk):
    """Take back the last accept, dismissal or restore; focus stays on the claim."""
    claim = get_claim_for_user(request, pk, write=True)
    return _apply(
        request,
        claim,
        VersionedForm,
        lambda data: editing.undo(claim, by=request.user, expected_version=data["version"]),
        _("Undone."),
        advance=False,
    )


@require_POST
def claim_restate(request, pk):
    claim = get_claim_for_user(request, pk, write=True)
    return _apply(
        request,
        claim,
        RestateForm,
        lambda data: editing.restate(
            claim, data["normalized"], by=request.user, expected_version=data["version"]
        ),
        _("Restatement saved."),
    )


@require_POST
def claim_claimant(request, pk):
    claim = get_claim_for_user(request, pk, write=True)
    return _apply(
        request,
        claim,
        ClaimantForm,
        lambda data: editing.set_claimant(
            claim,
            by=request.user,
            name=data["claimant"],
            kind=data["claimant_kind"],
            claim_date=data["claim_date"],
            appearance_url=data["appearance_url"],
            expected_version=data["version"],
        ),
        _("Claimant saved."),
        advance=False,
    )


def _code_points(body, data):
    """The form's start and end as code point offsets, converting from UTF-16 if need be."""
    if data.get("units") == "utf16":
        return editing.from_utf16(body, data["start"]), editing.from_utf16(body, data["end"])
    return data["start"], data["end"]


@require_POST
def claim_span(request, pk):
    claim = get_claim_for_user(request, pk, write=True)

    def set_span(data):
        start, end = _code_points(claim.article.body, data)
        return editing.set_span(
            claim, start, end, by=request.user, expected_version=data["version"]
        )

    return _apply(request, claim, SpanForm, set_span, _("Boundaries changed."), advance=False)


@require_POST
def claim_extend(request, pk):
    claim = get_claim_for_user(request, pk, write=True)
    return _apply(
        request,
        claim,
        ExtendForm,
        lambda data: editing.extend(
            claim, data["direction"], by=request.user, expected_version=data["version"]
        ),
        _("Claim extended."),
        advance=False,
    )


@require_POST
def claim_split(request, pk):
    claim = get_claim_for_user(request, pk, write=True)
    return _apply(
        request,
        claim,
        SplitForm,
        lambda data: editing.split(
            claim, claim.start + data["at"], by=request.user, expected_version=data["version"]
        )[0],
        _("Claim split in two."),
    )


@require_POST
def claim_merge(request, pk):
    claim = get_claim_for_user(request, pk, write=True)

    def merge(data):
        following = get_claim_for_user(request, data["following"], write=True)
        return editing.merge(claim, following, by=request.user, expected_version=data["version"])

    return _apply(request, claim, MergeForm, merge, _("Claims merged."))


@require_POST
def claim_from_selection(request, article_pk):
    """Editors create an open claim from a selection; reviewers may propose a suggested one
    when FACTCHECK_REVIEWERS_MAY_PROPOSE is on."""
    article = get_article_for_user(request, article_pk)
    proposing = not request.user.is_editor
    if proposing and not (request.user.is_reviewer and settings.FACTCHECK_REVIEWERS_MAY_PROPOSE):
        raise PermissionDenied(_("Only editors may create claims."))
    form = SelectionForm(request.POST)
    if not form.is_valid():
        return _refuse(request, article, _form_error(form), status=422)
    data = form.cleaned_data
    try:
        start, end = _code_points(article.body, data)
        claim = editing.create_from_selection(
            article, start, end, data["text"], by=request.user, propose=proposing
        )
    except ValidationError as exc:
        return _refuse(request, article, " ".join(exc.messages), status=422)
    message = (
        _("Claim proposed; an editor will review it.")
        if proposing
        else _("Claim created from the selection.")
    )
    return _finish(request, article, message, focus=claim.pk)


@require_POST
def claims_bulk(request, article_pk):
    article = get_article_for_user(request, article_pk, write=True)
    form = BulkForm(request.POST)
    if not form.is_valid():
        return _refuse(request, article, _form_error(form), status=422)
    data = form.cleaned_data
    if data["action"] == "accept_above":
        changed = editing.accept_above(article, data["threshold"], by=request.user)
        message = ngettext("Accepted %d claim.", "Accepted %d claims.", len(changed))
    else:
        changed = editing.dismiss_below(
            article, data["threshold"], by=request.user, reason=data["reason"]
        )
        message = ngettext("Dismissed %d claim.", "Dismissed %d claims.", len(changed))
    return _finish(request, article, message % len(changed))


@require_POST
def show_more(request, article_pk):
    """Editors turn the next held-back candidates, best first, into suggested claims; focus goes
    to the first of them."""
    article = get_article_for_user(request, article_pk, write=True)
    shown = proposals.show_more(article, by=request.user)
    if not shown:
        return _refuse(request, article, _("There are no more suggestions."), status=422)
    message = ngettext(
        "%(count)d more suggestion shown.", "%(count)d more suggestions shown.", len(shown)
    ) % {"count": len(shown)}
    return _finish(request, article, message, focus=shown[0].pk)


@require_POST
def article_language(request, article_pk):
    """Editors correct an article's language; its suggestions are then proposed again with the
    model for that language. A plain form: the page is loaded anew."""
    article = get_article_for_user(request, article_pk, write=True)
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(article.get_absolute_url())
    language = form.cleaned_data["language"]
    if language == article.language:
        label = language_label(language)
        messages.info(request, _("The language was already %(language)s.") % {"language": label})
        return redirect(article.get_absolute_url())
    proposed = proposals.set_language(article, language, by=request.user)
    message = ngettext(
        "Language set to %(language)s; %(count)d suggestion proposed again.",
        "Language set to %(language)s; %(count)d suggestions proposed again.",
        len(proposed),
    ) % {"language": language_label(language), "count": len(proposed)}
    messages.success(request, message)
    return redirect(article.get_absolute_url())
