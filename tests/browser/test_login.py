import io

from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD


def test_a_reviewer_logs_in_and_sees_the_demo_article_on_the_dashboard(page, settings):
    settings.FACTCHECK_DEMO_PASSWORD = "browser-demo-pass"
    call_command("demo", stdout=io.StringIO())

    log_in(page, "reviewer1", "browser-demo-pass")

    expect(page.get_by_role("heading", name="My queue")).to_be_visible()
    page.get_by_role("link", name="Articles", exact=True).click()
    expect(page.get_by_role("heading", name="Articles")).to_be_visible()
    link = page.get_by_role("link", name="China's Efforts in Advancing Human Rights")
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "China's Efforts in Advancing Human Rights: At Home and Abroad"
    )
    expect(page.get_by_text("78.2 years").first).to_be_visible()


def test_a_wrong_password_keeps_the_visitor_on_the_login_page(page, reviewer):
    page.goto("/")
    assert "/accounts/login/?next=/" in page.url
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    assert "/accounts/login/" in page.url


def test_too_many_wrong_passwords_lock_the_login_with_the_wait_on_a_phone(
    browser, live_server, reviewer, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/accounts/login/")
    for _ in range(3):
        page.get_by_label("Username").fill("rita")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()  # the third failure locks
    expect(page.get_by_role("alert")).to_contain_text("Try again in 15 minutes.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many failed logins")).to_be_visible()
    context.close()
