"""The source library at /sources/: who may browse it and what they see of it (blind review),
search and filters, a source's page, an editor's merge of duplicates and reliability note."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from factcheck.reviews import assignments, library, reviewing, workflow
from factcheck.reviews.models import Evidence, Review, Source
from factcheck.versioning import Conflict
from tests.conftest import login
from tests.factories import ClaimFactory, SourceFactory, UserFactory, submitted_review, verdict

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
CENSUS = "https://stats.example.org/census"
STORY = "https://news.example.com/story"
REPORT = "https://ngo.example.org/report"
UNUSED = "https://unused.example.org/page"


def assigned_claim(editor, *reviewers):
    claim = ClaimFactory()
    assignments.assign([claim], list(reviewers), by=editor, notify=False)
    return claim


def cite(claim, reviewer, url, *, stance="supports", quote="", **details):
    """`reviewer` cites `url` in their review of `claim`, as the workspace's form does."""
    _review, evidence = reviewing.add_evidence(
        claim, by=reviewer, expected_version=None, url=url, stance=stance, quote=quote, **details
    )
    return evidence


def source(url):
    return Source.objects.get(url=url)


@pytest.fixture
def shelf(editor, reviewer, other_reviewer):
    """Rita cites the census in her draft; Otto cites a news story in his draft of the same
    claim; Otto's report from an NGO backs a published claim; one source is cited nowhere."""
    claim = assigned_claim(editor, reviewer, other_reviewer)
    cite(claim, reviewer, CENSUS, title="Census 2020", publisher="National Bureau of Statistics",
         kind="official", quote="The rural poor fell by 770 million.")  # fmt: skip
    cite(claim, other_reviewer, STORY, stance="refutes", title="A story",
         publisher="Daily Planet", kind="news")  # fmt: skip
    published = assigned_claim(editor, other_reviewer)
    evidence = cite(published, other_reviewer, REPORT, stance="context", title="Poverty report",
                    publisher="Poverty Watch", kind="ngo")  # fmt: skip
    submitted_review(published, other_reviewer, "false", sources=0)
    workflow.resolve(
        published,
        by=editor,
        verdict=verdict("false"),
        rationale="The report says otherwise.",
        published_evidence_ids=[evidence.pk],
    )
    workflow.publish(published, by=editor)
    SourceFactory(url=UNUSED, title="Unused page", publisher="Nobody", kind="other")
    return {"claim": claim, "published": published}


def listed(response):
    return [item.url for item in response.context["page"].object_list]


# Who may use it ----------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client, shelf):
    for path in ("/sources/", f"/sources/{source(CENSUS).pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_an_editor_browses_every_source_including_unused_ones(client, editor, shelf):
    response = login(client, editor).get("/sources/")
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted([CENSUS, STORY, REPORT, UNUSED])


def test_a_reviewer_sees_only_sources_they_cited_or_a_published_check_cites(
    client, reviewer, shelf
):
    response = login(client, reviewer).get("/sources/")
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted([CENSUS, REPORT])
    assert "A story" not in response.content.decode()  # another reviewer's draft


def test_a_reviewer_cannot_open_the_page_of_another_reviewers_unpublished_source(
    client, reviewer, shelf
):
    login(client, reviewer)
    assert client.get(f"/sources/{source(STORY).pk}/").status_code == 404
    assert client.get(f"/sources/{source(UNUSED).pk}/").status_code == 404
    assert client.get(f"/sources/{source(CENSUS).pk}/").status_code == 200


def test_the_main_navigation_links_the_library_for_reviewers_and_editors(client, reviewer, editor):
    for user in (reviewer, editor):
        html = login(Client(), user).get("/sources/").content.decode()
        assert 'href="/sources/"' in html
        assert 'aria-current="page">Sources' in html


def test_a_reviewer_may_neither_merge_nor_annotate_and_nothing_changes(client, reviewer, shelf):
    kept, duplicate = source(CENSUS), source(REPORT)
    login(client, reviewer)
    response = client.post(
        f"/sources/{kept.pk}/merge/", {"duplicate": duplicate.pk, "version": kept.version}
    )
    assert response.status_code == 403
    response = client.post(f"/sources/{kept.pk}/note/", {"note": "Trust it", "version": 1})
    assert response.status_code == 403
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert (kept.reliability_note, kept.version) == ("", 1)
    assert duplicate.merged_into is None
    assert duplicate.evidence.count() == 1
    html = client.get(f"/sources/{kept.pk}/").content.decode()
    assert "/merge/" not in html and "/note/" not in html


def test_the_domain_functions_refuse_a_reviewer_too(reviewer, shelf):
    with pytest.raises(PermissionDenied):
        library.merge_sources(source(CENSUS), source(REPORT), by=reviewer, expected_version=1)
    with pytest.raises(PermissionDenied):
        library.set_reliability_note(source(CENSUS), by=reviewer, note="x", expected_version=1)


def test_the_list_and_merge_refuse_wrong_methods(client, editor, shelf):
    login(client, editor)
    assert client.post("/sources/").status_code == 405
    assert client.get(f"/sources/{source(CENSUS).pk}/merge/").status_code == 405
    assert client.get(f"/sources/{source(CENSUS).pk}/note/").status_code == 405


def test_merging_needs_the_csrf_token(editor, shelf):
    strict = login(Client(enforce_csrf_checks=True), editor)
    kept, duplicate = source(CENSUS), source(STORY)
    response = strict.post(
        f"/sources/{kept.pk}/merge/", {"duplicate": duplicate.pk, "version": kept.version}
    )
    assert response.status_code == 403
    assert source(STORY).merged_into is None


# What the list shows -------------------------------------------------------------------------


def test_each_source_shows_its_claims_per_stance_and_the_verdicts_it_supported(
    client, editor, shelf
):
    response = login(client, editor).get("/sources/")
    rows = {item.url: item.usage for item in response.context["page"].object_list}
    assert rows[REPORT].claims == 1 and rows[REPORT].context == 1
    assert rows[REPORT].verdicts == [("False", 1)]
    assert rows[STORY].refutes == 1 and rows[STORY].supports == 0
    assert rows[UNUSED].claims == 0 and rows[UNUSED].verdicts == []
    html = response.content.decode()
    assert "False (1)" in html
    assert 'data-label="Claims"' in html  # the table stacks on phones


def test_a_reviewer_is_not_told_an_unpublished_final_verdict(client, editor, reviewer):
    claim = assigned_claim(editor, reviewer)
    cite(claim, reviewer, CENSUS)
    submitted_review(claim, reviewer, "true", sources=0)
    workflow.resolve(claim, by=editor, verdict=verdict("true"), rationale="It holds.")
    as_reviewer = library.attach_usage(reviewer, [source(CENSUS)])[0].usage
    as_editor = library.attach_usage(editor, [source(CENSUS)])[0].usage
    assert as_reviewer.claims == 1 and as_reviewer.verdicts == []
    assert as_editor.verdicts == [("True", 1)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "census"}, [CENSUS]),
        ({"q": "poverty watch"}, [REPORT]),
        ({"q": "ngo.example"}, [REPORT]),
        ({"kind": "news"}, [STORY]),
        ({"publisher": "planet"}, [STORY]),
        ({"stance": "refutes"}, [STORY]),
        ({"stance": "context", "kind": "ngo"}, [REPORT]),
        ({"q": "nothing-like-this"}, []),
        ({"kind": "not-a-kind"}, [CENSUS, REPORT, STORY, UNUSED]),  # ignored, not an error
    ],
)
def test_search_and_filters(client, editor, shelf, params, expected):
    response = login(client, editor).get("/sources/", params)
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(expected)


def test_cited_since_keeps_the_sources_cited_on_or_after_the_date(client, editor, shelf):
    old = Evidence.objects.get(source__url=STORY)
    Evidence.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    response = login(client, editor).get("/sources/", {"used_since": since})
    assert sorted(listed(response)) == sorted([CENSUS, REPORT])


def test_a_reviewers_filters_count_only_what_they_may_see(client, reviewer, shelf):
    # Otto's story refutes, but Rita may not know that the story is cited at all.
    response = login(client, reviewer).get("/sources/", {"stance": "refutes"})
    assert listed(response) == []


def test_the_htmx_search_returns_the_results_fragment(client, editor, shelf):
    response = login(client, editor).get("/sources/", {"q": "census"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Census 2020" in html and "Poverty report" not in html
    assert response["Vary"].count("HX-Request") == 1


def test_the_list_pages_fifty_sources_at_a_time(client, editor):
    for number in range(55):
        SourceFactory(title=f"Report {number:03d}")
    login(client, editor)
    first = client.get("/sources/")
    assert len(listed(first)) == 50
    assert 'rel="next"' in first.content.decode()
    second = client.get("/sources/", {"page": 2})
    assert len(listed(second)) == 5


def test_the_list_costs_the_same_queries_however_many_sources_and_citations(
    client, editor, reviewer, other_reviewer, django_assert_max_num_queries
):
    login(client, editor)
    reviewer_client = login(Client(), reviewer)

    def fill(count):
        for number in range(count):
            claim = assigned_claim(editor, reviewer, other_reviewer)
            cite(claim, reviewer, f"https://a.example.org/{count}/{number}", title=f"A {number}")
            cite(claim, other_reviewer, f"https://b.example.org/{count}/{number}")
            submitted_review(claim, reviewer, "false", sources=0)

    fill(3)
    # session, user, count, page, usage, verdicts; a reviewer's queue count in the navigation
    with django_assert_max_num_queries(7):
        assert client.get("/sources/").status_code == 200
    with django_assert_max_num_queries(7):
        assert reviewer_client.get("/sources/").status_code == 200
    fill(25)
    with django_assert_max_num_queries(7):
        assert client.get("/sources/").status_code == 200
    with django_assert_max_num_queries(7):
        assert reviewer_client.get("/sources/").status_code == 200


# A source's page -----------------------------------------------------------------------------


def test_the_source_page_lists_its_citations_with_claim_article_stance_and_reviewer(
    client, editor, shelf
):
    login(client, editor)
    response = client.get(f"/sources/{source(REPORT).pk}/")
    html = response.content.decode()
    claim = shelf["published"]
    assert claim.text in html
    assert claim.article.title in html
    assert "Context" in html and "Otto" in html and "False" in html
    assert f'href="/claims/{claim.pk}/"' in html  # editors go to the claim's desk


def test_the_source_page_costs_the_same_queries_however_many_citations(
    client, editor, reviewer, django_assert_max_num_queries
):
    def fill(count):
        for _ in range(count):
            claim = assigned_claim(editor, reviewer)
            cite(claim, reviewer, CENSUS, quote="770 million")
            submitted_review(claim, reviewer, "false", sources=0)

    fill(1)
    page = f"/sources/{source(CENSUS).pk}/"
    editor_client, reviewer_client = login(client, editor), login(Client(), reviewer)
    # session, user, source, usage, verdicts, count, page of citations; for editors possible
    # duplicates and the addresses merged here, for a reviewer their queue count in the menu
    for count in (0, 20):
        fill(count)
        with django_assert_max_num_queries(9):
            assert editor_client.get(page).status_code == 200
        with django_assert_max_num_queries(8):
            assert reviewer_client.get(page).status_code == 200


def test_the_source_page_hides_other_reviewers_until_the_reviewer_has_submitted(
    client, editor, reviewer, other_reviewer
):
    claim = assigned_claim(editor, reviewer, other_reviewer)
    cite(claim, reviewer, CENSUS, quote="Quote of Rita")
    cite(claim, other_reviewer, CENSUS, stance="refutes", quote="Quote of Otto")
    page = f"/sources/{source(CENSUS).pk}/"
    login(client, reviewer)
    html = client.get(page).content.decode()
    assert "Quote of Rita" in html and "You" in html
    assert f'href="/review/{claim.pk}/"' in html  # their own review
    assert "Quote of Otto" not in html and "Refutes" not in html
    assert library.attach_usage(reviewer, [source(CENSUS)])[0].usage.refutes == 0

    submitted_review(claim, other_reviewer, "false", sources=0)
    assert "Quote of Otto" not in client.get(page).content.decode()  # Rita has not submitted

    submitted_review(claim, reviewer, "true", sources=0)
    html = client.get(page).content.decode()
    assert "Quote of Otto" in html and "A reviewer" in html
    assert "Otto" not in html.replace("Quote of Otto", "")  # named to editors only

    editor_html = login(Client(), editor).get(page).content.decode()
    assert "Otto" in editor_html.replace("Quote of Otto", "") and "Rita" in editor_html


# Merging duplicates --------------------------------------------------------------------------


@pytest.fixture
def duplicates(editor, reviewer, other_reviewer):
    """The same census cited under two addresses, by two reviewers of two claims."""
    first = assigned_claim(editor, reviewer)
    second = assigned_claim(editor, other_reviewer)
    cite(first, reviewer, "https://stats.example.org/census/", title="Census",
         publisher="", kind="other", quote="770 million")  # fmt: skip
    cite(second, other_reviewer, "http://www.stats.example.org/census", title="",
         publisher="National Bureau of Statistics", kind="official")  # fmt: skip
    return {
        "kept": source("https://stats.example.org/census/"),
        "duplicate": source("http://www.stats.example.org/census"),
        "first": first,
        "second": second,
    }


def test_merging_moves_the_citations_and_fills_in_blank_details(client, editor, duplicates):
    kept, duplicate = duplicates["kept"], duplicates["duplicate"]
    login(client, editor)
    page = client.get(f"/sources/{kept.pk}/").content.decode()
    assert duplicate.url in page  # offered as a possible duplicate
    response = client.post(
        f"/sources/{kept.pk}/merge/",
        {"duplicate": duplicate.url, "version": kept.version},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/sources/{kept.pk}/"
    html = response.content.decode()
    assert "1 citations moved" in html
    assert "Merged into this source" in html and duplicate.url in html
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert kept.evidence.count() == 2 and duplicate.evidence.count() == 0
    assert kept.publisher == "National Bureau of Statistics"
    assert kept.kind == Source.Kind.OFFICIAL
    assert kept.version == 2
    assert duplicate.url not in [item.url for item in library.library(editor, {})]


def test_the_merge_is_in_the_history_with_who_and_why(editor, duplicates):
    kept, duplicate = duplicates["kept"], duplicates["duplicate"]
    library.merge_sources(kept, duplicate, by=editor, expected_version=kept.version)
    reason = f"merged source {duplicate.pk} into source {kept.pk}"
    for record in (
        duplicate.history.latest(),
        kept.history.latest(),
        Evidence.objects.get(review__claim=duplicates["second"]).history.latest(),
    ):
        assert record.history_user == editor
        assert record.history_change_reason == reason


def test_the_merged_address_leads_to_the_kept_source(client, editor, reviewer, duplicates):
    kept, duplicate = duplicates["kept"], duplicates["duplicate"]
    library.merge_sources(kept, duplicate, by=editor, expected_version=kept.version)
    response = login(client, editor).get(f"/sources/{duplicate.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/sources/{kept.pk}/"
    # Citing the duplicate's address again cites the kept source, not a new copy.
    claim = assigned_claim(editor, reviewer)
    assert cite(claim, reviewer, "http://www.stats.example.org/census").source == kept
    assert Source.objects.count() == 2
    # and the workspace's source search no longer suggests the duplicate
    suggestions = login(Client(), reviewer).get("/sources/search/", {"url": "stats.example"})
    assert kept.url in suggestions.content.decode()
    assert duplicate.url not in suggestions.content.decode()


def test_an_imported_citation_of_a_merged_address_joins_the_kept_source(
    editor, other_reviewer, duplicates
):
    from factcheck.reports.importing import import_export
    from factcheck.reports.json_export import article_json

    kept, duplicate = duplicates["kept"], duplicates["duplicate"]
    article = duplicates["second"].article
    submitted_review(duplicates["second"], other_reviewer, "false", sources=0)
    exported = article_json(article, [duplicates["second"]])  # cites the duplicate's address
    assert exported["claims"][0]["reviews"][0]["evidence"][0]["url"] == duplicate.url
    library.merge_sources(kept, duplicate, by=editor, expected_version=1)
    article.delete()
    import_export(exported)
    assert source(duplicate.url).evidence.count() == 0
    assert kept.evidence.count() == 2


def test_a_review_citing_both_sources_alike_keeps_one_citation(editor, reviewer):
    claim = assigned_claim(editor, reviewer)
    kept_row = cite(claim, reviewer, CENSUS, quote="770 million")
    twin = cite(claim, reviewer, CENSUS + "/", quote=" 770 million", note="seen twice")
    other = cite(claim, reviewer, CENSUS + "/", stance="refutes", quote="Another table")
    kept = source(CENSUS)
    result = library.merge_sources(
        kept, source(CENSUS + "/"), by=editor, expected_version=kept.version
    )
    assert (result.moved, result.folded) == (1, 1)
    rows = Evidence.objects.filter(review__claim=claim).order_by("pk")
    assert [row.pk for row in rows] == [kept_row.pk, other.pk]
    assert {row.source_id for row in rows} == {kept.pk}
    assert rows[0].note == "seen twice"
    assert not Evidence.objects.filter(pk=twin.pk).exists()
    deleted = Evidence.history.filter(id=twin.pk, history_type="-").get()
    assert deleted.history_user == editor and "same citation twice" in deleted.history_change_reason
    review = Review.objects.get(claim=claim)
    assert review.evidence.count() == 2


def test_merging_a_source_into_itself_is_refused_and_changes_nothing(client, editor, duplicates):
    kept = duplicates["kept"]
    login(client, editor)
    response = client.post(
        f"/sources/{kept.pk}/merge/", {"duplicate": kept.pk, "version": kept.version}, follow=True
    )
    assert "A source cannot be merged into itself." in response.content.decode()
    kept.refresh_from_db()
    assert kept.version == 1 and kept.merged_into is None and kept.evidence.count() == 1
    assert kept.history.count() == 1


def test_a_merge_from_a_stale_page_is_refused_and_changes_nothing(client, editor, duplicates):
    kept, duplicate = duplicates["kept"], duplicates["duplicate"]
    library.set_reliability_note(kept, by=editor, note="Official.", expected_version=1)
    login(client, editor)
    response = client.post(
        f"/sources/{kept.pk}/merge/", {"duplicate": duplicate.pk, "version": 1}, follow=True
    )
    assert "changed by someone else" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and duplicate.evidence.count() == 1
    with pytest.raises(Conflict):
        library.merge_sources(kept, duplicate, by=editor, expected_version=2, duplicate_version=7)


@pytest.mark.parametrize("reference", ["999999", "https://nowhere.example.org/", "ftp://x.org/a"])
def test_merging_an_unknown_source_says_so(client, editor, duplicates, reference):
    kept = duplicates["kept"]
    login(client, editor)
    response = client.post(
        f"/sources/{kept.pk}/merge/", {"duplicate": reference, "version": 1}, follow=True
    )
    assert "No source has this number or address." in response.content.decode()
    assert Source.objects.filter(merged_into__isnull=False).count() == 0


def test_a_source_already_merged_cannot_be_merged_again(editor, duplicates):
    kept, duplicate = duplicates["kept"], duplicates["duplicate"]
    library.merge_sources(kept, duplicate, by=editor, expected_version=1)
    third = SourceFactory()
    with pytest.raises(ValidationError, match="already merged"):
        library.merge_sources(third, source(duplicate.url), by=editor, expected_version=1)
    assert source(duplicate.url).merged_into == kept


def test_sources_merged_earlier_follow_the_source_they_were_merged_into(editor, duplicates):
    kept, duplicate = duplicates["kept"], duplicates["duplicate"]
    library.merge_sources(duplicate, kept, by=editor, expected_version=1)
    final = SourceFactory()
    library.merge_sources(final, source(duplicate.url), by=editor, expected_version=1)
    assert source(kept.url).merged_into == final
    assert final.evidence.count() == 2


# Reliability notes ---------------------------------------------------------------------------


def test_an_editor_sets_a_reliability_note_shown_on_the_source_page_and_in_the_review_panel(
    client, editor, reviewer
):
    claim = assigned_claim(editor, reviewer)
    cite(claim, reviewer, CENSUS, title="Census 2020")
    census = source(CENSUS)
    login(client, editor)
    response = client.post(
        f"/sources/{census.pk}/note/",
        {"note": "Official, but revised <b>yearly</b>.", "version": census.version},
        follow=True,
    )
    html = response.content.decode()
    assert "Reliability note saved." in html
    assert "Official, but revised &lt;b&gt;yearly&lt;/b&gt;." in html
    census.refresh_from_db()
    assert census.reliability_note_by == editor and census.version == 2
    assert census.history.latest().history_change_reason == "reliability note set"

    panel = login(Client(), reviewer).get(f"/review/{claim.pk}/").content.decode()
    assert "Reliability note:" in panel
    assert "Official, but revised &lt;b&gt;yearly&lt;/b&gt;." in panel


def test_a_note_saved_over_a_newer_one_is_refused_and_the_text_kept(client, editor, shelf):
    census = source(CENSUS)
    library.set_reliability_note(census, by=editor, note="First word.", expected_version=1)
    response = login(client, editor).post(
        f"/sources/{census.pk}/note/", {"note": "Second word.", "version": 1}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed by someone else" in html
    assert "Second word." in html and "First word." in html
    assert source(CENSUS).reliability_note == "First word."


def test_an_empty_note_clears_it_and_a_too_long_one_is_refused(client, editor, shelf):
    census = source(CENSUS)
    library.set_reliability_note(census, by=editor, note="Old.", expected_version=1)
    login(client, editor)
    response = client.post(f"/sources/{census.pk}/note/", {"note": "x" * 2001, "version": 2})
    assert response.status_code == 422
    assert source(CENSUS).reliability_note == "Old."
    client.post(f"/sources/{census.pk}/note/", {"note": "  ", "version": 2})
    census.refresh_from_db()
    assert census.reliability_note == "" and census.reliability_note_by is None


def test_the_note_is_searchable(client, editor, shelf):
    census = source(CENSUS)
    library.set_reliability_note(census, by=editor, note="Revised yearly", expected_version=1)
    response = login(client, editor).get("/sources/", {"q": "revised"})
    assert listed(response) == [CENSUS]


def test_a_deactivated_editor_can_do_nothing(shelf):
    gone = UserFactory(username="gone", role="editor", is_active=False)
    with pytest.raises(PermissionDenied):
        library.set_reliability_note(source(CENSUS), by=gone, note="x", expected_version=1)
    assert library.library(gone, {}).count() == 0


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example.org/a", "data:,x"])
def test_a_source_links_only_to_http_addresses(url):
    with pytest.raises(ValidationError):
        SourceFactory(url=url)
    assert not Source.objects.exists()
