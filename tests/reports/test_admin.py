"""The export actions in the admin, beside the desk's moves on claims (factcheck/admin.py)."""

import csv
import io
import json

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from tests.conftest import login
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def run_action(client, model, action, pks):
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return client.post(
        changelist, {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks]}
    )


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_the_article_and_claim_admins_offer_the_exports():
    article_actions = admin.site.get_model_admin(Article).actions
    claim_actions = admin.site.get_model_admin(Claim).actions
    names = [getattr(action, "__name__", action) for action in article_actions]
    # Archiving (never deleting a reviewed article) comes first, then the exports.
    assert names == [
        "archive_articles", "restore_articles",
        "export_html", "export_pdf", "export_csv", "export_json", "export_claimreview",
    ]  # fmt: skip
    claim_names = [getattr(action, "__name__", action) for action in claim_actions]
    # The desk's moves come first, then the exports.
    assert claim_names[:4] == ["accept_claims", "dismiss_claims", "assign_claims", "publish_claims"]
    assert claim_names[4:] == [
        "export_claims_csv", "export_claims_json", "export_claims_claimreview",
    ]  # fmt: skip


def test_an_admin_exports_an_articles_json_and_report(client, admin_user, fact_check):
    login(client, admin_user)
    response = run_action(client, Article, "export_json", [fact_check.pk])
    assert response["Content-Disposition"].endswith('-2024-03-01-internal.json"')
    assert len(json.loads(content(response))["claims"]) == 4
    report = run_action(client, Article, "export_html", [fact_check.pk])
    assert report["Content-Type"] == "text/html; charset=utf-8"
    assert b"Rural poverty: the official figures" in content(report)


def test_a_report_action_wants_exactly_one_article(client, admin_user, fact_check):
    login(client, admin_user)
    other = ArticleFactory()
    response = run_action(client, Article, "export_html", [fact_check.pk, other.pk])
    assert response.status_code == 302
    several = run_action(client, Article, "export_csv", [fact_check.pk, other.pk])
    assert several["Content-Disposition"].startswith('attachment; filename="claims-')


def test_an_admin_exports_the_selected_claims(client, admin_user, fact_check):
    login(client, admin_user)
    published = fact_check.claims.get(status="published")
    response = run_action(client, Claim, "export_claims_claimreview", [published.pk])
    [item] = json.loads(content(response))
    assert item["claimReviewed"] == published.text
    data = json.loads(content(run_action(client, Claim, "export_claims_json", [published.pk])))
    assert [claim["id"] for claim in data[0]["claims"]] == [published.pk]
    text = content(run_action(client, Claim, "export_claims_csv", [published.pk])).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(row["claim_id"]) for row in rows] == [published.pk]
