"""Archiving an article: off the lists and the desk, nothing deleted, restorable by editors;
exported only with --all (factcheck/articles/archiving.py)."""

import io
import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import CommandError, call_command
from django.urls import reverse

from factcheck.articles import archiving
from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reviews.models import Review
from tests.conftest import login
from tests.factories import ArticleFactory, claim_in_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_article(editor, reviewer, other_reviewer):
    article = ArticleFactory(title="Census of the rural poor")
    claim_in_status(
        Claim.Status.DISPUTED, editor=editor, reviewers=[reviewer, other_reviewer], article=article
    )
    return article


def test_an_editor_archives_an_article_and_it_leaves_the_lists(client, editor, reviewed_article):
    login(client, editor)
    response = client.post(reverse("articles:archive", args=[reviewed_article.pk]))
    assert response.status_code == 302
    reviewed_article.refresh_from_db()
    assert reviewed_article.is_archived and reviewed_article.archived_by == editor
    assert "Census of the rural poor" not in client.get("/articles/").content.decode()
    assert "Census of the rural poor" not in client.get(reverse("reviews:desk")).content.decode()
    archived = client.get(reverse("articles:archived")).content.decode()
    assert "Census of the rural poor" in archived and "by Edna" in archived
    page = client.get(reviewed_article.get_absolute_url()).content.decode()
    assert "Archived" in page and reverse("articles:restore", args=[reviewed_article.pk]) in page
    assert Review.objects.filter(claim__article=reviewed_article).count() == 2


def test_an_editor_restores_it(client, editor, reviewed_article):
    archiving.archive(reviewed_article, by=editor)
    login(client, editor)
    client.post(reverse("articles:restore", args=[reviewed_article.pk]))
    reviewed_article.refresh_from_db()
    assert not reviewed_article.is_archived and reviewed_article.archived_by is None
    assert "Census of the rural poor" in client.get("/articles/").content.decode()


def test_archiving_twice_is_refused_with_a_message(client, editor, reviewed_article):
    archiving.archive(reviewed_article, by=editor)
    login(client, editor)
    response = client.post(reverse("articles:archive", args=[reviewed_article.pk]), follow=True)
    assert "already archived" in response.content.decode()


def test_reviewers_neither_archive_nor_restore_nor_list_the_archive(
    client, reviewer, editor, reviewed_article
):
    login(client, reviewer)
    assert client.post(reverse("articles:archive", args=[reviewed_article.pk])).status_code == 403
    assert not Article.objects.get(pk=reviewed_article.pk).is_archived
    archiving.archive(reviewed_article, by=editor)
    assert client.post(reverse("articles:restore", args=[reviewed_article.pk])).status_code == 403
    assert Article.objects.get(pk=reviewed_article.pk).is_archived
    assert client.get(reverse("articles:archived")).status_code == 403
    page = client.get(reviewed_article.get_absolute_url()).content.decode()
    assert reverse("articles:restore", args=[reviewed_article.pk]) not in page


def test_archive_and_restore_are_post_only(client, editor, reviewed_article):
    login(client, editor)
    assert client.get(reverse("articles:archive", args=[reviewed_article.pk])).status_code == 405
    assert client.get(reverse("articles:restore", args=[reviewed_article.pk])).status_code == 405


def test_the_archived_list_costs_the_same_queries_for_many_articles(
    client, editor, django_assert_max_num_queries
):
    for _ in range(30):
        archiving.archive(ArticleFactory(), by=editor)
    login(client, editor)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("articles:archived"))
    assert response.content.decode().count("Archived ") >= 30


def test_an_archived_article_is_exported_only_with_all(editor, reviewed_article):
    archiving.archive(reviewed_article, by=editor)
    with pytest.raises(CommandError, match="archived: export it with --all"):
        call_command("export_report", str(reviewed_article.pk), "--format", "json")
    out = io.StringIO()
    call_command("export_report", str(reviewed_article.pk), "--format", "json", "--all", stdout=out)
    assert json.loads(out.getvalue())["article"]["title"] == "Census of the rural poor"


def test_all_without_ids_exports_every_article_archived_ones_too(editor, reviewed_article):
    other = ArticleFactory(title="Another one")
    archiving.archive(reviewed_article, by=editor)
    out = io.StringIO()
    call_command("export_report", "--format", "json", "--all", stdout=out)
    titles = [item["article"]["title"] for item in json.loads(out.getvalue())]
    assert titles == ["Census of the rural poor", other.title]
    with pytest.raises(CommandError, match="or --all for every article"):
        call_command("export_report", "--format", "json")


def test_the_admin_archives_and_restores(client, admin_user, reviewed_article):
    login(client, admin_user)
    changelist = reverse("admin:articles_article_changelist")
    data = {ACTION_CHECKBOX_NAME: [str(reviewed_article.pk)]}
    client.post(changelist, {"action": "archive_articles", **data})
    assert Article.objects.get(pk=reviewed_article.pk).archived_by == admin_user
    assert "Census" in client.get(changelist + "?archived_at__isempty=0").content.decode()
    client.post(changelist, {"action": "restore_articles", **data})
    assert not Article.objects.get(pk=reviewed_article.pk).is_archived


def test_exporting_every_claim_leaves_archived_articles_out_of_the_published_scope(
    client, editor, reviewed_article
):
    other = ArticleFactory(title="Still on the desk")
    archiving.archive(reviewed_article, by=editor)
    login(client, editor)

    def titles(scope):
        response = client.get(reverse("reports:export_claims", args=["json"]), {"scope": scope})
        data = json.loads(b"".join(response.streaming_content))
        return [item["article"]["title"] for item in data]

    assert titles("published") == [other.title]
    assert titles("all") == ["Census of the rural poor", other.title]
