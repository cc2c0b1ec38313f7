from playwright.sync_api import expect

from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ArticleFactory, submitted_review

BODY = (
    "China has contributed to over 70 percent of global poverty reduction.\n\n"
    "The average life expectancy has risen to 78.2 years."
)


def test_an_editor_assigns_resolves_and_publishes_and_the_desk_follows(
    page, editor, reviewer, other_reviewer
):
    article = ArticleFactory(body=BODY, title="Poverty white paper")
    start = BODY.index("China")
    claim = create_claim(article, start, start + len(BODY.split("\n\n")[0]))

    log_in(page, "edna", PASSWORD)
    expect(page.get_by_role("heading", name="Desk")).to_be_visible()
    page.goto(f"/claims/{claim.pk}/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Rita").check()
    page.get_by_label("Otto").check()
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("Assigned to")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW

    # The two reviewers submit (through the same domain functions as their screens).
    submitted_review(claim, reviewer, "mostly-true", rationale="Close to the World Bank figure.")
    submitted_review(claim, other_reviewer, "misleading", rationale="The baseline is not stated.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISPUTED

    page.goto("/")
    disputed = page.locator("section", has=page.get_by_role("heading", name="Disputed claims"))
    expect(disputed).to_contain_text("over 70 percent")
    disputed.get_by_role("link").first.click()
    expect(page.locator("#desk")).to_contain_text("The baseline is not stated.")
    page.evaluate("window.__sameDocument = true")

    page.get_by_role("radiogroup", name="Final verdict").get_by_label("Misleading").check()
    page.get_by_label("Public rationale").fill("The share depends on the poverty line chosen.")
    page.get_by_label("publish").first.check()
    page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".notice")).to_contain_text("Claim resolved.")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("Claim published.")
    assert page.evaluate("window.__sameDocument") is True

    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED and claim.final_verdict.slug == "misleading"
    assert claim.reviews.filter(evidence__published=True).exists()

    page.goto("/")
    expect(disputed).to_contain_text("No disputes.")
    chart = page.get_by_role("img", name="Final verdicts (resolved and published claims)")
    expect(chart).to_have_attribute("aria-label", "Final verdicts (resolved and published claims): "
                                    "True 0, Mostly true 0, Half true 0, Mostly false 0, False 0, "
                                    "Misleading (missing context) 1, Unverifiable 0, "
                                    "Opinion (not a checkable claim) 0")  # fmt: skip
    progress = page.locator(".progress-table tr", has_text="Poverty white paper")
    expect(progress).to_contain_text("Published 1")


def test_the_select_all_box_of_the_claims_list_follows_the_claims(page, editor):
    article = ArticleFactory(body=BODY, title="Poverty white paper")
    for paragraph in BODY.split("\n\n"):
        start = BODY.index(paragraph)
        create_claim(article, start, start + len(paragraph))
    log_in(page, "edna", PASSWORD)
    page.goto("/claims/")
    everything = page.get_by_label("Select all claims on this page")
    claims = page.locator('input[name="ids"]')
    expect(claims).to_have_count(2)

    everything.check()
    expect(claims.nth(0)).to_be_checked()
    expect(claims.nth(1)).to_be_checked()
    claims.nth(0).uncheck()
    expect(everything).not_to_be_checked()
    assert page.evaluate("document.getElementById('select-all').indeterminate") is True
    claims.nth(0).check()
    expect(everything).to_be_checked()


def test_an_editor_resolves_and_publishes_without_waiting_for_the_second_review(
    page, editor, reviewer, other_reviewer
):
    article = ArticleFactory(body=BODY, title="Poverty white paper")
    start = BODY.index("China")
    claim = create_claim(article, start, start + len(BODY.split("\n\n")[0]))
    assignments.assign([claim], [reviewer, other_reviewer], by=editor, notify=False)
    submitted_review(claim, reviewer, "mostly-true", rationale="Close to the World Bank figure.")

    log_in(page, "edna", PASSWORD)
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_role("radiogroup", name="Final verdict").get_by_label("Mostly true").check()
    page.get_by_label("Public rationale").fill("Close to the World Bank figure.")
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_role("alert")).to_contain_text("Otto has not submitted a review yet")
    page.get_by_label("Resolve without waiting for Otto").check()
    page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".notice")).to_contain_text("Claim resolved.")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("Claim published.")
    history = page.locator(".timeline")
    expect(history).to_contain_text("resolved without waiting for Otto")

    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert [a.reviewer for a in claim.assignments.all()] == [reviewer]
