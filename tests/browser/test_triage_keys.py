from playwright.sync_api import expect

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from tests.browser.conftest import log_in
from tests.factories import PASSWORD


def sectors(count):
    body = "\n\n".join(f"Output of sector {n} rose {n} percent in 2021." for n in range(count))
    article = Article.objects.create(title="Sectors", body=body)
    claims = []
    for n in range(count):
        phrase = f"Output of sector {n} rose {n} percent in 2021."
        start = body.index(phrase)
        claims.append(create_claim(article, start, start + len(phrase), status="suggested"))
    return article, claims


def test_an_editor_triages_from_the_keyboard_and_undoes_a_dismissal(page, editor):
    article, claims = sectors(40)
    log_in(page, "edna", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")
    start = page.locator(f"#claim-{claims[20].pk}")
    start.scroll_into_view_if_needed()
    start.focus()
    before = page.evaluate("window.scrollY")
    assert before > 500

    page.keyboard.press("j")
    expect(page.locator(f"#claim-{claims[21].pk}")).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text("Claim accepted.")
    expect(page.locator(f"#claim-{claims[23].pk}")).to_be_focused()
    claims[22].refresh_from_db()
    assert claims[22].status == Claim.Status.OPEN
    assert claims[21].status == Claim.Status.SUGGESTED

    page.keyboard.press("d")
    expect(page.locator(f"#claim-{claims[23].pk} [data-reason-key]").first).to_be_visible()
    page.keyboard.press("2")
    expect(page.locator(".notice")).to_contain_text("Claim dismissed.")
    expect(page.locator(f"#claim-{claims[24].pk}")).to_be_focused()
    claims[23].refresh_from_db()
    assert (claims[23].status, claims[23].dismissal_reason) == (Claim.Status.DISMISSED, "opinion")

    item_top = f"document.getElementById('claim-{claims[24].pk}').getBoundingClientRect().top"
    top_before_undo = page.evaluate(item_top)
    page.keyboard.press("u")
    expect(page.locator(".notice")).to_contain_text("Undone.")
    expect(page.locator(f"#claim-{claims[23].pk}")).to_be_focused()
    claims[23].refresh_from_db()
    assert (claims[23].status, claims[23].dismissal_reason) == (Claim.Status.SUGGESTED, "")
    # The page kept its place: the claim below the restored one moved by that claim's height at
    # most, and all the moves went on from the middle of the page.
    assert abs(page.evaluate(item_top) - top_before_undo) < 400
    assert page.evaluate("window.scrollY") > before
    assert page.evaluate("window.__sameDocument") is True


def test_the_keys_stay_quiet_while_typing_and_escape_closes_the_reasons(page, editor):
    article, claims = sectors(3)
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    item = page.locator(f"#claim-{claims[0].pk}")
    item.focus()
    page.keyboard.press("d")
    keys = item.locator("[data-reason-key]")
    expect(keys.first).to_be_visible()
    page.keyboard.press("Escape")
    expect(keys.first).to_be_hidden()
    expect(item).to_be_focused()

    note = page.locator(f"#dismiss-note-{claims[0].pk}")
    note.fill("")
    note.press("a")
    note.press("2")
    expect(note).to_have_value("a2")
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.SUGGESTED

    page.get_by_role("button", name="Keyboard shortcuts (?)").click()
    expect(page.get_by_role("dialog")).to_contain_text("Undo the last accept or dismissal")


def test_without_javascript_the_shortcut_help_stays_hidden(browser, live_server, editor):
    article, claims = sectors(1)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "edna", PASSWORD)
        page.goto(article.get_absolute_url())
        expect(page.get_by_role("button", name="Keyboard shortcuts (?)")).to_be_hidden()
        page.get_by_role("button", name="Opinion").click()
        page.get_by_role("button", name="Undo").click()
        expect(page.locator(".messages, .message").first).to_contain_text("Undone.")
    finally:
        context.close()
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.SUGGESTED
