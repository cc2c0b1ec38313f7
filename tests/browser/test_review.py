import re

import pytest
from playwright.sync_api import expect

from factcheck.claims.models import Verdict
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments, reviewing
from factcheck.reviews.models import Evidence, Review
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ArticleFactory, submitted_review

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

    page.locator("#add-source > summary").click()
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


def test_a_submit_swaps_in_what_a_reload_shows_and_reopening_brings_the_form_back(
    page, assigned, other_reviewer
):
    submitted_review(assigned[0], other_reviewer, "true", rationale="OTTO-RATIONALE")
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    page.evaluate("window.__sameDocument = true")
    expect(page.locator("#panel")).not_to_contain_text("OTTO-RATIONALE")
    page.get_by_role("radiogroup", name="Verdict").get_by_label("False", exact=True).check()
    page.get_by_label("Rationale").fill("The official count is 770 million.")
    page.locator("#add-source > summary").click()
    page.get_by_label("Source URL").fill("https://stats.example.org/poverty-2020")
    page.get_by_role("button", name="Save source").click()
    expect(page.locator("#evidence")).to_contain_text("stats.example.org")

    page.get_by_role("button", name="Submit review").click()
    panel = page.locator("#panel")
    expect(panel).to_contain_text("OTTO-RATIONALE")  # blind review: seen, so not reopenable
    expect(panel.get_by_role("button", name="Reopen my review")).to_have_count(0)
    expect(panel.get_by_role("heading", name="Discussion")).to_be_visible()
    expect(panel.get_by_role("link", name="Next claim")).to_be_visible()
    expect(panel.get_by_role("button", name="Submit review")).to_have_count(0)
    expect(panel.locator("#evidence")).not_to_contain_text("Edit source")
    expect(panel.locator("#add-source")).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True
    swapped = panel.inner_text()
    mark = page.locator(f'[data-review-claim="{assigned[0].pk}"]')
    expect(mark).not_to_have_class(re.compile(r"status-in_review"))  # now disputed
    marked = set(mark.get_attribute("class").split())
    page.reload()
    expect(page.locator("#panel")).to_contain_text("OTTO-RATIONALE")
    assert page.locator("#panel").inner_text() == swapped
    assert set(mark.get_attribute("class").split()) == marked

    # The next claim has no other review: submitted, it can be reopened.
    page.evaluate("window.__sameDocument = true")
    panel.get_by_role("link", name="Next claim").click()
    expect(panel).to_contain_text("78.2 years")
    page.get_by_role("radiogroup", name="Verdict").get_by_label("Opinion").check()
    page.get_by_label("Rationale").fill("A value judgement.")
    page.get_by_role("button", name="Submit review").click()
    expect(panel.get_by_role("button", name="Reopen my review")).to_be_visible()
    submitted = panel.inner_text()
    page.reload()
    expect(page.locator("#panel").get_by_role("button", name="Reopen my review")).to_be_visible()
    assert page.locator("#panel").inner_text() == submitted
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Reopen my review").click()
    expect(panel.get_by_role("button", name="Submit review")).to_be_visible()
    expect(panel.get_by_label("Rationale")).to_have_value("A value judgement.")
    # The verdicts' shortcut keys are shown by workspace.js once htmx has settled the swap.
    expect(panel.locator("kbd[data-with-script]").first).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    reopened = panel.inner_text()
    page.reload()
    expect(page.locator("#panel").get_by_role("button", name="Submit review")).to_be_visible()
    assert page.locator("#panel").inner_text() == reopened


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
    # The refusal shows where the reviewer is looking: beside the buttons, and focus on the panel.
    status = second.locator("#save-status")
    expect(status).not_to_contain_text("Saving", use_inner_text=True)
    expect(status).to_contain_text("Not saved: the review changed elsewhere", use_inner_text=True)
    expect(conflict).to_be_focused()
    expect(conflict).to_be_in_viewport()
    expect(second.get_by_label("Rationale")).to_have_value("Written in the second tab.")

    second.get_by_role("button", name="Keep mine").click()
    expect(second.locator("#save-status")).to_contain_text("Saved")
    expect(conflict).to_be_empty()
    assert Review.objects.get().rationale == "Written in the second tab."


def test_the_add_source_form_stays_open_while_the_reviewer_types_and_the_draft_autosaves(
    page, reviewer, assigned
):
    # A source the reviewer used before, which the library suggests again.
    earlier = reviewing.save_draft(
        assigned[1], by=reviewer, verdict=None, confidence="", rationale="", expected_version=None
    )
    reviewing.add_evidence(
        assigned[1],
        by=reviewer,
        expected_version=earlier.version,
        url="https://stats.example.org/poverty-2019",
        title="Poverty 2019",
    )
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    url = page.locator("#add-source").get_by_label("Source URL")
    expect(url).to_be_hidden()
    page.locator("#add-source > summary").click()

    # Typing asks for suggestions (after 300 ms) and swaps them in under the field.
    url.fill("stats.example")
    expect(page.locator("#source-suggestions")).to_contain_text("Poverty 2019")
    with page.expect_response("**/sources/search/**"):
        url.fill("https://stats.example.org/poverty-2020")
    page.wait_for_timeout(200)  # past the swap's settling
    expect(page.locator("#source-suggestions")).to_be_empty()
    expect(url).to_be_visible()

    # The draft autosaves meanwhile: the form stays open, and what was typed stays.
    page.get_by_label("Title", exact=True).fill("Poverty alleviation report 2020")
    with page.expect_response("**/draft/"):
        page.get_by_label("Rationale").fill("The official count is 770 million.")
    expect(page.locator("#save-status")).to_contain_text("Saved")
    page.wait_for_timeout(200)
    expect(url).to_be_visible()
    expect(url).to_have_value("https://stats.example.org/poverty-2020")

    # The autosave moved the review to version 1; the source form carries it, so no conflict.
    page.get_by_role("button", name="Save source").click()
    expect(page.locator("#evidence")).to_contain_text("Source added.")
    expect(page.locator("#evidence")).to_contain_text("Poverty alleviation report 2020")
    expect(page.locator("#conflict")).to_be_empty()
    expect(url).to_be_hidden()  # closed and emptied for the next source
    # ... and the source's save moved it to version 2, which the draft's form carries in turn.
    with page.expect_response("**/draft/") as answer:
        page.get_by_label("Rationale").fill("The official count is 770 million, see above.")
    assert answer.value.status == 200
    expect(page.locator("#conflict")).to_be_empty()
    review = Review.objects.get(claim=assigned[0])
    assert review.version == 3 and review.rationale.endswith("see above.")
    assert review.evidence.get().source.url == "https://stats.example.org/poverty-2020"


def test_a_refused_source_keeps_the_form_open_showing_why(page, assigned):
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    page.locator("#add-source > summary").click()
    url = page.get_by_label("Source URL")
    url.fill("javascript:alert(1)")
    page.get_by_label("Quote").fill("Kept after the refusal")
    page.get_by_role("button", name="Save source").click()
    expect(page.locator("#id_url_errors")).to_contain_text("http:// or https://")
    expect(url).to_be_visible()
    expect(url).to_be_focused()
    expect(page.get_by_label("Quote")).to_have_value("Kept after the refusal")
    assert not Evidence.objects.exists()


def test_an_autosave_the_network_lost_says_so_and_is_retried(page, assigned):
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    status = page.locator("#save-status")
    expect(status).to_have_text("Not saved yet", use_inner_text=True)

    page.route("**/draft/", lambda route: route.abort())
    page.get_by_label("Rationale").fill("Written offline.")
    expect(status).to_have_text("Not saved, retrying…", use_inner_text=True)
    page.unroute("**/draft/")
    expect(status).to_contain_text("Saved", use_inner_text=True, timeout=5000)
    assert Review.objects.get().rationale == "Written offline."


def shortcut(page, key):
    """Press `key` with the focus on no field, where the workspace's shortcuts work."""
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press(key)


def test_the_keyboard_shortcuts(page, assigned):
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    # Hidden in the page's HTML, shown by the script that makes them work.
    expect(page.get_by_text("Press j / k for the next or previous one.")).to_be_visible()
    expect(page.get_by_role("button", name="Keyboard shortcuts (?)")).to_be_visible()
    expect(page.locator(".verdict-option kbd").first).to_be_visible()

    shortcut(page, "?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()

    shortcut(page, "2")
    expect(page.locator('input[name="verdict"][data-key="2"]')).to_be_checked()
    expect(page.locator("#save-status")).to_contain_text("Saved", timeout=5000)

    shortcut(page, "e")
    url = page.locator("#add-source").get_by_label("Source URL")
    expect(url).to_be_focused()
    url.fill("https://stats.example.org/poverty-2020")
    url.press("Enter")
    expect(page.locator("#evidence")).to_contain_text("Source added.")

    page.get_by_label("Rationale").press_sequentially("Saved with s.")
    shortcut(page, "s")
    expect(page.locator("#save-status")).to_contain_text("Saved")
    shortcut(page, "Shift+Enter")
    expect(page.locator("#panel")).to_contain_text("Submitted")
    review = Review.objects.get()
    assert review.status == Review.Status.SUBMITTED and review.evidence.count() == 1
    assert review.rationale == "Saved with s." and review.verdict.slug != ""

    shortcut(page, "j")
    expect(page.locator("#panel")).to_contain_text("78.2 years")
    expect(page.locator(f'[data-review-claim="{assigned[1].pk}"]')).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator(".verdict-option kbd").first).to_be_visible()  # in the new panel too
    shortcut(page, "k")
    expect(page.locator("#panel")).to_contain_text("770 million")


def test_a_verdict_added_in_between_does_not_change_what_a_key_records(page, assigned):
    # An admin adds a verdict between "Mostly false" (4) and "False" (5), with its own key.
    Verdict.objects.create(
        slug="satire", label="Satire", order=45, is_rating=False, rating_value=None, shortcut="9"
    )
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    false = page.locator(".verdict-option", has_text="False").filter(has_not_text="Mostly")
    expect(false.locator("kbd")).to_have_text("5")
    expect(page.locator(".verdict-option", has_text="Satire").locator("kbd")).to_have_text("9")

    shortcut(page, "5")
    expect(page.get_by_label("False", exact=True)).to_be_checked()
    expect(page.locator("#save-status")).to_contain_text("Saved", timeout=5000)
    assert Review.objects.get().verdict.slug == "false"


def test_a_save_after_the_session_ended_says_so_and_keeps_the_text(page, live_server, assigned):
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    other = page.context.new_page()
    other.goto(live_server.url + "/queue/")
    other.get_by_role("button", name="Log out").click()
    other.wait_for_url("**/accounts/login/**")

    rationale = page.get_by_label("Rationale")
    with page.expect_response("**/draft/") as answer:
        rationale.fill("Written after the session ended.")
    assert answer.value.status == 401
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("You were logged out. Your text is kept here")
    expect(notice).to_be_visible()
    expect(rationale).to_have_value("Written after the session ended.")
    expect(page.locator("#save-status")).not_to_contain_text("Saved", use_inner_text=True)
    assert not Review.objects.exists()

    # Logging in again in the other tab is enough: the kept text is saved from this page.
    log_in(other, "rita", PASSWORD)
    status = page.locator("#save-status")
    expect(status).to_contain_text("Saved", use_inner_text=True, timeout=10_000)
    expect(notice).to_be_hidden()
    assert Review.objects.get().rationale == "Written after the session ended."


@pytest.mark.parametrize(
    ("status", "message"),
    [(403, "Not saved: this was refused."), (500, "Not saved: the server failed.")],
)
def test_a_refused_or_failed_save_is_never_a_silent_success(page, assigned, status, message):
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{assigned[0].pk}/")
    page.route("**/draft/", lambda route: route.fulfill(status=status, body="<p>Oops</p>"))
    page.get_by_label("Rationale").fill("Kept.")
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page.get_by_label("Rationale")).to_have_value("Kept.")
    expect(page.locator("#save-status")).not_to_contain_text("Oops")


def test_the_article_pane_scrolls_to_the_current_claim(page, editor, reviewer):
    filler = "A sentence of background that nobody needs to check at all. " * 4
    paragraphs = [filler.strip()] * 40
    paragraphs[1] = "Exports grew by 12 percent in 2023."
    paragraphs[38] = "Imports fell by 7 percent in 2023."
    body = "\n\n".join(paragraphs)
    article = ArticleFactory(body=body, title="Trade")
    claims = [
        create_claim(article, body.index(text), body.index(text) + len(text))
        for text in (paragraphs[1], paragraphs[38])
    ]
    assignments.assign(claims, [reviewer], by=editor, notify=False)
    log_in(page, "rita", PASSWORD)

    first, last = (page.locator(f'[data-review-claim="{claim.pk}"]') for claim in claims)
    page.goto(f"/review/{claims[1].pk}/")  # on load
    expect(last).to_be_in_viewport()
    expect(first).not_to_be_in_viewport()
    shortcut(page, "k")  # after k
    expect(page.locator("#panel")).to_contain_text("Exports grew")
    expect(first).to_be_in_viewport()
    expect(last).not_to_be_in_viewport()
    page.evaluate("document.querySelector('.article-pane').scrollTop = 1e6")
    last.click()  # after a click, it stays where it is
    expect(page.locator("#panel")).to_contain_text("Imports fell")
    expect(last).to_be_in_viewport()
