"""Importing other fact-checkers' ClaimReview JSON-LD: shapes, bad records, duplicates, the
command (file, standard input, URL through the guarded fetcher)."""

import datetime
import io
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.articles.fetch import FetchError, FetchResult
from factcheck.claims.external import ClaimReviewError, import_claimreviews
from factcheck.claims.models import ExternalCheck, MatchKey

pytestmark = pytest.mark.django_db

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "claimreview" / "feed.json"


def review(**fields):
    record = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example.org/one",
        "claimReviewed": "Over 70 percent of global poverty reduction came from China.",
        "author": {"@type": "Organization", "name": "Example Check"},
        "reviewRating": {"@type": "Rating", "alternateName": "Misleading"},
        "datePublished": "2024-01-15",
    }
    return record | fields


def test_a_datafeed_is_imported_and_its_invalid_records_reported_and_skipped():
    summary = import_claimreviews(FEED.read_bytes(), source="feed.json")
    assert (summary.created, summary.updated) == (2, 0)
    assert summary.skipped == [
        "record 3: url 'javascript:alert(1)' is not an http(s) address",
        "record 4: no reviewRating with a rating",
    ]
    first = ExternalCheck.objects.get(url__endswith="china-poverty-770-million")
    assert first.rating == "Mostly true" and first.publisher == "Example Check"
    assert first.reviewed_on == datetime.date(2024, 2, 20)
    assert first.claimant == "State Council Information Office"
    assert first.source_file == "feed.json"
    assert first.figures[0]["value"] == 770_000_000
    second = ExternalCheck.objects.get(url="https://verify.example.net/life-expectancy-78")
    assert (second.rating, second.publisher) == ("5/5", "Verify Desk")
    assert second.reviewed_on == datetime.date(2023, 11, 5)
    assert MatchKey.objects.filter(external=first, key="n:count::7.7e+08").exists()


def test_a_single_object_and_a_list_are_imported_and_unknown_fields_ignored():
    import_claimreviews(json.dumps(review(somethingNew={"@type": "Thing"}, inLanguage="en")))
    import_claimreviews(json.dumps([review(url="https://checks.example.org/two")]))
    assert ExternalCheck.objects.count() == 2


def test_a_check_imported_again_is_updated_not_doubled():
    import_claimreviews(json.dumps(review()))
    summary = import_claimreviews(
        json.dumps(review(reviewRating={"@type": "Rating", "alternateName": "False"}))
    )
    assert (summary.created, summary.updated) == (0, 1)
    (check,) = ExternalCheck.objects.all()
    assert check.rating == "False"
    assert MatchKey.objects.filter(external=check).count() == len(
        set(MatchKey.objects.filter(external=check).values_list("key", flat=True))
    )


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"claimReviewed": ""}, "no claimReviewed"),
        ({"url": "ftp://checks.example.org/x"}, "is not an http(s) address"),
        ({"datePublished": "last Tuesday"}, "is not a date"),
        ({"@type": "NewsArticle"}, "not a ClaimReview"),
    ],
)
def test_an_invalid_record_is_skipped_with_its_reason(record, message):
    summary = import_claimreviews(json.dumps([review(**record)]))
    assert summary.created == 0 and message in summary.skipped[0]
    assert not ExternalCheck.objects.exists()


def test_input_that_is_not_json_is_refused():
    with pytest.raises(ClaimReviewError, match="Not JSON"):
        import_claimreviews(b"<html>not json</html>")


def test_the_command_reads_a_file_and_reports_skipped_records():
    out, err = StringIO(), StringIO()
    call_command("import_claimreview", str(FEED), stdout=out, stderr=err)
    assert "Imported 2 external fact-checks, updated 0, skipped 2." in out.getvalue()
    assert "skipped record 3" in err.getvalue()


def test_the_command_reads_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(review()).encode()))
    monkeypatch.setattr("sys.stdin", stdin)
    call_command("import_claimreview", "-", stdout=StringIO())
    assert ExternalCheck.objects.get().source_file == "stdin"


def test_the_command_fetches_a_url_through_the_guarded_fetcher(monkeypatch):
    asked = []

    def fake_fetch(url, *, max_bytes, timeout=10.0):
        asked.append(url)
        return FetchResult(url, "application/ld+json", json.dumps(review()).encode())

    monkeypatch.setattr("factcheck.claims.management.commands.import_claimreview.fetch", fake_fetch)
    call_command("import_claimreview", "https://checks.example.org/feed.json", stdout=StringIO())
    assert asked == ["https://checks.example.org/feed.json"]
    assert ExternalCheck.objects.get().source_file == "https://checks.example.org/feed.json"


def test_the_command_refuses_a_url_the_fetcher_refuses_and_writes_nothing(monkeypatch):
    def refusing(url, *, max_bytes, timeout=10.0):
        raise FetchError("The address is not public.")

    monkeypatch.setattr("factcheck.claims.management.commands.import_claimreview.fetch", refusing)
    with pytest.raises(CommandError, match="not public"):
        call_command("import_claimreview", "http://127.0.0.1/feed.json", stdout=StringIO())
    assert not ExternalCheck.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [("{oops", "Not JSON"), (json.dumps([{"@type": "ClaimReview"}]), "no valid ClaimReview")],
)
def test_the_command_fails_on_bad_input_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_claimreview", str(path), stdout=StringIO(), stderr=StringIO())
    assert not ExternalCheck.objects.exists()


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_claimreview", str(tmp_path / "absent.json"))


def test_admins_find_the_external_checks_in_the_admin(client, admin_user):
    import_claimreviews(json.dumps(review()))
    client.force_login(admin_user)
    page = client.get("/admin/claims/externalcheck/?q=poverty")
    assert page.status_code == 200
    assert "Misleading" in page.content.decode() and "Example Check" in page.content.decode()
