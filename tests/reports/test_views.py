"""Export downloads, the claims export, sharing and the public report, through HTTP."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from factcheck.reports import sharing
from factcheck.reports.models import PublicReport
from tests.conftest import login
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def url(article, fmt, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    address = reverse("reports:export_article", args=[article.pk, fmt])
    return f"{address}?{query}" if query else address


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def test_an_editor_downloads_each_format_with_its_type_and_file_name(client, editor, fact_check):
    login(client, editor)
    expected = {  # reports are published by default, data holds every claim (internal)
        "html": ("text/html; charset=utf-8", ".html"),
        "md": ("text/markdown; charset=utf-8", ".md"),
        "csv": ("text/csv; charset=utf-8", "-internal.csv"),
        "reviews-csv": ("text/csv; charset=utf-8", "-reviews-internal.csv"),
        "json": ("application/json", "-internal.json"),
        "claimreview": ("application/ld+json", "-claimreview.jsonld"),
    }
    for fmt, (content_type, ending) in expected.items():
        response = client.get(url(fact_check, fmt))
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == (
            f'attachment; filename="rural-poverty-the-official-figures-2024-03-01{ending}"'
        )
        assert body(response)


def test_csv_and_json_are_sent_whole_with_their_length(client, editor, fact_check):
    login(client, editor)
    for fmt in ("csv", "json"):
        response = client.get(url(fact_check, fmt))
        assert int(response["Content-Length"]) == len(body(response).encode("utf-8"))
    data = json.loads(body(client.get(url(fact_check, "json"))))
    assert len(data["claims"]) == 4  # data exports hold every claim by default
    published = json.loads(body(client.get(url(fact_check, "json", scope="published"))))
    assert [claim["status"] for claim in published["claims"]] == ["published"]


def test_the_csv_bom_is_optional(client, editor, fact_check):
    login(client, editor)
    assert body(client.get(url(fact_check, "csv", bom=1))).startswith("\ufeff")
    assert not body(client.get(url(fact_check, "csv"))).startswith("\ufeff")


def test_the_pdf_downloads(client, editor, fact_check, weasyprint_ready):
    login(client, editor)
    response = client.get(url(fact_check, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_pdf_answers_503_when_weasyprint_cannot_load(client, editor, article, monkeypatch):
    from factcheck.reports import pdf

    def broken():
        raise pdf.PdfUnavailable("PDF export needs WeasyPrint and Pango: missing")

    monkeypatch.setattr(pdf, "load_weasyprint", broken)
    login(client, editor)
    response = client.get(url(article, "pdf"))
    assert response.status_code == 503 and b"Pango" in response.content


def test_the_html_report_can_be_viewed_inline(client, editor, fact_check):
    login(client, editor)
    response = client.get(url(fact_check, "html", inline=1))
    assert response.status_code == 200 and "Content-Disposition" not in response
    page = lxml_html.fromstring(response.content)
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["/static/css/report.css"]
    assert not page.xpath("//style")  # the CSP forbids inline styles on our pages
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    internal = client.get(url(fact_check, "html", inline=1, scope="all"))
    assert b"Internal: all claims" in internal.content


def test_an_unknown_format_is_400_listing_the_formats(client, editor, article):
    login(client, editor)
    response = client.get(url(article, "docx"))
    assert response.status_code == 400
    text = response.content.decode()
    for name in ("html", "pdf", "md", "csv", "json", "claimreview", "webannotation"):
        assert name in text


def test_an_unknown_scope_is_400(client, editor, article):
    login(client, editor)
    assert client.get(url(article, "csv", scope="everything")).status_code == 400


def test_an_unknown_article_is_404(client, editor):
    login(client, editor)
    assert client.get(reverse("reports:export_article", args=[999999, "csv"])).status_code == 404


def test_reviewers_may_not_export(client, reviewer, fact_check):
    login(client, reviewer)
    for fmt in ("html", "csv", "json", "claimreview"):
        assert client.get(url(fact_check, fmt)).status_code == 403
    assert client.get(reverse("reports:export_claims", args=["csv"])).status_code == 403


def test_reviewers_export_what_is_published_when_the_setting_allows(
    client, reviewer, fact_check, settings
):
    settings.FACTCHECK_REVIEWERS_MAY_EXPORT = True
    login(client, reviewer)
    data = json.loads(body(client.get(url(fact_check, "json"))))
    assert [claim["status"] for claim in data["claims"]] == ["published"]
    assert client.get(url(fact_check, "json", scope="all")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, fact_check):
    response = client.get(url(fact_check, "csv"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_exports_answer_get_and_post_only(client, editor, article):
    """POST starts a large export (tests/reports/test_jobs.py); other methods are refused."""
    login(client, editor)
    assert client.put(url(article, "csv")).status_code == 405
    assert client.delete(url(article, "csv")).status_code == 405


def test_the_claims_export_takes_a_selection(client, editor, fact_check):
    login(client, editor)
    ids = list(fact_check.claims.order_by("start").values_list("pk", flat=True))[:2]
    address = reverse("reports:export_claims", args=["csv"])
    response = client.get(f"{address}?ids={','.join(map(str, ids))}")
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert [int(row["claim_id"]) for row in rows] == ids
    data = json.loads(body(client.get(reverse("reports:export_claims", args=["json"]))))
    assert isinstance(data, list) and len(data[0]["claims"]) == 4
    by_article = client.get(reverse("reports:export_claims", args=["json"]) + "?article=999999")
    assert json.loads(body(by_article)) == []


def test_the_claims_export_refuses_bad_input(client, editor):
    login(client, editor)
    address = reverse("reports:export_claims", args=["csv"])
    assert client.get(f"{address}?ids=1,x").status_code == 400
    response = client.get(reverse("reports:export_claims", args=["pdf"]))
    assert response.status_code == 400 and b"csv" in response.content


def test_an_empty_selection_is_a_valid_empty_export(client, editor):
    login(client, editor)
    response = client.get(reverse("reports:export_claims", args=["csv"]) + "?ids=999999")
    lines = body(response).splitlines()
    assert len(lines) == 1 and lines[0].startswith("article_id,")


# Sharing -----------------------------------------------------------------------------------


def test_an_editor_shares_and_the_public_page_needs_no_login(client, editor, fact_check):
    login(client, editor)
    response = client.post(reverse("reports:share", args=[fact_check.pk]))
    assert response.status_code == 302 and response["Location"] == fact_check.get_absolute_url()
    report = PublicReport.objects.get(article=fact_check)
    assert len(report.token) >= 43 and not report.allow_indexing

    public = Client().get(reverse("reports:public", args=[report.token]))
    assert public.status_code == 200
    assert public["X-Robots-Tag"] == "noindex"
    page = lxml_html.fromstring(public.content)
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert "middle-income group." not in page.xpath("string(//table)")
    assert "Income survey" not in page.text_content()
    [script] = page.xpath("//script[@type='application/ld+json']")
    [item] = json.loads(script.text)
    claim = fact_check.claims.get(status="published")
    assert item["url"] == f"http://testserver/r/{report.token}/#claim-{claim.pk}"
    assert page.get_element_by_id(f"claim-{claim.pk}") is not None
    assert not page.xpath("//script[not(@type='application/ld+json')]")


def test_an_indexable_report_says_nothing_against_indexing(client, editor, fact_check):
    report = sharing.share(fact_check, by=editor, allow_indexing=True)
    response = client.get(reverse("reports:public", args=[report.token]))
    assert "X-Robots-Tag" not in response
    assert b'name="robots"' not in response.content


def test_a_revoked_link_is_404_and_sharing_again_makes_a_new_one(client, editor, fact_check):
    old = sharing.share(fact_check, by=editor).token
    login(client, editor)
    response = client.post(reverse("reports:revoke", args=[fact_check.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    assert Client().get(reverse("reports:public", args=[old])).status_code == 404
    new = sharing.share(fact_check, by=editor).token
    assert new != old
    assert Client().get(reverse("reports:public", args=[old])).status_code == 404
    assert Client().get(reverse("reports:public", args=[new])).status_code == 200


def test_the_internal_and_the_published_report_download_under_different_names(
    client, editor, fact_check
):
    login(client, editor)
    stem = "rural-poverty-the-official-figures-2024-03-01"
    for fmt in ("html", "pdf", "md"):
        published = client.get(url(fact_check, fmt, scope="published"))
        internal = client.get(url(fact_check, fmt, scope="all"))
        ext = "md" if fmt == "md" else fmt
        assert published["Content-Disposition"] == f'attachment; filename="{stem}.{ext}"'
        assert internal["Content-Disposition"] == f'attachment; filename="{stem}-internal.{ext}"'
    claims = client.get(reverse("reports:export_claims", args=["csv"]) + "?scope=published")
    assert "-internal" not in claims["Content-Disposition"]
    every = client.get(reverse("reports:export_claims", args=["csv"]) + "?scope=all")
    assert every["Content-Disposition"].endswith('-internal.csv"')
    # ClaimReview holds published claims only, whatever the scope asked for.
    review = client.get(url(fact_check, "claimreview", scope="all"))
    assert review["Content-Disposition"].endswith('-claimreview.jsonld"')


def test_revoking_needs_the_confirmation_and_without_it_changes_nothing(client, editor, fact_check):
    report = sharing.share(fact_check, by=editor)
    login(client, editor)
    refused = client.post(reverse("reports:revoke", args=[fact_check.pk]))
    assert refused.status_code == 400
    assert b"Confirm" in refused.content
    report.refresh_from_db()
    assert report.is_live
    assert Client().get(reverse("reports:public", args=[report.token])).status_code == 200
    answer = client.post(reverse("reports:revoke", args=[fact_check.pk]), {"confirm": "yes"})
    assert answer.status_code == 302
    report.refresh_from_db()
    assert not report.is_live


def test_the_share_panel_asks_before_revoking_and_shows_the_link_to_copy(
    client, editor, fact_check
):
    report = sharing.share(fact_check, by=editor)
    login(client, editor)
    page = lxml_html.fromstring(client.get(fact_check.get_absolute_url()).content)
    [panel] = page.find_class("share-panel")
    [field] = panel.xpath(".//input[@readonly]")
    assert field.get("value") == f"http://testserver/r/{report.token}/"
    assert panel.xpath(f".//label[@for='{field.get('id')}']")
    [copy] = panel.xpath(".//button[@data-copy]")
    assert copy.get("data-copy") == field.get("id") and copy.text_content().strip() == "Copy link"
    # The revoke button sits inside a closed <details>: a first click only asks the question.
    [form] = panel.xpath(".//form[contains(@action, '/revoke/')]")
    assert form.xpath("ancestor::details[not(@open)]")
    assert form.xpath(".//input[@name='confirm'][@value='yes']")
    assert "Revoke this link?" in form.text_content()
    scripts = [script.get("src") for script in page.xpath("//script[@src]")]
    assert any(src.endswith("js/share.js") for src in scripts)


def test_an_unknown_token_is_404(client):
    assert client.get(reverse("reports:public", args=["nope"])).status_code == 404


def test_sharing_with_htmx_answers_the_panel(client, editor, fact_check):
    login(client, editor)
    response = client.post(
        reverse("reports:share", args=[fact_check.pk]),
        {"allow_indexing": "on"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and 'class="share-panel"' in text
    report = PublicReport.objects.get(article=fact_check)
    assert report.allow_indexing and f"/r/{report.token}/" in text
    revoked = client.post(
        reverse("reports:revoke", args=[fact_check.pk]),
        {"confirm": "yes"},
        headers={"HX-Request": "true"},
    )
    assert "Make the report public" in revoked.content.decode()
    assert "HX-Request" in revoked["Vary"]
    # The export menu's warning changes with them, out of band.
    warning = "links to this workbench, behind its login"
    shared_again = client.post(
        reverse("reports:share", args=[fact_check.pk]), headers={"HX-Request": "true"}
    )
    for answer, warned in ((revoked, True), (shared_again, False)):
        [oob] = lxml_html.fromstring(answer.content).xpath("//*[@hx-swap-oob]")
        assert oob.get("id") == f"claimreview-warning-{fact_check.pk}"
        assert (warning in oob.text_content()) is warned


def test_only_editors_share_and_only_by_post(client, reviewer, editor, fact_check):
    login(client, reviewer)
    assert client.post(reverse("reports:share", args=[fact_check.pk])).status_code == 403
    assert client.post(reverse("reports:revoke", args=[fact_check.pk])).status_code == 403
    login(client, editor)
    assert client.get(reverse("reports:share", args=[fact_check.pk])).status_code == 405
    assert not PublicReport.objects.exists()


def test_sharing_needs_the_csrf_token(editor, fact_check):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(reverse("reports:share", args=[fact_check.pk])).status_code == 403


def test_the_share_panel_and_the_export_menu_render_for_editors_only(rf, editor, reviewer):
    from django.template.loader import render_to_string

    article = ArticleFactory()
    for user, shown in ((editor, True), (reviewer, False)):
        request = rf.get("/")
        request.user = user
        context = {"article": article, "user": user, "request": request}
        share = render_to_string("reports/_share.html", context, request=request)
        menu = render_to_string("reports/_export_menu.html", context, request=request)
        assert ("share-panel" in share) is shown
        assert ("export-menu" in menu) is shown
        if shown:
            assert reverse("reports:export_article", args=[article.pk, "pdf"]) in menu


def test_the_export_menu_warns_that_claimreview_links_behind_the_login_until_shared(
    client, editor, fact_check, settings
):
    settings.FACTCHECK_PUBLIC_URL_TEMPLATE = ""
    login(client, editor)
    warning = "a ClaimReview exported now links to this workbench, behind its login"

    def menu():
        page = lxml_html.fromstring(client.get(fact_check.get_absolute_url()).content)
        return " ".join(page.find_class("export-menu")[0].text_content().split())

    assert warning in menu()
    sharing.share(fact_check, by=editor)
    assert warning not in menu()
    sharing.revoke(fact_check, by=editor)
    assert warning in menu()
    settings.FACTCHECK_PUBLIC_URL_TEMPLATE = "https://checks.example.org/{article_id}/"
    assert warning not in menu()


def test_the_public_report_has_a_main_landmark_and_no_internal_mark(client, editor, fact_check):
    report = sharing.share(fact_check, by=editor)
    page = lxml_html.fromstring(client.get(reverse("reports:public", args=[report.token])).content)
    [main] = page.xpath("//main")
    assert main.xpath(".//h1")[0].text_content() == fact_check.title
    assert not page.find_class("internal-mark")
