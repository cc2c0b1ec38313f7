"""Blind review, decided in one module: what each person may see of a claim's reviews before
and after submitting their own, asked of reviews/visibility.py and shown by the pages."""

import re

import pytest

from factcheck.accounts.models import User
from factcheck.claims.models import Claim
from factcheck.reviews import assignments, visibility
from factcheck.reviews.models import Source
from tests.factories import UserFactory, claim_in_status, submitted_review, verdict

pytestmark = pytest.mark.django_db

S = Claim.Status


@pytest.fixture
def third_reviewer(db):
    return UserFactory(username="tess", role=User.Role.REVIEWER)


@pytest.fixture
def disputed(editor, reviewer, other_reviewer, third_reviewer):
    """Rita and Otto disagree (true / false); Tess is assigned and has not submitted."""
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([claim], [reviewer, other_reviewer, third_reviewer], by=editor)
    submitted_review(claim, reviewer, "true")
    submitted_review(claim, other_reviewer, "false")
    claim.refresh_from_db()
    assert claim.status == S.DISPUTED
    return claim


def test_before_submitting_a_reviewer_sees_nothing_of_the_others(disputed, third_reviewer):
    assert visibility.shown_status(third_reviewer, disputed) == S.IN_REVIEW
    assert visibility.other_reviews(third_reviewer, disputed) == []
    assert not visibility.may_discuss(third_reviewer, disputed)
    assert not visibility.comments(third_reviewer, disputed).exists()
    assert not visibility.shows_reviewer_names(third_reviewer)


def test_after_submitting_a_reviewer_reads_the_others_and_sees_the_dispute(disputed, reviewer):
    others = visibility.other_reviews(reviewer, disputed)
    assert [review.reviewer.username for review in others] == ["otto"]
    assert visibility.may_discuss(reviewer, disputed)
    # They read the other verdicts now: that the reviews disagree tells them nothing more.
    assert visibility.shown_status(reviewer, disputed) == S.DISPUTED


def test_editors_see_everything(disputed, editor):
    assert visibility.shown_status(editor, disputed) == S.DISPUTED
    assert {r.reviewer.username for r in visibility.other_reviews(editor, disputed)} == {
        "rita",
        "otto",
    }
    assert visibility.shows_reviewer_names(editor)


def test_a_deactivated_account_sees_nothing(disputed, outsider):
    assert visibility.other_reviews(outsider, disputed) == []
    assert not visibility.may_discuss(outsider, disputed)
    assert not visibility.may_export(outsider, internal=False)


def test_the_final_verdict_is_public_only_once_published(editor, reviewer, other_reviewer):
    resolved = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer, other_reviewer])
    assert visibility.sees_final_verdict(editor, resolved)
    assert not visibility.sees_final_verdict(reviewer, resolved)
    published = claim_in_status(S.PUBLISHED, editor=editor, reviewers=[reviewer, other_reviewer])
    assert visibility.sees_final_verdict(reviewer, published)


def test_suggested_sources_leave_out_what_only_another_reviewer_cited(disputed, third_reviewer):
    library = Source.objects.all()
    assert library.exists()
    assert not visibility.suggestable_sources(third_reviewer, library).exists()


@pytest.mark.parametrize(
    ("may", "internal", "allowed"),
    [(False, False, False), (True, False, True), (True, True, False)],
)
def test_reviewers_export_only_what_is_published_and_only_when_allowed(
    settings, reviewer, may, internal, allowed
):
    settings.FACTCHECK_REVIEWERS_MAY_EXPORT = may
    assert visibility.may_export(reviewer, internal=internal) is allowed


def _counts(html):
    """The article list's column headings and first row's numbers."""
    headings = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    numbers = re.findall(r'<td class="num"[^>]*>(\d+)</td>', html)
    return headings, numbers


def test_the_article_list_hides_disputes_from_reviewers(client, disputed, third_reviewer, editor):
    client.force_login(third_reviewer)
    headings, numbers = _counts(client.get("/articles/").content.decode())
    assert "Disputed" not in headings
    in_review = headings.index("In review") - headings.index("Claims")
    assert numbers[in_review] == "1"  # the disputed claim, counted as in review

    client.force_login(editor)
    headings, numbers = _counts(client.get("/articles/").content.decode())
    assert "Disputed" in headings
    assert numbers[headings.index("Disputed") - headings.index("Claims")] == "1"
    assert numbers[headings.index("In review") - headings.index("Claims")] == "0"


def test_the_submit_that_makes_a_claim_disputed_shows_it_in_the_panel(
    client, editor, reviewer, other_reviewer
):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([claim], [reviewer, other_reviewer], by=editor)
    submitted_review(claim, other_reviewer, "false")
    client.force_login(reviewer)
    client.post(
        f"/review/{claim.pk}/evidence/",
        {"version": 0, "url": "https://stats.example.org/a", "stance": "supports", "kind": "news"},
        headers={"HX-Request": "true"},
    )
    response = client.post(
        f"/review/{claim.pk}/submit/",
        {"version": 1, "verdict": verdict("true").pk, "rationale": "Census."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'class="badge status-disputed">Disputed<' in response.content.decode()


def _row_counts(html, title):
    """The column headings and the numbers of the row of the article titled `title`."""
    headings = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    row = html[html.index(title) :].split("</tr>")[0]
    numbers = re.findall(r'<td class="num"[^>]*>(\d+)</td>', row)
    return dict(zip(headings[headings.index("Claims") :], numbers, strict=True))


def test_the_article_list_counts_as_disputed_only_what_the_reviewer_submitted_on(
    client, editor, reviewer, other_reviewer, third_reviewer, disputed
):
    """As on the article page: before submitting, a disputed claim is "in review" to a
    reviewer; once theirs is in, it is disputed to them, and only it."""
    elsewhere = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([elsewhere], [other_reviewer, third_reviewer], by=editor)
    submitted_review(elsewhere, other_reviewer, "true")
    submitted_review(elsewhere, third_reviewer, "false")
    title, other_title = disputed.article.title, elsewhere.article.title
    assert title != other_title

    client.force_login(reviewer)  # submitted on `disputed` only
    html = client.get("/articles/").content.decode()
    assert _row_counts(html, title)["Disputed"] == "1"
    other = _row_counts(html, other_title)
    assert (other["Disputed"], other["In review"]) == ("0", "1")

    newcomer = UserFactory(username="nina", role=User.Role.REVIEWER)
    assignments.assign([disputed], [newcomer], by=editor)
    client.force_login(newcomer)  # assigned, has submitted nothing
    html = client.get("/articles/").content.decode()
    assert "Disputed" not in html and "disputed" not in html
    assert _row_counts(html, title)["In review"] == "1"


def test_the_reviewers_article_list_still_costs_a_fixed_number_of_queries(
    client, editor, reviewer, other_reviewer, django_assert_max_num_queries
):
    for _ in range(10):
        claim = claim_in_status(S.DISPUTED, editor=editor, reviewers=[reviewer, other_reviewer])
        assert claim.status == S.DISPUTED
    client.force_login(reviewer)
    with django_assert_max_num_queries(7):
        html = client.get("/articles/").content.decode()
    assert html.count('data-label="Disputed">1<') == 10
