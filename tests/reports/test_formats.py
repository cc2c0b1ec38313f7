"""Each format's content on the fixed fact-check, compared with golden files where the output
is data, and checked element by element where it is a page."""

import csv
import datetime
import io
import json

import pytest
from lxml import html as lxml_html

from factcheck.claims.editing import restate
from factcheck.claims.models import Claim
from factcheck.reports.registry import FORMATS, export
from factcheck.reports.selection import ALL, PUBLISHED
from factcheck.reports.webannotation import CONTEXT_CHARS
from factcheck.reviews.models import Evidence, Source
from tests.factories import ArticleFactory
from tests.reports.conftest import (
    BASE_URL,
    golden,
    golden_json,
    normalise_ids,
    normalise_json,
    options,
    text_of,
)

pytestmark = pytest.mark.django_db


def exported(name, article, **kwargs):
    return text_of(export(name, [article], options(**kwargs)))


def test_the_json_export_matches_its_golden_file(fact_check):
    data = json.loads(exported("json", fact_check, scope=ALL))
    golden_json("article.json", normalise_json(data))


def test_the_json_export_holds_every_claim_with_its_reviews_and_evidence(fact_check):
    data = json.loads(exported("json", fact_check, scope=ALL))
    assert set(data) == {"article", "claims"}
    assert data["article"]["id"] == fact_check.pk
    assert data["article"]["body"] == fact_check.body
    assert data["article"]["published_at"] == "2024-03-01T08:00:00+00:00"
    statuses = [claim["status"] for claim in data["claims"]]
    assert statuses == ["published", "open", "resolved", "suggested"]
    first = data["claims"][0]
    assert first["final_verdict"] == "true"
    assert fact_check.body[first["start"] : first["end"]] == first["text"]
    assert [review["reviewer"] for review in first["reviews"]] == ["rita", "otto"]
    assert first["reviews"][0]["evidence"][0]["url"] == "https://stats.example.org/poverty-2020"
    assert first["reviews"][0]["evidence"][0]["stance"] == "supports"
    assert {"normalized", "figures"} <= set(first)


def test_the_published_json_holds_published_claims_and_published_evidence_only(fact_check):
    data = json.loads(exported("json", fact_check, scope=PUBLISHED))
    assert [claim["status"] for claim in data["claims"]] == ["published"]
    evidence = [e for r in data["claims"][0]["reviews"] for e in r["evidence"]]
    assert evidence and all(item["published"] for item in evidence)


def test_the_json_of_several_articles_is_a_list(fact_check):
    other = ArticleFactory()
    data = json.loads(text_of(export("json", [fact_check, other], options(), as_list=True)))
    assert [item["article"]["id"] for item in data] == [fact_check.pk, other.pk]
    assert data[1]["claims"] == []


def test_the_claims_csv_matches_its_golden_file(fact_check):
    golden("claims.csv", normalise_csv(exported("csv", fact_check, scope=ALL), fact_check))


def test_the_reviews_csv_matches_its_golden_file(fact_check):
    text = exported("reviews-csv", fact_check, scope=ALL)
    golden("reviews.csv", normalise_csv(text, fact_check))


def test_the_claims_csv_has_one_row_per_claim_with_its_verdict(fact_check):
    rows = list(csv.DictReader(io.StringIO(exported("csv", fact_check, scope=ALL))))
    assert len(rows) == 4
    assert rows[0]["final_verdict"] == "true" and rows[0]["rating_value"] == "5"
    assert rows[0]["reviews"] == "2" and rows[0]["review_verdicts"] == "true; true"
    assert rows[2]["final_verdict_label"] == "Unverifiable" and rows[2]["rating_value"] == ""


def test_the_csv_starts_with_a_bom_only_when_asked(fact_check):
    assert not exported("csv", fact_check).startswith("\ufeff")
    with_bom = exported("csv", fact_check, bom=True)
    assert with_bom.startswith("\ufeffarticle_id,")


def test_the_markdown_report_matches_its_golden_file(fact_check):
    golden("report.md", exported("md", fact_check, scope=PUBLISHED))


def test_the_internal_markdown_report_shows_every_accepted_claim_with_its_status(fact_check):
    text = exported("md", fact_check, scope=ALL)
    assert "| 2 | The average life expectancy has risen to 78\\.2 years. |" not in text
    assert "(status: Open)" in text and "(status: Resolved)" in text
    assert "great achievement" in text  # the text is there...
    assert "**This is a great achievement" not in text  # ...but a suggestion is not a claim


INTERNAL_NOTES = """\
[^1]: **Some 770 million rural people have been lifted out of poverty since 1978**
    Claimed by State Statistics Bureau (organisation), 27 February 2024

    Verdict: **True** (status: Published)

    The statistics bureau counts 770 million.

    The baseline is 1978.

    Sources:

    - [Poverty alleviation report 2020](https://stats.example.org/poverty-2020), \
National Bureau of Statistics, 4 March 2024. *Supports*: \
“770 million rural poor people have been lifted out of poverty”

    Reviewed by Otto, Rita\\.

[^2]: **The average life expectancy has risen to 78.2 years.**
    Checked as: Life expectancy is 78.2 years

    Verdict: **No verdict yet** (status: Open)

[^3]: **The country has the world's largest middle-income group.**

    Verdict: **Unverifiable** (status: Resolved)

    No survey defines the group the same way.

    Sources:

    - {source}. *Context*

    Reviewed by Rita\\.
"""


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Income survey", "Income survey (ftp://stats.example.org/income)"),
        ("", "ftp://stats.example.org/income"),  # the address as title is not repeated
    ],
)
def test_the_internal_markdown_notes_show_what_each_claim_has(fact_check, editor, title, shown):
    open_claim = fact_check.claims.get(status=Claim.Status.OPEN)
    restate(open_claim, "Life expectancy is 78.2 years", by=editor)
    # A source with no publisher, no date and an address that is not a link.
    income = Source.objects.filter(url="https://stats.example.org/income")
    Evidence.objects.filter(source__in=income).update(accessed_on=None)
    income.update(url="ftp://stats.example.org/income", title=title, publisher="")
    text = exported("md", fact_check, scope=ALL, credit_reviewers=True)
    assert text[text.index("[^1]:") :] == INTERNAL_NOTES.format(source=shown)


def test_the_claimreview_export_matches_its_golden_file(fact_check):
    text = normalise_ids(exported("claimreview", fact_check), fact_check)
    golden_json("claimreview.json", json.loads(text))


def test_claimreview_holds_only_published_claims_whatever_the_scope(fact_check):
    items = json.loads(exported("claimreview", fact_check, scope=ALL))
    assert len(items) == 1
    item = items[0]
    assert item["@type"] == "ClaimReview" and item["@context"] == "https://schema.org"
    assert item["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "True",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert item["itemReviewed"]["appearance"]["url"] == "https://gov.example.org/white-paper"
    assert item["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "State Statistics Bureau",
    }
    assert item["url"].startswith(f"{BASE_URL}articles/{fact_check.pk}/#claim-")
    assert item["datePublished"] == "2024-03-06"


def test_the_web_annotations_anchor_each_claim_by_quote_and_position(fact_check):
    data = json.loads(exported("webannotation", fact_check, scope=ALL))
    assert data["type"] == "AnnotationCollection"
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 4
    for item in items:
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        body = fact_check.body
        assert body[position["start"] : position["end"]] == quote["exact"]
        assert body[: position["start"]].endswith(quote["prefix"])
        assert body[position["end"] :].startswith(quote["suffix"])
        assert len(quote["prefix"]) <= CONTEXT_CHARS and len(quote["suffix"]) <= CONTEXT_CHARS
    published = items[0]
    assert published["motivation"] == "assessing"
    assert [(b["purpose"], b["value"]) for b in published["body"]] == [
        ("assessing", "True"),
        ("describing", "The statistics bureau counts 770 million.\n\nThe baseline is 1978."),
    ]
    assert "body" not in items[1] and items[1]["motivation"] == "highlighting"


def test_the_html_report_highlights_numbers_and_annotates_each_claim(fact_check):
    page = lxml_html.fromstring(exported("html", fact_check, scope=PUBLISHED))
    assert page.findtext(".//h1") == "Rural poverty: the official figures"
    rows = page.findall(".//table[@class='report-table']/tbody/tr")
    assert len(rows) == 1
    assert rows[0].xpath("string(td[3])").strip() == "True"
    marks = page.xpath("//mark[@class='claim-mark']")
    assert [mark.text for mark in marks] == [
        "Some 770 million rural people have been lifted out of poverty since 1978"
    ]
    note = page.get_element_by_id(f"claim-{fact_check.claims.order_by('start')[0].pk}")
    assert "Poverty alleviation report 2020" in note.text_content()
    claimed = note.xpath("string(.//p[@class='note-claimant'])")
    assert claimed == "Claimed by State Statistics Bureau (organisation), 27 February 2024"
    link = note.xpath(".//ol[@class='note-sources']//a")[0]
    assert link.get("href") == "https://stats.example.org/poverty-2020"
    # Unpublished claims and unpublished evidence stay out of the published report.
    assert "middle-income" not in " ".join(row.text_content() for row in rows)
    assert "Income survey" not in page.text_content()
    scale = [dt.text_content().strip() for dt in page.xpath("//dl[@class='report-scale']/dt")]
    assert scale[0] == "True" and "Unverifiable" in scale
    assert page.xpath("//style")  # the download stands alone
    assert "Reviewers are not named." in page.text_content()


def test_the_report_credits_reviewers_when_the_setting_says_so(fact_check):
    text = exported("html", fact_check, scope=PUBLISHED, credit_reviewers=True)
    assert "Reviewed by Otto, Rita." in text


def test_an_article_without_claims_gives_valid_empty_exports(article):
    assert json.loads(exported("json", article))["claims"] == []
    assert exported("csv", article).splitlines() == [",".join(_csv_header())]
    assert exported("reviews-csv", article).count("\n") == 1
    assert json.loads(exported("claimreview", article)) == []
    assert json.loads(exported("webannotation", article))["total"] == 0
    for name in ("md", "html"):
        report = exported(name, article, scope=PUBLISHED)
        assert "No claim of this article has been published yet." in report
    assert "This article has no accepted claims yet." in exported("md", article, scope=ALL)


def test_every_format_has_a_content_type_and_a_safe_file_name(fact_check):
    for fmt in FORMATS.values():
        name = fmt.filename(fact_check, scope=PUBLISHED)
        assert name.startswith("rural-poverty-the-official-figures-2024-03-01")
        assert name.endswith("." + fmt.extension)
        assert "internal" not in name
        assert fmt.content_type


def test_an_internal_export_says_so_in_its_file_name(fact_check):
    stem = "rural-poverty-the-official-figures-2024-03-01"
    assert FORMATS["pdf"].filename(fact_check, scope=ALL) == f"{stem}-internal.pdf"
    assert FORMATS["reviews-csv"].filename(fact_check, scope=ALL) == f"{stem}-reviews-internal.csv"
    assert FORMATS["pdf"].filename(fact_check, scope=PUBLISHED) == f"{stem}.pdf"
    # ClaimReview is published claims only, whatever the scope.
    assert FORMATS["claimreview"].filename(fact_check, scope=ALL) == f"{stem}-claimreview.jsonld"
    today = datetime.date(2026, 1, 2)
    assert FORMATS["json"].filename(scope=ALL, today=today) == "claims-2026-01-02-internal.json"


def test_file_names_keep_only_safe_characters():
    article = ArticleFactory(title='Ünïcode "quotes"/..\\ <b>; rm -rf', published_at=None)
    name = FORMATS["csv"].filename(article, scope=PUBLISHED)
    assert name.startswith("unicode-quotes-b-rm-rf-")
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-.")
    nameless = ArticleFactory(title="统计公报")
    assert FORMATS["pdf"].filename(nameless, scope=PUBLISHED).startswith(f"article-{nameless.pk}-")


def _csv_header():
    from factcheck.reports.csv_export import CLAIM_COLUMNS

    return CLAIM_COLUMNS


def normalise_csv(text, article):
    """Ids in the CSV's id columns replaced by placeholders (they differ between runs)."""
    claim_ids = {
        str(pk): f"C{n}"
        for n, pk in enumerate(article.claims.order_by("start").values_list("pk", flat=True), 1)
    }
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    for row in rows[1:]:
        for index, column in enumerate(header):
            if column == "article_id":
                row[index] = "ARTICLE"
            elif column == "claim_id":
                row[index] = claim_ids[row[index]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()
