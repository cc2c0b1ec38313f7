import pytest

from factcheck.claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_articles_with_their_claim_counts(client, editor, reviewer, article):
    ClaimFactory(article=article)
    ClaimFactory(article=article, start=0, end=7, status=Claim.Status.DISMISSED)
    client.force_login(reviewer)
    assert article.title in client.get("/articles/").content.decode()
    client.force_login(editor)
    response = client.get("/articles/")
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html and article.get_absolute_url() in html
    row = html[html.index(article.title) :]
    assert '<td class="num" data-label="Claims">1</td>' in row  # the dismissed one is not counted


def test_the_dashboard_costs_the_same_queries_for_many_articles(
    client, reviewer, django_assert_max_num_queries
):
    for _ in range(30):
        ClaimFactory(article=ArticleFactory())
    client.force_login(reviewer)
    with django_assert_max_num_queries(6):
        response = client.get("/articles/")
    assert response.content.decode().count("/articles/") >= 30


def test_the_article_page_shows_the_body_and_its_claims(client, reviewer, article):
    claim = ClaimFactory(article=article)
    client.force_login(reviewer)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert claim.text in response.content.decode()
    assert "78.2 years" in response.content.decode()


def test_text_from_an_article_is_escaped(client, reviewer):
    article = ArticleFactory(title="<script>alert(1)</script>", body="<b>bold</b> claim.")
    client.force_login(reviewer)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html


def test_an_unknown_article_gives_our_404_page(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/articles/999999/")
    assert response.status_code == 404
    assert b"Not found" in response.content and b"Traceback" not in response.content


def test_an_unknown_url_gives_our_404_page(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Back to the dashboard" in response.content


def test_pages_refuse_methods_they_do_not_serve(client, reviewer, article):
    client.force_login(reviewer)
    assert client.post("/").status_code == 405
    assert client.delete(article.get_absolute_url()).status_code == 405


def test_pages_carry_the_csrf_token_for_htmx_and_no_inline_script(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/queue/")
    html = response.content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "/static/django_htmx/htmx-2" in html
    assert "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
