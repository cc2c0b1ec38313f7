"""Hostile text in articles, claims, rationales and sources: escaped in every report, defused
in CSV, links only when http(s), and nothing fetched while rendering a PDF."""

import csv
import io
import json

import pytest
from lxml import html as lxml_html

from factcheck.claims.proposals import create_claim
from factcheck.reports import pdf
from factcheck.reports.csv_export import defuse
from factcheck.reports.html import json_ld
from factcheck.reports.markdown import escape
from factcheck.reports.registry import export
from factcheck.reports.report import safe_url
from factcheck.reports.selection import ALL, PUBLISHED
from factcheck.reviews.models import Evidence, Source
from tests.factories import ArticleFactory
from tests.reports.conftest import options, pdf_text, published_claim, text_of

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'
BODY = (
    f"The minister said {SCRIPT} that 90% of <b>voters</b> agree & rejoice.\n\n"
    f"{FORMULA} is what the spreadsheet showed.\n\n"
    "-5 percent growth was reported for @home sales."
)


@pytest.fixture
def hostile(editor, reviewer):
    article = ArticleFactory(
        title=f"Poll {SCRIPT} & more",
        outlet="<i>Outlet</i>",
        url="javascript:alert(1)",
        body=BODY,
    )
    for paragraph in BODY.split("\n\n"):
        published_claim(
            article,
            paragraph,
            editor=editor,
            reviewers=[reviewer],
            slug="false",
            rationale=f"{SCRIPT} The poll said otherwise.\n\n+cmd|' /C calc'!A0",
            evidence=[
                (
                    "https://stats.example.org/poll",
                    f"Poll {SCRIPT}",
                    f"quote with </blockquote>{SCRIPT}",
                    Evidence.Stance.REFUTES,
                )
            ],
        )
    return article


def test_formula_cells_are_defused_with_an_apostrophe():
    assert defuse("=1+1") == "'=1+1"
    assert defuse("+1") == "'+1"
    assert defuse("-1") == "'-1"
    assert defuse("@SUM(A1)") == "'@SUM(A1)"
    assert defuse("\tx") == "'\tx"
    assert defuse("\rx") == "'\rx"
    assert defuse("plain = text") == "plain = text"
    assert defuse(5) == 5 and defuse(None) == ""


def test_the_csv_exports_defuse_article_and_review_text(hostile):
    rows = list(csv.DictReader(io.StringIO(text_of(export("csv", [hostile], options())))))
    assert rows[1]["text"] == "'" + BODY.split("\n\n")[1]
    assert rows[2]["text"].startswith("'-5 percent")
    assert all(row["rationale"].startswith("<script>") for row in rows)  # not a formula
    review_rows = list(
        csv.DictReader(io.StringIO(text_of(export("reviews-csv", [hostile], options()))))
    )
    assert review_rows[1]["claim_text"].startswith("'=HYPERLINK")
    for text in (r["claim_text"] for r in review_rows):
        assert not text.startswith(("=", "+", "-", "@"))


def test_the_html_report_escapes_every_text(hostile):
    text = text_of(export("html", [hostile], options(scope=PUBLISHED)))
    assert "<script>" not in text and "<b>voters" not in text and "<i>Outlet" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    page = lxml_html.fromstring(text)
    assert not page.xpath("//script") and not page.xpath("//b") and not page.xpath("//i")
    assert page.findtext(".//h1") == f"Poll {SCRIPT} & more"
    # The article's javascript: address is shown, never linked.
    assert not [a for a in page.xpath("//a/@href") if a.lower().startswith("javascript")]
    assert "javascript:alert(1)" in page.text_content()


def test_source_links_are_only_http_and_others_are_shown_as_text(hostile):
    # Source.save normalises to http(s); a row written around it (an old import, a raw SQL
    # fix) must still not become a link.
    Source.objects.filter(url="https://stats.example.org/poll").update(
        url="javascript:alert(document.cookie)"
    )
    text = text_of(export("html", [hostile], options(scope=PUBLISHED)))
    page = lxml_html.fromstring(text)
    assert not [h for h in page.xpath("//a/@href") if not h.startswith(("#", "http"))]
    assert "javascript:alert(document.cookie)" in page.text_content()
    markdown = text_of(export("md", [hostile], options(scope=PUBLISHED)))
    assert "](javascript" not in markdown and "javascript:alert(document.cookie)" in markdown


def test_safe_url_accepts_http_and_https_only():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url("HTTP://a.example") == "HTTP://a.example"
    for bad in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//a.example",
                "http://", "", None, "ftp://a.example/"):  # fmt: skip
        assert safe_url(bad) is None


def test_the_markdown_report_escapes_html_and_markdown(hostile):
    text = text_of(export("md", [hostile], options(scope=PUBLISHED)))
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text
    assert "&lt;script&gt;" in text
    assert escape("[x](javascript:y) *b* `c` |") == r"\[x\](javascript:y) \*b\* \`c\` \|"
    assert escape("# not a heading") == r"\# not a heading"
    assert escape("1978. A year") == r"1978\. A year"


def test_the_json_ld_cannot_close_its_script_element():
    text = json_ld({"claimReviewed": "</script><script>alert(1)</script> & <!--"})
    assert "</script" not in text and "<!--" not in text
    assert json.loads(text)["claimReviewed"].startswith("</script>")


def test_the_pdf_report_shows_hostile_text_as_text(hostile, weasyprint_ready):
    data = export("pdf", [hostile], options(scope=PUBLISHED))
    assert data.startswith(b"%PDF-")
    text = " ".join(pdf_text(data).split())
    assert "<script>alert('x')</script>" in text
    assert "<b>voters</b>" in text
    assert "javascript:alert(1)" in text


def test_the_pdf_report_holds_the_claims_verdicts_and_sources(fact_check, weasyprint_ready):
    text = " ".join(pdf_text(export("pdf", [fact_check], options(scope=PUBLISHED))).split())
    assert "Rural poverty: the official figures" in text
    assert "Some 770 million rural people have been lifted out of poverty since 1978" in text
    assert "Poverty alleviation report 2020" in text
    assert "The statistics bureau counts 770 million." in text
    assert "Income survey" not in text  # unpublished evidence of an unpublished claim
    internal = " ".join(pdf_text(export("pdf", [fact_check], options(scope=ALL))).split())
    assert "Internal: all claims" in internal and "middle-income" in internal


def test_rendering_a_pdf_fetches_our_static_files_and_nothing_else(weasyprint_ready):
    css = pdf.url_fetcher(pdf.BASE_URL + "static/css/report.css")
    assert b".report" in css.read()
    for address in (
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/style.css",
        "file:///etc/passwd",
        pdf.BASE_URL + "static/../../etc/passwd",
        pdf.BASE_URL + "media/secret.txt",
        "data:text/css,body{}",
    ):
        with pytest.raises(pdf.RefusedFetch):
            pdf.url_fetcher(address)


def test_a_pdf_with_remote_references_renders_without_fetching_them(
    weasyprint_ready, monkeypatch, editor
):
    fetched = []
    real = pdf.url_fetcher

    def spy(url):
        fetched.append(url)
        return real(url)

    monkeypatch.setattr(pdf, "url_fetcher", spy)
    article = ArticleFactory(url="https://tracker.example/pixel.png", body="Just text here.")
    create_claim(article, 0, 4, by=editor)
    data = export("pdf", [article], options(scope=ALL))
    assert data.startswith(b"%PDF-")
    assert fetched == [pdf.BASE_URL + "static/css/report.css"]


def test_pdf_export_says_clearly_when_weasyprint_cannot_load(monkeypatch, article):
    def broken():
        raise pdf.PdfUnavailable("PDF export needs WeasyPrint and Pango: cannot load pango")

    monkeypatch.setattr(pdf, "load_weasyprint", broken)
    with pytest.raises(pdf.PdfUnavailable, match="Pango"):
        export("pdf", [article], options())
