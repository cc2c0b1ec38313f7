"""Server time and SQL queries of every page that matters, at 1,000 to 1,000,000 claims.

Run with `.venv/bin/python bench/pages.py [--sizes 1000,10000] [--database sqlite|postgres|both]
[--runs N] [--csv FILE]`. For each database and size it builds (or reuses) the seeded database
of bench/seed.py, then times each page with Django's test client, in process: routing,
middleware, view, queries and template, no network. Each page is requested a few times to warm
up, then `--runs` times; p50 and p95 are of those, and the query count is of one more request
(counting queries costs time, so it is not done while timing). Every (database, size) pair runs
in a process of its own, on its own database.

The pages, as the people who use them request them:

- login: a POST of the login form with the right password (a fresh client each time);
- floor: the home page, an authenticated request that only redirects (the least a page costs);
- dashboard: the editors' desk; claims_list, claims_filtered (open or in review, score at least
  0.5, best first), claims_search ("unemployment"): the claims list as an editor;
- queue, workspace, panel (the workspace's htmx fragment): as bench-reviewer-00, whose queue
  holds about 8 % of the claims;
- draft_save, evidence_add, submit: that reviewer's htmx POSTs, each carrying the review's
  version as the page would, on a round of claims of the queue, put back after each request
  (outside the timing) so every request does the same, real work: the draft's rationale
  changes each time, the added source is removed again, the submitted review is reopened;
- report_html, export_csv: one article's HTML report (as shown in the browser) and CSV export.

With `--sizes` of more than one size, the last column is the largest size's p50 over the
smallest's: the issue's target is at most 1.5, with query counts that do not change.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bootstrap  # noqa: F401  (the project on sys.path)

PAGES = [
    "login",
    "floor",
    "dashboard",
    "queue",
    "workspace",
    "panel",
    "claims_list",
    "claims_filtered",
    "claims_search",
    "draft_save",
    "evidence_add",
    "submit",
    "report_html",
    "export_csv",
]
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}
PASSWORD = "bench-password-not-secret"
WRITE_ROUND = 8  # claims of the queue the write requests go round
SLOW_MS = 10_000  # a page slower than this is requested once, and marked so in the table


def percentile(times, share):
    times = sorted(times)
    return times[min(len(times) - 1, int(round(share * (len(times) - 1))))]


class Bench:
    """The requests of one (database, size), set up on the seeded database Django is using."""

    def __init__(self):
        from django.db.models import Exists, OuterRef
        from django.test import Client

        from factcheck.accounts.models import User
        from factcheck.articles.models import Article
        from factcheck.claims.models import Verdict
        from factcheck.reviews import reviewing
        from factcheck.reviews.assignments import queue
        from factcheck.reviews.models import Review

        self.editor = User.objects.get(username="bench-editor")
        self.reviewer = User.objects.get(username="bench-reviewer-00")
        for user in (self.editor, self.reviewer):
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        self.editors = Client()
        self.editors.force_login(self.editor)
        self.reviewers = Client()
        self.reviewers.force_login(self.reviewer)
        # The same article and claims at every size: the seed writes the first articles alike.
        self.article = Article.objects.order_by("pk")[1]
        others_submitted = Review.objects.submitted().filter(claim=OuterRef("claim_id"))
        drafts = Review.objects.drafts().filter(claim=OuterRef("claim_id"), reviewer=self.reviewer)
        waiting = queue(self.reviewer).annotate(has_draft=Exists(drafts))
        self.claim = waiting.first().claim
        self.round = [
            assignment.claim
            for assignment in waiting.exclude(Exists(others_submitted)).filter(has_draft=True)[
                :WRITE_ROUND
            ]
        ]
        assert len(self.round) == WRITE_ROUND, "the reviewer's queue is too short"
        for claim in self.round:  # a verdict that is a rating needs a source to be submitted
            review = self._review(claim)
            if not review.evidence.exists():
                reviewing.add_evidence(
                    claim,
                    by=self.reviewer,
                    expected_version=review.version,
                    url="https://data.example.org/official/report/1",
                    stance="supports",
                )
        self.verdict = Verdict.objects.order_by("order").first()
        self.turn = 0

    def _review(self, claim):
        from factcheck.reviews.models import Review

        return Review.objects.get(claim=claim, reviewer=self.reviewer)

    def requests(self):
        """name -> (prepare, request, restore): prepare (untimed) returns the request's
        arguments, request (timed) makes it, restore (untimed) puts the data back."""
        editors, reviewers = self.editors, self.reviewers
        claim_url = f"/review/{self.claim.pk}/"
        article = self.article.pk

        def get(client, url, **headers):
            return lambda _: client.get(url, **headers)

        def login(_):
            from django.test import Client

            client = Client()
            return client.post(
                "/accounts/login/", {"username": self.reviewer.username, "password": PASSWORD}
            )

        def next_claim(_=None):
            self.turn += 1
            return self.round[self.turn % len(self.round)]

        def draft_args():
            claim = next_claim()
            review = self._review(claim)
            return claim, {
                "version": review.version,
                "claim_fingerprint": claim.wording_fingerprint,
                "verdict": self.verdict.pk,
                "confidence": "medium",
                "rationale": f"Checked against the census, pass {self.turn}.",
            }

        def post_review(action):
            def request(args):
                claim, data = args
                return reviewers.post(f"/review/{claim.pk}/{action}/", data, **HTMX)

            return request

        def evidence_args():
            claim = next_claim()
            return claim, {
                "version": self._review(claim).version,
                "submission_key": f"bench-{time.perf_counter_ns()}",
                "url": f"https://data.example.org/official/report/{self.turn % 50 + 1}",
                "title": "",
                "kind": "official",
                "stance": "supports",
                "quote": "Table 3 gives the figure for the year.",
            }

        def remove_evidence(args):
            claim, data = args
            self._review(claim).evidence.filter(submission_key=data["submission_key"]).delete()

        def reopen(args):
            from factcheck.reviews import workflow

            workflow.reopen_review(self._review(args[0]), by=self.reviewer)

        def consume(response):
            if response.streaming:
                b"".join(response.streaming_content)
            return response

        def export(url):
            return lambda _: consume(editors.get(url))

        def nothing(_=None):
            return None

        return {
            "login": (nothing, login, nothing),
            "floor": (nothing, get(editors, "/"), nothing),
            "dashboard": (nothing, get(editors, "/desk/"), nothing),
            "queue": (nothing, get(reviewers, "/queue/"), nothing),
            "workspace": (nothing, get(reviewers, claim_url), nothing),
            "panel": (nothing, get(reviewers, claim_url, **HTMX), nothing),
            "claims_list": (nothing, get(editors, "/claims/"), nothing),
            "claims_filtered": (
                nothing,
                get(editors, "/claims/?status=open&status=in_review&min_score=0.5&sort=-score"),
                nothing,
            ),
            "claims_search": (nothing, get(editors, "/claims/?q=unemployment"), nothing),
            "draft_save": (draft_args, post_review("draft"), nothing),
            "evidence_add": (evidence_args, post_review("evidence"), remove_evidence),
            "submit": (draft_args, post_review("submit"), reopen),
            "report_html": (
                nothing,
                get(editors, f"/articles/{article}/export/html/?inline=1"),
                nothing,
            ),
            "export_csv": (nothing, export(f"/articles/{article}/export/csv/"), nothing),
        }

    def measure(self, name, runs, warmup=3):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        prepare, request, restore = self.requests()[name]

        def once():
            args = prepare()
            started = time.perf_counter()
            response = request(args)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code in (200, 302), (name, response.status_code)
            restore(args)
            return elapsed

        def counted():
            args = prepare()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                request(args)
                elapsed = (time.perf_counter() - started) * 1000
            # Read now: every request that follows empties the connection's query log.
            queries = len(captured)
            restore(args)
            return elapsed, queries

        # A page slower than SLOW_MS at its first two requests is timed by the second alone
        # (the first may have been filling a cache, as the desk's figures).
        first, queries = counted()
        if first > SLOW_MS:
            second, queries = counted()
            if second > SLOW_MS:
                return second, second, queries, 1
        for _ in range(warmup - 1):
            once()
        times = [once() for _ in range(runs)]
        _elapsed, queries = counted()
        return statistics.median(times), percentile(times, 0.95), queries, runs


def worker(database, size, runs, pages):
    """Seed (or reuse) the database, time the pages, print one JSON object per page."""
    import seed

    seed.ensure(database, size, name="pages-bench", verbose=False)
    bench = Bench()
    for name in pages:
        p50, p95, queries, timed = bench.measure(name, runs)
        row = {
            "database": database,
            "size": size,
            "name": name,
            "p50_ms": round(p50, 2),
            "p95_ms": round(p95, 2),
            "queries": queries,
            "runs": timed,
        }
        print(json.dumps(row), flush=True)


def postgres_reachable():
    import psycopg
    import seed

    url, _name = seed.location("postgres", 0)
    try:
        with seed._pg_admin(url):
            return True
    except psycopg.OperationalError:
        return False


def table(database, rows, sizes):
    print(f"\n{database}: server time p50 / p95 in ms, queries")
    header = f"{'page':<16}" + "".join(f"{f'{size:,}':>24}" for size in sizes)
    print(header + ("   p50 ratio" if len(sizes) > 1 else ""))
    for name in PAGES:
        cells, p50s = [], []
        for size in sizes:
            row = rows.get((database, size, name))
            if row is None:
                cells.append(f"{'-':>24}")
                continue
            p50s.append(row["p50_ms"])
            once = "*" if row["runs"] == 1 else " "
            cells.append(f"{row['p50_ms']:>9.1f}{once}{row['p95_ms']:>8.1f} {row['queries']:>5}")
        ratio = f"{p50s[-1] / p50s[0]:>12.2f}" if len(p50s) > 1 and p50s[0] else ""
        print(f"{name:<16}" + "".join(cells) + ratio)
    if any(row["runs"] == 1 for row in rows.values() if row["database"] == database):
        print(f"* slower than {SLOW_MS / 1000:.0f} s: requested once")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="claims, comma-separated")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pages", default=",".join(PAGES), help="a comma-separated subset")
    parser.add_argument("--csv", help="also write database,size,name,p50_ms,p95_ms,queries")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    pages = [page for page in args.pages.split(",") if page]
    unknown = set(pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    if args.worker:
        worker(args.database, sizes[0], args.runs, pages)
        return
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if "postgres" in databases and not postgres_reachable():
        print("PostgreSQL is not reachable (DATABASE_URL or 127.0.0.1:5432): skipped.")
        databases.remove("postgres")
    rows = {}
    for database in databases:
        for size in sizes:
            print(f"{database}, {size:,} claims ...", file=sys.stderr, flush=True)
            command = [
                sys.executable,
                __file__,
                "--worker",
                "--database",
                database,
                "--sizes",
                str(size),
                "--runs",
                str(args.runs),
                "--pages",
                ",".join(pages),
            ]
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=os.environ)
            for line in done.stdout.splitlines():
                row = json.loads(line)
                rows[row["database"], row["size"], row["name"]] = row
            if done.returncode:
                sys.exit(f"{database} at {size:,} claims failed (exit status {done.returncode})")
    for database in databases:
        table(database, rows, sizes)
    if args.csv:
        Path(args.csv).parent.mkdir(parents=True, exist_ok=True)
        with open(args.csv, "w", newline="") as out:
            columns = ["database", "size", "name", "p50_ms", "p95_ms", "queries"]
            writer = csv.DictWriter(out, columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows.values())


if __name__ == "__main__":
    main()
