"""manage.py export_report and import_reviews, and the JSON round trip through them."""

import json

import pytest
from django.core.management import CommandError, call_command

from factcheck.accounts.models import User
from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reviews.models import Evidence, Review, Source
from tests.factories import ArticleFactory
from tests.reports.conftest import normalise_json

pytestmark = pytest.mark.django_db


def run(*args):
    import io

    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def empty_the_database():
    """Everything an import brings back goes; the verdict scale (a migration's) stays."""
    Evidence.objects.all().delete()
    Review.objects.all().delete()
    Article.objects.all().delete()
    Source.objects.all().delete()
    User.objects.all().delete()


def test_the_json_round_trips_through_an_empty_database(fact_check, tmp_path):
    path = tmp_path / "export.json"
    run("export_report", str(fact_check.pk), "--format", "json", "-o", str(path))
    before = json.loads(path.read_text(encoding="utf-8"))
    empty_the_database()
    assert not Claim.objects.exists()

    out, _ = run("import_reviews", str(path))
    assert out.startswith("Imported 1 article(s) (0 already here), 4 claim(s)")
    article = Article.objects.get()
    after = json.loads(run("export_report", str(article.pk), "--format", "json")[0])
    assert normalise_json(after) == normalise_json(before)
    claimed = article.claims.get(claimant__gt="")
    assert (claimed.claimant, claimed.claimant_kind) == ("State Statistics Bureau", "organisation")
    assert claimed.claim_date.isoformat() == "2024-02-27"
    assert claimed.appearance_url == "https://gov.example.org/white-paper"
    # An appearance at the article's own URL is the article itself: stored empty.
    assert {claim.appearance_url for claim in article.claims.exclude(pk=claimed.pk)} == {""}


def test_imported_reviewers_are_inactive_and_cannot_log_in(fact_check, tmp_path):
    path = tmp_path / "export.json"
    run("export_report", str(fact_check.pk), "--format", "json", "-o", str(path))
    empty_the_database()
    out, _ = run("import_reviews", str(path))
    assert "new inactive reviewers: rita, otto" in out
    for user in User.objects.all():
        assert not user.is_active and not user.has_usable_password()
        assert user.role == User.Role.REVIEWER


def test_importing_twice_reuses_the_article_and_its_claims(fact_check, tmp_path):
    path = tmp_path / "export.json"
    run("export_report", str(fact_check.pk), "--format", "json", "-o", str(path))
    out, _ = run("import_reviews", str(path))
    assert "0 article(s) (1 already here), 0 claim(s) (4 already here), 0 review(s)" in out
    assert Article.objects.count() == 1 and Review.objects.count() == 3


def test_a_list_of_several_articles_round_trips(fact_check, tmp_path):
    other = ArticleFactory(title="Empty one")
    path = tmp_path / "both.json"
    run("export_report", str(fact_check.pk), str(other.pk), "--format", "json", "-o", str(path))
    before = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(before, list) and len(before) == 2
    empty_the_database()
    run("import_reviews", str(path))
    ids = [str(pk) for pk in Article.objects.order_by("pk").values_list("pk", flat=True)]
    after = json.loads(run("export_report", *ids, "--format", "json")[0])
    assert normalise_json(after) == normalise_json(before)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        ('{"claims": []}', "$.article: missing"),
        ('[{"article": {"title": "t", "body": "b"}, "claims": [{"start": 0}]}]', "end: missing"),
        (
            '{"article": {"title": "t", "body": "Body text."}, "claims": [{"text": "Body",'
            ' "start": 0, "end": 4, "status": "open", "final_verdict": "brilliant"}]}',
            "no verdict 'brilliant'",
        ),
        (
            '{"article": {"title": "t", "body": "Body text."}, "claims": [{"text": "Nope",'
            ' "start": 0, "end": 4, "status": "open"}]}',
            "does not match",
        ),
        (
            '{"article": {"title": "t", "body": "Body text."}, "claims": [{"text": "Body",'
            ' "start": 0, "end": 4, "status": "open", "reviews": [{"reviewer": "x",'
            ' "verdict": "true", "submitted_at": "2024-01-01T00:00:00+00:00", "evidence":'
            ' [{"url": "javascript:alert(1)"}]}]}]}',
            "evidence[0].url",
        ),
        (
            '{"article": {"title": "t", "body": "Body text."}, "claims": [{"text": "Body",'
            ' "start": 0, "end": 4, "status": "open",'
            ' "claimant": {"name": "X", "kind": "robot"}}]}',
            "claims[0].claimant.kind: 'robot' is not one of person, organisation",
        ),
        (
            '{"article": {"title": "t", "body": "Body text."}, "claims": [{"text": "Body",'
            ' "start": 0, "end": 4, "status": "open", "appearance": "javascript:alert(1)"}]}',
            "valid URL",
        ),
        (
            '{"article": {"title": "t", "body": "Body text."}, "claims": [{"text": "Body",'
            ' "start": 0, "end": 4, "status": "open", "claim_date": "last week"}]}',
            "claims[0].claim_date: not an ISO 8601 date",
        ),
    ],
)
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    users = User.objects.count()
    with pytest.raises(CommandError) as caught:
        run("import_reviews", str(path))
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert not Article.objects.exists() and not Claim.objects.exists()
    assert User.objects.count() == users and not Review.objects.exists()


def test_a_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_reviews", str(tmp_path / "nowhere.json"))


def test_export_report_writes_each_format(fact_check, tmp_path):
    for fmt, check in [
        ("md", lambda text: text.startswith("# Rural poverty")),
        ("html", lambda text: "<!doctype html>" in text),
        ("csv", lambda text: text.startswith("article_id,")),
        ("claimreview", lambda text: json.loads(text)[0]["@type"] == "ClaimReview"),
        ("webannotation", lambda text: json.loads(text)["type"] == "AnnotationCollection"),
    ]:
        out, _ = run("export_report", str(fact_check.pk), "--format", fmt)
        assert check(out), fmt
    internal, _ = run("export_report", str(fact_check.pk), "--format", "md", "--all")
    assert "(status: Open)" in internal


def test_export_report_uses_the_base_url_for_links(fact_check):
    out, _ = run(
        "export_report", str(fact_check.pk), "--format", "claimreview",
        "--base-url", "https://desk.example.org",
    )  # fmt: skip
    assert json.loads(out)[0]["url"].startswith("https://desk.example.org/articles/")


def test_export_report_writes_a_pdf_to_a_file(fact_check, tmp_path, weasyprint_ready):
    path = tmp_path / "report.pdf"
    run("export_report", str(fact_check.pk), "--format", "pdf", "-o", str(path))
    assert path.read_bytes().startswith(b"%PDF-")


def test_an_unknown_article_is_a_one_line_error_and_nothing_is_written(fact_check, tmp_path):
    path = tmp_path / "out.json"
    with pytest.raises(CommandError, match=r"^No article with id 999999\.$"):
        run("export_report", str(fact_check.pk), "999999", "--format", "json", "-o", str(path))
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_a_report_covers_one_article(fact_check):
    other = ArticleFactory()
    with pytest.raises(CommandError, match="covers one article"):
        run("export_report", str(fact_check.pk), str(other.pk), "--format", "html")


def test_an_unknown_format_is_refused(fact_check):
    with pytest.raises(CommandError, match="invalid choice"):
        run("export_report", str(fact_check.pk), "--format", "docx")


def test_export_report_into_a_folder_names_the_file_as_the_download(fact_check, tmp_path):
    run("export_report", str(fact_check.pk), "--format", "md", "--all", "-o", str(tmp_path))
    run("export_report", str(fact_check.pk), "--format", "md", "-o", str(tmp_path))
    stem = "rural-poverty-the-official-figures-2024-03-01"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        f"{stem}-internal.md",
        f"{stem}.md",
    ]
    assert (tmp_path / f"{stem}-internal.md").read_text().startswith("**INTERNAL")


def test_a_date_without_a_time_round_trips_as_a_date(fact_check, tmp_path, settings):
    import datetime as dt

    settings.TIME_ZONE = "Asia/Shanghai"
    fact_check.published_at = dt.datetime(2022, 12, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    fact_check.published_time_known = False
    fact_check.save()
    path = tmp_path / "export.json"
    run("export_report", str(fact_check.pk), "--format", "json", "-o", str(path))
    before = json.loads(path.read_text(encoding="utf-8"))
    assert before["article"]["published_at"] == "2022-12-09"
    empty_the_database()
    run("import_reviews", str(path))
    article = Article.objects.get()
    assert article.published_time_known is False and article.published_label == "9 December 2022"
    after = json.loads(run("export_report", str(article.pk), "--format", "json")[0])
    assert normalise_json(after) == normalise_json(before)
