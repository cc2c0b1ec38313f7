"""ClaimReview validated against the schema in tests/fixtures/reports/claimreview.schema.json."""

import copy
import datetime
import json

import jsonschema
import pytest

from factcheck.claims.editing import set_claimant
from factcheck.claims.models import Verdict
from factcheck.reports import sharing
from factcheck.reports.claimreview import claimreview
from factcheck.reports.registry import export
from tests.reports.conftest import GOLDEN, options, published_claim, text_of

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((GOLDEN / "claimreview.schema.json").read_text(encoding="utf-8"))


def validate(item):
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(item)


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_published_claim_has_a_valid_claimreview(fact_check):
    items = json.loads(text_of(export("claimreview", [fact_check], options())))
    assert items
    for item in items:
        validate(item)


def test_a_verdict_that_is_not_a_rating_has_a_name_and_no_number(article, editor, reviewer):
    claim = published_claim(
        article,
        article.body.split("\n\n")[1],
        editor=editor,
        reviewers=[reviewer],
        slug="unverifiable",
        rationale="Nothing can confirm it.",
        evidence=[("https://stats.example.org/x", "X", "", "context")],
    )
    item = claimreview(claim, base_url="https://factcheck.example.org")
    validate(item)
    assert item["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_the_url_is_the_public_report_once_it_is_shared(fact_check, editor):
    report = sharing.share(fact_check, by=editor)
    [item] = json.loads(text_of(export("claimreview", [fact_check], options())))
    claim = fact_check.claims.get(status="published")
    assert item["url"] == f"https://factcheck.example.org/r/{report.token}/#claim-{claim.pk}"
    validate(item)


def test_the_normalised_claim_is_what_is_reviewed_when_there_is_one(fact_check):
    claim = fact_check.claims.get(status="published")
    claim.normalized = "770 million rural people left poverty between 1978 and 2020."
    item = claimreview(claim)
    assert item["claimReviewed"] == claim.normalized


def test_the_schema_refuses_what_google_would_refuse(fact_check):
    [item] = json.loads(text_of(export("claimreview", [fact_check], options())))
    for broken in (
        {k: v for k, v in item.items() if k != "claimReviewed"},
        {**item, "url": "javascript:alert(1)"},
        {**item, "reviewRating": {"@type": "Rating", "ratingValue": 5}},
        {**item, "reviewRating": {**item["reviewRating"], "ratingValue": 9}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(copy.deepcopy(broken))


def test_an_article_without_an_outlet_url_or_date_still_validates(article, editor, reviewer):
    article.outlet = ""
    article.save()
    claim = published_claim(
        article,
        article.body.split("\n\n")[1],
        editor=editor,
        reviewers=[reviewer],
        slug="false",
        rationale="The figure is wrong.",
        evidence=[("https://stats.example.org/y", "Y", "q", "refutes")],
    )
    item = claimreview(claim, base_url="https://factcheck.example.org")
    validate(item)
    assert item["itemReviewed"] == {"@type": "Claim"}
    assert Verdict.objects.get(slug="false").rating_value == item["reviewRating"]["ratingValue"]


def test_the_public_url_template_gives_claimreview_its_url(fact_check, editor, settings):
    settings.FACTCHECK_PUBLIC_URL_TEMPLATE = (
        "https://checks.example.org/a/{article_id}/#claim-{claim_id}"
    )
    sharing.share(fact_check, by=editor)  # the template wins over the public report too
    [item] = json.loads(text_of(export("claimreview", [fact_check], options())))
    claim = fact_check.claims.get(status="published")
    assert item["url"] == f"https://checks.example.org/a/{fact_check.pk}/#claim-{claim.pk}"
    validate(item)


def test_without_the_template_an_unshared_report_links_to_the_workbench(fact_check, settings):
    settings.FACTCHECK_PUBLIC_URL_TEMPLATE = ""
    [item] = json.loads(text_of(export("claimreview", [fact_check], options())))
    claim = fact_check.claims.get(status="published")
    assert item["url"].endswith(claim.get_absolute_url())


def test_the_claim_reviewed_names_its_claimant_date_and_appearance(fact_check, editor):
    claim = fact_check.claims.get(status="published")
    claim = set_claimant(
        claim, by=editor, name="Jane Smith", kind="person", claim_date=datetime.date(2024, 2, 1)
    )
    item = claimreview(claim, base_url="https://factcheck.example.org")
    validate(item)
    assert item["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Jane Smith"},
        "datePublished": "2024-02-01",
        "appearance": {"@type": "CreativeWork", "url": "https://news.example.org/2024/poverty"},
    }


def test_without_a_claimant_the_claim_reviewed_falls_back_to_the_article(fact_check, editor):
    claim = fact_check.claims.get(status="published")
    claim = set_claimant(claim, by=editor, name="", kind="", claim_date=None)
    item = claimreview(claim, base_url="https://factcheck.example.org")
    validate(item)
    assert item["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example Daily"}
    assert item["itemReviewed"]["datePublished"] == "2024-03-01"
