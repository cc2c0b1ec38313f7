"""Proposing many claims at once: each claim's history record, the matching index and the
matches are written in batches, with the same content as one claim at a time, and the number
of queries does not grow with the number of claims proposed."""

import pytest
from simple_history.utils import bulk_create_with_history

from factcheck.claims import matching
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim, ClaimMatch, ExternalCheck, MatchKey
from factcheck.claims.proposals import anchored_claim, create_with_history, figures_of
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Some 770 million rural people have been lifted out of poverty since 1978.\n\n"
    "We are proud of our great achievements.\n\n"
    "The average life expectancy has risen to 78.2 years."
)
EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."
LATER = "China has lifted 770m rural Chinese out of poverty since 1978, the minister said."
ELSEWHERE = "The average life expectancy in the country has risen to 78.2 years, officials said."
UNRELATED = "Wheat exports fell by 12 percent in 2021, the ministry said."
# Fields a history record copies from its claim that differ between two articles' claims.
OWN = {"id", "article", "start", "end", "paragraph", "created_at", "updated_at"}


def unsaved_claims(article):
    spans, at = [], 0
    for paragraph in article.body.split("\n\n"):
        start = article.body.index(paragraph, at)
        spans.append((start, start + len(paragraph)))
        at = start + len(paragraph)
    return [
        anchored_claim(article, start, end, status=Claim.Status.SUGGESTED) for start, end in spans
    ]


def history_of(claim, history_fields):
    record = claim.history.get()
    values = {field: getattr(record, field) for field in history_fields}
    values.update(
        (field.attname, getattr(record, field.attname))
        for field in Claim.history.model.tracked_fields
        if field.name not in OWN
    )
    return values


def test_each_proposal_has_one_creation_record_equal_to_the_stored_claim(editor):
    article = ArticleFactory(body=BODY)
    created = create_with_history(unsaved_claims(article), by=editor, reason="Imported")
    assert len(created) == 3 and all(claim.pk for claim in created)
    for claim in Claim.objects.filter(article=article):
        record = claim.history.get()
        assert record.history_type == "+" and record.history_user == editor
        assert record.history_change_reason == "Imported"
        for field in Claim.history.model.tracked_fields:
            assert getattr(record, field.attname) == getattr(claim, field.attname), field.name


def test_the_history_is_what_simple_historys_bulk_create_with_history_writes(editor):
    ours = ArticleFactory(body=BODY)
    theirs = ArticleFactory(body="Preface.\n\n" + BODY)
    create_with_history(unsaved_claims(ours), by=editor)
    bulk_create_with_history(unsaved_claims(theirs)[1:], Claim, default_user=editor)
    compared = ["history_type", "history_user_id", "history_change_reason"]
    mine = [history_of(claim, compared) for claim in ours.claims.order_by("start")]
    simple = [history_of(claim, compared) for claim in theirs.claims.order_by("start")]
    assert mine == simple
    assert mine[0]["history_change_reason"] is None


def test_without_an_editor_the_history_names_nobody():
    article = ArticleFactory(body=BODY)
    (claim, *_rest) = create_with_history(unsaved_claims(article))
    assert claim.history.get().history_user is None


def test_new_claims_are_indexed_and_matched_as_match_claims_would(editor):
    earlier_article = ArticleFactory(body=EARLIER)
    earlier = ClaimFactory(article=earlier_article, start=0, end=len(EARLIER))
    check = ExternalCheck.objects.create(
        claim_text=ELSEWHERE,
        rating="True",
        url="https://checks.example.org/life-expectancy",
        figures=figures_of(ELSEWHERE),
    )
    matching.index_claims([earlier])
    matching.index_external_checks([check])
    body = f"{LATER}\n\n{UNRELATED}\n\nThe average life expectancy has risen to 78.2 years."
    article = ArticleFactory(body=body)
    claims = create_with_history(unsaved_claims(article))
    found = matching.match_new_claims(claims)
    expected = {claim.pk: matching.find_matches(claim) for claim in claims}
    assert found == expected
    later, unrelated, life = claims
    assert [match.claim for match in found[later.pk]] == [earlier]
    assert [match.external for match in found[life.pk]] == [check]
    assert found[unrelated.pk] == []
    stored = set(ClaimMatch.objects.values_list("claim_id", "matched_claim_id", "external_id"))
    assert stored == {(later.pk, earlier.pk, None), (life.pk, None, check.pk)}
    keys = set(MatchKey.objects.filter(claim__in=claims).values_list("claim_id", "key"))
    MatchKey.objects.filter(claim__in=claims).delete()
    matching.index_claims(claims)
    assert keys == set(MatchKey.objects.filter(claim__in=claims).values_list("claim_id", "key"))


def test_a_suggested_claim_elsewhere_sharing_the_words_is_no_match():
    other = ArticleFactory(body=EARLIER)
    suggested = ClaimFactory(article=other, start=0, end=len(EARLIER), status="suggested")
    matching.index_claims([suggested])
    claims = create_with_history(unsaved_claims(ArticleFactory(body=LATER)))
    assert matching.match_new_claims(claims) == {claims[0].pk: []}
    assert not ClaimMatch.objects.exists()


def statistics_text(sentences):
    lines = [
        f"In {1990 + n % 30}, output of item {n} grew by {n % 80 + 2}.{n % 10} percent, "
        f"the bureau said."
        for n in range(sentences)
    ]
    return "\n\n".join(" ".join(lines[at : at + 5]) for at in range(0, sentences, 5)).encode()


def test_importing_many_sentences_costs_a_number_of_queries_independent_of_their_count(
    editor, django_assert_max_num_queries
):
    earlier = ClaimFactory(article=ArticleFactory(body=EARLIER), start=0, end=len(EARLIER))
    matching.index_claims([earlier])
    with django_assert_max_num_queries(40):
        outcome = import_and_propose(statistics_text(400), by=editor)
    assert len(outcome.proposed) > 300
    assert Claim.history.filter(article=outcome.article).count() == len(outcome.proposed)
    assert MatchKey.objects.filter(claim__article=outcome.article).count() > 4 * 300
