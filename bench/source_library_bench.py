"""Server time of the source library (/sources/) and of a source's page, for an editor and a
reviewer, in a library of 1,000 sources and after it has grown to 50,000 (three citations a
source on average, 150,000 in all): a page's cost should not grow with the library.

Run with `.venv/bin/python bench/source_library_bench.py [--runs N] [--small N] [--large N]`.
Uses a throwaway SQLite database (or DATABASE_URL if set: point it at a scratch database) and
Django's test client, so the figures are the server's own time: routing, middleware, view,
queries and template, no network. Prints the median and 95th percentile in milliseconds and the
number of queries of each page.
"""

import argparse
import statistics
import time

import bootstrap

bootstrap.setup("sources-bench", database_url=True, test_client=True)

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from factcheck.accounts.models import User  # noqa: E402
from factcheck.articles.models import Article  # noqa: E402
from factcheck.claims.models import Claim, Verdict  # noqa: E402
from factcheck.reviews.models import Evidence, Review, Source  # noqa: E402

CLAIMS_PER_ARTICLE = 100
CITATIONS_PER_SOURCE = 3
PUBLISHERS = ["National Bureau of Statistics", "World Bank", "Daily Planet", "Poverty Watch"]
KINDS = [kind for kind, _label in Source.Kind.choices]
STANCES = [stance for stance, _label in Evidence.Stance.choices]
PAGES = {
    "list, editor": ("editor", "/sources/", {}),
    "list, editor, search 'bank'": ("editor", "/sources/", {"q": "bank"}),
    "list, editor, refutes + official": (
        "editor",
        "/sources/",
        {"stance": "refutes", "kind": "official"},
    ),
    "list, editor, page 20": ("editor", "/sources/", {"page": "20"}),
    "list, reviewer": ("reviewer", "/sources/", {}),
    "source page, editor": ("editor", "source", {}),
    "source page, reviewer": ("reviewer", "source", {}),
}


def people():
    editor = User.objects.create_user("bench-editor", role=User.Role.EDITOR)
    reviewers = [
        User.objects.create_user(f"bench-reviewer-{n}", role=User.Role.REVIEWER) for n in range(4)
    ]
    return editor, reviewers


def claims_for(count):
    """At least `count` claims, a fifth of them published with a final verdict."""
    verdicts = list(Verdict.objects.all())
    number = Article.objects.count()
    while Claim.objects.count() < count:
        sentences = [f"Figure {n} of region {number} rose by {n % 97} percent." for n in range(100)]
        article = Article(title=f"Bench article {number}", body="\n\n".join(sentences))
        article.save()
        number += 1
        claims, offset = [], 0
        for n, sentence in enumerate(sentences):
            published = n % 5 == 0
            claims.append(
                Claim(
                    article=article,
                    start=offset,
                    end=offset + len(sentence),
                    text=sentence,
                    paragraph=n,
                    status="published" if published else "in_review",
                    final_verdict=verdicts[n % len(verdicts)] if published else None,
                )
            )
            offset += len(sentence) + 2
        Claim.objects.bulk_create(claims)


def reviews_for(reviewers):
    """One review per claim and reviewer (submitted for published claims), made once."""
    verdict = Verdict.objects.first()
    now = timezone.now()
    have = set(Review.objects.values_list("claim_id", "reviewer_id"))
    new = []
    for claim in Claim.objects.only("id", "status"):
        for reviewer in reviewers:
            if (claim.pk, reviewer.pk) in have:
                continue
            done = claim.status == "published"
            new.append(
                Review(
                    claim=claim,
                    reviewer=reviewer,
                    status="submitted" if done else "draft",
                    verdict=verdict if done else None,
                    submitted_at=now if done else None,
                )
            )
    Review.objects.bulk_create(new, batch_size=2000)


def grow(total, reviewers):
    """Add sources, each cited CITATIONS_PER_SOURCE times, until the library holds `total`."""
    claims_for(total // 25)
    reviews_for(reviewers)
    reviews = list(Review.objects.values_list("pk", "status"))
    start = Source.objects.count()
    sources = [
        Source(
            url=f"https://{PUBLISHERS[n % 4].lower().replace(' ', '-')}.example.org/doc/{n}",
            title=f"Report {n} on region {n % 300}",
            publisher=PUBLISHERS[n % len(PUBLISHERS)],
            kind=KINDS[n % len(KINDS)],
        )
        for n in range(start, total)
    ]
    Source.objects.bulk_create(sources, batch_size=2000)
    citations = []
    for source in Source.objects.filter(pk__gt=start).only("id"):
        for k in range(CITATIONS_PER_SOURCE):
            review, status = reviews[(source.pk * 7 + k * 131) % len(reviews)]
            citations.append(
                Evidence(
                    review_id=review,
                    source=source,
                    stance=STANCES[(source.pk + k) % len(STANCES)],
                    quote="A figure of the report.",
                    published=status == "submitted",
                )
            )
    Evidence.objects.bulk_create(citations, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def busiest_visible_source(reviewer):
    """A source the reviewer cited, for their source page."""
    return Evidence.objects.filter(review__reviewer=reviewer).values_list("source_id", flat=True)[0]


def timed(client, path, params):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, len(captured)


def measure(clients, source_path, runs):
    figures = {}
    for name, (who, path, params) in PAGES.items():
        url = source_path if path == "source" else path
        times, queries = [], 0
        for _ in range(runs):
            elapsed, queries = timed(clients[who], url, params)
            times.append(elapsed)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        figures[name] = (statistics.median(times), p95, queries)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=50_000)
    args = parser.parse_args()
    editor, reviewers = people()
    clients = {"editor": Client(), "reviewer": Client()}
    clients["editor"].force_login(editor)
    clients["reviewer"].force_login(reviewers[0])
    results = {}
    for size in (args.small, args.large):
        started = time.perf_counter()
        grow(size, reviewers)
        built = time.perf_counter() - started
        source_path = f"/sources/{busiest_visible_source(reviewers[0])}/"
        measure(clients, source_path, 2)  # warm up
        results[size] = measure(clients, source_path, args.runs)
        print(
            f"{size:,} sources, {Evidence.objects.count():,} citations, "
            f"{Claim.objects.count():,} claims (built in {built:.0f} s)"
        )
    small, large = results[args.small], results[args.large]
    print(f"\n{'page':36} {'median ms':>22} {'p95 ms':>22} {'queries':>9}")
    print(f"{'':36} {args.small:>10,} {args.large:>11,} {args.small:>10,} {args.large:>11,}")
    for name in PAGES:
        (m1, p1, q1), (m2, p2, q2) = small[name], large[name]
        print(f"{name:36} {m1:10.1f} {m2:11.1f} {p1:10.1f} {p2:11.1f} {q1:4} {q2:4}")


if __name__ == "__main__":
    main()
