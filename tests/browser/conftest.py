"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Outside CI they skip, saying why, when no Chromium is installed; with CI=true a missing
Chromium fails them instead, so CI can never pass without running them.
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    configured = os.environ.get("FACTCHECK_CHROMIUM")
    candidates = [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium")]
    return next((path for path in candidates if path and Path(path).exists()), None)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # The live server runs in another thread, so these tests commit for real.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def _verdict_scale(transactional_db):
    """Transactional tests empty every table after them, the verdict scale that data
    migrations seeded included (with its shortcut keys): seed it again, as they do (idempotent)."""
    from django.apps import apps

    migration = importlib.import_module("factcheck.claims.migrations.0002_default_verdict_scale")
    migration.seed(apps, None)
    keys = importlib.import_module("factcheck.claims.migrations.0004_verdict_shortcut")
    keys.seed_shortcuts(apps, None)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "no Chromium found at /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    opened = context.new_page()
    errors = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
