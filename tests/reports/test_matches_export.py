"""The JSON export's `matches`: claims checked before, here or by other fact-checkers."""

import json

import pytest

from factcheck.claims import matching
from factcheck.claims.external import import_claimreviews
from factcheck.claims.proposals import create_claim
from factcheck.reports.registry import export
from factcheck.reports.selection import ExportOptions
from factcheck.reviews import workflow
from tests.factories import ArticleFactory, claim_in_status

pytestmark = pytest.mark.django_db

EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."
CHANGED = "Some 700 million rural Chinese have been lifted out of poverty since 1978."
EXTERNAL = "Some 700 million rural Chinese were lifted out of poverty since 1978."


def exported(article, scope="all"):
    text = "".join(export("json", [article], ExportOptions(scope=scope)))
    return json.loads(text)["claims"]


@pytest.fixture
def matched(editor, reviewer):
    earlier = claim_in_status(
        "resolved", editor=editor, reviewers=[reviewer], article=ArticleFactory(body=EARLIER)
    )
    import_claimreviews(
        json.dumps(
            {
                "@type": "ClaimReview",
                "url": "https://checks.example.org/700",
                "claimReviewed": EXTERNAL,
                "author": {"name": "Example Check"},
                "reviewRating": {"alternateName": "False"},
            }
        )
    )
    matching.index_claims([earlier])
    article = ArticleFactory(body=CHANGED)
    claim = create_claim(article, 0, len(CHANGED))
    matching.match_claims([claim])
    return earlier, article


def test_each_claim_lists_its_matches_with_the_differing_figures(matched):
    earlier, article = matched
    (claim,) = exported(article)
    external, internal = claim["matches"]
    assert external == {
        "relation": "same",
        "origin": "external",
        "text": EXTERNAL,
        "verdict": "False",
        "publisher": "Example Check",
        "url": "https://checks.example.org/700",
        "score": external["score"],
        "claim": None,
        "differences": [],
    }
    assert 0.6 < external["score"] <= 1
    assert internal["relation"] == "related" and internal["origin"] == "internal"
    assert internal["claim"] == earlier.pk and internal["verdict"] == "true"
    assert internal["differences"] == [
        {
            "kind": "count",
            "this": "Some 700 million rural Chinese",
            "other": "Some 770 million rural Chinese",
        }
    ]


def test_a_published_export_lists_only_our_published_earlier_claims(matched, editor, reviewer):
    earlier, _ = matched
    article = ArticleFactory(body=f"{CHANGED}\n\nA second report.")
    published = claim_in_status("published", editor=editor, reviewers=[reviewer], article=article)
    matching.match_claims([published])
    (claim,) = exported(article, "published")
    assert [match["origin"] for match in claim["matches"]] == ["external"]
    workflow.publish(earlier, by=editor)
    (claim,) = exported(article, "published")
    assert [match["origin"] for match in claim["matches"]] == ["external", "internal"]
