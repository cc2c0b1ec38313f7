"""Claim matching: figures normalised, the same/different-figure rule, the index, the stored
matches, and the rematch_claims command."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.claims import editing, matching
from factcheck.claims.external import import_claimreviews
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim, ClaimMatch, MatchKey
from factcheck.claims.proposals import figures_of
from tests.factories import ArticleFactory, ClaimFactory, claim_in_status

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "matching_pairs.json"


def quantities(text):
    return matching.quantities(text, figures_of(text))


def judged(a, b):
    result = matching.judge(a, figures_of(a), b, figures_of(b))
    return (result[0], result[2]) if result else (None, [])


# --- Figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "China lifted 770 million people out of poverty.",
        "China lifted 770,000,000 people out of poverty.",
        "China lifted 770m people out of poverty.",
        "China lifted 770 mln people out of poverty.",
        "China lifted some 770m people out of poverty.",
    ],
)
def test_770_million_is_the_same_figure_however_it_is_written(text):
    (quantity,) = quantities(text)
    assert (quantity.kind, quantity.value) == ("count", 770_000_000)
    assert quantity.key == "n:count::7.7e+08"


def test_over_70_percent_is_more_than_70_percent():
    over = quantities("Over 70 percent of global poverty reduction came from China.")
    more = quantities("More than 70% of global poverty reduction came from China.")
    assert over[0].equals(more[0])
    assert judged(
        "Over 70 percent of global poverty reduction came from China.",
        "More than 70% of global poverty reduction came from China.",
    ) == ("same", [])


def test_a_scale_letter_is_read_only_right_after_the_digits():
    # "770 m" with a space stays what the parser says; only "770m" is read as millions.
    assert quantities("The bridge is 770 metres long.")[0].value == 770


def test_dollars_are_not_euros():
    dollars, euros = quantities("It cost $5 billion."), quantities("It cost 5 billion euros.")
    assert not dollars[0].equals(euros[0])


# --- The same/different-figure rule ----------------------------------------------------------


def test_identical_wording_with_another_figure_is_related_not_the_same():
    relation, differences = judged(
        "Some 770 million rural Chinese have been lifted out of poverty.",
        "Some 700 million rural Chinese have been lifted out of poverty.",
    )
    assert relation == "related"
    assert differences == [
        {
            "kind": "count",
            "this": "Some 770 million rural Chinese",
            "other": "Some 700 million rural Chinese",
        }
    ]


def test_a_paraphrase_with_the_same_figures_is_the_same_claim():
    assert judged(
        "The average life expectancy has risen to 78.2 years.",
        "Life expectancy on average rose to 78.2 years, the ministry said.",
    ) == ("same", [])


def test_unrelated_claims_sharing_a_figure_and_words_do_not_match():
    assert judged(
        "Over 70 percent of global poverty reduction came from China.",
        "Over 70 percent of voters in the province backed the referendum.",
    ) == (None, [])


def test_a_year_dates_a_claim_and_differs_only_when_both_give_one():
    same = judged(
        "China lifted 770 million people out of poverty since 1978.",
        "China lifted 770 million people out of poverty.",
    )
    other_year = judged(
        "China lifted 770 million people out of poverty since 1978.",
        "China lifted 770 million people out of poverty since 1990.",
    )
    assert same == ("same", [])
    assert other_year[0] == "related"
    assert other_year[1] == [{"kind": "year", "this": "1978", "other": "1990"}]


def test_chinese_claims_are_compared_by_pairs_of_characters_and_their_figures():
    claim = "约7.7亿农村贫困人口摆脱贫困。"
    assert judged(claim, "中国有7.7亿农村贫困人口摆脱了贫困。") == ("same", [])
    assert judged(claim, "中国有7亿农村贫困人口摆脱了贫困。") == (
        "related",
        [{"kind": "count", "this": "约7.7亿", "other": "7亿"}],
    )
    assert "w:贫困" in matching.keys_for(claim, figures_of(claim))


def test_the_labelled_pairs_are_matched_with_high_precision_and_recall():
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 35 and {p["label"] for p in pairs} == {"same", "related", "none"}
    hits = {"same": [0, 0, 0], "related": [0, 0, 0]}  # true positives, predicted, actual
    for pair in pairs:
        relation = judged(pair["a"], pair["b"])[0]
        for label, counts in hits.items():
            counts[0] += relation == label == pair["label"]
            counts[1] += relation == label
            counts[2] += pair["label"] == label
    for label, (true, predicted, actual) in hits.items():
        assert true / predicted >= 0.9, label
        assert true / actual >= 0.9, label


# --- The index and the stored matches --------------------------------------------------------

EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."
LATER = "China has lifted 770m rural Chinese out of poverty since 1978, the minister said."


def article_with(*sentences, **fields):
    return ArticleFactory(body="\n\n".join(sentences), **fields)


def claim_of(article, sentence, **fields):
    start = article.body.index(sentence)
    return ClaimFactory(article=article, start=start, end=start + len(sentence), **fields)


@pytest.mark.django_db
def test_an_earlier_claim_of_another_article_is_found_through_the_index():
    earlier = claim_of(article_with(EARLIER), EARLIER)
    matching.index_claims([earlier])
    assert MatchKey.objects.filter(claim=earlier, key="n:count::7.7e+08").exists()
    later = claim_of(article_with(LATER), LATER)
    (match,) = matching.find_matches(later)
    assert match.claim == earlier and match.is_same and not match.is_external


@pytest.mark.django_db
def test_claims_of_the_same_article_and_dismissed_or_suggested_claims_are_not_matches(editor):
    article = article_with(EARLIER, LATER)
    first = claim_of(article, EARLIER)
    second = claim_of(article, LATER)
    other = article_with(EARLIER + " Indeed.")
    suggested = ClaimFactory(article=other, start=0, end=len(EARLIER), status="suggested")
    matching.index_claims([first, second, suggested])
    assert matching.find_matches(second) == []


@pytest.mark.django_db
def test_matching_stores_matches_and_replaces_them_when_run_again():
    earlier = claim_of(article_with(EARLIER), EARLIER)
    changed = "Some 700 million rural Chinese have been lifted out of poverty since 1978."
    related = claim_of(article_with(changed), changed)
    matching.index_claims([earlier])
    matching.match_claims([related])
    matching.match_claims([related])
    (stored,) = ClaimMatch.objects.filter(claim=related)
    assert stored.relation == "related" and stored.matched_claim == earlier
    assert stored.differences[0]["this"].startswith("Some 700 million")


@pytest.mark.django_db
def test_previously_checked_marks_only_claims_whose_match_has_a_verdict(
    editor, reviewer, django_assert_max_num_queries
):
    settled = claim_in_status(
        "resolved", editor=editor, reviewers=[reviewer], article=article_with(EARLIER)
    )
    open_one = claim_of(
        article_with("Life expectancy rose to 78.2 years."), "Life expectancy rose to 78.2 years."
    )
    matching.index_claims([settled, open_one])
    body = [LATER, "The average life expectancy has risen to 78.2 years.", "Nothing here."]
    article = article_with(*body)
    claims = [claim_of(article, sentence) for sentence in body]
    matching.match_claims(claims)
    with django_assert_max_num_queries(2):
        marked = matching.previously_checked(claims)
    assert list(marked) == [claims[0].pk]
    assert marked[claims[0].pk].claim == settled


@pytest.mark.django_db
def test_a_claim_never_matched_is_matched_when_its_matches_are_asked_for():
    earlier = claim_of(article_with(EARLIER), EARLIER)
    matching.index_claims([earlier])
    later = claim_of(article_with(LATER), LATER)
    assert not MatchKey.objects.filter(claim=later).exists()
    (match,) = matching.stored_matches([later])[later.pk]
    assert match.claim == earlier
    assert MatchKey.objects.filter(claim=later).exists()


@pytest.mark.django_db
def test_a_claim_whose_wording_an_editor_changed_is_matched_again(editor):
    earlier = claim_of(article_with(EARLIER), EARLIER)
    matching.index_claims([earlier])
    article = article_with("The weather was fine today.", LATER)
    claim = claim_of(article, "The weather was fine today.")
    assert matching.stored_matches([claim])[claim.pk] == []
    start = article.body.index(LATER)
    claim = editing.set_span(claim, start, start + len(LATER), by=editor)
    (match,) = matching.stored_matches([claim])[claim.pk]
    assert match.claim == earlier


@pytest.mark.django_db
def test_import_marks_proposals_checked_before(editor, reviewer):
    settled = claim_in_status(
        "published",
        editor=editor,
        reviewers=[reviewer],
        article=article_with(EARLIER, title="An earlier report"),
    )
    matching.index_claims([settled])
    text = (
        "Poverty report\n\nSome 770 million rural Chinese have been lifted out of poverty "
        "since 1978, officials said on Monday.\n\nThe weather was fine."
    )
    outcome = import_and_propose(text.encode(), by=editor, filename="report.txt")
    assert outcome.proposed
    marked = matching.previously_checked(outcome.proposed)
    assert [match.claim for match in marked.values()] == [settled]


@pytest.mark.django_db
def test_external_checks_are_searched_too():
    import_claimreviews(
        json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": "https://checks.example.org/770-million",
                "claimReviewed": "China has lifted 770 million rural people out of poverty.",
                "author": {"@type": "Organization", "name": "Example Check"},
                "reviewRating": {"@type": "Rating", "alternateName": "Mostly true"},
            }
        )
    )
    later = claim_of(article_with(LATER), LATER)
    (match,) = matching.find_matches(later)
    assert match.is_external and match.external.publisher == "Example Check"


# --- rematch_claims --------------------------------------------------------------------------


@pytest.mark.django_db
def test_rematch_claims_rebuilds_the_index_and_the_matches(capsys):
    earlier = claim_of(article_with(EARLIER), EARLIER)
    later = claim_of(article_with(LATER), LATER)
    out = StringIO()
    call_command("rematch_claims", stdout=out)
    assert "Matched 2 claims: 2 same, 0 related" in out.getvalue()
    assert "matching: 100%" in capsys.readouterr().err  # the progress bar
    assert ClaimMatch.objects.get(claim=later).matched_claim == earlier
    assert ClaimMatch.objects.get(claim=earlier).matched_claim == later


@pytest.mark.django_db
def test_rematch_claims_refuses_an_article_without_claims():
    with pytest.raises(CommandError, match="No claims"):
        call_command("rematch_claims", "--article", "999", "--no-progress", stdout=StringIO())
    assert not Claim.objects.exists()
