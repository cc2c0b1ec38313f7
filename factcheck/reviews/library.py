"""The source library at /sources/: every source with how it was used, searched and filtered;
an editor's merge of duplicate sources and reliability note.

What a user may see of the uses of a source is blind review's rule
(`visibility.cited_evidence`): the library's filters, counts and lists all go through it, so
a reviewer never learns from the library what another reviewer cites on a claim still in
review.

Paging: the filters are EXISTS subqueries, never a GROUP BY over the whole library, so a page
of sources is an index walk (title, or date added) like the claims list's, counted by
`claim_search.WindowPaginator`; the counts of a page (claims per stance, verdicts, last use) are
then two grouped queries over the page's sources only (`attach_usage`). The page's query count
does not depend on the size of the library.

Merging: `merge_sources` locks both sources (primary-key order, see factcheck/versioning.py),
checks the version the editor's page was built from, moves the duplicate's evidence to the kept
source and keeps the duplicate's row, marked `merged_into`, so its address still leads to the
kept source when someone cites it again (`reviewing.source_for`). A review that cited both
sources with the same stance and the same quote would hold the same citation twice: that row
is folded into the one already on the kept source (published if either was; notes joined) and
deleted. Citations that differ in stance or quote stay two citations of one document, as a
reviewer could have made them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck import versioning
from factcheck.accounts.access import require_editor
from factcheck.claims.models import Claim
from factcheck.reviews import visibility
from factcheck.reviews.models import Evidence, Source
from factcheck.reviews.sources import normalize_url

PER_PAGE = 50
SORTS = {
    "title": ["title", "url", "pk"],
    "-added": ["-created_at", "-pk"],
    "added": ["created_at", "pk"],
}
DEFAULT_SORT = "title"
NOTE_LENGTH = 2000
SOURCE_CHANGED = gettext_lazy("This source was changed by someone else since you loaded it.")


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def uses(user, source_ref=None) -> QuerySet[Evidence]:
    """The citations `user` may see, of the source `source_ref` (a pk or an OuterRef), or of
    every source."""
    evidence = Evidence.objects.all()
    if source_ref is not None:
        evidence = evidence.filter(source=source_ref)
    return visibility.cited_evidence(user, evidence)


def library(user, filters: dict) -> QuerySet[Source]:
    """The sources the library shows `user` for `filters` (the filter form's cleaned data):
    editors every source, reviewers those they may see cited. Filters: `q` (every word in the
    address, title, publisher or reliability note), `kind`, `publisher` (part of the name),
    `stance` (cited with it), `used_since` (a date: cited on or after it), `sort`."""
    sources = Source.objects.in_library()
    cited = uses(user, OuterRef("pk"))
    if not visibility.sees_every_source(user):
        sources = sources.filter(Exists(cited))
    if filters.get("kind"):
        sources = sources.filter(kind=filters["kind"])
    publisher = (filters.get("publisher") or "").strip()
    if publisher:
        sources = sources.filter(publisher__icontains=publisher)
    if filters.get("stance"):
        sources = sources.filter(Exists(cited.filter(stance=filters["stance"])))
    if filters.get("used_since"):
        since = _start_of_day(filters["used_since"])
        sources = sources.filter(Exists(cited.filter(created_at__gte=since)))
    for word in (filters.get("q") or "").split():
        sources = sources.filter(
            Q(url__icontains=word)
            | Q(title__icontains=word)
            | Q(publisher__icontains=word)
            | Q(reliability_note__icontains=word)
        )
    return sources.order_by(*SORTS.get(filters.get("sort") or DEFAULT_SORT, SORTS[DEFAULT_SORT]))


@dataclass
class Usage:
    """How a source was used, as one user may see it."""

    claims: int = 0
    supports: int = 0
    refutes: int = 0
    context: int = 0
    last_used: datetime.datetime | None = None
    verdicts: list[tuple[str, int]] = field(default_factory=list)  # (label, claims), scale order


def attach_usage(user, sources: list[Source]) -> list[Source]:
    """Set `source.usage` (a Usage) on each of `sources`, in two queries whatever their number:
    the claims each was cited for, per stance, and the final verdicts of those claims (those
    `user` may see: editors every final verdict, reviewers the published ones)."""
    usages = {source.pk: Usage() for source in sources}
    for source in sources:
        setattr(source, "usage", usages[source.pk])  # noqa: B010 (not a model field)
    if not usages:
        return sources
    cited = uses(user).filter(source_id__in=usages).order_by()

    def claims(stance: str | None = None) -> Count:
        condition = Q(stance=stance) if stance else None
        return Count("review__claim", distinct=True, filter=condition)

    rows = cited.values("source_id").annotate(
        claims=claims(),
        supports=claims(Evidence.Stance.SUPPORTS),
        refutes=claims(Evidence.Stance.REFUTES),
        context=claims(Evidence.Stance.CONTEXT),
        last_used=Max("created_at"),
    )
    for row in rows:
        usage = usages[row.pop("source_id")]
        for key, value in row.items():
            setattr(usage, key, value)
    verdicts = cited.filter(review__claim__final_verdict__isnull=False)
    if not visibility.sees_unpublished_verdicts(user):
        verdicts = verdicts.filter(review__claim__status=Claim.Status.PUBLISHED)
    verdict_rows = (
        verdicts.values("source_id", "review__claim__final_verdict__label")
        .annotate(claims=Count("review__claim", distinct=True))
        .order_by("source_id", "review__claim__final_verdict__order")
    )
    for row in verdict_rows:
        usages[row["source_id"]].verdicts.append(
            (row["review__claim__final_verdict__label"], row["claims"])
        )
    return sources


def source_uses(user, source: Source) -> QuerySet[Evidence]:
    """The citations of `source` that `user` may see, newest first, with the claim, its
    article and final verdict, and the review's author joined (the article's body left out)."""
    return (
        uses(user, source.pk)
        .select_related(
            "review__reviewer", "review__claim__article", "review__claim__final_verdict"
        )
        .defer(
            "review__claim__article__body",
            "review__claim__article__raw",
            "review__claim__reasons",
            "review__claim__figures",
        )
        .order_by("-created_at", "-pk")
    )


def possible_duplicates(source: Source, *, limit: int = 10) -> list[Source]:
    """Other sources in the library that are probably the same document: the same title, or
    the same address but for http/https, "www." or a trailing slash; the first `limit`."""
    scheme, _sep, rest = source.url.partition("://")
    host, _slash, path = rest.partition("/")
    bare_host = host.removeprefix("www.")
    bare_path = path.rstrip("/")
    addresses = {
        f"{s}://{h}/{p}"
        for s in ("http", "https")
        for h in (bare_host, f"www.{bare_host}")
        for p in (bare_path, f"{bare_path}/" if bare_path else "")
    }
    same = Q(url__in=addresses)
    if source.title:
        # The same title exactly, which the (title, url) index finds: a case-insensitive match
        # would read the whole library (about 15 ms at 50,000 sources on SQLite).
        same |= Q(title=source.title)
    others = Source.objects.in_library().exclude(pk=source.pk).filter(same)
    return list(others.order_by("pk")[:limit])


def merged_into(source: Source) -> list[Source]:
    """The sources merged into `source`, by address. Sorted here, not by the database, so the
    query is a lookup in the merged_into index, not a walk of the address index."""
    return sorted(Source.objects.filter(merged_into=source).order_by(), key=lambda s: s.url)


def find_source(reference: str) -> Source | None:
    """The source a merge form names: by number or by address (normalised), or None."""
    reference = (reference or "").strip()
    if reference.isdigit():
        return Source.objects.filter(pk=int(reference)).first()
    try:
        url = normalize_url(reference)
    except ValidationError:
        return None
    return Source.objects.filter(url=url).first()


@dataclass
class MergeResult:
    kept: Source
    merged: Source
    moved: int  # citations moved to the kept source
    folded: int  # citations that repeated one already on the kept source, folded into it


def _same_citation(a: Evidence, b: Evidence) -> bool:
    return a.stance == b.stance and a.quote.strip() == b.quote.strip()


@transaction.atomic
def merge_sources(
    kept: Source,
    duplicate: Source,
    *,
    by,
    expected_version: int,
    duplicate_version: int | None = None,
) -> MergeResult:
    """Merge `duplicate` into `kept`: its citations move to `kept` (a citation repeating one of
    the same review already on `kept` is folded into it), blank details of `kept` are filled in
    from it (only the note when a published report cites `kept`: Source.CITED_DETAILS stay as
    published), sources merged into it earlier now point to `kept`, and it leaves the library.
    A duplicate a published report cites is refused: its report would change.
    Every changed row records `by` and why in its history; all or nothing.

    Raises PermissionDenied for anyone but an editor, ValidationError for a source merged into
    itself or one already merged, Conflict when `kept` (or `duplicate`, given
    `duplicate_version`) changed since the editor's page was built.
    """
    require_editor(by, _("Only editors may merge sources."))
    if kept.pk == duplicate.pk:
        raise ValidationError(_("A source cannot be merged into itself."))
    locked = {
        source.pk: source
        for source in versioning.lock_each(Source.objects.filter(pk__in=[kept.pk, duplicate.pk]))
    }
    kept, duplicate = locked[kept.pk], locked[duplicate.pk]
    if kept.version != expected_version:
        raise versioning.Conflict(kept, SOURCE_CHANGED)
    if duplicate_version is not None and duplicate.version != duplicate_version:
        raise versioning.Conflict(duplicate, SOURCE_CHANGED)
    for source in (kept, duplicate):
        if source.is_merged:
            raise ValidationError(
                _("“%(source)s” was already merged into another source.") % {"source": source}
            )
    if duplicate.is_cited_in_published():
        # Its citations would move to `kept`, and the published report would show another
        # address and other details (Source.CITED_DETAILS): keep this one instead.
        raise ValidationError(
            _("“%(source)s” is cited by a published report: keep it, and merge the other into it.")
            % {"source": duplicate}
        )
    kept_frozen = kept.is_cited_in_published()
    reason = f"merged source {duplicate.pk} into source {kept.pk}"
    citations = versioning.lock_each(Evidence.objects.filter(source__in=[kept, duplicate]))
    on_kept: dict[int, list[Evidence]] = {}
    for citation in citations:
        if citation.source_id == kept.pk:
            on_kept.setdefault(citation.review_id, []).append(citation)
    moved = folded = 0
    for citation in citations:
        if citation.source_id != duplicate.pk:
            continue
        twin = next(
            (row for row in on_kept.get(citation.review_id, []) if _same_citation(row, citation)),
            None,
        )
        if twin is None:
            citation.source = kept
            versioning.save_change(citation, by=by, reason=reason, fields=["source"])
            on_kept.setdefault(citation.review_id, []).append(citation)
            moved += 1
            continue
        changed = []
        if citation.published and not twin.published:
            twin.published = True
            changed.append("published")
        if citation.note.strip() and citation.note.strip() not in twin.note:
            twin.note = "\n\n".join(filter(None, [twin.note.strip(), citation.note.strip()]))
            changed.append("note")
        if citation.accessed_on and (
            not twin.accessed_on or citation.accessed_on < twin.accessed_on
        ):
            twin.accessed_on = citation.accessed_on
            changed.append("accessed_on")
        if changed:
            versioning.save_change(twin, by=by, reason=reason, fields=changed)
        versioning.delete_row(citation, by=by, reason=f"{reason}: the same citation twice")
        folded += 1
    earlier = versioning.lock_each(Source.objects.filter(merged_into=duplicate))
    for source in earlier:
        source.merged_into = kept
    versioning.save_each(earlier, by=by, reason=reason, fields=["merged_into"])
    filled = []
    # A published report shows the kept source's details as they are: only the note (which no
    # report shows) is filled in then.
    details = [] if kept_frozen else ["title", "publisher", "published_on"]
    for name in [*details, "reliability_note"]:
        if not getattr(kept, name) and getattr(duplicate, name):
            setattr(kept, name, getattr(duplicate, name))
            filled.append(name)
    if "reliability_note" in filled:
        kept.reliability_note_by = duplicate.reliability_note_by
        kept.reliability_note_at = duplicate.reliability_note_at
        filled += ["reliability_note_by", "reliability_note_at"]
    if not kept_frozen and kept.kind == Source.Kind.OTHER and duplicate.kind != Source.Kind.OTHER:
        kept.kind = duplicate.kind
        filled.append("kind")
    duplicate.merged_into = kept
    versioning.save_change(duplicate, by=by, reason=reason, fields=["merged_into"])
    versioning.save_change(kept, by=by, reason=reason, fields=filled)
    return MergeResult(kept=kept, merged=duplicate, moved=moved, folded=folded)


@transaction.atomic
def set_reliability_note(source: Source, *, by, note: str, expected_version: int) -> Source:
    """Set (or, with a blank `note`, clear) the editor's reliability note on `source`.

    Raises PermissionDenied for anyone but an editor, ValidationError for a merged source or a
    note too long, Conflict when the source changed since the editor's page was built.
    """
    require_editor(by, _("Only editors may set a reliability note."))
    note = (note or "").strip()
    if len(note) > NOTE_LENGTH:
        raise ValidationError(
            _("Keep the note under %(limit)d characters.") % {"limit": NOTE_LENGTH}
        )
    source = versioning.lock(
        Source.objects.all(), source.pk, expected_version=expected_version, message=SOURCE_CHANGED
    )
    if source.is_merged:
        raise ValidationError(_("This source was merged into another; note that one instead."))
    source.reliability_note = note
    source.reliability_note_by = by if note else None
    source.reliability_note_at = timezone.now() if note else None
    return versioning.save_change(
        source,
        by=by,
        reason="reliability note set" if note else "reliability note cleared",
        fields=["reliability_note", "reliability_note_by", "reliability_note_at"],
    )
