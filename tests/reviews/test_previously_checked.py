"""The review panel's "Previously checked": what each person sees, linking as the same claim,
copying an earlier check into a draft, and the refusals."""

import json

import pytest
from django.test import Client

from factcheck.claims import linking, matching
from factcheck.claims.external import import_claimreviews
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments, reuse
from factcheck.reviews.models import Review
from tests.factories import ArticleFactory, claim_in_status, verdict

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."
LATER = "China has lifted 770m rural Chinese out of poverty since 1978, the minister said."
CHANGED = "Some 700 million rural Chinese have been lifted out of poverty since 1978."


def claim_with(sentence, **article):
    body = article.pop("body", sentence)
    article = ArticleFactory(body=body, **article)
    start = body.index(sentence)
    return create_claim(article, start, start + len(sentence))


@pytest.fixture
def earlier(editor, other_reviewer):
    """A claim of an earlier article, resolved (not published) on other_reviewer's review."""
    article = ArticleFactory(body=EARLIER, title="The earlier white paper")
    claim = claim_in_status("resolved", editor=editor, reviewers=[other_reviewer], article=article)
    matching.index_claims([claim])
    return claim


@pytest.fixture
def later(editor, reviewer, earlier):
    """The same claim in a new article, assigned to reviewer."""
    claim = claim_with(LATER, title="A new speech")
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    return Claim.objects.get(pk=claim.pk)


def panel(client, user, claim, **headers):
    client.force_login(user)
    return client.get(f"/review/{claim.pk}/", **headers).content.decode()


def test_an_editor_sees_the_earlier_claim_its_article_and_verdict_and_may_link_and_copy(
    client, editor, later, earlier
):
    page = panel(client, editor, later)
    assert "Previously checked" in page
    assert "The earlier white paper" in page and EARLIER in page
    assert f"<strong>{verdict('true').label}</strong>" in page
    assert "Link as the same claim" in page and "Copy into a draft" in page


def test_a_reviewer_sees_no_unpublished_verdict_and_nothing_of_the_earlier_reviews(
    client, reviewer, later, earlier
):
    page = panel(client, reviewer, later)
    assert "Previously checked" in page and EARLIER in page
    assert "no published verdict" in page
    assert f"<strong>{verdict('true').label}</strong>" not in page
    assert "otto finds it true" not in page  # the earlier reviewer's rationale
    assert "Link as the same claim" not in page and "Copy into a draft" not in page


def test_a_reviewer_sees_a_published_verdict(client, editor, reviewer, later, earlier):
    from factcheck.reviews import workflow

    workflow.publish(earlier, by=editor)
    page = panel(client, reviewer, later)
    assert f"<strong>{verdict('true').label}</strong>" in page


def test_a_related_claim_shows_the_differing_figures(client, editor, reviewer, earlier):
    claim = claim_with(CHANGED)
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    page = panel(client, reviewer, claim)
    assert "Related: other figures" in page
    assert (
        "<mark>Some 700 million rural Chinese</mark> / <mark>Some 770 million rural Chinese</mark>"
        in page
    )


def test_another_fact_checkers_check_is_shown_with_its_rating_and_link(client, reviewer, later):
    import_claimreviews(
        json.dumps(
            {
                "@type": "ClaimReview",
                "url": "https://checks.example.org/770",
                "claimReviewed": "China lifted 770 million rural Chinese out of poverty.",
                "author": {"name": "Example Check"},
                "reviewRating": {"alternateName": "Mostly true"},
            }
        )
    )
    matching.match_claims([later])
    page = panel(client, reviewer, later)
    assert "Checked by Example Check: Mostly true" in page
    assert 'href="https://checks.example.org/770"' in page


def test_the_panel_with_matches_keeps_a_fixed_number_of_queries(
    client, reviewer, editor, later, django_assert_max_num_queries
):
    for n in range(5):
        other = claim_with(EARLIER, body=f"Report {n}.\n\n{EARLIER}")
        matching.index_claims([other])
    matching.match_claims([later])
    client.force_login(reviewer)
    with django_assert_max_num_queries(14):
        page = client.get(f"/review/{later.pk}/", **HTMX).content.decode()
    assert page.count("data-previous-check") == matching.KEPT


# --- Linking ---------------------------------------------------------------------------------


def test_an_editor_links_the_claim_as_the_same_claim_recorded_in_history(
    client, editor, later, earlier
):
    client.force_login(editor)
    page = client.post(f"/review/{later.pk}/same-as/", {"earlier": earlier.pk}, **HTMX)
    assert page.status_code == 200 and "<html" not in page.content.decode()
    assert "Linked as the same claim." in page.content.decode()
    later.refresh_from_db()
    assert later.same_as == earlier
    record = later.history.first()
    assert record.history_user == editor
    assert record.history_change_reason == f"linked as the same claim as #{earlier.pk}"
    # Without htmx: a redirect back to the panel, which offers to remove the link.
    response = client.post(f"/review/{later.pk}/same-as/remove/", {"earlier": earlier.pk})
    assert response.status_code == 302 and response.url == f"/review/{later.pk}/"
    later.refresh_from_db()
    assert later.same_as is None


@pytest.mark.parametrize("which", ["itself", "same article"])
def test_linking_a_claim_to_itself_or_its_own_article_is_refused_and_nothing_written(
    client, editor, later, which
):
    if which == "itself":
        target = later
        message = "A claim cannot be linked to itself."
    else:
        target = create_claim(later.article, 0, 5)
        message = "Both claims are in the same article"
    version = later.version
    client.force_login(editor)
    page = client.post(f"/review/{later.pk}/same-as/", {"earlier": target.pk}, **HTMX)
    assert page.status_code == 422 and message in page.content.decode()
    later.refresh_from_db()
    assert later.same_as is None and later.version == version


def test_a_link_that_would_go_round_is_refused(editor, later, earlier):
    linking.link_same_claim(earlier, later, by=editor)
    with pytest.raises(Exception, match="go round"):
        linking.link_same_claim(later, earlier, by=editor)
    later.refresh_from_db()
    assert later.same_as is None


def test_a_reviewer_may_not_link_or_copy(client, reviewer, later, earlier):
    client.force_login(reviewer)
    for url in ("same-as/", "copy-check/"):
        response = client.post(f"/review/{later.pk}/{url}", {"earlier": earlier.pk})
        assert response.status_code == 403
    later.refresh_from_db()
    assert later.same_as is None
    assert not Review.objects.filter(claim=later).exists()


def test_linking_needs_a_post_with_a_csrf_token(editor, later, earlier):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(f"/review/{later.pk}/same-as/").status_code == 405
    response = client.post(f"/review/{later.pk}/same-as/", {"earlier": earlier.pk})
    assert response.status_code == 403
    later.refresh_from_db()
    assert later.same_as is None


# --- Copying ---------------------------------------------------------------------------------


def test_an_editor_copies_the_earlier_check_into_the_reviewers_draft_never_publishing(
    client, editor, reviewer, later, earlier
):
    client.force_login(editor)
    response = client.post(
        f"/review/{later.pk}/copy-check/", {"earlier": earlier.pk, "reviewer": reviewer.pk}
    )
    assert response.status_code == 302
    draft = Review.objects.get(claim=later, reviewer=reviewer)
    assert draft.status == Review.Status.DRAFT and draft.verdict == verdict("true")
    assert f"claim #{earlier.pk}" in draft.rationale
    assert earlier.rationale in draft.rationale
    copied = {row.source_id for row in draft.evidence.all()}
    cited = set(earlier.reviews.values_list("evidence__source", flat=True))
    assert copied == cited and copied
    later.refresh_from_db()
    assert later.status == Claim.Status.IN_REVIEW and later.final_verdict is None
    assert draft.history.first().history_user == editor


def test_a_copy_keeps_what_the_reviewer_already_wrote(editor, reviewer, later, earlier):
    from factcheck.reviews import reviewing

    reviewing.save_draft(later, by=reviewer, verdict=verdict("false"), confidence="low",
                         rationale="My own notes.", expected_version=None)  # fmt: skip
    reuse.copy_previous_check(later, earlier, by=editor, reviewer=reviewer)
    reuse.copy_previous_check(later, earlier, by=editor, reviewer=reviewer)
    draft = Review.objects.get(claim=later, reviewer=reviewer)
    assert draft.verdict == verdict("false") and draft.confidence == "low"
    assert draft.rationale.startswith("My own notes.")
    sources = list(draft.evidence.values_list("source_id", flat=True))
    assert len(sources) == len(set(sources))  # copied twice, each source once


def test_copying_is_refused_from_an_unsettled_claim_or_into_a_reviewer_not_assigned(
    client, editor, reviewer, other_reviewer, later, earlier
):
    unsettled = claim_with(EARLIER, body=f"Another report.\n\n{EARLIER}")
    client.force_login(editor)
    page = client.post(
        f"/review/{later.pk}/copy-check/",
        {"earlier": unsettled.pk, "reviewer": reviewer.pk},
        **HTMX,
    )
    assert page.status_code == 422 and "no final verdict yet" in page.content.decode()
    page = client.post(
        f"/review/{later.pk}/copy-check/",
        {"earlier": earlier.pk, "reviewer": other_reviewer.pk},
        **HTMX,
    )
    assert page.status_code == 422 and "not assigned to this claim" in page.content.decode()
    page = client.post(f"/review/{later.pk}/copy-check/", {"earlier": earlier.pk}, **HTMX)
    assert page.status_code == 422 and "assign one first" in page.content.decode()
    assert not Review.objects.filter(claim=later).exists()
