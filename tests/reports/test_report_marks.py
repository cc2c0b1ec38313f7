"""What a reader of a report sees at a glance: whether it is internal (on every page), who
published it (name and logo), and the page landmarks."""

import io

import pytest
from lxml import html as lxml_html

from factcheck.reports.registry import export
from factcheck.reports.selection import ALL, PUBLISHED
from tests.reports.conftest import options, text_of

pytestmark = pytest.mark.django_db

MARK = "INTERNAL - not for publication"


def pdf_pages(data):
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return [" ".join((page.extract_text() or "").split()) for page in pages]


def test_the_internal_html_report_carries_a_banner_and_the_published_one_none(fact_check):
    internal = lxml_html.fromstring(text_of(export("html", [fact_check], options(scope=ALL))))
    [banner] = internal.find_class("internal-mark")
    assert banner.text_content().strip() == MARK
    published = text_of(export("html", [fact_check], options(scope=PUBLISHED)))
    assert MARK not in published


def test_the_internal_markdown_report_says_so_on_its_first_line(fact_check):
    internal = text_of(export("md", [fact_check], options(scope=ALL)))
    assert internal.splitlines()[0] == f"**{MARK}**"
    published = text_of(export("md", [fact_check], options(scope=PUBLISHED)))
    assert MARK not in published and published.startswith("# Rural poverty")


def test_every_page_of_the_internal_pdf_says_internal(fact_check, weasyprint_ready):
    # Enough claims with long rationales that the report runs over several pages.
    claim = fact_check.claims.get(status="published")
    type(claim).objects.filter(pk=claim.pk).update(rationale="A long rationale. " * 400)
    pages = pdf_pages(export("pdf", [fact_check], options(scope=ALL)))
    assert len(pages) >= 3
    assert all(MARK in page for page in pages)
    published = pdf_pages(export("pdf", [fact_check], options(scope=PUBLISHED)))
    assert not any(MARK in page for page in published)


def test_the_report_has_a_main_landmark(fact_check):
    page = lxml_html.fromstring(text_of(export("html", [fact_check], options(scope=PUBLISHED))))
    [main] = page.xpath("//main")
    assert main.xpath(".//h1") and main.xpath(".//section[@class='report-notes']")


def test_the_report_names_the_organisation_and_shows_its_logo(fact_check, settings):
    settings.FACTCHECK_ORGANISATION = "Example Checks"
    settings.FACTCHECK_LOGO = "favicon.svg"
    page = lxml_html.fromstring(text_of(export("html", [fact_check], options(scope=PUBLISHED))))
    [logo] = page.find_class("report-logo")
    assert logo.get("alt") == "Example Checks"
    # A downloaded file has no server behind it: the logo travels inside it.
    assert logo.get("src").startswith("data:image/svg+xml;base64,")
    assert "Example Checks" in page.find_class("report-kicker")[0].text_content()
    markdown = text_of(export("md", [fact_check], options(scope=PUBLISHED)))
    assert "Example Checks · Fact-check report" in markdown


def test_without_a_logo_setting_the_report_has_no_image(fact_check, settings):
    settings.FACTCHECK_LOGO = ""
    page = lxml_html.fromstring(text_of(export("html", [fact_check], options(scope=PUBLISHED))))
    assert not page.xpath("//img")


def test_the_pdf_shows_the_organisation_and_fetches_its_logo(
    fact_check, settings, weasyprint_ready, monkeypatch
):
    from factcheck.reports import pdf

    settings.FACTCHECK_ORGANISATION = "Example Checks"
    settings.FACTCHECK_LOGO = "favicon.svg"
    fetched = []
    real = pdf.url_fetcher

    def spy(url):
        fetched.append(url)
        return real(url)

    monkeypatch.setattr(pdf, "url_fetcher", spy)
    pages = pdf_pages(export("pdf", [fact_check], options(scope=PUBLISHED)))
    assert "Example Checks" in pages[0]
    assert any(url.endswith("/favicon.svg") for url in fetched)


def test_the_demo_articles_pdf_takes_no_more_pages_than_it_needs(capsys, weasyprint_ready):
    """Measured on the demo article: the published report fills 3 pages (it took 4, the last
    holding only the end of the verdict scale), the internal one 7 (it took 8); neither ends
    on a nearly empty page."""
    from django.core.management import call_command

    from factcheck.articles.models import Article

    call_command("demo")
    article = Article.objects.get()
    published = pdf_pages(export("pdf", [article], options(scope=PUBLISHED)))
    internal = pdf_pages(export("pdf", [article], options(scope=ALL)))
    assert len(published) <= 3
    assert len(internal) <= 7
    for pages in (published, internal):
        assert len(pages[-1]) > 600, pages[-1]
