"""Every page reads on a phone (390 px wide) as on a laptop (1366 px): nothing scrolls sideways,
and in the review workspace nothing is drawn over the verdicts or the rationale.

With FACTCHECK_SCREENSHOTS=DIR the walk also saves a full-page PNG of each page there, to look at.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from factcheck.articles import archiving
from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reports import jobs, sharing
from factcheck.reports.selection import ExportOptions
from factcheck.reviews import assignments, reviewing
from tests.browser.conftest import log_in
from tests.factories import (
    PASSWORD,
    ArticleFactory,
    ClaimFactory,
    claim_in_status,
    submitted_review,
    verdict,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

LONG_BODY = (
    "Some 770 million rural people have been lifted out of poverty since 1978, according to "
    "the State Council Information Office's white paper on poverty alleviation.\n\n"
    "The average life expectancy has risen to 78.2 years, the ministry said, up from 35 years "
    "in 1949.\n\n"
    "Per capita disposable income of rural residents grew by an average of 11.6 percent a year "
    "between 2013 and 2020.\n\n"
    "This is a great achievement for everyone."
)


@pytest.fixture
def newsroom(editor, reviewer, other_reviewer, settings):
    """An article in every state a page can show: a claim under review with a draft carrying
    evidence and a reference figure, a disputed one, a published one (shared publicly)."""
    article = ArticleFactory(
        body=LONG_BODY,
        title="China's poverty alleviation: a white paper on eight decades of development",
        url="https://www.example.org/news/2021/04/06/white-paper-poverty-alleviation-long-address",
    )
    paragraphs = LONG_BODY.split("\n\n")

    def span(paragraph):
        start = LONG_BODY.index(paragraph)
        return {"start": start, "end": start + len(paragraph)}

    reviewing_claim = ClaimFactory(article=article, status=Claim.Status.OPEN, **span(paragraphs[2]))
    assignments.assign([reviewing_claim], [reviewer], by=editor, notify=False)
    draft = reviewing.save_draft(
        reviewing_claim,
        by=reviewer,
        verdict=verdict("mostly-true"),
        confidence="high",
        rationale="The white paper's own figure; the World Bank counts differently.",
        expected_version=None,
    )
    draft, _ = reviewing.add_evidence(
        reviewing_claim,
        by=reviewer,
        expected_version=draft.version,
        url="https://stats.example.org/a/very/long/address/poverty-alleviation-report-2021.pdf",
        title="Poverty alleviation: China's experience and contribution",
        publisher="State Council Information Office",
        quote="Rural per capita disposable income grew by 11.6 percent a year on average.",
        stance="supports",
    )
    reviewing.set_reference_figure(
        reviewing_claim,
        by=reviewer,
        expected_version=draft.version,
        figure=0,
        value=11.2,
        unit="percent",
        source_url="https://data.worldbank.example.org/indicator/poverty-headcount",
    )

    disputed = ClaimFactory(article=article, status=Claim.Status.OPEN, **span(paragraphs[1]))
    assignments.assign([disputed], [reviewer, other_reviewer], by=editor, notify=False)
    submitted_review(disputed, reviewer, "true")
    submitted_review(disputed, other_reviewer, "false")

    published = claim_in_status(
        Claim.Status.PUBLISHED, editor=editor, reviewers=[reviewer], article=article
    )
    ClaimFactory(article=article, status=Claim.Status.SUGGESTED, **span(paragraphs[3]))
    report = sharing.share(article, by=editor)
    archived = ArticleFactory(
        title="An archived article whose title is long enough to need wrapping on a phone screen"
    )
    archiving.archive(archived, by=editor)
    # Every export is a background job here, so its start page and a job's page are walked too.
    settings.FACTCHECK_EXPORT_BACKGROUND_ROWS = 0
    job = jobs.request_export(
        by=editor,
        name="csv",
        articles=Article.objects.filter(pk=article.pk),
        options=ExportOptions(scope="all"),
        filename="claims.csv",
        total=4,
    )
    return {
        "job": job,
        "article": article,
        "archived": archived,
        "reviewing": reviewing_claim,
        "disputed": Claim.objects.get(pk=disputed.pk),
        "published": published,
        "token": report.token,
    }


def pages_of(newsroom):
    article = newsroom["article"]
    return {
        "reviewer": [
            ("queue", "/queue/"),
            ("workspace", f"/review/{newsroom['reviewing'].pk}/"),
            ("articles", "/articles/"),
            ("article-reviewer", f"/articles/{article.pk}/"),
            ("password-change", "/accounts/password_change/"),
            ("account-reviewer", "/account/"),
            ("sources-reviewer", "/sources/"),
            ("forbidden", "/claims/"),
        ],
        "editor": [
            ("desk", "/desk/"),
            ("articles-editor", "/articles/"),
            ("article-editor", f"/articles/{article.pk}/"),
            ("import", "/articles/new/"),
            ("claims", "/claims/"),
            ("claim-desk-disputed", f"/claims/{newsroom['disputed'].pk}/"),
            ("claim-desk-published", f"/claims/{newsroom['published'].pk}/"),
            ("report", f"/articles/{article.pk}/export/html/?inline=1"),
            ("report-internal", f"/articles/{article.pk}/export/html/?inline=1&scope=all"),
            ("archived", "/articles/archived/"),
            ("article-archived", f"/articles/{newsroom['archived'].pk}/"),
            ("not-found", "/articles/999999/"),
            ("account-editor", "/account/"),
            ("sources-editor", "/sources/"),
            ("export-start", f"/articles/{article.pk}/export/csv/?scope=all"),
            ("export-job", newsroom["job"].get_absolute_url()),
        ],
        None: [
            ("login", "/accounts/login/"),
            ("public-report", f"/r/{newsroom['token']}/"),
        ],
    }


def visit_every_page(browser, live_server, newsroom, viewport, limit):
    shots = os.environ.get("FACTCHECK_SCREENSHOTS")
    too_wide = {}
    for role, pages in pages_of(newsroom).items():
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        page = context.new_page()
        if role == "reviewer":
            log_in(page, "rita", PASSWORD)
        elif role == "editor":
            log_in(page, "edna", PASSWORD)
        for name, url in pages:
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > limit:
                too_wide[name] = width
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                path = Path(shots) / f"{viewport['width']}-{name}.png"
                page.screenshot(path=str(path), full_page=True)
        context.close()
    return too_wide


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, newsroom):
    assert visit_every_page(browser, live_server, newsroom, PHONE, 390) == {}


def test_no_page_scrolls_sideways_on_a_laptop(browser, live_server, newsroom):
    assert visit_every_page(browser, live_server, newsroom, DESKTOP, 1366) == {}


# Is the control (or its label) what a tap at its centre reaches, the control scrolled to the top,
# the middle and the bottom of the screen?
TOPMOST = """element => ["start", "center", "end"].every(block => {
  element.scrollIntoView({block});
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit === element || [...(element.labels || [])].some(label => label.contains(hit));
})"""


def covered_controls(page):
    controls = page.locator('#review-form [name="verdict"], #review-form [name="rationale"]')
    assert controls.count() == 9  # the eight verdicts of the default scale and the rationale
    return [
        controls.nth(index).get_attribute("id")
        for index in range(controls.count())
        if not controls.nth(index).evaluate(TOPMOST)
    ]


def test_nothing_covers_the_verdicts_or_the_rationale_on_a_phone(browser, live_server, newsroom):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{newsroom['reviewing'].pk}/")
    article = page.locator("details.article-context")
    expect(article).not_to_have_attribute("open", "")  # folded above the claim, to open
    assert covered_controls(page) == []

    article.locator("summary").click()
    expect(page.locator(".article-pane")).to_contain_text("life expectancy has risen to 78.2")
    assert covered_controls(page) == []
    context.close()


def test_the_article_stays_beside_the_claim_on_a_laptop(browser, live_server, newsroom):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    log_in(page, "rita", PASSWORD)
    page.goto(f"/review/{newsroom['reviewing'].pk}/")
    expect(page.locator(".article-pane")).to_contain_text("life expectancy has risen to 78.2")
    pane = page.locator(".article-pane").bounding_box()
    panel = page.locator("#panel").bounding_box()
    assert pane["x"] + pane["width"] <= panel["x"]  # side by side
    assert covered_controls(page) == []
    context.close()
