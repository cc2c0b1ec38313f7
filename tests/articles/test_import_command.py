import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.articles.models import Article

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "articles" / "data" / "seed-article.txt"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_article", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output_describes_the_imported_article(settings):
    settings.TIME_ZONE = "UTC"
    out, _ = run(str(SEED), "--json", "--url", "https://en.gmw.cn/2022-12/09/content_1.htm")
    record = json.loads(out.strip())
    assert record["title"] == "China's Efforts in Advancing Human Rights: At Home and Abroad"
    assert record["outlet"] == "Guangming Online"
    assert record["author"] == "WJH"
    assert record["published_at"] == "2022-12-09T18:49:00+00:00"
    assert record["language"] == "en"
    assert record["claims"] > 5
    assert record["id"] == Article.objects.get().pk
    assert Article.objects.get().url == "https://en.gmw.cn/2022-12/09/content_1.htm"


def test_standard_input_is_read_with_a_dash(monkeypatch):
    fake_stdin = io.TextIOWrapper(io.BytesIO(b"Exports grew by 7.5 percent in 2021.\n"))
    monkeypatch.setattr("sys.stdin", fake_stdin)
    out, _ = run("-", "--json")
    assert json.loads(out)["id"] == Article.objects.get().pk


def test_one_bad_file_is_reported_and_the_others_import(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("# Budget\n\nSpending rose 12 percent in 2023, the ministry said.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    missing = tmp_path / "missing.txt"
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 of 3 inputs were not imported"):
        call_command("import_article", str(good), str(empty), str(missing), stdout=out, stderr=err)
    assert Article.objects.count() == 1
    assert "empty.txt" in err.getvalue() and "missing.txt" in err.getvalue()
    assert "Imported 1, already present 0, failed 2." in out.getvalue()


def test_a_single_bad_file_fails_with_one_line_and_writes_nothing(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_article", str(binary), stderr=err, stdout=io.StringIO())
    assert len(err.getvalue().strip().splitlines()) == 1
    assert not Article.objects.exists()


def test_importing_the_same_file_twice_points_to_the_first_article():
    run(str(SEED))
    out, err = run(str(SEED), "--json")
    assert Article.objects.count() == 1
    assert json.loads(out)["created"] is False
    assert f"article #{Article.objects.get().pk}" in err


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    big = tmp_path / "big.txt"
    big.write_text("Prices rose 3 percent. " * 100)
    with pytest.raises(CommandError):
        run(str(big))
    assert not Article.objects.exists()


def test_an_article_is_fetched_from_a_url(fixture_site):
    out, _ = run(f"{fixture_site}/news-page.html", "--json")
    record = json.loads(out)
    article = Article.objects.get(pk=record["id"])
    assert record["title"] == "Council approves new cycle lanes"
    assert record["outlet"] == "The Riverside Gazette" and record["author"] == "Sam Patel"
    assert article.source_format == "html"
    assert "14 kilometres of protected cycle lanes" in article.body
    assert "window.tracker" not in article.body and "Most read" not in article.body


def test_a_private_address_is_refused_by_default(settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(CommandError):
        run("http://127.0.0.1:9/article.html")
    assert not Article.objects.exists()
