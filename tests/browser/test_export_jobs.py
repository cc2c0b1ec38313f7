"""An editor asks for an export too large for one request: its page shows it waiting, the
worker runs it, the page (polling with htmx) offers the download, which is the whole file."""

import csv
import io
import re

from django.core.management import call_command
from playwright.sync_api import expect

from factcheck.claims.importing import import_and_propose
from factcheck.reports.models import ExportJob
from tests.browser.conftest import log_in
from tests.claims.seed import SEED
from tests.factories import PASSWORD


def test_a_large_export_shows_its_progress_then_its_download(page, editor, settings, tmp_path):
    settings.FACTCHECK_EXPORT_BACKGROUND_ROWS = 0  # every export is "large"
    settings.FACTCHECK_EXPORT_DIR = tmp_path / "exports"
    article = import_and_propose(SEED.read_bytes(), filename=SEED.name, by=editor).article
    log_in(page, "edna", PASSWORD)
    page.goto(article.get_absolute_url())
    menu = page.locator("details.export-menu")
    menu.locator("summary").click()
    menu.get_by_role("link", name="Claims (CSV)").click()
    page.get_by_role("button", name="Start the export").click()

    job = ExportJob.objects.get()
    expect(page).to_have_url(re.compile(rf"/exports/{job.pk}/$"))
    expect(page.get_by_text("Waiting for the worker")).to_be_visible()
    expect(page.get_by_role("link", name="Download")).to_have_count(0)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    download_link = page.get_by_role("link", name=re.compile("^Download"))
    expect(download_link).to_be_visible()  # the next poll, within 2 s, swaps it in
    expect(page.get_by_text("Done")).to_be_visible()
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == job.filename
    rows = list(csv.reader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == 1 + article.claims.count()
