from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from factcheck.claims.extraction import Score, Sentence
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


# Emoji (two UTF-16 units), a decomposed accent, CJK and right-to-left text: offsets are code
# points into the body, whatever the script.
MIXED = (
    "Growth 📈 reached 7.5 percent in 2021, the minister said.\n\n"
    "Cafe\u0301 prices rose 3 percent in 2022. 中国的人均可支配收入增长了180多倍。\n\n"
    "Some 770 million people were lifted out of poverty. الأسعار ارتفعت 5 بالمئة في 2023."
)


@pytest.mark.parametrize("body", [BODY, MIXED])
def test_proposing_never_stores_a_claim_whose_text_differs_from_the_body(settings, body):
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.0
    article = ArticleFactory(body=body)
    assert propose_claims(article)
    for claim in Claim.objects.filter(article=article):
        assert claim.text and 0 <= claim.start < claim.end <= len(body)
        assert claim.text == body[claim.start : claim.end]


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (1, len(BODY.split("\n")[0]) + 1, BODY.split("\n")[0]),  # the text one place off
        (0, len(BODY) + 5, BODY),  # past the end of the body
        (4, 4, ""),  # empty
    ],
)
def test_a_sentence_not_anchored_in_the_body_is_refused_and_nothing_is_proposed(start, end, text):
    article = ArticleFactory(body=BODY)
    sentence = Sentence(start=start, end=end, text=text, paragraph=0)
    good = Sentence(start=0, end=len(BODY.split("\n")[0]), text=BODY.split("\n")[0], paragraph=0)
    score = Score(checkworthiness=0.9, checkworthy=True, kind="statistic", reasons=["figure"])
    extracted = [(good, score), (sentence, score)]
    with (
        mock.patch("factcheck.claims.proposals.extraction.extract", return_value=extracted),
        pytest.raises(ValidationError),
    ):
        propose_claims(article)
    assert not Claim.objects.exists()
