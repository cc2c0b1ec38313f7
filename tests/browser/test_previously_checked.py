"""The review panel's "Previously checked" in a real browser: an editor links a claim to the
same claim checked before and copies its check into a reviewer's draft, on a phone's width."""

from playwright.sync_api import expect

from factcheck.claims import matching
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments
from factcheck.reviews.models import Review
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ArticleFactory, claim_in_status

EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."
LATER = "Some 770m rural Chinese have been lifted out of poverty since 1978, officials said."
CHANGED = "Some 700 million rural Chinese have been lifted out of poverty since 1978."


def test_an_editor_links_and_copies_a_previous_check_on_a_phone(
    browser, live_server, editor, reviewer, other_reviewer
):
    earlier = claim_in_status(
        "resolved",
        editor=editor,
        reviewers=[other_reviewer],
        article=ArticleFactory(body=EARLIER, title="An earlier white paper on poverty"),
    )
    related = create_claim(ArticleFactory(body=CHANGED), 0, len(CHANGED))
    matching.index_claims([earlier, related])
    article = ArticleFactory(body=LATER, title="A new speech")
    claim = create_claim(article, 0, len(LATER))
    assignments.assign([claim], [reviewer], by=editor, notify=False)

    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, "edna", PASSWORD)
    page.goto(f"/review/{claim.pk}/")
    section = page.locator(".previously-checked")
    expect(section).to_contain_text("An earlier white paper on poverty")
    expect(section).to_contain_text("Related: other figures")
    expect(section.locator("mark").nth(1)).to_have_text("Some 700 million rural Chinese")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    section.get_by_role("button", name="Link as the same claim").click()
    expect(page.locator("#panel")).to_contain_text("Linked as the same claim.")
    expect(page.locator(".previously-checked")).to_contain_text("linked as the same claim")
    assert Claim.objects.get(pk=claim.pk).same_as_id == earlier.pk

    page.get_by_label("Copy the verdict and sources into the draft of").select_option(
        label=reviewer.display_name
    )
    page.get_by_role("button", name="Copy into a draft").click()
    expect(page.locator("#panel")).to_contain_text("nothing is published")
    draft = Review.objects.get(claim=claim, reviewer=reviewer)
    assert draft.status == Review.Status.DRAFT and draft.verdict_id == earlier.final_verdict_id
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
