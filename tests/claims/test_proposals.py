import pytest

from factcheck.claims.models import Claim
from factcheck.claims.proposals import propose_claims
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Some 770 million rural people have been lifted out of poverty since 1978.\n\n"
    "We are proud of our great achievements.\n\n"
    "The average life expectancy has risen to 78.2 years."
)


def test_check_worthy_sentences_are_proposed_with_scores_kinds_and_reasons():
    article = ArticleFactory(body=BODY)
    claims = propose_claims(article)
    texts = [claim.text for claim in claims]
    assert texts == [
        "Some 770 million rural people have been lifted out of poverty since 1978.",
        "The average life expectancy has risen to 78.2 years.",
    ]
    for claim in Claim.objects.filter(article=article):
        assert claim.status == Claim.Status.SUGGESTED and claim.origin == Claim.Origin.SUGGESTED
        assert 0 <= claim.checkworthiness <= 1 and claim.reasons
        assert claim.kind == Claim.Kind.STATISTIC
        assert article.body[claim.start : claim.end] == claim.text
    assert Claim.objects.get(text__startswith="The average").paragraph == 2


def test_running_extraction_again_never_duplicates_a_claim():
    article = ArticleFactory(body=BODY)
    first = propose_claims(article)
    Claim.objects.filter(pk=first[0].pk).update(status=Claim.Status.DISMISSED)
    assert propose_claims(article) == []
    assert Claim.objects.count() == len(first)


def test_the_threshold_setting_decides_what_is_proposed(settings):
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.0
    article = ArticleFactory(body=BODY)
    assert len(propose_claims(article)) == 3
    settings.FACTCHECK_CLAIM_THRESHOLD = 1.0
    assert propose_claims(ArticleFactory(body=BODY + " Again.")) == []


def test_proposals_are_recorded_in_the_claims_history():
    article = ArticleFactory(body=BODY)
    claim = propose_claims(article)[0]
    assert claim.history.count() == 1


def test_proposed_claims_carry_their_figures_as_data():
    article = ArticleFactory(body=BODY)
    propose_claims(article)
    claim = Claim.objects.get(text__startswith="Some 770 million")
    figure = next(f for f in claim.figures if f["kind"] == "count")
    assert figure["value"] == 770_000_000 and figure["qualifier"] == "about"
    assert figure["unit"] == "people"
    assert claim.text[figure["start"] : figure["end"]] == figure["text"]
