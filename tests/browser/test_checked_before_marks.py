"""The article page's "Checked before" marks in a real browser: they wrap on a phone and on a
desktop, and keyboard triage goes on through marked suggestions as through any other."""

import pytest
from playwright.sync_api import expect

from factcheck.claims import matching
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ArticleFactory, claim_in_status

EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."
LATER = "China has lifted 770m rural Chinese out of poverty since 1978, the minister said."
CHANGED = "Some 700 million rural Chinese have been lifted out of poverty since 1978."
NEW = "The new bridge over the river opened to traffic on Monday morning."
TITLE = "A white paper on poverty alleviation in rural China: its history and measured outcomes"


@pytest.mark.parametrize("width", [390, 1366])
def test_an_editor_triages_marked_suggestions_from_the_keyboard_at_any_width(
    page, editor, reviewer, width
):
    earlier = claim_in_status(
        "published",
        editor=editor,
        reviewers=[reviewer],
        article=ArticleFactory(body=EARLIER, title=TITLE),
    )
    matching.index_claims([earlier])
    body = "\n\n".join([NEW, LATER, CHANGED])
    article = ArticleFactory(body=body, title="A new speech")
    claims = [
        create_claim(article, body.index(s), body.index(s) + len(s), status="suggested")
        for s in (NEW, LATER, CHANGED)
    ]
    matching.match_claims(claims)
    new, same, related = claims

    log_in(page, "edna", PASSWORD)
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(article.get_absolute_url())
    expect(page.locator("[data-checked-summary]")).to_contain_text(
        "1 of 3 suggestions were checked before."
    )
    mark = page.locator(f"#claim-{same.pk} .checked-before")
    expect(mark).to_contain_text(f"Checked before: True ({TITLE}")
    expect(mark.get_by_role("link")).to_have_attribute("href", f"/claims/{earlier.pk}/")
    expect(page.locator(f"#claim-{related.pk} .checked-before")).to_contain_text(
        "Related claim, other figures: Some 700 million rural Chinese vs"
    )
    expect(page.locator(f"#claim-{new.pk} .checked-before")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The long title wraps inside the claim's item rather than widening it.
    box = mark.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width

    page.locator(f"#claim-{claims[0].pk}").focus()
    listed = page.locator(".claim-list > li.claim")
    page.keyboard.press("j")
    second = listed.nth(1)
    expect(second).to_be_focused()
    accepted = int(second.get_attribute("id").removeprefix("claim-"))
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text("Claim accepted.")
    assert Claim.objects.get(pk=accepted).status == Claim.Status.OPEN
    # The swapped workspace still marks the claims checked before, and still fits.
    expect(page.locator(f"#claim-{same.pk} .checked-before")).to_contain_text("Checked before")
    expect(page.locator(".claim-list > li.claim:focus")).to_have_count(1)  # the swap settled
    page.keyboard.press("u")
    expect(page.locator(".notice")).to_contain_text("Undone.")
    assert Claim.objects.get(pk=accepted).status == Claim.Status.SUGGESTED
    assert page.evaluate("document.documentElement.scrollWidth") <= width
