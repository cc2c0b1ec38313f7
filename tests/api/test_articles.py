"""/api/v1/articles/: importing through the import screen's path, listing, reading one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from tests.factories import ARTICLE_BODY, ArticleFactory, UserFactory, claim_in_status

ARTICLES = "/api/v1/articles/"
TEXT = "Ministry report\n\n" + ARTICLE_BODY


@pytest.mark.django_db
def test_an_editor_imports_text_and_gets_the_proposals_at_once(api_client, editor):
    response = api_client(editor).post(ARTICLES, {"text": TEXT, "title": "Poverty figures"})
    assert response.status_code == 201
    data = response.json()
    assert data["created"] is True
    assert data["article"]["title"] == "Poverty figures"
    assert response["Location"] == f"/api/v1/articles/{data['article']['id']}/"
    proposed = {claim["text"]: claim for claim in data["claims"]}
    assert any("770 million" in text for text in proposed)
    assert {claim["status"] for claim in data["claims"]} <= {"suggested"}
    assert set(data["claims"][0]) >= {"id", "text", "start", "end", "checkworthiness", "reasons"}
    article = Article.objects.get(pk=data["article"]["id"])
    for claim in data["claims"]:
        assert article.body[claim["start"] : claim["end"]] == claim["text"]


@pytest.mark.django_db
def test_importing_the_same_text_again_leads_to_the_first_copy(api_client, editor):
    client = api_client(editor)
    first = client.post(ARTICLES, {"text": TEXT}).json()
    again = client.post(ARTICLES, {"text": TEXT})
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["article"]["id"] == first["article"]["id"]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_an_editor_uploads_a_file(api_client, editor):
    upload = SimpleUploadedFile("report.md", b"# Census\n\n" + ARTICLE_BODY.encode())
    response = api_client(editor).post(ARTICLES, {"file": upload}, format="multipart")
    assert response.status_code == 201
    assert response.json()["article"]["title"] == "Census"


@pytest.mark.django_db
def test_an_editor_imports_from_a_web_address(api_client, editor, fixture_site):
    response = api_client(editor).post(ARTICLES, {"url": f"{fixture_site}/news-page.html"})
    assert response.status_code == 201
    assert response.json()["article"]["title"] == "Council approves new cycle lanes"


@pytest.mark.django_db
def test_a_private_address_is_refused_by_the_guarded_fetcher(api_client, editor, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    response = api_client(editor).post(ARTICLES, {"url": "http://127.0.0.1:9/a.html"})
    assert response.status_code == 400
    assert "public" in response.json()["detail"]
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Paste the article's text"),
        ({"text": TEXT, "file": None, "url": "ftp://example.org/x"}, "http"),
        ({"text": "   "}, "Paste the article's text"),
    ],
)
def test_bad_input_is_a_400_with_the_forms_message(api_client, editor, body, message):
    response = api_client(editor).post(ARTICLES, {k: v for k, v in body.items() if v is not None})
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(api_client, editor, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 100
    upload = SimpleUploadedFile("big.txt", b"Prices rose 3 percent. " * 20)
    response = api_client(editor).post(ARTICLES, {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert "limit" in response.json()["detail"]


@pytest.mark.django_db
def test_reviewers_and_read_only_tokens_may_not_import(api_client, reviewer, editor):
    refused = api_client(reviewer).post(ARTICLES, {"text": TEXT})
    assert refused.status_code == 403
    assert api_client(editor, "read").post(ARTICLES, {"text": TEXT}).status_code == 403
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_list_is_paged_by_cursor_newest_first(api_client, reviewer):
    articles = [ArticleFactory() for _ in range(3)]
    client = api_client(reviewer, "read")
    first = client.get(ARTICLES, {"page_size": 2}).json()
    assert [a["id"] for a in first["results"]] == [articles[2].pk, articles[1].pk]
    assert "body" not in first["results"][0]
    second = client.get(first["next"]).json()
    assert [a["id"] for a in second["results"]] == [articles[0].pk]
    assert second["next"] is None


@pytest.mark.django_db
def test_the_list_makes_the_same_queries_for_many_articles(
    api_client, reviewer, django_assert_max_num_queries
):
    client = api_client(reviewer, "read")
    client.get(ARTICLES)  # last_used_at is written once
    for _ in range(30):
        ArticleFactory()
    with django_assert_max_num_queries(3):
        assert client.get(ARTICLES).status_code == 200


@pytest.mark.django_db
def test_a_reviewer_sees_a_dispute_as_in_review_and_no_unpublished_verdict(
    api_client, editor, reviewer, other_reviewer
):
    third = UserFactory(username="tess")
    disputed = claim_in_status(
        Claim.Status.DISPUTED, editor=editor, reviewers=[other_reviewer, third]
    )
    resolved = claim_in_status(Claim.Status.RESOLVED, editor=editor, reviewers=[other_reviewer])

    def claims_seen_by(user, claim):
        url = f"{ARTICLES}{claim.article_id}/"
        return {c["id"]: c for c in api_client(user, "read").get(url).json()["claims"]}

    assert claims_seen_by(reviewer, disputed)[disputed.pk]["status"] == "in_review"
    assert claims_seen_by(reviewer, resolved)[resolved.pk]["final_verdict"] is None
    assert claims_seen_by(reviewer, resolved)[resolved.pk]["rationale"] == ""
    assert claims_seen_by(editor, disputed)[disputed.pk]["status"] == "disputed"
    assert claims_seen_by(editor, resolved)[resolved.pk]["final_verdict"] == "true"


@pytest.mark.django_db
def test_an_unknown_article_is_404(api_client, reviewer):
    assert api_client(reviewer, "read").get(f"{ARTICLES}999999/").status_code == 404
