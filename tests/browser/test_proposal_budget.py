"""The article page's proposals in a browser: bands, "Show N more suggestions" (with and without
JavaScript) and keyboard triage of what it shows, on a phone and on a laptop."""

import pytest
from playwright.sync_api import expect

from factcheck.claims.models import Claim
from factcheck.claims.proposals import propose_claims
from tests.browser.conftest import log_in
from tests.claims.fixed_scores import MEDIUM, STRONG, WEAK, body_of, fixed_model
from tests.factories import PASSWORD, ArticleFactory

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def article(monkeypatch, settings):
    """14 sentences with fixed scores: 2 proposed (High, Medium), 12 held back."""
    settings.FACTCHECK_PROPOSAL_HIGH = 0.7
    settings.FACTCHECK_PROPOSAL_MEDIUM = 0.45
    settings.FACTCHECK_PROPOSAL_MIN_SCORE = 0.25
    settings.FACTCHECK_PROPOSAL_SHARE = 0.15
    settings.FACTCHECK_PROPOSAL_MIN = 1
    settings.FACTCHECK_PROPOSAL_FIGURE_MIN = 1.0  # the numbered test sentences are not statistics
    model = fixed_model("fixed-1")
    monkeypatch.setattr("factcheck.claims.proposals.scoring_model", lambda article: model)
    markers = [WEAK, MEDIUM, STRONG, *[MEDIUM] * 3, *[WEAK] * 8]
    article = ArticleFactory(body=body_of(*markers), language="en")
    propose_claims(article)
    return article


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_editor_sees_bands_and_shows_more_suggestions_then_triages_them(
    page, editor, article, viewport
):
    page.set_viewport_size(viewport)
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    items = page.locator(".claim-list > li.claim")
    expect(items).to_have_count(2)
    expect(items.nth(0).locator(".band")).to_have_text("High")
    expect(items.nth(1).locator(".band")).to_have_text("Medium")
    expect(items.nth(0)).to_contain_text("reads strongly")
    more = page.get_by_role("button", name="Show 10 more suggestions")
    expect(more).to_be_visible()
    expect(page.locator(".show-more")).to_contain_text("of 12 held back")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    more.click()
    expect(page.locator(".notice")).to_contain_text("10 more suggestions shown.")
    expect(items).to_have_count(12)
    # The first new suggestion (the best held back) has focus, so j/k/a/d go on from there.
    first_new = items.nth(2)
    expect(first_new).to_be_focused()
    expect(first_new.locator(".band")).to_have_text("Medium")
    expect(items.nth(11).locator(".band")).to_have_text("Low")
    expect(page.get_by_role("button", name="Show 2 more suggestions")).to_be_visible()
    expect(page.locator(".show-more")).not_to_contain_text("held back")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    focused_id = first_new.get_attribute("id")
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text("Claim accepted.")
    accepted = Claim.objects.get(pk=int(focused_id.removeprefix("claim-")))
    assert accepted.status == Claim.Status.OPEN and accepted.model_version == "fixed-1"
    expect(items.nth(2)).to_be_focused()  # the next suggestion
    page.keyboard.press("u")
    expect(page.locator(".notice")).to_contain_text("Undone.")
    accepted.refresh_from_db()
    assert accepted.status == Claim.Status.SUGGESTED

    page.get_by_role("button", name="Show 2 more suggestions").click()
    expect(page.locator(".notice")).to_contain_text("2 more suggestions shown.")
    expect(page.locator("[data-show-more]")).to_have_count(0)
    assert not article.candidates.exists()


def test_without_javascript_show_more_and_the_language_work_as_plain_forms(
    browser, live_server, editor, article
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    try:
        log_in(page, "edna", PASSWORD)
        page.goto(article.get_absolute_url())
        page.get_by_role("button", name="Show 10 more suggestions").click()
        expect(page.locator(".message").first).to_contain_text("10 more suggestions shown.")
        assert page.url.endswith("#claim-" + str(article.claims.order_by("-pk")[9].pk))
        expect(page.get_by_role("button", name="Show 2 more suggestions")).to_be_visible()

        expect(page.locator("[data-language]")).to_have_text("English (en)")
        page.locator("summary", has_text="Correct the language").click()
        page.get_by_label("Language", exact=True).select_option("zh")
        page.get_by_role("button", name="Set the language").click()
        expect(page.locator("[data-language]")).to_have_text("Chinese (zh)")
        expect(page.locator(".message").first).to_contain_text("proposed again")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    article.refresh_from_db()
    assert article.language == "zh"
