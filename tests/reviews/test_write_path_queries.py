"""The review write path in a fixed number of queries: the workspace, the panel, a draft save,
adding and removing a source and submitting cost the same for a reviewer with 5 claims waiting
as for one with 200, and no more than the bounds pinned here."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments
from factcheck.reviews.models import Evidence, Review
from tests.factories import ArticleFactory, verdict

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}

# The most queries each request may take, the same whatever the queue's length (in a test each
# transaction also counts its SAVEPOINT and RELEASE).
BOUNDS = {
    "workspace": 12,
    "panel": 10,
    "evidence add": 20,
    "evidence remove": 16,
    "draft save": 14,
    "submit": 32,
}


def assigned_claims(editor, reviewer, count, title):
    texts = [f"{title} claim {n} says {n} percent." for n in range(count)]
    body = "\n\n".join(texts)
    article = ArticleFactory(body=body, title=title)
    claims = [
        create_claim(article, body.index(text), body.index(text) + len(text)) for text in texts
    ]
    assignments.assign(claims, [reviewer], by=editor, notify=False)
    return claims


def version_of(reviewer, claim):
    review = Review.objects.filter(claim=claim, reviewer=reviewer).first()
    return review.version if review else 0


def annotate(client, reviewer, claim):
    """Open the claim, add two sources, remove one, save the verdict, submit: the queries of
    each request (the first opening, which also matches the claim, is left out)."""
    client.force_login(reviewer)
    client.get(f"/review/{claim.pk}/")
    requests = {
        "workspace": lambda: client.get(f"/review/{claim.pk}/"),
        "panel": lambda: client.get(f"/review/{claim.pk}/", **HTMX),
        "evidence add": lambda: client.post(
            f"/review/{claim.pk}/evidence/",
            {
                "version": version_of(reviewer, claim),
                "url": f"https://{reviewer}.example.org/a",
                "title": "Census",
                "kind": "official",
                "stance": "supports",
            },
            **HTMX,
        ),  # fmt: skip
        "evidence remove": lambda: client.post(
            f"/evidence/{Evidence.objects.filter(review__reviewer=reviewer).latest('pk').pk}"
            "/remove/",
            {"version": version_of(reviewer, claim)},
            **HTMX,
        ),  # fmt: skip
        "draft save": lambda: client.post(
            f"/review/{claim.pk}/draft/",
            {
                "version": version_of(reviewer, claim),
                "claim_fingerprint": claim.wording_fingerprint,
                "verdict": verdict("true").pk,
                "confidence": "high",
                "rationale": "The census says so.",
            },
            **HTMX,
        ),  # fmt: skip
        "submit": lambda: client.post(
            f"/review/{claim.pk}/submit/",
            {
                "version": version_of(reviewer, claim),
                "claim_fingerprint": claim.wording_fingerprint,
                "verdict": verdict("true").pk,
                "confidence": "high",
                "rationale": "The census says so.",
            },
            **HTMX,
        ),  # fmt: skip
    }
    counts = {}
    client.post(f"/review/{claim.pk}/evidence/", {
        "version": 0, "url": f"https://{reviewer}.example.org/kept", "title": "Kept",
        "kind": "official", "stance": "supports"}, **HTMX)  # fmt: skip
    for name, request in requests.items():
        version = version_of(reviewer, claim)
        with CaptureQueriesContext(connection) as captured:
            response = request()
        assert response.status_code == 200, (name, response.content.decode()[:500])
        counts[name] = len(captured)
        if name in ("evidence add", "evidence remove", "draft save"):
            assert version_of(reviewer, claim) == version + 1, name
    assert Review.objects.get(claim=claim, reviewer=reviewer).is_submitted
    return counts


def test_each_write_takes_the_same_queries_for_5_or_200_claims_waiting(
    client, editor, reviewer, other_reviewer
):
    few = assigned_claims(editor, reviewer, 5, "Few")
    many = assigned_claims(editor, other_reviewer, 200, "Many")
    small = annotate(client, reviewer, few[2])
    large = annotate(client, other_reviewer, many[150])
    assert small == large
    for name, bound in BOUNDS.items():
        assert large[name] <= bound, (name, str(large))


def test_a_source_change_answers_with_the_sources_and_the_new_version_only(
    client, editor, reviewer
):
    claims = assigned_claims(editor, reviewer, 3, "Sources")
    client.force_login(reviewer)
    response = client.post(f"/review/{claims[0].pk}/evidence/", {
        "version": 0, "url": "https://stats.example.org/a", "title": "Census",
        "kind": "official", "stance": "supports"}, **HTMX)  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<section id="evidence"')
    assert "Census" in html and "Source added." in html
    assert 'id="panel"' not in html and "Next claim" not in html and "<html" not in html
    assert re.search(r'name="version" value="1" data-review-version hx-swap-oob=', html)
    evidence = Evidence.objects.get()
    response = client.post(f"/evidence/{evidence.pk}/remove/", {"version": 1}, **HTMX)
    html = response.content.decode()
    assert "Source removed." in html and "No sources yet." in html and 'id="panel"' not in html


def test_a_refused_source_answers_with_the_sources_and_why(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 1, "Refused")
    client.force_login(reviewer)
    response = client.post(
        f"/review/{claims[0].pk}/evidence/", {"version": 0, "url": "not a link"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422 and html.lstrip().startswith('<section id="evidence"')
    assert 'id="panel"' not in html and "open>" in html
    assert not Evidence.objects.exists()


def test_after_submitting_the_panel_offers_the_next_claim_of_the_queue(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 3, "Next")
    client.force_login(reviewer)
    client.post(f"/review/{claims[1].pk}/evidence/", {
        "version": 0, "url": "https://stats.example.org/a", "kind": "official",
        "stance": "supports"}, **HTMX)  # fmt: skip
    response = client.post(f"/review/{claims[1].pk}/submit/", {
        "version": 1, "claim_fingerprint": claims[1].wording_fingerprint,
        "verdict": verdict("true").pk, "confidence": "", "rationale": ""}, **HTMX)  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and 'id="panel"' not in html
    assert '<nav id="panel-nav" class="panel-nav" aria-label="Queue" hx-swap-oob="true">' in html
    assert f'href="/review/{claims[0].pk}/" data-next-claim' in html
    response = client.get(f"/review/{claims[0].pk}/", **HTMX)
    assert f'href="/review/{claims[2].pk}/" data-next-claim' in response.content.decode()
