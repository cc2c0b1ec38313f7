"""Server times of the review workspace, on an article with 300 claims in a database holding
10,000 claims: the workspace page, the panel (htmx), a draft save, adding a source, submitting.

Run with `.venv/bin/python bench/review_bench.py [--runs N]`. Uses a throwaway SQLite database
(or DATABASE_URL if set) and Django's test client, so the figures are the server's own time:
URL routing, middleware, views, queries and templates, without a network or a browser.
"""

import argparse
import statistics
import time

import bootstrap

bootstrap.setup("review-bench", database_url=True, test_client=True)

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from factcheck.accounts.models import User  # noqa: E402
from factcheck.articles.models import Article  # noqa: E402
from factcheck.claims.models import Claim, Verdict  # noqa: E402
from factcheck.reviews import assignments  # noqa: E402
from factcheck.reviews.models import Review  # noqa: E402

HTMX = {"HTTP_HX_REQUEST": "true"}


def article_with_claims(title, count):
    sentences = [
        f"In {1990 + n % 30} output of sector {n} in {title} rose {n % 97} percent."
        for n in range(count)
    ]
    body = "\n\n".join(sentences)
    article = Article.objects.create(title=title, body=body)
    claims, offset = [], 0
    for n, sentence in enumerate(sentences):
        claims.append(
            Claim(
                article=article,
                start=offset,
                end=offset + len(sentence),
                text=sentence,
                paragraph=n,
                status=Claim.Status.OPEN,
                kind="statistic",
            )  # fmt: skip
        )
        offset += len(sentence) + 2
    bulk_create_with_history(claims, Claim, batch_size=1000)
    return article, list(article.claims.order_by("start"))


def setup():
    editor = User.objects.create_user("bench-editor", role=User.Role.EDITOR)
    reviewer = User.objects.create_user("bench-reviewer", role=User.Role.REVIEWER)
    for n in range(33):  # 33 other articles of 300 claims: 10,200 claims in all
        article_with_claims(f"Filler {n}", 300)
    article, claims = article_with_claims("Bench article", 300)
    assignments.assign(claims, [reviewer], by=editor, notify=False)
    return reviewer, claims


def measure(label, runs, action):
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = action()
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
        queries = len(captured)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"{label:<22} {statistics.median(times):>8.1f} {p95:>8.1f} {queries:>8}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    reviewer, claims = setup()
    client = Client()
    client.force_login(reviewer)
    print(f"{Claim.objects.count():,} claims in the database; article of {len(claims)} claims")
    print(f"{'server time (ms)':<22} {'p50':>8} {'p95':>8} {'queries':>8}")
    claim = claims[0]
    measure("workspace page", runs, lambda: client.get(f"/review/{claim.pk}/"))
    measure("panel (htmx)", runs, lambda: client.get(f"/review/{claim.pk}/", **HTMX))

    def version():
        review = Review.objects.filter(claim=claim, reviewer=reviewer).first()
        return review.version if review else 0

    measure("draft save", runs, lambda: client.post(
        f"/review/{claim.pk}/draft/",
        {"version": version(), "claim_fingerprint": claim.wording_fingerprint,
         "rationale": "Checked against the census.", "confidence": "high"}, **HTMX))  # fmt: skip
    counter = iter(range(10**6))
    measure("evidence add", runs, lambda: client.post(
        f"/review/{claim.pk}/evidence/",
        {"version": version(), "url": f"https://stats.example.org/table/{next(counter)}",
         "title": "Table", "kind": "official", "stance": "supports", "quote": "rose"},
        **HTMX))  # fmt: skip
    opinion = Verdict.objects.get(slug="opinion")
    queue = iter(claims[1:])

    def submit():
        target = next(queue)
        return client.post(
            f"/review/{target.pk}/submit/",
            {"version": 0, "claim_fingerprint": target.wording_fingerprint,
             "verdict": opinion.pk, "rationale": "Not a checkable claim."}, **HTMX)  # fmt: skip

    measure("submit", runs, submit)


if __name__ == "__main__":
    main()
