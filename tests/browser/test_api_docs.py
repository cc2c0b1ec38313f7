"""The API's pages in a real browser: a token made on the account page, and the schema's
reference (Swagger UI from our own static files) working under our Content-Security-Policy."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD


def test_an_editor_makes_a_token_and_reads_the_api_reference(page, editor):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    log_in(page, "edna", PASSWORD)
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    page.get_by_label("Name").fill("CMS feed")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create the token").click()
    expect(page.get_by_text("shown only this once")).to_be_visible()
    assert page.get_by_label("Token").input_value().startswith("fc_")
    expect(page.get_by_role("button", name="Revoke CMS feed")).to_be_visible()

    page.get_by_role("link", name="The API's reference").click()
    expect(page.get_by_role("heading", name="Factcheck workbench API")).to_be_visible()
    expect(page.get_by_text("/api/v1/articles/").first).to_be_visible()
    assert refused == []
