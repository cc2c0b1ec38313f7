import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from factcheck.articles.models import Article

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "articles" / "data" / "seed-article.txt"
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_editors_get_the_new_article_page(client, editor):
    client.force_login(editor)
    response = client.get("/articles/new/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and "Article text" in html
    assert 'hx-post="/articles/new/"' in html


def test_reviewers_cannot_import(client, reviewer):
    client.force_login(reviewer)
    assert client.get("/articles/new/").status_code == 403
    response = client.post("/articles/new/", {"text": "A claim of 5 percent.", "format": "auto"})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_pasted_text_imports_and_redirects_to_the_article(client, editor):
    client.force_login(editor)
    response = client.post(
        "/articles/new/",
        {"text": SEED.read_text(encoding="utf-8"), "format": "auto", "action": "import"},
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "Imported" in page and "Guangming Online" in page
    assert "removed or parsed during import" in page


def test_htmx_preview_shows_metadata_and_clean_body_without_saving(client, editor):
    client.force_login(editor)
    response = client.post(
        "/articles/new/",
        {"file": SimpleUploadedFile("seed.txt", SEED.read_bytes()), "format": "auto",
         "action": "preview"},
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="result"' in html
    assert "Guangming Online" in html and "WJH" in html and "9 December 2022, 18:49" in html
    assert "The views and opinions" not in html.split("Clean text")[1]
    assert not Article.objects.exists()


def test_htmx_import_redirects_the_whole_page(client, editor):
    client.force_login(editor)
    response = client.post(
        "/articles/new/", {"text": "Output rose 12 percent in 2021.", "action": "import",
                           "format": "auto", "title": "Output"}, **HTMX,
    )  # fmt: skip
    article = Article.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == article.get_absolute_url()
    assert article.title == "Output"


def test_an_empty_form_says_what_is_missing_and_saves_nothing(client, editor):
    client.force_login(editor)
    for headers in ({}, HTMX):
        response = client.post("/articles/new/", {"text": "  ", "format": "auto"}, **headers)
        assert response.status_code == 200
        assert "Paste the article" in response.content.decode()
    assert not Article.objects.exists()


def test_unreadable_input_shows_the_importers_message(client, editor):
    client.force_login(editor)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    response = client.post("/articles/new/", {"file": pdf, "format": "auto"}, **HTMX)
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert not Article.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(client, editor, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 100
    client.force_login(editor)
    big = SimpleUploadedFile("big.txt", b"A sentence of 12 words. " * 20)
    response = client.post("/articles/new/", {"file": big, "format": "auto"})
    assert "the limit is 100 bytes" in response.content.decode()
    assert not Article.objects.exists()


def test_text_and_file_together_are_refused(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("a.txt", b"Some 5 percent.")
    response = client.post("/articles/new/", {"text": "x", "file": upload, "format": "auto"})
    assert "not both" in response.content.decode()


def test_a_non_http_address_is_refused(client, editor):
    client.force_login(editor)
    response = client.post("/articles/new/", {"url": "ftp://example.org/a", "format": "auto"})
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "Web address" in response.content.decode()


def test_importing_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/articles/new/", {"text": "Prices rose 5 percent.", "format": "auto"})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_hostile_html_is_stored_and_shown_as_text_only(client, editor):
    client.force_login(editor)
    hostile = (
        b"<html><head><title>Budget</title><script>alert('x')</script></head><body>"
        b'<article><h1>Budget</h1><p onclick="steal()">Spending rose 12 percent in 2023, '
        b"the ministry said in its annual report on public finances.</p>"
        b'<iframe src="https://evil.example"></iframe>'
        b'<p>Read the <a href="javascript:alert(1)">full report</a> published by the '
        b"ministry, which lists every programme and its cost over the last ten years.</p>"
        b"</article></body></html>"
    )
    upload = SimpleUploadedFile("budget.html", hostile)
    response = client.post("/articles/new/", {"file": upload, "format": "auto", "action": "import"})
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    for bad in ("<script", "alert(", "onclick", "<iframe", "javascript:"):
        assert bad not in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert "steal()" not in page and "javascript:alert" not in page


def test_an_editor_imports_from_a_web_address(client, editor, fixture_site):
    client.force_login(editor)
    response = client.post(
        "/articles/new/",
        {"url": f"{fixture_site}/news-page.html", "format": "auto", "action": "import"},
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.title == "Council approves new cycle lanes"
    assert article.url == f"{fixture_site}/news-page.html"


def test_a_web_address_on_a_private_network_is_refused(client, editor, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    client.force_login(editor)
    response = client.post(
        "/articles/new/", {"url": "http://10.0.0.1/admin", "format": "auto"}, **HTMX
    )
    assert response.status_code == 200
    assert "Not imported" in response.content.decode()
    assert not Article.objects.exists()


def test_the_preview_lists_every_block_the_html_reader_removed_grouped_by_kind(client, editor):
    page = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "boilerplate-page.html"
    client.force_login(editor)
    response = client.post(
        "/articles/new/",
        {"file": SimpleUploadedFile("port.html", page.read_bytes()), "format": "auto",
         "action": "preview"},
        **HTMX,
    )  # fmt: skip
    notes = response.content.decode().split("Clean text")[0]
    groups = re.findall(r"<strong>([^<]+)</strong> \((\d+)\)", notes)
    assert groups == [
        ("Page header", "1"),
        ("Navigation", "3"),
        ("Advertisements", "2"),
        ("Share bars", "1"),
        ("Captions and credits", "1"),
        ("Footer", "2"),
        ("Title", "1"),
    ]
    assert (
        "Dropped sharing line: &quot;Share on Facebook Share on X Email this story&quot;" in notes
    )
    assert "Sponsored: Ship your parcels with FastFreight today" in notes
    assert not Article.objects.exists()


def test_the_preview_shows_a_date_only_byline_without_a_time(client, editor, settings):
    settings.TIME_ZONE = "UTC"
    text = (
        "Port strike ends\n\nBy Jane Roe | 9 December 2022\n\nThe ministry said on Tuesday that "
        "4,210 new homes were finished in the first half of the year, up 12 percent."
    )
    client.force_login(editor)
    response = client.post(
        "/articles/new/", {"text": text, "format": "auto", "action": "preview"}, **HTMX
    )
    meta = response.content.decode().split("Clean text")[0]
    assert "<dd>9 December 2022</dd>" in meta and "00:00" not in meta
