import pytest
from django.core.exceptions import ValidationError

from factcheck import versioning
from factcheck.claims import editing, extraction
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Exports rose 12 percent in 2021. Imports fell 3 percent. The minister was pleased.\n\n"
    "The new bridge is the longest in Europe. It cost 2.5 billion euros."
)


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def claim_on(article, phrase, **fields):
    start = article.body.index(phrase)
    return create_claim(article, start, start + len(phrase), **fields)


def test_accepting_a_suggested_claim_opens_it_and_bumps_its_version(article, editor):
    claim = claim_on(article, "Imports fell 3 percent.", status=Claim.Status.SUGGESTED)
    accepted = editing.accept(claim, by=editor, expected_version=1)
    assert accepted.status == Claim.Status.OPEN and accepted.version == 2
    record = claim.history.latest()
    assert record.history_user == editor and record.history_change_reason == "accepted"


def test_a_stale_version_is_a_conflict_and_writes_nothing(article, editor):
    claim = claim_on(article, "Imports fell 3 percent.", status=Claim.Status.SUGGESTED)
    editing.restate(claim, "Imports fell by 3% in 2021", by=editor, expected_version=1)
    with pytest.raises(versioning.Conflict):
        editing.dismiss(claim, by=editor, reason="opinion", expected_version=1)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUGGESTED and claim.version == 2


def test_dismissing_needs_a_reason(article, editor):
    claim = claim_on(article, "The minister was pleased.", status=Claim.Status.SUGGESTED)
    with pytest.raises(ValidationError, match="Say why"):
        editing.dismiss(claim, by=editor, reason="  ")
    editing.dismiss(claim, by=editor, reason="opinion")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED and claim.dismissal_reason == "opinion"
    editing.accept(claim, by=editor)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.OPEN and claim.dismissal_reason == ""


def test_bulk_accept_above_and_dismiss_below_a_score(article, editor):
    high = claim_on(article, "Exports rose 12 percent in 2021.", status="suggested",
                    checkworthiness=0.9)  # fmt: skip
    low = claim_on(article, "The minister was pleased.", status="suggested", checkworthiness=0.2)
    accepted = editing.accept_above(article, 0.5, by=editor)
    dismissed = editing.dismiss_below(article, 0.5, by=editor, reason="low score")
    assert [c.pk for c in accepted] == [high.pk] and [c.pk for c in dismissed] == [low.pk]
    with pytest.raises(ValidationError):
        editing.dismiss_below(article, 0.5, by=editor, reason="")


def test_boundaries_move_and_are_trimmed(article, editor):
    claim = claim_on(article, "Imports fell 3 percent.")
    start = article.body.index("Exports")
    moved = editing.set_span(claim, start, claim.end + 1, by=editor)
    assert moved.text == "Exports rose 12 percent in 2021. Imports fell 3 percent."
    assert moved.text == article.body[moved.start : moved.end]


def test_boundaries_cannot_leave_the_article_or_copy_another_claim(article, editor):
    first = claim_on(article, "Exports rose 12 percent in 2021.")
    second = claim_on(article, "Imports fell 3 percent.")
    with pytest.raises(ValidationError):
        editing.set_span(second, 0, 10_000, by=editor)
    with pytest.raises(ValidationError, match="already covers"):
        editing.set_span(second, first.start, first.end, by=editor)
    second.refresh_from_db()
    assert second.text == "Imports fell 3 percent."


def test_extending_takes_in_the_neighbouring_sentence_of_the_paragraph(article, editor):
    claim = claim_on(article, "Imports fell 3 percent.")
    extended = editing.extend(claim, "next", by=editor)
    assert extended.text == "Imports fell 3 percent. The minister was pleased."
    extended = editing.extend(extended, "previous", by=editor)
    assert extended.text.startswith("Exports rose 12 percent")
    with pytest.raises(ValidationError, match="no earlier sentence"):
        editing.extend(extended, "previous", by=editor)


def test_splitting_makes_two_claims_that_cover_the_original(article, editor):
    claim = claim_on(article, "Exports rose 12 percent in 2021. Imports fell 3 percent.")
    at = article.body.index("Imports")
    first, second = editing.split(claim, at, by=editor)
    assert first.text == "Exports rose 12 percent in 2021."
    assert second.text == "Imports fell 3 percent."
    assert second.status == claim.status and second.paragraph == 0


@pytest.mark.parametrize("offset", [0, 1000])
def test_splitting_outside_the_claim_is_refused(article, editor, offset):
    claim = claim_on(article, "Imports fell 3 percent.")
    with pytest.raises(ValidationError):
        editing.split(claim, offset, by=editor)
    assert Claim.objects.count() == 1


def test_merging_adjacent_claims_makes_one(article, editor):
    first = claim_on(article, "Exports rose 12 percent in 2021.")
    second = claim_on(article, "Imports fell 3 percent.")
    merged = editing.merge(first, second, by=editor)
    assert merged.text == "Exports rose 12 percent in 2021. Imports fell 3 percent."
    assert list(Claim.objects.all()) == [merged]


def test_claims_with_text_between_them_cannot_merge(article, editor):
    first = claim_on(article, "Exports rose 12 percent in 2021.")
    third = claim_on(article, "The minister was pleased.")
    with pytest.raises(ValidationError, match="adjacent"):
        editing.merge(first, third, by=editor)
    assert Claim.objects.count() == 2


def test_claims_under_review_keep_their_wording(article, editor):
    claim = claim_on(article, "Imports fell 3 percent.", status=Claim.Status.IN_REVIEW)
    with pytest.raises(ValidationError, match="in review"):
        editing.set_span(claim, 0, 10, by=editor)


def test_a_selection_becomes_a_scored_claim(article, editor):
    start = article.body.index("It cost")
    end = len(article.body)
    claim = editing.create_from_selection(article, start - 1, end, " It cost 2.5 billion euros.",
                                          by=editor)  # fmt: skip
    assert claim.text == "It cost 2.5 billion euros."
    assert claim.origin == Claim.Origin.MANUAL and claim.status == Claim.Status.OPEN
    assert claim.checkworthiness is not None and claim.reasons


def test_a_selection_across_paragraphs_tolerates_how_browsers_render_line_breaks(article, editor):
    start = article.body.index("The minister")
    end = article.body.index("The new bridge") + len("The new bridge")
    claim = editing.create_from_selection(
        article, start, end, "The minister was pleased.\nThe new bridge", by=editor
    )
    assert claim.text == article.body[start:end]


def test_a_selection_that_does_not_match_the_article_is_refused(article, editor):
    with pytest.raises(ValidationError, match="does not match"):
        editing.create_from_selection(article, 0, 7, "Imports", by=editor)
    with pytest.raises(ValidationError, match="outside"):
        editing.create_from_selection(article, 0, 99_999, "Exports", by=editor)
    assert not Claim.objects.exists()


def test_moving_the_boundaries_parses_the_figures_again(article, editor):
    claim = claim_on(article, "Imports fell 3 percent.")
    assert [f["value"] for f in claim.figures] == [3.0]
    moved = editing.extend(claim, "previous", by=editor)
    assert sorted(f["value"] for f in moved.figures if f["kind"] == "percent") == [3.0, 12.0]


def test_a_claim_with_reviews_is_not_merged_away(article, editor, reviewer):
    from factcheck.reviews.models import Review

    first = claim_on(article, "Exports rose 12 percent in 2021.")
    second = claim_on(article, "Imports fell 3 percent.")
    Review.objects.create(claim=second, reviewer=reviewer)
    with pytest.raises(ValidationError, match="has reviews"):
        editing.merge(first, second, by=editor)
    assert Claim.objects.count() == 2


def test_each_half_of_a_split_is_scored_afresh(article, editor):
    claim = claim_on(
        article,
        "Imports fell 3 percent. The minister was pleased.",
        kind=Claim.Kind.STATISTIC,
        checkworthiness=0.97,
        reasons=["a figure"],
    )
    at = article.body.index("The minister")
    first, second = editing.split(claim, at, by=editor)
    for half in (first, second):
        score = extraction.score(half.text)
        assert half.kind == score.kind
        assert half.checkworthiness == pytest.approx(score.checkworthiness, abs=1e-4)
        assert half.reasons == list(score.reasons)
    assert second.checkworthiness != 0.97 and second.kind != Claim.Kind.STATISTIC
    assert second.history.earliest().history_user == editor
