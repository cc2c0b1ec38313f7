import pytest
from playwright.sync_api import expect

from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments
from factcheck.reviews.models import Evidence, Review
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ArticleFactory

BODY = (
    "Some 770 million rural Chinese have been lifted out of poverty.\n\n"
    "The average life expectancy has risen to 78.2 years."
)


@pytest.fixture
def assigned(editor, reviewer):
    article = ArticleFactory(body=BODY, title="White paper")
    claims = []
    for paragraph in BODY.split("\n\n"):
        start = BODY.index(paragraph)
        claims.append(create_claim(article, start, start + len(paragraph)))
    assignments.assign(claims, [reviewer], by=editor, notify=False)
    return claims


def test_a_reviewer_reviews_a_claim_from_the_queue_without_a_page_reload(page, assigned):
    log_in(page, "rita", PASSWORD)
    expect(page.get_by_role("heading", name="My queue")).to_be_visible()
    page.get_by_role("link", name="Start").click()
    expect(page.locator("#panel")).to_contain_text("770 million rural Chinese")
    page.evaluate("window.__sameDocument = true")

    page.get_by_role("radiogroup", name="Verdict").get_by_label("Mostly true").check()
    page.get_by_label("Confidence").select_option("high")
    page.get_by_label("Rationale").fill("The official count is 770 million.\nSee the report.")
    expect(page.locator("#save-status")).to_contain_text("Saved", timeout=5000)

    page.get_by_role("button", name="Add source").click()
    page.get_by_label("Source URL").fill("https://stats.example.org/poverty-2020")
    page.get_by_label("Title", exact=True).fill("Poverty alleviation report 2020")
    page.get_by_label("Publisher").fill("National Bureau of Statistics")
    page.get_by_label("Quote").fill("770 million rural poor people have been lifted out of poverty")
    page.get_by_label("Stance").select_option("supports")
    page.get_by_role("button", name="Save source").click()
    expect(page.locator("#evidence")).to_contain_text("Poverty alleviation report 2020")

    page.get_by_role("button", name="Submit review").click()
    expect(page.locator("#panel")).to_contain_text("Submitted")
    assert page.evaluate("window.__sameDocument") is True

    review = Review.objects.get()
    assert review.status == Review.Status.SUBMITTED and review.verdict.slug == "mostly-true"
    assert review.confidence == "high"
    assert review.rationale == "The official count is 770 million.\nSee the report."
    evidence = Evidence.objects.get()
    assert evidence.quote.startswith("770 million rural poor") and evidence.stance == "supports"
    assert evidence.source.url == "https://stats.example.org/poverty-2020"

    # j goes to the next claim, keeping the same document.
    page.locator("body").press("j")
    expect(page.locator("#panel")).to_contain_text("78.2 years")
    assert page.evaluate("window.__sameDocument") is True
    assert page.url.endswith(f"/review/{assigned[1].pk}/")


def test_two_tabs_editing_the_same_review_get_a_conflict_not_a_silent_overwrite(
    page, browser, live_server, assigned
):
    log_in(page, "rita", PASSWORD)
    url = f"/review/{assigned[0].pk}/"
    page.goto(url)
    second = page.context.new_page()
    second.goto(live_server.url + url)

    page.get_by_label("Rationale").fill("Written in the first tab.")
    expect(page.locator("#save-status")).to_contain_text("Saved", timeout=5000)

    second.get_by_label("Rationale").fill("Written in the second tab.")
    conflict = second.locator("#conflict")
    expect(conflict).to_contain_text("Not saved", timeout=5000)
    expect(conflict).to_contain_text("Written in the first tab.")
    expect(conflict).to_contain_text("Written in the second tab.")
    assert Review.objects.get().rationale == "Written in the first tab."

    second.get_by_role("button", name="Keep mine").click()
    expect(second.locator("#save-status")).to_contain_text("Saved")
    expect(conflict).to_be_empty()
    assert Review.objects.get().rationale == "Written in the second tab."
