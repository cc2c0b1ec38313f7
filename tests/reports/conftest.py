"""A small fixed fact-check, built through the workflow's own functions, for the exports.

Ids and the times the workflow stamps (submitted, resolved) vary from run to run: `fixed`
pins the times after the fact, and `normalise_*` replace ids by placeholders, so exports
compare with the golden files in tests/fixtures/reports/.
"""

import datetime
import json
import os
from pathlib import Path

import pytest

from factcheck.claims.editing import set_claimant
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reports.selection import ExportOptions
from factcheck.reviews import assignments, workflow
from factcheck.reviews.models import Evidence, Review, Source
from tests.factories import ArticleFactory, ReviewFactory, verdict

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
TODAY = datetime.date(2024, 3, 10)
SUBMITTED = datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)
RESOLVED = datetime.datetime(2024, 3, 6, 14, 0, tzinfo=datetime.UTC)
BASE_URL = "https://factcheck.example.org/"

BODY = (
    "Some 770 million rural people have been lifted out of poverty since 1978, the white "
    "paper says.\n\n"
    "The average life expectancy has risen to 78.2 years. The country has the world's "
    "largest middle-income group.\n\n"
    "This is a great achievement for everyone."
)


def span(body, phrase):
    start = body.index(phrase)
    return start, start + len(phrase)


def review_with_evidence(claim, reviewer, slug, rationale, evidence):
    """`reviewer` submits a review of `claim` citing `evidence` [(url, title, quote, stance)]."""
    review = Review.objects.filter(claim=claim, reviewer=reviewer).first() or ReviewFactory(
        claim=claim, reviewer=reviewer
    )
    review.verdict = verdict(slug)
    review.confidence = Review.Confidence.HIGH
    review.rationale = rationale
    review.save()
    for url, title, quote, stance in evidence:
        source, _ = Source.objects.get_or_create(
            url=url, defaults={"title": title, "publisher": "National Bureau of Statistics"}
        )
        Evidence.objects.create(
            review=review,
            source=source,
            quote=quote,
            stance=stance,
            accessed_on=datetime.date(2024, 3, 4),
        )
    return workflow.submit(review, by=reviewer)


def published_claim(article, phrase, *, editor, reviewers, slug, rationale, evidence,
                    publish=True, publish_evidence=True):  # fmt: skip
    """A claim over `phrase` reviewed by each reviewer, resolved with `slug` and published."""
    start, end = span(article.body, phrase)
    claim = create_claim(article, start, end, by=editor)
    assignments.assign([claim], reviewers, by=editor, notify=False)
    for reviewer in reviewers:
        review_with_evidence(claim, reviewer, slug, f"{reviewer.username}: {rationale}", evidence)
    chosen = Evidence.objects.filter(review__claim=claim).values_list("pk", flat=True)
    claim = workflow.resolve(
        claim,
        by=editor,
        verdict=verdict(slug),
        rationale=rationale,
        published_evidence_ids=list(chosen) if publish_evidence else (),
    )
    if publish:
        claim = workflow.publish(claim, by=editor)
    return claim


FIGURES = [
    {"text": "Some 770 million rural people", "start": 0, "end": 29, "value": 770000000.0,
     "kind": "count", "unit": "people", "qualifier": "about", "period": "1978-", "comparison": ""},
]  # fmt: skip


def fixed(article):
    """Pin the times the workflow stamped, so the exports compare with golden files, and the
    parsed figures (the extraction's own tests follow those), so they compare across changes
    to the figure parser."""
    Review.objects.filter(claim__article=article).update(submitted_at=SUBMITTED)
    Claim.objects.filter(article=article, resolved_at__isnull=False).update(resolved_at=RESOLVED)
    Claim.objects.filter(article=article).update(figures=[])
    Claim.objects.filter(article=article, start=0).update(figures=FIGURES)
    return article


@pytest.fixture
def fact_check(editor, reviewer, other_reviewer):
    """The fixed article: one claim published (true, two reviews), one resolved but not
    published (unverifiable, its evidence not published), one still open, one suggested."""
    article = ArticleFactory(
        title="Rural poverty: the official figures",
        url="https://news.example.org/2024/poverty",
        outlet="Example Daily",
        author="Jane Roe",
        published_at=datetime.datetime(2024, 3, 1, 8, 0, tzinfo=datetime.UTC),
        language="en",
        body=BODY,
    )
    first = published_claim(
        article,
        "Some 770 million rural people have been lifted out of poverty since 1978",
        editor=editor,
        reviewers=[reviewer, other_reviewer],
        slug="true",
        rationale="The statistics bureau counts 770 million.\n\nThe baseline is 1978.",
        evidence=[
            (
                "https://stats.example.org/poverty-2020",
                "Poverty alleviation report 2020",
                "770 million rural poor people have been lifted out of poverty",
                Evidence.Stance.SUPPORTS,
            )
        ],
    )
    published_claim(
        article,
        "The country has the world's largest middle-income group.",
        editor=editor,
        reviewers=[reviewer],
        slug="unverifiable",
        rationale="No survey defines the group the same way.",
        evidence=[
            ("https://stats.example.org/income", "Income survey", "", Evidence.Stance.CONTEXT)
        ],
        publish=False,
        publish_evidence=False,
    )
    set_claimant(
        first,
        by=editor,
        name="State Statistics Bureau",
        kind="organisation",
        claim_date=datetime.date(2024, 2, 27),
        appearance_url="https://gov.example.org/white-paper",
    )
    start, end = span(BODY, "The average life expectancy has risen to 78.2 years.")
    create_claim(article, start, end, by=editor)
    start, end = span(BODY, "This is a great achievement for everyone.")
    create_claim(article, start, end, status=Claim.Status.SUGGESTED)
    return fixed(article)


def options(**kwargs):
    return ExportOptions(**{"base_url": BASE_URL, "today": TODAY, **kwargs})


def text_of(content):
    """An export's text, whether it came whole or streamed."""
    if isinstance(content, bytes):
        return content.decode("utf-8")
    if isinstance(content, str):
        return content
    return "".join(content)


def normalise_ids(text, article):
    """Replace the article's and its claims' ids in `text` by stable placeholders."""
    text = text.replace(f"/articles/{article.pk}/", "/articles/ARTICLE/")
    for number, pk in enumerate(article.claims.order_by("start").values_list("pk", flat=True)):
        text = text.replace(f'#claim-{pk}"', f'#claim-C{number + 1}"')
        text = text.replace(f"#claim-{pk}", f"#claim-C{number + 1}")
    return text


def normalise_json(data):
    """Ids out of a JSON export (object or list): what differs between two databases."""
    items = data if isinstance(data, list) else [data]
    for item in items:
        item["article"]["id"] = "ARTICLE"
        for number, claim in enumerate(item["claims"], start=1):
            claim["id"] = f"C{number}"
    return data


def golden(name, actual):
    """Compare `actual` (text) with tests/fixtures/reports/<name>; UPDATE_GOLDEN=1 rewrites."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites)"


def golden_json(name, value):
    golden(name, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


@pytest.fixture
def weasyprint_ready():
    """WeasyPrint loads (Pango present): else skip with the reason, or fail under CI=true."""
    from factcheck.reports.pdf import PdfUnavailable, load_weasyprint

    try:
        load_weasyprint()
    except PdfUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {exc}")
        pytest.skip(str(exc))


def pdf_text(data):
    """The text of a PDF's pages, extracted with pypdf."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
