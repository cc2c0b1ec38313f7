"""The claim's claimant, date and appearance: suggested on import, confirmed by the editor."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from factcheck import versioning
from factcheck.claims import editing
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim, propose_claims
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Germany's finance ministry announced a deficit of 2.1% of GDP in 2023.\n\n"
    "Unemployment fell to 4% last year, the highest drop since 1990, Jane Smith said."
)


def _article(**fields):
    published = datetime.datetime(2024, 5, 3, 9, 30, tzinfo=datetime.UTC)
    return ArticleFactory(body=BODY, published_at=published, url="https://news.example/a", **fields)


def test_a_proposed_claim_is_dated_the_article_s_day_and_names_its_claimant():
    article = _article()
    claims = {claim.text[:7]: claim for claim in propose_claims(article, threshold=0.0)}
    ministry, smith = claims["Germany"], claims["Unemplo"]
    assert ministry.claim_date == datetime.date(2024, 5, 3)
    assert (ministry.claimant, ministry.claimant_kind) == (
        "Germany's finance ministry",
        "organisation",
    )
    assert (smith.claimant, smith.claimant_kind) == ("Jane Smith", "person")
    assert ministry.appearance == "https://news.example/a"


def test_a_claim_made_by_hand_is_dated_the_article_s_day_without_a_claimant():
    claim = create_claim(_article(), 0, 10)
    assert claim.claim_date == datetime.date(2024, 5, 3)
    assert claim.claimant == ""


def test_the_editor_sets_the_claimant_and_the_change_is_versioned(editor):
    claim = create_claim(_article(), 0, 10)
    changed = editing.set_claimant(
        claim,
        by=editor,
        name=" Jane Smith ",
        kind="person",
        claim_date=datetime.date(2024, 5, 1),
        appearance_url="https://video.example/interview",
        expected_version=claim.version,
    )
    changed.refresh_from_db()
    assert (changed.claimant, changed.claimant_kind) == ("Jane Smith", "person")
    assert changed.claim_date == datetime.date(2024, 5, 1)
    assert changed.appearance == "https://video.example/interview"
    assert changed.version == claim.version + 1
    assert changed.history.first().history_change_reason == "claimant set"
    with pytest.raises(versioning.Conflict):
        editing.set_claimant(
            claim, by=editor, name="X", kind="person", claim_date=None, expected_version=1
        )


@pytest.mark.parametrize(
    ("name", "kind", "url"),
    [("Jane Smith", "", ""), ("Jane Smith", "robot", ""), ("", "", "ftp://files.example/x")],
)
def test_an_incomplete_or_unsafe_claimant_is_refused(editor, name, kind, url):
    claim = create_claim(_article(), 0, 10)
    with pytest.raises(ValidationError):
        editing.set_claimant(
            claim, by=editor, name=name, kind=kind, claim_date=None, appearance_url=url
        )
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_the_editor_confirms_the_claimant_on_the_article_page(client, editor):
    claim = create_claim(_article(), 0, 10)
    client.force_login(editor)
    page = client.get(claim.article.get_absolute_url())
    assert 'name="claimant"' in page.content.decode()
    response = client.post(
        reverse("claims:claimant", args=[claim.pk]),
        {"version": claim.version, "claimant": "Office for National Statistics",
         "claimant_kind": "organisation", "claim_date": "2024-05-02", "appearance_url": ""},
        follow=True,
    )  # fmt: skip
    assert "Claimant saved." in response.content.decode()
    claim.refresh_from_db()
    assert claim.claimant == "Office for National Statistics"
    assert claim.claim_date == datetime.date(2024, 5, 2)
    assert 'value="Office for National Statistics"' in response.content.decode()


def test_a_claimant_form_with_a_javascript_url_is_refused(client, editor):
    claim = create_claim(_article(), 0, 10)
    client.force_login(editor)
    response = client.post(
        reverse("claims:claimant", args=[claim.pk]),
        {"version": claim.version, "claimant": "", "appearance_url": "javascript:alert(1)"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    claim.refresh_from_db()
    assert claim.appearance_url == ""
