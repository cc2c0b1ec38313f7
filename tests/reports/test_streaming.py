"""Large exports stream: claims are read in chunks with their related rows prefetched, so the
number of queries grows with the number of chunks, not of claims."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.claims.models import Claim
from factcheck.reports import selection
from factcheck.reports.registry import export
from tests.factories import ArticleFactory
from tests.reports.conftest import options, text_of

pytestmark = pytest.mark.django_db


def many_claims(count):
    body = " ".join(f"Sentence {n} says {n} percent." for n in range(count))
    article = ArticleFactory(body=body)
    claims, offset = [], 0
    for n in range(count):
        sentence = f"Sentence {n} says {n} percent."
        claims.append(
            Claim(article=article, text=sentence, start=offset, end=offset + len(sentence))
        )
        offset += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    return article


@pytest.mark.parametrize("fmt", ["csv", "reviews-csv", "json"])
def test_queries_grow_with_chunks_not_claims(fmt, monkeypatch):
    monkeypatch.setattr(selection, "CHUNK", 10)
    small, large = many_claims(10), many_claims(40)
    counts = {}
    for article in (small, large):
        with CaptureQueriesContext(connection) as queries:
            text = text_of(export(fmt, [article], options()))
        counts[article.pk] = len(queries)
        assert text
    # 4x the claims, 4x the chunks: a few queries per chunk (claims, reviews, evidence).
    assert counts[large.pk] - counts[small.pk] <= 3 * 3
    assert len(json.loads(text_of(export("json", [large], options())))["claims"]) == 40


def test_the_json_stream_is_the_same_as_dumping_the_whole(fact_check):
    from factcheck.reports.json_export import article_json
    from factcheck.reports.selection import ALL, article_claims

    streamed = text_of(export("json", [fact_check], options(scope=ALL)))
    [(article, claims)] = article_claims([fact_check], ALL)
    whole = json.dumps(article_json(article, claims), ensure_ascii=False, indent=2) + "\n"
    assert streamed == whole


@pytest.mark.parametrize("scope", ["all", "published"])
def test_the_claims_csv_reads_less_but_writes_the_same_bytes_as_from_the_full_prefetch(
    fact_check, scope
):
    """The claims CSV fetches only its columns and the reviews' verdict slugs: its text is the
    one the rows of fully prefetched claims (what every exporter reads) give."""
    from factcheck.reports.csv_export import claim_rows, lines
    from factcheck.reports.selection import claims_queryset

    fast = text_of(export("csv", [fact_check], options(scope=scope)))
    claims = list(claims_queryset(scope).filter(article=fact_check))
    for claim in claims:
        claim.article = fact_check
    full = "".join(lines(claim_rows(claims, options(scope=scope))))
    assert fast == full
    assert fast.count("\r\n") == len(claims) + 1  # a header, then one row per claim


def test_a_claims_csv_makes_two_queries_per_chunk(monkeypatch):
    monkeypatch.setattr(selection, "CHUNK", 10)
    article = many_claims(40)
    with CaptureQueriesContext(connection) as queries:
        text = text_of(export("csv", [article], options()))
    assert text.count("\r\n") == 41
    # The claims in 4 chunks, each with one query for its reviews' verdicts.
    assert len(queries) <= 4 * 2 + 1


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_that_fails_half_way_is_an_error_not_half_a_file(
    fmt, editor, fact_check, monkeypatch
):
    """The download is written out before the response starts: a failure after the first
    rows gives a 500, never a 200 whose file merely ends early."""
    from django.test import Client
    from django.urls import reverse

    from factcheck.reports import csv_export, json_export

    def failing(claims, options=None):
        yield list(csv_export.CLAIM_COLUMNS)
        raise RuntimeError("the database went away")

    def failing_claim(claim, options=None):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(csv_export, "claim_rows", failing)
    monkeypatch.setattr(json_export, "claim_data", failing_claim)
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.get(reverse("reports:export_article", args=[fact_check.pk, fmt]))
    assert response.status_code == 500
    assert "Content-Disposition" not in response
