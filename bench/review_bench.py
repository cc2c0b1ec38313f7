"""Server times of the review workspace, on an article with 300 claims in a database holding
10,000 claims: the workspace page, the panel (htmx), a draft save, adding a source, submitting.
Then, for a reviewer holding each of `--queue-sizes` assignments (default 1,000, 10,000 and
100,000): the three-request annotation (add a source, save the draft with its verdict, submit)
and the reviewer's queue page, so a cost that grows with the queue shows.

Run with `.venv/bin/python bench/review_bench.py [--runs N] [--queue-sizes 1000,10000]`. Uses a
throwaway SQLite database (or DATABASE_URL if set) and Django's test client, so the figures are
the server's own time: URL routing, middleware, views, queries and templates, without a network
or a browser.
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
from factcheck.reviews.models import Assignment, Review  # noqa: E402

HTMX = {"HTTP_HX_REQUEST": "true"}
# The floor: a bare authenticated request (the session, the user, a template of a few bytes).
FLOOR = "floor (bare authenticated)"
FLOOR_URL = "/sources/search/?url="


def paragraph_claims(title, sentences, status):
    """An article of one sentence a paragraph, and a claim (not saved) on each sentence."""
    article = Article.objects.create(title=title, body="\n\n".join(sentences))
    claims, offset = [], 0
    for n, sentence in enumerate(sentences):
        end = offset + len(sentence)
        claims.append(
            Claim(
                article=article,
                start=offset,
                end=end,
                text=sentence,
                paragraph=n,
                status=status,
                kind="statistic",
            )
        )
        offset = end + 2
    return article, claims


def article_with_claims(title, count):
    sentences = [
        f"In {1990 + n % 30} output of sector {n} in {title} rose {n % 97} percent."
        for n in range(count)
    ]
    article, claims = paragraph_claims(title, sentences, Claim.Status.OPEN)
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


def timed(action):
    """(milliseconds, queries, response) of one request."""
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = action()
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code in (200, 302), response.status_code
    return elapsed, len(captured), response


def timed_call(action):
    """(milliseconds, queries, result) of calling `action` in-process, outside any request."""
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = action()
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(captured), result


def percentiles(times):
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95


def seed_queue(editor, size):
    """A reviewer holding `size` assignments of open claims (articles of 1,000 claims),
    inserted in bulk: no history, no e-mail; the rows the app would hold."""
    reviewer = User.objects.create_user(f"queue-{size}", role=User.Role.REVIEWER)
    for first in range(0, size, 1000):
        count = min(1000, size - first)
        sentences = [f"Queue {size} item {first + n} rose {n % 97} percent." for n in range(count)]
        article, claims = paragraph_claims(
            f"Queue {size} part {first // 1000}", sentences, Claim.Status.IN_REVIEW
        )
        made = Claim.objects.bulk_create(claims, batch_size=1000)
        if not all(claim.pk for claim in made):  # SQLite before 3.35 returns no ids
            made = list(article.claims.order_by("start"))
        Assignment.objects.bulk_create(
            [Assignment(claim=claim, reviewer=reviewer, assigned_by=editor) for claim in made],
            batch_size=1000,
        )
    return reviewer


def annotate_and_queue(editor, size, runs):
    """Time the three-request annotation on `runs` claims of a queue of `size`, then the queue
    page; print p50/p95 and queries of each."""
    started = time.perf_counter()
    reviewer = seed_queue(editor, size)
    seeded = time.perf_counter() - started
    client = Client()
    client.force_login(reviewer)
    rating = Verdict.objects.filter(is_rating=True).order_by("pk").first()
    claims = list(Claim.objects.filter(assignments__reviewer=reviewer).order_by("pk")[: runs + 1])
    steps = {"evidence add": [], "draft save": [], "submit": [], "annotation (3 requests)": []}
    queries = {}
    for n, claim in enumerate(claims[1:], start=1):
        client.get(f"/review/{claim.pk}/")  # the reviewer has the claim open (not timed)
        ms_add, q_add, _ = timed(lambda claim=claim, n=n: client.post(
            f"/review/{claim.pk}/evidence/",
            {"version": 0, "url": f"https://stats.example.org/q{size}/{n}", "title": "Table",
             "kind": "official", "stance": "supports", "quote": "rose"}, **HTMX))  # fmt: skip
        version = Review.objects.get(claim=claim, reviewer=reviewer).version
        ms_draft, q_draft, _ = timed(lambda claim=claim, version=version: client.post(
            f"/review/{claim.pk}/draft/",
            {"version": version, "claim_fingerprint": claim.wording_fingerprint,
             "verdict": rating.pk, "rationale": "Checked against the census.",
             "confidence": "high"}, **HTMX))  # fmt: skip
        version = Review.objects.get(claim=claim, reviewer=reviewer).version
        ms_submit, q_submit, _ = timed(lambda claim=claim, version=version: client.post(
            f"/review/{claim.pk}/submit/",
            {"version": version, "claim_fingerprint": claim.wording_fingerprint,
             "verdict": rating.pk, "rationale": "Checked against the census.",
             "confidence": "high"}, **HTMX))  # fmt: skip
        assert Review.objects.get(claim=claim, reviewer=reviewer).is_submitted
        steps["evidence add"].append(ms_add)
        steps["draft save"].append(ms_draft)
        steps["submit"].append(ms_submit)
        steps["annotation (3 requests)"].append(ms_add + ms_draft + ms_submit)
        queries.update({"evidence add": q_add, "draft save": q_draft, "submit": q_submit})
        queries["annotation (3 requests)"] = q_add + q_draft + q_submit
    steps["queue page"], steps["queue page 2"], steps[FLOOR] = [], [], []
    client.get("/queue/")  # the first view marks the new assignments seen
    second = "/queue/?after=" + assignments.cursor(assignments.queue_page(reviewer).assignments[-1])
    for _ in range(runs):
        ms, queries["queue page"], _response = timed(lambda: client.get("/queue/"))
        steps["queue page"].append(ms)
        ms, queries["queue page 2"], _response = timed(lambda: client.get(second))
        steps["queue page 2"].append(ms)
        ms, queries[FLOOR], _response = timed(lambda: client.get(FLOOR_URL))
        steps[FLOOR].append(ms)
    steps["queue counts (query)"] = []
    for _ in range(runs):
        ms, queries["queue counts (query)"], _counts = timed_call(
            lambda: assignments.queue_counts(reviewer)
        )
        steps["queue counts (query)"].append(ms)
    print(f"\nreviewer holding {size:,} assignments (seeded in {seeded:.1f} s)")
    print(f"{'server time (ms)':<26} {'p50':>8} {'p95':>8} {'queries':>8}")
    for label, times in steps.items():
        p50, p95 = percentiles(times)
        print(f"{label:<26} {p50:>8.1f} {p95:>8.1f} {queries[label]:>8}")
    p50 = percentiles(steps["annotation (3 requests)"])[0]
    floor = percentiles(steps[FLOOR])[0]
    print(f"annotations per second, 1 client (from the p50): {1000 / p50:.1f}")
    for label in ("evidence add", "draft save", "submit", "queue page"):
        print(f"{label} p50 / floor p50: {percentiles(steps[label])[0] / floor:.1f}x")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--queue-sizes",
        default="1000,10000,100000",
        help="comma-separated numbers of assignments a reviewer holds ('' for none)",
    )
    options = parser.parse_args()
    runs = options.runs
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
    editor = User.objects.get(username="bench-editor")
    for size in [int(size) for size in options.queue_sizes.split(",") if size.strip()]:
        annotate_and_queue(editor, size, runs)


if __name__ == "__main__":
    main()
