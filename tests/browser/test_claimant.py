import datetime

from playwright.sync_api import expect

from factcheck.articles.models import Article
from factcheck.claims.proposals import propose_claims
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

BODY = "Unemployment fell to 4 percent in 2023, the lowest rate since 1990, Jane Smith said."


def test_an_editor_confirms_the_suggested_claimant_in_place(page, editor):
    article = Article.objects.create(
        title="Jobs",
        body=BODY,
        published_at=datetime.datetime(2024, 5, 3, 9, 0, tzinfo=datetime.UTC),
    )
    [claim] = propose_claims(article, threshold=0.0)
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")
    item = page.locator(f"#claim-{claim.pk}")
    item.get_by_text("Edit claim").click()
    expect(item.get_by_label("Claimant", exact=True)).to_have_value("Jane Smith")
    expect(item.get_by_label("Claimant is a")).to_have_value("person")
    expect(item.get_by_label("Claim date")).to_have_value("2024-05-03")

    item.get_by_label("Claimant", exact=True).fill("Ministry of Labour")
    item.get_by_label("Claimant is a").select_option("organisation")
    item.get_by_label("Where it appeared", exact=False).fill("https://gov.example/press")
    item.get_by_role("button", name="Save claimant").click()
    expect(page.locator(".notice")).to_contain_text("Claimant saved.")
    claim.refresh_from_db()
    assert (claim.claimant, claim.claimant_kind) == ("Ministry of Labour", "organisation")
    assert claim.appearance_url == "https://gov.example/press"
    assert page.evaluate("window.__sameDocument") is True
