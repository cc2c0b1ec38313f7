from unittest import mock

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError

from factcheck.articles.models import Article
from factcheck.claims import editing, extraction
from factcheck.claims.extraction import Model, Score, Sentence
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Candidate, Claim
from factcheck.claims.proposals import create_claim, propose_claims, set_language, show_more
from tests.claims.fixed_scores import MEDIUM, NONE, STRONG, WEAK, body_of, fixed_model
from tests.claims.seed import FIGURE_PHRASES, SEED
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


def test_the_budget_settings_decide_what_is_proposed(settings):
    settings.FACTCHECK_PROPOSAL_SHARE = 1.0
    settings.FACTCHECK_PROPOSAL_MIN_SCORE = 0.0
    article = ArticleFactory(body=BODY)
    assert len(propose_claims(article)) == 3
    settings.FACTCHECK_PROPOSAL_HIGH = 1.0
    settings.FACTCHECK_PROPOSAL_MIN_SCORE = 1.0
    settings.FACTCHECK_PROPOSAL_FIGURE_MIN = 1.0
    assert propose_claims(ArticleFactory(body=BODY + " Again.")) == []
    # The statistics among them are proposed from FACTCHECK_PROPOSAL_FIGURE_MIN.
    settings.FACTCHECK_PROPOSAL_FIGURE_MIN = 0.0
    proposed = propose_claims(ArticleFactory(body=BODY + " Once more."))
    assert proposed and all(claim.kind == Claim.Kind.STATISTIC for claim in proposed)


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
        mock.patch("factcheck.claims.proposals.scored_sentences", return_value=extracted),
        pytest.raises(ValidationError),
    ):
        propose_claims(article)
    assert not Claim.objects.exists() and not Candidate.objects.exists()


def test_a_held_back_sentence_not_anchored_in_the_body_is_refused_too(settings):
    settings.FACTCHECK_PROPOSAL_SHARE = 0.0
    settings.FACTCHECK_PROPOSAL_MIN = 0
    settings.FACTCHECK_PROPOSAL_FIGURE_MIN = 1.0  # the numbered test sentences are not statistics
    article = ArticleFactory(body=BODY)
    first = BODY.split("\n")[0]
    drifted = Sentence(start=1, end=len(first) + 1, text=first, paragraph=0)
    score = Score(checkworthiness=0.5, checkworthy=True, kind="statistic", reasons=["figure"])
    with (
        mock.patch("factcheck.claims.proposals.scored_sentences", return_value=[(drifted, score)]),
        pytest.raises(ValidationError),
    ):
        propose_claims(article)
    assert not Candidate.objects.exists()


# The proposal budget, with a model whose scores are fixed (tests/claims/fixed_scores.py).


@pytest.fixture
def fixed(monkeypatch, settings):
    """Score with fixed_model(); a budget of 0.7 / 0.25 / 40 % / at least 1."""
    settings.FACTCHECK_PROPOSAL_HIGH = 0.7
    settings.FACTCHECK_PROPOSAL_MIN_SCORE = 0.25
    settings.FACTCHECK_PROPOSAL_SHARE = 0.4
    settings.FACTCHECK_PROPOSAL_MIN = 1
    settings.FACTCHECK_PROPOSAL_FIGURE_MIN = 1.0  # the numbered test sentences are not statistics
    model = fixed_model("fixed-7")
    monkeypatch.setattr("factcheck.claims.proposals.scoring_model", lambda article: model)
    return model


# 10 sentences: 2 strong (0.92), 3 medium (0.62), 3 weak (0.38), 2 plain (0.03).
TEN = body_of(WEAK, STRONG, MEDIUM, NONE, WEAK, MEDIUM, STRONG, NONE, MEDIUM, WEAK)


def sentence_numbers(rows):
    return [int(row.text.split()[1]) for row in rows]


def test_the_budget_proposes_the_best_and_holds_the_next_best_back_ranked(fixed):
    article = ArticleFactory(body=TEN)
    proposed = propose_claims(article)
    # Both strong sentences, then the best two medium ones (reading order breaks the tie), up
    # to 40 % of 10 sentences; returned in reading order.
    assert sentence_numbers(proposed) == [1, 2, 5, 6]
    held = list(article.candidates.all())
    assert sentence_numbers(held) == [8, 0, 4, 9]  # the last medium one, then the weak ones
    assert all(candidate.text in TEN and candidate.model_version == "fixed-7" for candidate in held)
    assert held[0].checkworthiness == pytest.approx(0.6225, abs=1e-4) and held[0].reasons
    for claim in Claim.objects.filter(article=article):
        assert claim.model_version == "fixed-7" and claim.status == Claim.Status.SUGGESTED
    # Held-back sentences are not claims: the article's counts do not see them.
    assert article.claims.count() == 4
    assert Article.objects.with_claim_counts().get(pk=article.pk).claims_total == 4


def test_proposing_again_duplicates_neither_a_claim_nor_a_candidate(fixed):
    article = ArticleFactory(body=TEN)
    propose_claims(article)
    assert propose_claims(article) == []
    assert (article.claims.count(), article.candidates.count()) == (4, 4)


def test_a_candidate_the_budget_now_proposes_becomes_a_claim_once(fixed, settings):
    article = ArticleFactory(body=TEN)
    propose_claims(article)
    settings.FACTCHECK_PROPOSAL_SHARE = 1.0
    again = propose_claims(article)
    assert sentence_numbers(again) == [0, 4, 8, 9]
    assert article.candidates.count() == 0 and article.claims.count() == 8


def test_a_model_without_a_version_records_an_empty_one(monkeypatch):
    monkeypatch.setattr(
        "factcheck.claims.proposals.scoring_model",
        lambda article: Model(bias=3.0, weights={}, threshold=0.5),
    )
    article = ArticleFactory(body=TEN)
    assert {claim.model_version for claim in propose_claims(article)} == {""}


def test_an_explicit_threshold_proposes_everything_above_it_and_holds_nothing_back(fixed):
    article = ArticleFactory(body=TEN)
    proposed = propose_claims(article, threshold=0.5)
    assert sentence_numbers(proposed) == [1, 2, 5, 6, 8]
    assert not article.candidates.exists()
    assert propose_claims(ArticleFactory(body=TEN + " Again."), threshold=0.95) == []


def test_show_more_promotes_the_next_best_candidates_as_proposals(fixed, editor):
    article = ArticleFactory(body=TEN)
    propose_claims(article)
    shown = show_more(article, by=editor, count=3)
    assert sentence_numbers(shown) == [8, 0, 4]
    assert sentence_numbers(article.candidates.all()) == [9]
    for claim in shown:
        assert claim.status == Claim.Status.SUGGESTED and claim.origin == Claim.Origin.SUGGESTED
        assert claim.model_version == "fixed-7" and claim.reasons and claim.checkworthiness
        assert claim.text == article.body[claim.start : claim.end]
        record = claim.history.get()
        assert record.history_user == editor and record.history_type == "+"
    assert sentence_numbers(show_more(article, by=editor)) == [9]
    assert show_more(article, by=editor) == []


def test_show_more_skips_a_candidate_whose_text_became_a_claim_meanwhile(fixed, editor):
    article = ArticleFactory(body=TEN)
    propose_claims(article)
    best = article.candidates.first()
    create_claim(article, best.start, best.end, by=editor)
    shown = show_more(article, by=editor)
    assert sentence_numbers(shown) == [0, 4, 9]
    assert article.claims.filter(start=best.start).count() == 1
    assert not article.candidates.exists()


def by_language(versions):
    """A scoring_model stand-in giving each language its own model (and version)."""
    return lambda article: fixed_model(versions[article.language])


def test_correcting_the_language_proposes_again_with_that_languages_model(
    monkeypatch, settings, editor
):
    settings.FACTCHECK_PROPOSAL_SHARE = 0.4
    settings.FACTCHECK_PROPOSAL_MIN = 1
    settings.FACTCHECK_PROPOSAL_FIGURE_MIN = 1.0  # the numbered test sentences are not statistics
    monkeypatch.setattr(
        "factcheck.claims.proposals.scoring_model", by_language({"en": "en-1", "zh": "zh-1"})
    )
    article = ArticleFactory(body=TEN, language="en")
    first = propose_claims(article)
    assert {claim.model_version for claim in first} == {"en-1"}
    accepted, restated, dismissed, untouched = first
    editing.accept(accepted, by=editor)
    editing.restate(restated, "Sentence two, restated", by=editor)
    editing.dismiss(dismissed, by=editor, reason="opinion")

    again = set_language(article, "zh", by=editor)

    article.refresh_from_db()
    assert article.language == "zh"
    assert not Claim.objects.filter(pk=untouched.pk).exists()
    kept = {
        claim.pk: claim for claim in Claim.objects.filter(article=article, model_version="en-1")
    }
    assert set(kept) == {accepted.pk, restated.pk, dismissed.pk}
    assert kept[restated.pk].normalized == "Sentence two, restated"
    # The untouched one comes back, scored by the Chinese model; nothing is duplicated.
    assert sentence_numbers(again) == [6]
    assert {claim.model_version for claim in again} == {"zh-1"}
    assert {c.model_version for c in article.candidates.all()} == {"zh-1"}
    assert article.candidates.count() == 4
    spans = list(Claim.objects.filter(article=article).values_list("start", "end"))
    assert len(spans) == len(set(spans)) == 4
    record = again[0].history.get()
    assert record.history_user == editor
    assert record.history_change_reason == "Language corrected from en to zh"
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.user == editor and entry.get_change_message() == "Language corrected from en to zh"


def test_the_second_half_of_a_split_suggestion_is_kept_when_proposing_again(
    monkeypatch, settings, editor
):
    settings.FACTCHECK_PROPOSAL_SHARE = 0.4
    monkeypatch.setattr(
        "factcheck.claims.proposals.scoring_model", by_language({"en": "en-1", "ja": "ja-1"})
    )
    article = ArticleFactory(body=TEN, language="en")
    claim = propose_claims(article)[0]
    first, second = editing.split(claim, claim.start + len("Sentence 1 "), by=editor)
    set_language(article, "ja", by=editor)
    assert Claim.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_the_same_language_again_changes_nothing(fixed, editor):
    article = ArticleFactory(body=TEN, language="en")
    proposed = propose_claims(article)
    assert set_language(article, "en", by=editor) == []
    assert list(article.claims.order_by("start")) == proposed
    assert not LogEntry.objects.exists()


def test_the_seed_article_has_every_figure_statement_proposed_within_the_default_budget(
    editor, settings
):
    article = import_and_propose(SEED.read_bytes(), by=editor).article
    proposed = [claim.text for claim in article.claims.all()]
    for phrase in FIGURE_PHRASES:
        assert any(phrase in text for text in proposed), phrase
    sentences = len(extraction.segment(article.body))
    # Beyond the share only what scores High or states a quantity: fewer than half the sentences.
    assert len(proposed) < sentences / 2
    assert article.candidates.exists()
