import json
import math

import pytest

from factcheck.claims.extraction import Model, extract, load_model, score, segment
from factcheck.claims.extraction.scoring import MODEL_PATH, default_threshold
from tests.claims.seed import FIGURE_PHRASES, seed_body

OPINION = (
    "The CPC is an active promoter and staunch defender of the human rights cause, and has "
    "always included respecting and protecting human rights as a key part of national governance."
)


@pytest.fixture
def tuned():
    return load_model().threshold


def sentence_with(phrase, sentences):
    matches = [sentence for sentence in sentences if phrase in sentence.text]
    assert len(matches) == 1, phrase
    return matches[0]


def test_every_seed_sentence_stating_a_figure_is_proposed_with_the_shipped_threshold(tuned):
    body = seed_body()
    results = dict(extract(body, threshold=tuned))
    for phrase in FIGURE_PHRASES:
        sentence = sentence_with(phrase, list(results))
        assert body[sentence.start : sentence.end] == sentence.text
        assert results[sentence].checkworthy, phrase


def test_the_seed_figures_are_proposed_when_the_setting_leaves_the_threshold_to_the_model(
    settings,
):
    settings.FACTCHECK_CLAIM_THRESHOLD = None
    proposed = [sentence.text for sentence, result in extract(seed_body()) if result.checkworthy]
    for phrase in FIGURE_PHRASES:
        assert any(phrase in text for text in proposed), phrase


def test_the_configured_threshold_is_used_when_set(settings):
    sentence = "The average life expectancy has risen to 78.2 years."
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.99
    assert default_threshold() == 0.99
    assert not score(sentence).checkworthy
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.01
    assert score("I think so.").checkworthy


def test_an_opinion_slogan_scores_low_and_says_why(tuned):
    result = score(OPINION, threshold=tuned)
    assert not result.checkworthy
    assert result.checkworthiness < 0.3
    assert any(reason.startswith("opinion marker:") for reason in result.reasons)
    assert any("staunch defender" in reason for reason in result.reasons)


def test_most_opinion_and_boilerplate_of_the_seed_is_left_out(tuned):
    results = extract(seed_body(), threshold=tuned)
    left_out = [sentence.text for sentence, result in results if not result.checkworthy]
    assert OPINION in left_out
    assert len(left_out) >= len(results) // 3


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("The average life expectancy has risen to 78.2 years.", "statistic", "78.2 years"),
        ("Unemployment fell to 3.5% in 2019.", "statistic", "a percentage: 3.5%"),
        ("The deficit reached $1.4 trillion.", "statistic", "$1.4 trillion"),
        ("China is the world's second-largest economy.", "comparison", "second-largest"),
        ("It was the largest campaign in human history.", "comparison", "superlative: largest"),
        ("The Senate voted against the treaty.", "legal", "law or policy: senate"),
        ("Inflation came back because of the oil embargo.", "causal", None),
        (
            "According to the UN, poverty is falling.",
            "attribution",
            "attributed to the UN",
        ),
        ("The bank expects prices to keep going up.", "prediction", "prediction: expects"),
        ("The party was founded decades ago.", "historical", "past events: founded"),
        ("Thank you all for coming tonight.", "other", None),
    ],
)
def test_kind_and_reasons_describe_the_sentence(text, kind, reason):
    result = score(text, threshold=0.5)
    assert result.kind == kind
    if reason is not None:
        assert any(reason in given for given in result.reasons), result.reasons


def test_a_feature_whose_weight_barely_moves_the_score_is_not_given_as_a_reason():
    model = Model(bias=0.0, weights={"causal": 0.01, "legal": 1.0}, threshold=0.5)
    result = score("Prices went up because of the new tax.", model=model, threshold=0.5)
    assert result.reasons == ["law or policy: tax"]


def test_a_figure_reason_names_the_figure_with_its_unit_and_qualifier():
    result = score("Per capita income has increased by more than 180 times.", threshold=0.5)
    assert "contains a figure: more than 180 times" in result.reasons


def test_a_question_scores_lower_than_the_same_statement():
    statement = score("Taxes went up 20 percent last year.", threshold=0.5)
    question = score("Did taxes go up 20 percent last year?", threshold=0.5)
    assert question.checkworthiness < statement.checkworthiness
    assert "a question" in question.reasons


def test_the_score_is_a_probability_and_checkworthy_means_at_or_above_the_threshold():
    for sentence in segment(seed_body()):
        result = score(sentence.text, threshold=0.5)
        assert 0.0 <= result.checkworthiness <= 1.0
        assert result.checkworthy == (result.checkworthiness >= 0.5)
        assert result.reasons == [str(reason) for reason in result.reasons]


def test_the_score_is_a_logistic_function_of_the_weights_that_fire():
    model = Model(bias=-1.0, weights={"figure": 2.0, "word:percent": 0.5}, threshold=0.5)
    result = score("It rose 5 percent.", model=model, threshold=0.5)
    assert result.checkworthiness == round(1 / (1 + math.exp(-1.5)), 4)
    assert result.reasons[0].startswith("contains a figure: 5 percent")
    assert score("Nothing here.", model=model, threshold=0.5).checkworthiness == round(
        1 / (1 + math.exp(1.0)), 4
    )


def test_a_sentence_stating_a_figure_is_raised_to_the_figure_floor():
    weights = {"figure": 0.1, "opinion": -5.0}
    floored = Model(bias=0.0, weights=weights, threshold=0.4, figure_floor=0.4)
    plain = Model(bias=0.0, weights=weights, threshold=0.4)
    text = "We must give a happy life to one fifth of the world."
    assert score(text, model=plain, threshold=0.4).checkworthiness < 0.4
    result = score(text, model=floored, threshold=0.4)
    assert result.checkworthiness == 0.4 and result.checkworthy
    assert result.reasons[0] == "states a figure, so its score is raised to 0.4"
    assert score("We must be happy.", model=floored, threshold=0.4).checkworthiness < 0.4


def test_the_shipped_weights_carry_their_provenance_and_no_training_text():
    document = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(document["feature_names"]) == set(document["weights"])
    assert 0.0 < document["threshold"] < 1.0
    for split in ("train", "dev"):
        assert len(document["training"][split]["sha256"]) == 64
    assert document["training"]["train"]["rows"] == 22501
    # A sanity floor, not an accuracy target: the lab's n-gram baseline scored 0.599.
    assert document["dev_metrics"]["f1"] >= 0.6
    assert max(len(name) for name in document["weights"]) < 40
    assert MODEL_PATH.stat().st_size < 500_000
