"""Importing an article and proposing its claims, in one transaction."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from factcheck.articles.models import Article
from factcheck.claims.extraction import Score, Sentence
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim
from tests.claims.seed import SEED

pytestmark = pytest.mark.django_db


def test_claims_are_proposed_on_import_with_exact_anchors(editor):
    outcome = import_and_propose(SEED.read_bytes(), by=editor, filename=SEED.name)
    article = outcome.article
    claims = list(article.claims.all())
    assert outcome.created and claims
    assert sorted(claim.pk for claim in outcome.proposed) == sorted(claim.pk for claim in claims)
    assert all(claim.status == Claim.Status.SUGGESTED for claim in claims)
    assert all(article.body[claim.start : claim.end] == claim.text for claim in claims)
    assert any("78.2 years" in claim.text for claim in claims)
    assert claims[0].history.latest().history_type == "+"


def test_importing_the_same_text_again_proposes_nothing_more(editor):
    first = import_and_propose(SEED.read_bytes(), by=editor)
    again = import_and_propose(SEED.read_bytes(), by=editor)
    assert not again.created and again.article == first.article
    assert again.proposed == []
    assert Claim.objects.count() == len(first.proposed)


def test_a_failure_while_proposing_claims_rolls_the_whole_import_back(editor):
    with (
        mock.patch("factcheck.claims.proposals.scored_sentences", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        import_and_propose(SEED.read_bytes(), by=editor)
    assert not Article.objects.exists() and not Claim.objects.exists()


def test_a_mis_anchored_proposal_rolls_the_whole_import_back(editor):
    body = "Exports grew by 7.5 percent in 2021."
    drifted = Sentence(start=1, end=len(body), text=body, paragraph=0)  # text one place off
    score = Score(checkworthiness=0.9, checkworthy=True, kind="statistic", reasons=["figure"])
    with (
        mock.patch("factcheck.claims.proposals.scored_sentences", return_value=[(drifted, score)]),
        pytest.raises(ValidationError, match="does not match the article"),
    ):
        import_and_propose(body.encode(), by=editor)
    assert not Article.objects.exists() and not Claim.objects.exists()
