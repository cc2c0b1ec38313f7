from pathlib import Path

import pytest
from playwright.sync_api import expect

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "articles" / "data" / "seed-article.txt"


def test_an_editor_pastes_an_article_previews_it_and_imports_it(page, editor):
    log_in(page, "edna", PASSWORD)
    page.get_by_role("link", name="New article").click()
    page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
    page.evaluate("window.__sameDocument = true")

    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#result")
    expect(preview.get_by_role("heading", name="Preview")).to_be_visible()
    expect(preview).to_contain_text("Guangming Online")
    expect(preview).to_contain_text("WJH")
    expect(preview).to_contain_text("The average life expectancy has risen to 78.2 years.")
    assert page.evaluate("window.__sameDocument") is True  # the preview did not reload the page
    assert not Article.objects.exists()

    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "China's Efforts in Advancing Human Rights: At Home and Abroad"
    )
    body = page.locator(".article-body")
    expect(body).to_contain_text("Some 770 million rural Chinese have been lifted out of poverty")
    expect(body).not_to_contain_text("More from Guangming Online")
    expect(body).not_to_contain_text("The views and opinions expressed")
    expect(page.get_by_text("removed or parsed during import")).to_be_visible()
    assert Article.objects.get().claims.exists()


def test_an_editor_selects_text_and_makes_it_a_claim_without_a_reload(page, editor):
    article = Article.objects.create(
        title="Bridge",
        body="The bridge opened in 2019.\n\nIt cost 2.5 billion euros, twice the budget.",
    )
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")

    # Select "2.5 billion euros" inside the second paragraph.
    page.evaluate(
        """() => {
          const p = document.querySelectorAll('.article-body p')[1];
          const text = p.firstChild;
          const start = text.data.indexOf('2.5 billion euros');
          const range = document.createRange();
          range.setStart(text, start);
          range.setEnd(text, start + '2.5 billion euros'.length);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }"""
    )
    page.locator(".article-body p").nth(1).dispatch_event("mouseup")
    page.get_by_role("button", name="New claim from selection").click()

    expect(page.locator(".claim-list .claim-text")).to_have_text(["2.5 billion euros"])
    expect(page.locator(".notice")).to_contain_text("Claim created from the selection.")
    assert page.evaluate("window.__sameDocument") is True
    claim = Claim.objects.get()
    assert article.body[claim.start : claim.end] == "2.5 billion euros"

    # Accept/dismiss works in place too.
    page.get_by_label("Reason to dismiss", exact=True).fill("not the point")
    page.get_by_role("button", name="Dismiss").click()
    expect(page.locator(".notice")).to_contain_text("Claim dismissed.")
    assert page.evaluate("window.__sameDocument") is True
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED and claim.dismissal_reason == "not the point"
