"""Property-based tests (hypothesis): whatever arrives, the importers, the extraction and the
write views answer with a result or a clear refusal, never another exception.

Examples are few and derandomised (the same every run), so CI stays quick and stable; a
failure prints the smallest input that shows it."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.articles.importing import read_upload
from factcheck.articles.ingest import IngestError
from factcheck.claims.extraction import extract, segment
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim
from factcheck.reports.importing import BadExport, import_export

FEW = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that looks like articles: sentence ends, numbers, quotes, blank lines, other scripts,
# combining marks, astral characters, control and bidi characters.
PIECES = [
    "The rate rose 4.5% in 2024.", "Mr. Smith said", " ", "\n", "\n\n", "\r\n", "\t", ".", "!",
    "?", "...", "“", "”", "\"", "'", "(", ")", "3,000", "1.2 million", "U.S.", "e.g.", "经济增长",
    "。", "！", "据统计，", "日本の", "الاقتصاد", "हिंदी", "é", "e\u0301", "😀", "\u200b", "\u202e",
    "\x00", "\x0b", "\ufeff", "<p>", "</p>", "# ", "* ", "&amp;", "\u2028",
]  # fmt: skip
article_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map(
    "".join
)


def _docx(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


any_bytes = st.one_of(
    st.binary(max_size=3000),
    article_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    article_text.map(lambda text: text.encode("utf-16")),
    article_text.map(lambda text: f"<html><title>{text}</title><body><p>{text}</p>".encode()),
    st.binary(max_size=500).map(_docx),
    article_text.map(lambda text: _docx(f"<w:document>{text}</w:document>".encode())),
    st.binary(max_size=200).map(lambda data: b"PK\x03\x04" + data),
)


@FEW
@given(data=any_bytes, format=st.sampled_from(["auto", "txt", "md", "html", "docx"]))
def test_any_bytes_give_a_reading_or_an_ingest_error(data, format):
    try:
        reading = read_upload(data, format=format, filename=f"upload.{format}")
    except IngestError as exc:
        assert str(exc).strip()  # a message the editor can read
        return
    assert isinstance(reading.body, str) and reading.body.strip()


@pytest.mark.django_db
@FEW
@given(data=any_bytes, format=st.sampled_from(["auto", "txt", "html", "docx"]))
def test_any_bytes_imported_give_an_article_with_anchored_claims_or_a_clear_error(
    editor, data, format
):
    try:
        outcome = import_and_propose(data, by=editor, format=format)
    except (IngestError, ValidationError) as exc:
        assert str(exc).strip()
        return
    article = outcome.article
    for claim in Claim.objects.filter(article=article):
        assert claim.text == article.body[claim.start : claim.end]


@FEW
@given(body=article_text)
def test_extraction_anchors_every_sentence_in_the_text(body):
    sentences = segment(body)
    for sentence in sentences:
        assert 0 <= sentence.start < sentence.end <= len(body)
        assert sentence.text == body[sentence.start : sentence.end]
        assert sentence.text.strip()
    starts = [sentence.start for sentence in sentences]
    assert starts == sorted(starts)
    for sentence, result in extract(body):
        assert 0.0 <= result.checkworthiness <= 1.0
        assert sentence.text == body[sentence.start : sentence.end]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "article",
                    "claims",
                    "body",
                    "title",
                    "reviews",
                    "text",
                    "start",
                    "end",
                    "status",
                    "evidence",
                    "url",
                    "reviewer",
                    "verdict",
                    "id",
                    "x",
                ]
            ),
            children,
            max_size=6,
        )
    ),  # fmt: skip
    max_leaves=20,
)


@pytest.mark.django_db
@FEW
@given(data=json_values)
def test_any_json_to_the_reviews_importer_loads_or_is_refused_with_where(data):
    try:
        import_export(data)
    except BadExport as exc:
        assert str(exc).strip()


# --- random form submissions to the write views ------------------------------------------------

# Each write view, the object it acts on, and the fields its form has. A submission mixes those
# fields with fields no form offers, each with an awkward value.
WRITE_VIEWS = {
    "claims:accept": ("suggested", "version"),
    "claims:dismiss": ("suggested", "version reason note"),
    "claims:undo": ("suggested", "version"),
    "claims:restate": ("in_review", "version normalized"),
    "claims:claimant": ("in_review", "version claimant claimant_kind claim_date appearance_url"),
    "claims:span": ("suggested", "version start end units"),
    "claims:extend": ("suggested", "version direction"),
    "claims:split": ("suggested", "version at"),
    "claims:merge": ("suggested", "version following"),
    "claims:new": ("article", "start end units text"),
    "claims:bulk": ("article", "action threshold reason"),
    "claims:language": ("article", "language"),
    "reviews:draft": ("in_review", "verdict confidence rationale version claim_fingerprint"),
    "reviews:submit": ("in_review", "verdict confidence rationale version claim_fingerprint"),
    "reviews:evidence_add": ("in_review", "url title publisher published_on kind quote stance "
                             "accessed_on version submission_key note"),
    "reviews:figure": ("in_review", "figure value unit source_url version"),
    "reviews:evidence_edit": ("evidence", "url title publisher kind quote stance version"),
    "reviews:evidence_remove": ("evidence", "version"),
    "reviews:claim_assign": ("in_review", "reviewers due_on"),
    "reviews:claim_unassign": ("in_review", "reviewer"),
    "reviews:claim_resolve": ("reviewed", "verdict rationale evidence version without_waiting"),
    "reviews:claim_publish": ("resolved", "version"),
    "reviews:claim_reopen": ("published", "version reason"),
    "reviews:comment": ("in_review", "body next"),
    "reviews:source_note": ("source", "note version"),
    "reviews:source_merge": ("source", "duplicate version duplicate_version"),
    "reviews:claims_bulk": (None, "action ids reviewers reason format query"),
    "articles:new": (None, "text url format title outlet author published_at action"),
    "reports:share": ("published_article", "allow_indexing"),
    "reports:revoke": ("published_article", "confirm"),
}  # fmt: skip
NOT_OFFERED = ["status", "reviewer", "article", "claim", "id", "is_staff", "role"]

VALUES = st.one_of(
    st.sampled_from(["", "0", "1", "2", "3", "-1", "1e309", "nan", "inf", "9" * 30, "0x10",
                     "1.5", "abc", "true", "on", "yes", "open", "published", "opinion", "next",
                     "utf16", "accept", "accept_above", "assign", "dismiss", "publish", "export",
                     "csv", "json", "zh", "high", "supports", "person", "2024-02-30",
                     "2024-01-01", "https://example.org/a", "javascript:alert(1)",
                     "/\\evil.example", "a\x00b", "\x00", "é" * 300, "<b>x</b>", "x" * 5000]),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)  # fmt: skip


def _target(world, kind):
    objects = {
        "suggested": world.suggested, "in_review": world.in_review, "reviewed": world.reviewed,
        "resolved": world.resolved, "published": world.published, "article": world.article,
        "evidence": world.evidence, "source": world.source,
        "published_article": world.published.article,
    }  # fmt: skip
    return [] if kind is None else [objects[kind].pk]


def submissions(fields):
    names = st.sampled_from(fields.split() + NOT_OFFERED)
    return st.dictionaries(names, st.one_of(VALUES, st.lists(VALUES, max_size=3)), max_size=8)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WRITE_VIEWS))
def test_random_form_submissions_never_give_a_server_error(world, name):
    kind, fields = WRITE_VIEWS[name]
    path = reverse(name, args=_target(world, kind))

    @settings(FEW, max_examples=20)
    @given(
        form=submissions(fields),
        role=st.sampled_from(["editor", "reviewer", "other_reviewer"]),
        htmx=st.booleans(),
    )
    def post(form, role, htmx):
        client = Client()
        client.force_login(world[role])
        headers = {"HX-Request": "true"} if htmx else {}
        assert client.post(path, form, headers=headers).status_code < 500

    post()


READ_VIEWS = {
    "reviews:claims": "q article status verdict kind claimant min_score max_score created_from "
                      "created_to sort page reviewer assigned",
    "reviews:sources": "q kind publisher stance since page sort",
    "reviews:source_search": "url",
    "articles:list": "page",
    "reports:export_claims": "ids article scope bom",
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(READ_VIEWS))
def test_random_filters_never_give_a_server_error(world, name):
    path = reverse(name, args=["json"] if name == "reports:export_claims" else [])

    @settings(FEW, max_examples=20)
    @given(query=submissions(READ_VIEWS[name]), htmx=st.booleans())
    def get(query, htmx):
        client = Client()
        client.force_login(world["editor"])
        headers = {"HX-Request": "true"} if htmx else {}
        assert client.get(path, query, headers=headers).status_code < 500

    get()
