from pathlib import Path

from playwright.sync_api import expect

from factcheck.articles.models import Article
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

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


def select_text(page, phrase):
    """Select `phrase` in the article body the way a mouse would, then release the button."""
    page.evaluate(
        """(phrase) => {
          for (const p of document.querySelectorAll('.article-body p')) {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            let offset = 0, nodes = [];
            while (walker.nextNode()) { nodes.push([walker.currentNode, offset]);
                                        offset += walker.currentNode.data.length; }
            const at = p.textContent.indexOf(phrase);
            if (at < 0) continue;
            const locate = (target) => {
              for (const [node, start] of nodes)
                if (target <= start + node.data.length) return [node, target - start];
            };
            const range = document.createRange();
            range.setStart(...locate(at));
            range.setEnd(...locate(at + phrase.length));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return;
          }
          throw new Error('phrase not in the article: ' + phrase);
        }""",
        phrase,
    )


def test_an_editor_selects_text_in_the_seed_article_and_sees_the_new_claim_highlighted(
    page, editor
):
    article = import_and_propose(SEED.read_bytes(), by=editor).article
    proposed = article.claims.count()
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")

    phrase = "the largest and strongest such campaign in human history"
    select_text(page, phrase)
    expect(page.locator("[data-selection-preview]")).to_contain_text(phrase)
    page.get_by_role("button", name="New claim from selection").click()

    expect(page.locator(".notice")).to_contain_text("Claim created from the selection.")
    claim = article.claims.get(origin=Claim.Origin.MANUAL)
    assert claim.text == phrase and article.body[claim.start : claim.end] == phrase
    assert article.claims.count() == proposed + 1
    mark = page.locator(f'.article-body .claim-mark[href="#claim-{claim.pk}"]')
    expect(mark).to_have_text(phrase)
    expect(page.locator(f"#claim-{claim.pk}")).to_be_focused()
    assert page.evaluate("window.__sameDocument") is True

    # Dismissing works in place too.
    first = article.claims.exclude(status="dismissed").order_by("start", "end").first()
    page.locator(f"#claim-{first.pk}").get_by_label("Note (optional)").fill("not the point")
    page.locator(f"#claim-{first.pk}").get_by_role("button", name="Opinion").click()
    expect(page.locator(".notice")).to_contain_text("Claim dismissed.")
    assert page.evaluate("window.__sameDocument") is True
    first.refresh_from_db()
    assert first.status == Claim.Status.DISMISSED
    assert first.dismissal_reason == "opinion: not the point"


def test_dismissing_a_claim_mid_list_keeps_the_place_and_focuses_the_next_claim(page, editor):
    body = "\n\n".join(f"Output of sector {n} rose {n} percent in 2021." for n in range(40))
    article = Article.objects.create(title="Sectors", body=body)
    claims = []
    for n in range(40):
        phrase = f"Output of sector {n} rose {n} percent in 2021."
        start = body.index(phrase)
        claims.append(create_claim(article, start, start + len(phrase), status="suggested"))
    middle, following = claims[20], claims[21]
    log_in(page, "edna", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")
    item = page.locator(f"#claim-{middle.pk}")
    item.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    assert before > 500  # mid-page, far from the dismissed claims at the end

    item.get_by_role("button", name="Not check-worthy").click()
    expect(page.locator(".notice")).to_contain_text("Claim dismissed.")
    expect(page.locator(f"#claim-{following.pk}")).to_be_focused()
    after = page.evaluate("window.scrollY")
    assert abs(after - before) < 400, (before, after)
    assert page.evaluate("window.__sameDocument") is True
    middle.refresh_from_db()
    assert middle.dismissal_reason == "not check-worthy"


def test_a_selection_after_emoji_anchors_exactly(page, editor):
    article = Article.objects.create(
        title="Growth",
        body="Growth 📈📈 reached 7.5 percent.\n\nThe bridge 🌉 cost 2.5 billion euros.",
    )
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    select_text(page, "2.5 billion euros")
    page.get_by_role("button", name="New claim from selection").click()
    expect(page.locator(".claim-list .claim-text")).to_have_text(["2.5 billion euros"])
    claim = Claim.objects.get()
    assert article.body[claim.start : claim.end] == "2.5 billion euros"


def test_a_file_dropped_on_the_text_box_goes_into_the_file_field(page, editor):
    log_in(page, "edna", PASSWORD)
    page.goto("/articles/new/")
    page.evaluate(
        """() => {
          const transfer = new DataTransfer();
          transfer.items.add(new File(["Bridge closed."], "article.txt", {type: "text/plain"}));
          const zone = document.querySelector('[data-dropzone]');
          zone.dispatchEvent(new DragEvent('dragover', {bubbles: true, dataTransfer: transfer}));
          zone.dispatchEvent(new DragEvent('drop', {bubbles: true, dataTransfer: transfer}));
        }"""
    )
    name = page.evaluate("document.querySelector('input[type=file]').files[0].name")
    assert name == "article.txt"


SPLIT_BODY = (
    "Exports rose 12 percent in 2021. Imports fell 3 percent.\n\nThe bridge cost 2.5 billion."
)


def click_in_claim_text(page, claim, phrase):
    """Put the caret before `phrase` in the claim's text in the list and click there."""
    page.evaluate(
        """([id, phrase]) => {
          const text = document.querySelector(`[data-claim-text][data-claim="${id}"]`);
          const node = text.firstChild;
          const range = document.createRange();
          range.setStart(node, node.data.indexOf(phrase));
          range.collapse(true);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          text.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        }""",
        [claim.pk, phrase],
    )


def test_an_editor_splits_and_reanchors_a_claim_without_seeing_character_offsets(page, editor):
    article = Article.objects.create(title="Trade", body=SPLIT_BODY)
    claim = create_claim(article, 0, SPLIT_BODY.index("\n\n"), status="suggested")
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")
    item = page.locator(f"#claim-{claim.pk}")
    item.get_by_text("Edit claim").click()
    expect(item.get_by_label("Start", exact=True)).to_be_hidden()
    expect(item.get_by_label("Split before character", exact=False)).to_be_hidden()
    expect(item.get_by_role("button", name="Split")).to_be_disabled()
    expect(item.get_by_role("button", name="Use the selection as the claim's words")).to_be_hidden()

    click_in_claim_text(page, claim, "Imports")
    expect(item).to_contain_text("The second part begins: Imports fell 3 percent.")
    item.get_by_role("button", name="Split").click()
    expect(page.locator(".notice")).to_contain_text("Claim split in two.")
    first, second = article.claims.order_by("start")
    assert first.text == "Exports rose 12 percent in 2021."
    assert second.text == "Imports fell 3 percent."

    select_text(page, "fell 3 percent")
    item = page.locator(f"#claim-{second.pk}")
    item.get_by_text("Edit claim").click()
    item.get_by_role("button", name="Use the selection as the claim's words").click()
    expect(page.locator(".notice")).to_contain_text("Boundaries changed.")
    second.refresh_from_db()
    assert second.text == "fell 3 percent"
    assert page.evaluate("window.__sameDocument") is True


def test_without_javascript_the_offsets_are_typed_in_a_details_block(browser, live_server, editor):
    article = Article.objects.create(title="Trade", body=SPLIT_BODY)
    claim = create_claim(article, 0, SPLIT_BODY.index("\n\n"), status="suggested")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "edna", PASSWORD)
        page.goto(article.get_absolute_url())
        item = page.locator(f"#claim-{claim.pk}")
        item.get_by_text("Edit claim").click()
        item.get_by_text("Split by character position").click()
        item.get_by_label("Split before character", exact=False).fill(
            str(len("Exports rose 12 percent in 2021. "))
        )
        item.get_by_role("button", name="Split").click()
        expect(page.locator(".messages, .message").first).to_contain_text("Claim split in two.")
        assert article.claims.count() == 2
    finally:
        context.close()
