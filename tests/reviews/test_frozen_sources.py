"""What a published report cites is frozen: once a published claim's published evidence cites a
source, nobody changes its address, title, publisher, date or kind (Source.CITED_DETAILS), not a
reviewer citing it again, not an editor's merge, not the admin."""

import pytest
from django.core.exceptions import ValidationError

from factcheck.reports.registry import export
from factcheck.reports.selection import PUBLISHED, ExportOptions
from factcheck.reviews import library, workflow
from factcheck.reviews.models import Evidence, Review, Source
from tests.conftest import login
from tests.factories import verdict
from tests.reviews.test_source_library import assigned_claim, cite, source

pytestmark = pytest.mark.django_db
CENSUS = "https://stats.example.org/census"
MIRROR = "http://www.stats.example.org/census"


def settle(claim, reviewer, editor, *, publish=True):
    """Submit `reviewer`'s review, resolve the claim with its evidence published, publish it."""
    review = Review.objects.get(claim=claim, reviewer=reviewer)
    review.verdict = verdict("true")
    review.save()
    workflow.submit(review, by=reviewer)
    evidence = list(Evidence.objects.filter(review=review).values_list("pk", flat=True))
    claim = workflow.resolve(
        claim,
        by=editor,
        verdict=verdict("true"),
        rationale="Census.",
        published_evidence_ids=evidence,
    )
    return workflow.publish(claim, by=editor) if publish else claim


@pytest.fixture
def published(editor, reviewer):
    """A published claim whose published evidence cites CENSUS, which has no publisher yet."""
    claim = assigned_claim(editor, reviewer)
    cite(claim, reviewer, CENSUS, title="Census 2020", publisher="", kind="other")
    return settle(claim, reviewer, editor)


def report(claim):
    options = ExportOptions(scope=PUBLISHED)
    return export("md", [claim.article], options)


def test_a_reviewer_citing_a_published_source_again_does_not_change_it(
    editor, other_reviewer, published
):
    before = report(published)
    claim = assigned_claim(editor, other_reviewer)
    cite(claim, other_reviewer, CENSUS, title="Other title", publisher="Someone", kind="news")
    census = source(CENSUS)
    assert (census.title, census.publisher, census.kind) == ("Census 2020", "", "other")
    assert Evidence.objects.filter(review__claim=claim, source=census).exists()  # still cited
    assert report(published) == before


def test_details_are_filled_in_until_publication_and_again_after_reopening(
    editor, reviewer, other_reviewer
):
    claim = assigned_claim(editor, reviewer)
    cite(claim, reviewer, CENSUS, title="", publisher="", kind="other")
    resolved = settle(claim, reviewer, editor, publish=False)
    cite(assigned_claim(editor, other_reviewer), other_reviewer, CENSUS, publisher="Bureau")
    assert source(CENSUS).publisher == "Bureau"  # resolved, not yet published: still open
    workflow.reopen(workflow.publish(resolved, by=editor), by=editor, reason="New data.")
    cite(assigned_claim(editor, other_reviewer), other_reviewer, CENSUS, title="Census")
    assert source(CENSUS).title == "Census"  # no published report cites it any more


def test_a_source_a_published_report_cites_cannot_be_merged_away(editor, other_reviewer, published):
    cite(assigned_claim(editor, other_reviewer), other_reviewer, MIRROR, publisher="Bureau")
    kept, duplicate = source(MIRROR), source(CENSUS)
    with pytest.raises(ValidationError, match="cited by a published report"):
        library.merge_sources(kept, duplicate, by=editor, expected_version=kept.version)
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and duplicate.evidence.count() == 1


def test_merging_into_a_published_source_moves_citations_but_fills_in_only_the_note(
    editor, other_reviewer, published
):
    cite(
        assigned_claim(editor, other_reviewer),
        other_reviewer,
        MIRROR,
        title="",
        publisher="Bureau",
        kind="official",
    )
    duplicate = source(MIRROR)
    duplicate.reliability_note = "Official, revised yearly."
    duplicate.save()
    kept = source(CENSUS)
    before = report(published)
    library.merge_sources(kept, duplicate, by=editor, expected_version=kept.version)
    kept.refresh_from_db()
    assert kept.evidence.count() == 2
    assert (kept.title, kept.publisher, kept.kind) == ("Census 2020", "", "other")
    assert kept.reliability_note == "Official, revised yearly."
    assert report(published) == before


def test_the_admin_shows_a_published_sources_details_read_only(client, admin_user, published):
    census = source(CENSUS)
    login(client, admin_user)
    url = f"/admin/reviews/source/{census.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="title"' not in page and 'name="publisher"' not in page
    client.post(url, {"url": "https://evil.example.org/", "title": "Changed", "kind": "news"})
    census.refresh_from_db()
    assert (census.url, census.title, census.kind) == (CENSUS, "Census 2020", "other")


def test_the_admin_still_edits_an_unpublished_source(client, admin_user, editor, reviewer):
    cite(assigned_claim(editor, reviewer), reviewer, CENSUS, title="Census")
    login(client, admin_user)
    page = client.get(f"/admin/reviews/source/{source(CENSUS).pk}/change/").content.decode()
    assert 'name="title"' in page
    assert Source.objects.cited_in_published().count() == 0
