"""An editor exports the demo article's report from the workbench and opens it."""

import re

import pytest
from playwright.sync_api import expect

from factcheck.claims import editing
from factcheck.claims.importing import import_and_propose
from factcheck.reports.models import PublicReport
from factcheck.reports.registry import FORMATS
from factcheck.reviews import assignments, workflow
from factcheck.reviews.models import Evidence
from tests.browser.conftest import log_in
from tests.claims.seed import SEED
from tests.factories import PASSWORD, submitted_review, verdict


@pytest.fixture
def published_seed(editor, reviewer):
    """The demo (seed) article, imported as the demo does, with one claim published."""
    article = import_and_propose(SEED.read_bytes(), filename=SEED.name, by=editor).article
    claim = article.claims.filter(text__contains="78.2 years").first() or article.claims.first()
    claim = editing.accept(claim, by=editor)
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    submitted_review(claim, reviewer, "mostly-true", rationale="The yearbook says 78.2 years.")
    evidence = Evidence.objects.filter(review__claim=claim).values_list("pk", flat=True)
    claim = workflow.resolve(
        claim,
        by=editor,
        verdict=verdict("mostly-true"),
        rationale="The statistical yearbook gives 78.2 years for 2021.",
        published_evidence_ids=list(evidence),
    )
    workflow.publish(claim, by=editor)
    return article, claim


def test_an_editor_exports_the_demo_articles_report_and_opens_it(page, published_seed, tmp_path):
    article, claim = published_seed
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    export_url = f"/articles/{article.pk}/export/html/"
    menu = page.locator("details.export-menu")
    menu.locator("summary").click()
    with page.expect_download() as download_info:
        menu.get_by_role("link", name="Report (HTML)").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".html")
    assert download.suggested_filename == FORMATS["html"].filename(article, scope="published")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    page.goto(saved.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(page.locator("mark.claim-mark")).to_have_count(1)
    expect(page.locator("mark.claim-mark")).to_contain_text(claim.text[:30])
    note = page.locator(f"#claim-{claim.pk}")
    expect(note).to_contain_text("Mostly true")
    expect(note).to_contain_text("The statistical yearbook gives 78.2 years for 2021.")
    # The stylesheet travels inside the file: the verdict badge is styled, not plain text.
    border = note.locator(".verdict").first.evaluate("e => getComputedStyle(e).borderTopStyle")
    assert border == "solid"

    page.goto(export_url + "?inline=1")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(page.locator(f"#claim-{claim.pk}")).to_contain_text("Mostly true")


def test_the_internal_report_downloads_under_an_internal_file_name(page, published_seed):
    article, _claim = published_seed
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    menu = page.locator("details.export-menu")
    menu.locator("summary").click()
    with page.expect_download() as download_info:
        menu.locator("a[href$='/export/md/?scope=all']").click()
    name = download_info.value.suggested_filename
    assert name.endswith("-internal.md")
    assert name == FORMATS["md"].filename(article, scope="all")
    with page.expect_download() as download_info:
        menu.get_by_role("link", name="Report (Markdown)").first.click()
    assert download_info.value.suggested_filename == FORMATS["md"].filename(
        article, scope="published"
    )


def test_an_editor_copies_the_public_link_and_is_asked_before_revoking(page, published_seed):
    article, _claim = published_seed
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    panel = page.locator(".share-panel")
    warning = page.locator(".export-menu").get_by_text("a ClaimReview exported now links")
    expect(warning).to_have_count(1)
    panel.get_by_role("button", name="Make the report public").click()
    expect(warning).to_have_count(0)
    link = panel.get_by_label("The published claims of this article are public at:")
    expect(link).to_have_value(re.compile(r"^http://.+/r/[\w-]+/$"))
    panel.get_by_role("button", name="Copy link").click()
    expect(panel.locator(".share-copied")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()

    # A first click on "Revoke" only asks; the link still works until the second.
    panel.get_by_text("Revoke the public link…").click()
    expect(panel.get_by_text("Revoke this link?")).to_be_visible()
    panel.get_by_role("button", name="Revoke", exact=True).click()
    expect(panel.get_by_role("button", name="Make the report public")).to_be_visible()
    expect(warning).to_have_count(1)
    assert not PublicReport.objects.live().filter(article=article).exists()
