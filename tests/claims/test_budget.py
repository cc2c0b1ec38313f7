"""The proposal budget's rule, with fixed scores: what is proposed, held back, or left out."""

import pytest

from factcheck.claims.budget import Band, Budget, allocate, band_of, ranked
from tests.test_settings import manage

BUDGET = Budget(high=0.7, medium=0.45, min_score=0.25, share=0.35, minimum=3)


def test_every_high_score_is_proposed_even_beyond_the_share():
    scores = [0.9, 0.8, 0.75, 0.71, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]  # share: 3 of 10
    allocation = allocate(scores, BUDGET)
    assert allocation.proposed == [0, 1, 2, 3]
    assert allocation.held_back == []


def test_the_best_of_the_rest_fill_the_share_and_the_others_are_held_back_ranked():
    # 20 sentences: the share is 7 proposals.
    scores = [0.05] * 20
    scores[3], scores[9] = 0.95, 0.72  # high
    for index, score in {1: 0.3, 4: 0.6, 7: 0.5, 12: 0.69, 15: 0.4, 16: 0.26, 18: 0.55}.items():
        scores[index] = score
    scores[19] = 0.2499  # below the minimum score: neither proposed nor held back
    allocation = allocate(scores, BUDGET)
    assert allocation.proposed == [3, 9, 12, 4, 18, 7, 15]
    assert allocation.held_back == [1, 16]


def test_ties_are_broken_by_reading_order():
    scores = [0.5, 0.6, 0.5, 0.5, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5]
    allocation = allocate(scores, BUDGET)
    assert allocation.proposed == [1, 4, 0]
    assert allocation.held_back == [2, 3, 5, 6, 7, 8, 9]
    assert allocate(list(scores), BUDGET) == allocation
    assert ranked([0.4, 0.4, 0.9]) == [2, 0, 1]


def test_a_short_article_gets_the_minimum_when_enough_sentences_score_above_the_floor():
    assert allocate([0.3, 0.5, 0.4, 0.1], BUDGET).proposed == [1, 2, 0]
    # Only two sentences are worth offering: two proposals, not three.
    allocation = allocate([0.3, 0.1, 0.5, 0.2], BUDGET)
    assert allocation.proposed == [2, 0]
    assert allocation.held_back == []


def test_the_share_counts_every_sentence_of_the_article_and_rounds_down():
    assert BUDGET.target(100) == 35
    assert BUDGET.target(28) == 9  # 9.8
    assert BUDGET.target(4) == 3  # the minimum
    everything = Budget(high=1.0, medium=0.5, min_score=0.0, share=1.0, minimum=0)
    assert allocate([0.0, 0.2, 0.1], everything).proposed == [1, 2, 0]
    nothing = Budget(high=1.0, medium=0.5, min_score=0.5, share=0.0, minimum=0)
    assert allocate([0.9, 0.4], nothing).proposed == []
    assert allocate([0.9, 0.4], nothing).held_back == [0]


def test_an_article_without_sentences_gets_nothing():
    allocation = allocate([], BUDGET)
    assert allocation.proposed == [] and allocation.held_back == []


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1.0, Band.HIGH),
        (0.7, Band.HIGH),
        (0.6999, Band.MEDIUM),
        (0.45, Band.MEDIUM),
        (0.4499, Band.LOW),
        (0.0, Band.LOW),
    ],
)
def test_bands_split_at_the_high_and_medium_scores(score, band):
    assert BUDGET.band(score) == band


def test_the_bands_follow_the_settings(settings):
    settings.FACTCHECK_PROPOSAL_HIGH = 0.9
    settings.FACTCHECK_PROPOSAL_MEDIUM = 0.8
    assert band_of(0.85) == Band.MEDIUM
    assert band_of(0.75) == Band.LOW
    assert band_of(None) is None
    assert Band.HIGH.label == "High"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FACTCHECK_PROPOSAL_SHARE": "1.5"}, "FACTCHECK_PROPOSAL_SHARE='1.5' must be between"),
        ({"FACTCHECK_PROPOSAL_HIGH": "high"}, "FACTCHECK_PROPOSAL_HIGH='high' is not a number"),
        ({"FACTCHECK_PROPOSAL_MIN": "-1"}, "FACTCHECK_PROPOSAL_MIN='-1' must be at least 0"),
        (
            {"FACTCHECK_PROPOSAL_HIGH": "0.4", "FACTCHECK_PROPOSAL_MEDIUM": "0.6"},
            "FACTCHECK_PROPOSAL_MEDIUM=0.6 must not be above FACTCHECK_PROPOSAL_HIGH=0.4",
        ),
    ],
)
def test_a_bad_budget_setting_stops_the_program_with_one_line(env, message):
    result = manage("check", DJANGO_DEBUG="true", **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]


def test_a_sentence_stating_a_quantity_is_proposed_from_figure_min_without_its_score_moving():
    budget = Budget(high=0.7, medium=0.45, min_score=0.25, share=0.2, minimum=0, figure_min=0.15)
    scores = [0.9, 0.5, 0.2, 0.4, 0.1]
    statistics = [False, False, True, False, True]
    allocation = allocate(scores, budget, statistics=statistics)
    # 0.9 is high; the statistic at 0.2 clears figure_min, the one at 0.1 does not; the share
    # (one of five) is already used, so 0.5 and 0.4 are held back, ranked.
    assert allocation.proposed == [0, 2]
    assert allocation.held_back == [1, 3]
    assert budget.band(scores[2]) == "low"
    # Without the flags, the same scores give the plain ranking.
    assert allocate(scores, budget).proposed == [0]


def test_figure_min_at_one_turns_the_quantity_rule_off():
    budget = Budget(high=0.7, medium=0.45, min_score=0.25, share=0.0, minimum=0, figure_min=1.0)
    assert allocate([0.6, 0.3], budget, statistics=[True, True]).proposed == []
