"""The source library at /sources/: the list (editors and reviewers; what a reviewer sees is
blind review's rule), a source's page with its citations, and the editors' merge and
reliability note. The queries are reviews/library.py's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from factcheck.reviews import library, visibility
from factcheck.reviews.access import get_source_for_user
from factcheck.reviews.claim_search import WindowPaginator
from factcheck.reviews.forms import ReliabilityNoteForm, SourceFilterForm, SourceMergeForm
from factcheck.reviews.views.claim_list import page_number
from factcheck.versioning import Conflict

LIST_PAGE = "reviews/source_list.html"
DETAIL_PAGE = "reviews/source_detail.html"


@require_GET
@vary_on_headers("HX-Request")
def source_list(request):
    """Editors and reviewers: the library, searched and filtered by GET parameters; (htmx) the
    results fragment only."""
    form = SourceFilterForm(request.GET)
    sources = library.library(request.user, form.filters())
    number = page_number(request.GET.get("page"))
    page = WindowPaginator(sources, library.PER_PAGE, number).get_page(number)
    page.object_list = library.attach_usage(request.user, list(page.object_list))
    page_query = request.GET.copy()
    page_query.pop("page", None)
    context = {"form": form, "page": page, "page_query": page_query.urlencode()}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{LIST_PAGE}#results", context)
    return render(request, LIST_PAGE, context)


def _detail_context(request, source, *, note_form=None):
    user = request.user
    library.attach_usage(user, [source])
    number = page_number(request.GET.get("page"))
    page = WindowPaginator(library.source_uses(user, source), library.PER_PAGE, number)
    page = page.get_page(number)
    citations = list(page.object_list)
    editor = visibility.sees_every_source(user)
    for citation in citations:
        claim = citation.review.claim
        citation.reviewer_label = visibility.reviewer_label(user, citation.review.reviewer)
        # Editors go to the claim's desk, a reviewer to their own review, else to the article.
        if editor:
            citation.claim_url = reverse("reviews:claim_desk", args=[claim.pk])
        elif citation.review.reviewer_id == user.pk:
            citation.claim_url = reverse("reviews:workspace", args=[claim.pk])
        else:
            citation.claim_url = claim.get_absolute_url()
        shown = visibility.sees_final_verdict(user, claim)
        citation.verdict_shown = claim.final_verdict if shown else None
    return {
        "source": source,
        "page": page,
        "citations": citations,
        "editor": editor,
        "duplicates": library.possible_duplicates(source) if editor else [],
        # Addresses other reviewers may have cited: editors only.
        "merged_here": library.merged_into(source) if editor else [],
        "note_form": note_form
        or ReliabilityNoteForm(
            initial={"note": source.reliability_note, "version": source.version}
        ),
        "merge_form": SourceMergeForm(),
    }


@require_GET
def source_detail(request, pk):
    """Editors and the reviewers who may see it cited: a source, its reliability note and its
    citations (claim, article, stance, reviewer as blind review allows); editors merge and note
    it here. A merged source's page leads to the source it was merged into."""
    source = get_source_for_user(request, pk)
    if source.is_merged:
        return redirect(source.merged_into)
    return render(request, DETAIL_PAGE, _detail_context(request, source))


@require_POST
def source_note(request, pk):
    """Editors only (403 otherwise, nothing changed): set or clear the reliability note."""
    source = get_source_for_user(request, pk, write=True)
    form = ReliabilityNoteForm(request.POST)
    if form.is_valid():
        try:
            library.set_reliability_note(
                source,
                by=request.user,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except Conflict as conflict:
            # Keep what the editor typed, against the version now current, so saving it
            # again is a choice made knowing the note shown beside it.
            current = conflict.current
            form = ReliabilityNoteForm(
                {"note": form.cleaned_data["note"], "version": current.version}
            )
            form.is_valid()
            form.add_error(None, str(conflict))
            context = _detail_context(request, current, note_form=form)
            return render(request, DETAIL_PAGE, context, status=409)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("Reliability note saved."))
            return redirect(source)
    return render(
        request, DETAIL_PAGE, _detail_context(request, source, note_form=form), status=422
    )


@require_POST
def source_merge(request, pk):
    """Editors only (403 otherwise, nothing changed): merge a duplicate into this source. A
    refused merge (the source itself, a source already merged, an unknown one, a page out of
    date) changes nothing and says why."""
    source = get_source_for_user(request, pk, write=True)
    form = SourceMergeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(source)
    data = form.cleaned_data
    try:
        result = library.merge_sources(
            source,
            data["duplicate"],
            by=request.user,
            expected_version=data["version"],
            duplicate_version=data["duplicate_version"],
        )
    except (Conflict, ValidationError) as exc:
        refusal = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, _("Nothing was merged: %(why)s") % {"why": refusal})
        return redirect(source)
    messages.success(
        request,
        _(
            "Merged “%(merged)s” into this source: %(moved)d citations moved, %(folded)d "
            "repeated citations folded into the same one."
        )
        % {"merged": result.merged.url, "moved": result.moved, "folded": result.folded},
    )
    return redirect(result.kept)
