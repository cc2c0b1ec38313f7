"""Agreement figures on known examples, computed from reviews in the database."""

import math

import pytest

from factcheck.claims.proposals import create_claim
from factcheck.reviews import agreement
from tests.factories import ArticleFactory, UserFactory, submitted_review

pytestmark = pytest.mark.django_db

NA = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, values 1..5, missing data. Ordinal alpha = 0.815 (nominal 0.743, interval 0.849).
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    "C": [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
}
SLUG_OF_RATING = {1: "false", 2: "mostly-false", 3: "half-true", 4: "mostly-true", 5: "true"}


def article_with_claims(count, tag=""):
    body = "\n\n".join(f"Claim {tag}{n} says {n * 7} percent." for n in range(count))
    article = ArticleFactory(body=body)
    claims = []
    for paragraph in body.split("\n\n"):
        start = body.index(paragraph)
        claims.append(create_claim(article, start, start + len(paragraph)))
    return article, claims


def test_ordinal_alpha_of_krippendorffs_own_example():
    units = zip(*KRIPPENDORFF_2011.values(), strict=True)
    result = agreement.ordinal_alpha([v for v in unit if v is not None] for unit in units)
    assert round(result.value, 3) == 0.815
    assert result.claims == 11  # the last unit has a single value: it cannot be paired


def test_alpha_from_the_database_matches_the_textbook_and_ignores_non_ratings(
    django_assert_num_queries,
):
    article, claims = article_with_claims(12)
    for username, values in KRIPPENDORFF_2011.items():
        reviewer = UserFactory(username=username.lower())
        for claim, value in zip(claims, values, strict=True):
            if value is not None:
                submitted_review(claim, reviewer, SLUG_OF_RATING[value])
    # A fifth reviewer who found it unverifiable changes nothing: it is not a rating.
    submitted_review(claims[0], UserFactory(username="e"), "unverifiable")
    with django_assert_num_queries(1):
        overall = agreement.overall_alpha()
    assert round(overall.value, 3) == 0.815 and overall.claims == 11
    with django_assert_num_queries(1):
        per_article = agreement.alpha_by_article()
    assert round(per_article[article.pk].value, 3) == 0.815
    assert agreement.article_alpha(article) == overall


def test_alpha_needs_two_claims_with_two_ratings():
    article, claims = article_with_claims(2)
    first, second = UserFactory(username="ann"), UserFactory(username="bob")
    submitted_review(claims[0], first, "true")
    submitted_review(claims[0], second, "false")
    submitted_review(claims[1], first, "true")
    result = agreement.article_alpha(article)
    assert result.value is None and result.claims == 1 and not result.enough_data
    submitted_review(claims[1], second, "true")
    assert agreement.article_alpha(article).claims == 2
    assert agreement.article_alpha(article).enough_data


def test_alpha_is_not_defined_when_every_rating_is_the_same():
    assert agreement.ordinal_alpha([[4, 4], [4, 4, 4]]) == agreement.Agreement(None, 2)


def test_alpha_counts_each_article_separately():
    one, one_claims = article_with_claims(2, tag="a")
    two, two_claims = article_with_claims(2, tag="b")
    ann, bob = UserFactory(username="ann"), UserFactory(username="bob")
    for claim in one_claims:
        submitted_review(claim, ann, "true")
        submitted_review(claim, bob, "true" if claim == one_claims[0] else "false")
    submitted_review(two_claims[0], ann, "true")
    result = agreement.alpha_by_article()
    assert result[one.pk].claims == 2 and result[two.pk] == agreement.Agreement(None, 0)


# Cohen's kappa: the textbook two-rater example (Wikipedia, "Cohen's kappa": 50 proposals,
# yes/no, 20 both yes, 15 both no, 5 and 10 split) gives p_o = 0.7, p_e = 0.5, kappa = 0.4.
def test_cohen_kappa_of_the_textbook_example():
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10
    pairs += [("no", "no")] * 15
    result = agreement.cohen_kappa(pairs)
    assert result.value == pytest.approx(0.4) and result.claims == 50


def test_kappa_per_reviewer_pair_from_the_database(django_assert_num_queries):
    # The same proportions on ten claims: 4 agree true, 1 and 2 split, 3 agree false.
    _article, claims = article_with_claims(10)
    ann, bob, cid = (UserFactory(username=name) for name in ("ann", "bob", "cid"))
    plan = [("true", "true")] * 4 + [("true", "false")] + [("false", "true")] * 2
    plan += [("false", "false")] * 3
    for claim, (first, second) in zip(claims, plan, strict=True):
        submitted_review(claim, ann, first)
        submitted_review(claim, bob, second)
    for claim in claims[:2]:
        submitted_review(claim, cid, "true")
    with django_assert_num_queries(1):
        pairs = agreement.pairwise_kappa()
    by_pair = {(p.first, p.second): p.agreement for p in pairs}
    assert by_pair[("ann", "bob")].value == pytest.approx(0.4)
    assert by_pair[("ann", "bob")].claims == 10
    assert by_pair[("ann", "cid")] == agreement.Agreement(None, 2)  # too few shared claims
    assert list(by_pair) == [("ann", "bob"), ("ann", "cid"), ("bob", "cid")]


def test_kappa_is_not_defined_when_both_always_say_the_same_thing():
    assert agreement.cohen_kappa([("true", "true")] * 4).value is None


def test_perfect_disagreement_has_a_negative_kappa():
    value = agreement.cohen_kappa([("true", "false"), ("false", "true")] * 2).value
    assert value == pytest.approx(-1.0) and not math.isnan(value)
