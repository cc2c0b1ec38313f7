import json
import math
import sys
import types

import pytest

from factcheck.claims.extraction import (
    Model,
    extract,
    features,
    load_model,
    model_for,
    score,
    segment,
)
from factcheck.claims.extraction.scoring import MODEL_PATH, ZH_MODEL_PATH, default_threshold
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


# The seed's figure statements but one: "... is committed to providing a happy and dignified life
# for some one fifth of the world's population" reads as an aspiration, worded as the debates'
# promises are, and the model (no longer lifting every figure to the threshold) scores it 0.2.
PROPOSED_FIGURES = [phrase for phrase in FIGURE_PHRASES if not phrase.startswith("one fifth")]


def test_the_seed_figure_statements_are_proposed_with_the_shipped_threshold(tuned):
    body = seed_body()
    results = dict(extract(body, threshold=tuned))
    for phrase in PROPOSED_FIGURES:
        sentence = sentence_with(phrase, list(results))
        assert body[sentence.start : sentence.end] == sentence.text
        assert results[sentence].checkworthy, phrase


def test_the_seed_figures_are_proposed_when_the_setting_leaves_the_threshold_to_the_model(
    settings,
):
    settings.FACTCHECK_CLAIM_THRESHOLD = None
    proposed = [sentence.text for sentence, result in extract(seed_body()) if result.checkworthy]
    for phrase in PROPOSED_FIGURES:
        assert any(phrase in text for text in proposed), phrase


def test_the_seed_figure_statements_rank_near_the_top_and_above_its_slogans():
    ranked = [
        sentence.text
        for sentence, result in sorted(
            extract(seed_body()), key=lambda item: -item[1].checkworthiness
        )
    ]
    for phrase in PROPOSED_FIGURES:
        rank = next(i for i, text in enumerate(ranked) if phrase in text)
        assert rank < len(ranked) // 2, phrase
        assert rank < ranked.index(OPINION), phrase


def test_the_configured_threshold_is_used_when_set(settings):
    sentence = "The average life expectancy has risen to 78.2 years."
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.99
    assert default_threshold() == 0.99
    assert not score(sentence).checkworthy
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.01
    assert score("I think so.").checkworthy


def test_an_opinion_slogan_scores_low_and_says_why():
    result = score(OPINION)
    assert result.checkworthiness < 0.5
    assert any(reason.startswith("opinion marker:") for reason in result.reasons)
    assert any("staunch defender" in reason for reason in result.reasons)


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
        ("The party was founded decades ago.", "historical", None),
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
    model = Model(bias=-1.0, weights={"figure": 2.0}, threshold=0.5, ngrams={"percent": 0.5})
    result = score("It rose 5 percent.", model=model, threshold=0.5)
    assert result.checkworthiness == round(1 / (1 + math.exp(-1.5)), 4)
    assert result.reasons[0].startswith("contains a figure: 5 percent")
    assert score("Nothing here.", model=model, threshold=0.5).checkworthiness == round(
        1 / (1 + math.exp(1.0)), 4
    )


def test_an_ngram_counts_once_however_often_the_sentence_repeats_it():
    model = Model(bias=0.0, weights={}, threshold=0.5, ngrams={"very": -1.0})
    once = score("It is very big.", model=model, threshold=0.5)
    thrice = score("It is very very very big.", model=model, threshold=0.5)
    assert once.checkworthiness == thrice.checkworthiness == round(1 / (1 + math.e), 4)


def test_reasons_name_the_strongest_ngrams_each_word_once():
    ngrams = {"percent of": 1.2, "percent": 0.9, "million": 0.6, "of": 0.01, "i think": -1.1}
    model = Model(bias=0.0, weights={}, threshold=0.5, ngrams=ngrams)
    result = score("I think 5 percent of them, a million, left.", model=model, threshold=0.5)
    assert result.reasons == [
        "wording typical of claims: 'percent of', 'million'",
        "wording rarely seen in claims: 'i think'",
    ]


def test_a_figure_is_evidence_not_a_guarantee():
    # No floor lifts a sentence with a number: opinion and slogan wording can outweigh it.
    model = Model(bias=0.0, weights={"figure": 0.5, "opinion": -5.0}, threshold=0.4)
    result = score("We must give a happy life to one fifth of the world.", model=model)
    assert result.checkworthiness < 0.4 and not result.checkworthy
    assert not any("raised to" in reason for reason in result.reasons)
    shipped = score("I want to thank all 50 states and you, my friends, very much!")
    assert not shipped.checkworthy


def test_the_shipped_weights_carry_their_provenance_and_no_training_text():
    document = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert document["language"] == "en"
    assert load_model().version == document["version"]
    assert 0.0 < document["threshold"] < 1.0
    for split in ("train", "dev"):
        assert len(document["training"][split]["sha256"]) == 64
    assert document["training"]["train"]["rows"] == 22501
    # A sanity floor, not an accuracy target: the old model's recipe scored 0.63 in this
    # cross-validation, and the lab's n-gram baseline 0.599 on its dev-test split.
    assert document["cross_validation"]["f1_mean"] >= 0.63
    assert len(document["ngrams"]) >= 1000
    assert max(len(name) for name in document["ngrams"]) < 60
    assert MODEL_PATH.stat().st_size < 3_000_000


def test_the_shipped_scores_are_calibrated_on_held_out_folds():
    # Of the held-out sentences scored in each tenth of the range, the share that were
    # check-worthy is close to their mean score (where there are enough of them to tell).
    document = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    table = document["cross_validation"]["reliability"]
    assert len(table) == 10
    for row in table:
        if row["sentences"] >= 200:
            assert abs(row["mean_score"] - row["checkworthy"]) < 0.06, row


def test_scores_spread_over_the_range_on_the_seed():
    results = [result.checkworthiness for _, result in extract(seed_body())]
    assert min(results) < 0.2 and max(results) > 0.9


@pytest.mark.parametrize(
    ("language", "chinese"),
    [
        ("en", False),
        ("fr", False),
        ("", False),
        ("zh", True),
        ("zh-Hant", True),
        ("zh_CN", True),
        ("ZH-tw", True),
        ("ja", True),
    ],
)
def test_each_language_gets_its_shipped_model(language, chinese):
    model = model_for(language)
    assert model.language == ("zh" if chinese else "en")
    assert model is model_for("zh" if chinese else "en")
    assert bool(model.ngrams) is not chinese


def test_the_chinese_model_has_only_readable_features():
    document = json.loads(ZH_MODEL_PATH.read_text(encoding="utf-8"))
    assert document["language"] == "zh" and document["ngrams"] == {}
    assert set(document["weights"]) <= set(features.NAMES)
    assert model_for("zh").version == document["version"]


@pytest.fixture
def chinese_features(monkeypatch):
    """A stand-in for the Chinese feature module, recording what it was asked to read."""
    seen = []

    def describe(text):
        seen.append(text)
        return [features.Feature("figure", 1.0, "contains a figure: 7.7亿", "statistic")]

    module = types.ModuleType("factcheck.claims.extraction.chinese")
    module.describe = describe  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return seen


def test_a_chinese_model_reads_the_sentence_with_the_chinese_features(chinese_features):
    model = Model(bias=-1.0, weights={"figure": 3.0}, threshold=0.5, language="zh")
    result = score("7.7亿农村贫困人口摆脱贫困。", model=model)
    assert chinese_features == ["7.7亿农村贫困人口摆脱贫困。"]
    assert result.reasons == ["contains a figure: 7.7亿"]
    assert result.checkworthiness == round(1 / (1 + math.exp(-2.0)), 4)


def test_extract_scores_each_language_with_its_own_model(chinese_features):
    body = "More than 70 percent of the world's poverty reduction came from China."
    english = extract(body, language="en")
    assert chinese_features == []
    assert any(reason.startswith("wording typical of claims") for reason in english[0][1].reasons)
    chinese = extract("中国减贫人口占同期全球减贫人口70%以上。", language="zh")
    assert chinese_features == ["中国减贫人口占同期全球减贫人口70%以上。"]
    assert chinese[0][1].reasons == ["contains a figure: 7.7亿"]


def test_a_model_for_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="no features for a model in language 'xx'"):
        Model.from_dict({"bias": 0, "weights": {}, "threshold": 0.5, "language": "xx"})
