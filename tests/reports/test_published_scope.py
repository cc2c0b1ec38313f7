"""Published-scope data exports carry only what the public report shows, whoever asks: no
reviewer's username, verdict, confidence, rationale or time; reviewers named only when the
report credits them (FACTCHECK_REPORT_CREDITS_REVIEWERS), by the name it credits."""

import csv
import io
import json

import pytest

from factcheck.accounts.models import User
from tests.conftest import login
from tests.factories import UserFactory
from tests.reports.test_views import body, url

pytestmark = pytest.mark.django_db

# What the fixed fact-check's reviewers wrote for themselves (conftest.published_claim).
INTERNAL_RATIONALES = ("rita: The statistics", "otto: The statistics", "rita: No survey")
USERNAMES = ('"rita"', '"otto"')


@pytest.fixture
def may_export(settings):
    settings.FACTCHECK_REVIEWERS_MAY_EXPORT = True
    settings.FACTCHECK_REPORT_CREDITS_REVIEWERS = False


@pytest.fixture(params=["author", "unassigned", "editor"])
def asker(request, reviewer, editor):
    """A reviewer who reviewed the published claim, one who had nothing to do with it, and an
    editor: published scope gives all of them the same."""
    if request.param == "author":
        return reviewer
    if request.param == "unassigned":
        return UserFactory(username="uma", role=User.Role.REVIEWER)
    return editor


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_the_published_json_names_no_reviewer_and_holds_no_review_of_theirs(
    client, fact_check, asker, may_export
):
    login(client, asker)
    response = client.get(url(fact_check, "json", scope="published"))
    assert response.status_code == 200
    text = body(response)
    for secret in INTERNAL_RATIONALES + USERNAMES:
        assert secret not in text
    [claim] = json.loads(text)["claims"]
    assert claim["final_verdict"] == "true"
    assert claim["rationale"].startswith("The statistics bureau counts 770 million.")
    assert len(claim["reviews"]) == 2
    for review in claim["reviews"]:
        assert review["reviewer"] is None
        assert [review[key] for key in ("verdict", "confidence", "rationale", "submitted_at")] == [
            None,
            None,
            None,
            None,
        ]
        assert review["evidence"][0]["url"] == "https://stats.example.org/poverty-2020"


def test_the_published_reviews_csv_leaves_the_reviews_internal(
    client, fact_check, asker, may_export
):
    login(client, asker)
    text = body(client.get(url(fact_check, "reviews-csv", scope="published")))
    for secret in INTERNAL_RATIONALES + ("rita", "otto"):
        assert secret not in text
    reviews = rows(text)
    assert len(reviews) == 2
    for row in reviews:
        assert [row[key] for key in ("reviewer", "verdict", "confidence", "rationale")] == [
            "",
            "",
            "",
            "",
        ]
        assert row["submitted_at"] == ""
        assert row["sources"] == "https://stats.example.org/poverty-2020"


def test_the_published_claims_csv_gives_the_final_verdict_not_each_reviewers(
    client, fact_check, asker, may_export
):
    login(client, asker)
    [row] = rows(body(client.get(url(fact_check, "csv", scope="published"))))
    assert row["final_verdict"] == "true"
    assert row["review_verdicts"] == ""
    assert "rita:" not in row["rationale"]


def test_credited_reviewers_are_named_as_the_report_names_them_never_by_username(
    client, fact_check, reviewer, may_export, settings
):
    settings.FACTCHECK_REPORT_CREDITS_REVIEWERS = True
    login(client, reviewer)
    data = json.loads(body(client.get(url(fact_check, "json", scope="published"))))
    assert [review["reviewer"] for review in data["claims"][0]["reviews"]] == ["Rita", "Otto"]
    reviews = rows(body(client.get(url(fact_check, "reviews-csv", scope="published"))))
    assert [row["reviewer"] for row in reviews] == ["Rita", "Otto"]
    report = body(client.get(url(fact_check, "md")))
    assert "Reviewed by Otto, Rita" in report
    assert all(row["rationale"] == "" for row in reviews)


def test_a_reviewer_gets_the_published_scope_by_default_and_never_the_internal_one(
    client, fact_check, reviewer, may_export
):
    login(client, reviewer)
    for fmt in ("json", "reviews-csv", "csv"):
        text = body(client.get(url(fact_check, fmt)))
        assert "otto: The statistics" not in text and "otto" not in text
        assert client.get(url(fact_check, fmt, scope="all")).status_code == 403


def test_an_editor_still_gets_every_review_in_the_internal_scope(client, fact_check, editor):
    login(client, editor)
    data = json.loads(body(client.get(url(fact_check, "json", scope="all"))))
    first = data["claims"][0]
    assert [review["reviewer"] for review in first["reviews"]] == ["rita", "otto"]
    assert first["reviews"][1]["rationale"].startswith("otto: The statistics")
    reviews = rows(body(client.get(url(fact_check, "reviews-csv", scope="all"))))
    assert {row["reviewer"] for row in reviews} == {"rita", "otto"}
    assert all(row["verdict"] and row["rationale"] for row in reviews)


def test_the_command_exports_the_published_scope_the_same_way(fact_check, settings):
    from django.core.management import call_command

    settings.FACTCHECK_REPORT_CREDITS_REVIEWERS = True
    out = io.StringIO()
    call_command("export_report", str(fact_check.pk), "--format", "md", stdout=out)
    assert "Reviewed by Otto, Rita" in out.getvalue()
