"""The source library in a browser, on a phone (390 px) and a laptop: an editor searches as they
type, notes a source's reliability and merges its duplicate; the reviewer then reads the note
beside the source in their review panel. Nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from factcheck.reviews import assignments, reviewing
from factcheck.reviews.models import Source
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ClaimFactory

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
KEPT = "https://stats.example.org/a/very/long/address/poverty-alleviation-census-report-2020.pdf"
DUPLICATE = (
    "http://www.stats.example.org/a/very/long/address/poverty-alleviation-census-report-2020.pdf"
)


@pytest.fixture
def cited(editor, reviewer, other_reviewer):
    """The same census report cited under two addresses by two reviewers."""
    claims = [ClaimFactory(), ClaimFactory()]
    assignments.assign(claims[:1], [reviewer], by=editor, notify=False)
    assignments.assign(claims[1:], [other_reviewer], by=editor, notify=False)
    for claim, by, url in ((claims[0], reviewer, KEPT), (claims[1], other_reviewer, DUPLICATE)):
        reviewing.add_evidence(
            claim,
            by=by,
            expected_version=None,
            url=url,
            title="Poverty alleviation: the census report of 2020",
            publisher="National Bureau of Statistics",
            kind="official",
            quote="770 million rural poor people have been lifted out of poverty.",
        )
    return claims


def scrolls_sideways(page, width):
    return page.evaluate("document.documentElement.scrollWidth") > width


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_editor_notes_and_merges_a_source_and_the_reviewer_reads_the_note(
    browser, live_server, cited, viewport
):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, "edna", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sources").click()
    expect(page.get_by_role("heading", name="Source library")).to_be_visible()
    expect(page.locator("#source-results")).to_contain_text("2 sources")
    assert not scrolls_sideways(page, viewport["width"])

    page.get_by_role("searchbox", name="Search").fill(
        "nothing like it"
    )  # htmx searches as one types
    expect(page.locator("#source-results")).to_contain_text("No sources match")
    page.get_by_role("searchbox", name="Search").fill("census")
    expect(page.locator("#source-results")).to_contain_text("2 sources")

    kept = Source.objects.get(url=KEPT)
    page.goto(f"/sources/{kept.pk}/")
    assert not scrolls_sideways(page, viewport["width"])
    page.get_by_text("Write a note").click()
    page.get_by_role("textbox", name="Reliability note").fill(
        "Official figures; revised every spring."
    )
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".messages")).to_contain_text("Reliability note saved.")

    page.get_by_role("button", name="Merge into this source").click()
    expect(page.locator(".messages")).to_contain_text("1 citations moved")
    expect(page.get_by_role("table")).to_contain_text("Otto")
    assert not scrolls_sideways(page, viewport["width"])
    context.close()

    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{cited[0].pk}/")
    expect(page.locator("#evidence")).to_contain_text("Official figures; revised every spring.")
    context.close()
    assert Source.objects.get(url=DUPLICATE).merged_into_id == kept.pk
