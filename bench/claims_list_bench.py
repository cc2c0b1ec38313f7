"""Server time of the editors' claims list (/claims/), first page, in a database of 1,000
claims and in a copy of it grown to 100,000: the issue's target is at most 1.5 times the first.

Run with `.venv/bin/python bench/claims_list_bench.py [--runs N] [--small N] [--large N]`.
Uses a throwaway SQLite database (or DATABASE_URL if set, for PostgreSQL: the database named
there is used as is, so point it at a scratch one; the copy is created beside it as
NAME_large and dropped at the end) and Django's test client, so the figures are the server's
own time: routing, middleware, view, queries and template, no network. The two databases are
timed in turn, request by request, so both see the same load on a shared machine.

Timed pages: the default list (newest first), and a filtered, sorted one (open or in review,
score at least 0.5, highest score first), both as targets; then, for information, the same with
a third, narrow filter (one claim in 60 matches), a text search and a page deep in the list
(the 20th). Also printed: the time of the page's count query, which stops five pages ahead
(claim_search.WindowPaginator), and of an exact count, which the page does not run: it is the
part that would grow with the table.
"""

import argparse
import shutil
import statistics
import time
from pathlib import Path

import bootstrap

bootstrap.setup("claims-bench", database_url=True, test_client=True)

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from factcheck.accounts.models import User  # noqa: E402
from factcheck.articles.models import Article  # noqa: E402
from factcheck.claims.models import Claim, Verdict  # noqa: E402
from factcheck.reviews import claim_search  # noqa: E402
from factcheck.reviews.forms import ClaimFilterForm  # noqa: E402
from factcheck.reviews.models import Assignment  # noqa: E402

CLAIMS_PER_ARTICLE = 100
STATUSES = (
    ["suggested"] * 6
    + ["open"] * 4
    + ["in_review"] * 4
    + ["disputed", "resolved", "resolved", "published", "published", "dismissed"]
)
KINDS = [kind for kind, _label in Claim.Kind.choices]
TOPICS = ["exports", "unemployment", "inflation", "rents", "wages", "emissions", "hospital beds"]
TARGETS = {
    "default (newest first)": {},
    # The desk's "what to check next": accepted, unresolved, check-worthy, best first.
    "filtered + sorted": {"status": ["open", "in_review"], "min_score": "0.5", "sort": "-score"},
}
INFORMATION = {
    # One claim in 60 matches: the index walk for a page (and its count) grows as 1/selectivity,
    # up to the whole table at 1,000 claims; see the report in the module docstring.
    "+ kind=statistic (~1 in 60 match)": {
        "status": ["open", "in_review"],
        "kind": "statistic",
        "min_score": "0.5",
        "sort": "-score",
    },
    "search 'unemployment'": {"q": "unemployment"},
    "page 20, default sort": {"page": "20"},
}


def setup():
    editor = User.objects.create_user("bench-editor", role=User.Role.EDITOR)
    reviewers = [
        User.objects.create_user(f"bench-reviewer-{n}", role=User.Role.REVIEWER) for n in range(4)
    ]
    return editor, reviewers


def grow(total, editor, reviewers):
    """Add articles of CLAIMS_PER_ARTICLE claims until the database holds `total` claims."""
    verdicts = list(Verdict.objects.all())
    number = Article.objects.count()
    while Claim.objects.count() < total:
        articles = []
        for _ in range(max(1, min(50, (total - Claim.objects.count()) // CLAIMS_PER_ARTICLE))):
            sentences = [
                f"In {1990 + n % 30} {TOPICS[(number + n) % len(TOPICS)]} in region {number} "
                f"changed by {n % 97} percent."
                for n in range(CLAIMS_PER_ARTICLE)
            ]
            articles.append(Article(title=f"Bench article {number}", body="\n\n".join(sentences)))
            number += 1
        for article in articles:  # save() computes the body's hash
            article.save()
        claims = []
        for article in articles:
            offset = 0
            for n, sentence in enumerate(article.body.split("\n\n")):
                status = STATUSES[(article.pk * 7 + n) % len(STATUSES)]
                final = status in ("resolved", "published")
                claims.append(
                    Claim(
                        article=article,
                        start=offset,
                        end=offset + len(sentence),
                        text=sentence,
                        paragraph=n,
                        status=status,
                        kind=KINDS[n % len(KINDS)],
                        checkworthiness=None if n % 50 == 0 else (n * 37 % 100) / 100,
                        normalized=f"Restated: {sentence}" if n % 3 == 0 else "",
                        final_verdict=verdicts[n % len(verdicts)] if final else None,
                        rationale="Checked against the national statistics." if final else "",
                    )  # fmt: skip
                )
                offset += len(sentence) + 2
        Claim.objects.bulk_create(claims, batch_size=2000)
        assigned = [
            Assignment(
                claim=claim,
                reviewer=reviewers[claim.pk % len(reviewers)],
                assigned_by=editor,
                claim_open=claim.status in Claim.Status.REVIEWABLE,
            )
            for claim in claims
            if claim.status in ("in_review", "disputed", "resolved", "published")
        ]
        Assignment.objects.bulk_create(assigned, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Databases:
    """The 1,000-claim database and a copy of it grown to 100,000, switched between on the one
    Django connection, so the two sizes are timed turn about and share the machine's load."""

    def __init__(self):
        self.small = connection.settings_dict["NAME"]
        self.large = None

    def copy_small(self):
        connection.close()
        if connection.vendor == "sqlite":
            self.large = str(Path(self.small).with_name("claims-bench-large.sqlite3"))
            shutil.copyfile(self.small, self.large)
        else:
            self.large = f"{self.small}_large"
            self._maintenance(
                f'DROP DATABASE IF EXISTS "{self.large}"',
                f'CREATE DATABASE "{self.large}" TEMPLATE "{self.small}"',
            )

    def drop_large(self):
        connection.close()
        if connection.vendor == "sqlite":
            Path(self.large).unlink(missing_ok=True)
        else:
            self._maintenance(f'DROP DATABASE IF EXISTS "{self.large}"')
        self.use(self.small)

    def _maintenance(self, *statements):
        self.use("postgres")
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        connection.close()
        connection.settings_dict["NAME"] = self.small

    def use(self, name):
        if connection.settings_dict["NAME"] != name:
            connection.close()
            connection.settings_dict["NAME"] = name
        connection.ensure_connection()


def timed(client, params):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get("/claims/", params)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(captured)


def summary(times):
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95


def count_time(count, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        count()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def counts(params, runs):
    claims = claim_search.filter_claims(ClaimFilterForm(params).filters())
    paginator = claim_search.WindowPaginator(claims, claim_search.PER_PAGE, 1)
    windowed = count_time(lambda: paginator.object_list[: paginator.limit + 1].count(), runs)
    return windowed, count_time(claims.count, runs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    editor, reviewers = setup()
    client = Client()
    client.force_login(editor)
    grow(args.small, editor, reviewers)

    databases = Databases()
    databases.copy_small()
    databases.use(databases.large)
    started = time.perf_counter()
    grow(args.large, editor, reviewers)
    grown_in = time.perf_counter() - started
    sizes = {}
    for name in (databases.small, databases.large):
        databases.use(name)
        sizes[name] = Claim.objects.count()

    rows = []
    for label, params in {**TARGETS, **INFORMATION}.items():
        times = {databases.small: [], databases.large: []}
        queries = {}
        for name in times:  # warm up
            databases.use(name)
            client.get("/claims/", params)
        for _ in range(args.runs):
            for name in times:
                databases.use(name)
                elapsed, queries[name] = timed(client, params)
                times[name].append(elapsed)
        rows.append((label, *summary(times[databases.small]), *summary(times[databases.large]),
                     queries[databases.large], label in TARGETS))  # fmt: skip
    count_rows = []
    for label, params in TARGETS.items():
        per_size = {}
        for name in (databases.small, databases.large):
            databases.use(name)
            per_size[name] = counts(params, args.runs)
        for index, kind in enumerate(("windowed count (the page's)", "exact count (not run)")):
            small_ms, large_ms = per_size[databases.small][index], per_size[databases.large][index]
            count_rows.append((f"  {kind}: {label[:8]}", small_ms, large_ms))
    databases.drop_large()

    small_n, large_n = f"{sizes[databases.small]:,}", f"{sizes[databases.large]:,}"
    print(f"database: {connection.vendor}; copy grown to {large_n} claims in {grown_in:.1f} s")
    print(
        f"server time of /claims/ (ms), p50 and p95 over {args.runs} runs, the two sizes timed "
        "in turn; ratio of the p50s"
    )
    header = f"{'':<40} {small_n + ' p50':>11} {'p95':>7} {large_n + ' p50':>13} {'p95':>7}"
    print(f"{header} {'ratio':>6} {'queries':>8}")
    for label, s50, s95, l50, l95, queries, target in rows:
        note = " (target <= 1.5)" if target else ""
        print(
            f"{label:<40} {s50:>11.1f} {s95:>7.1f} {l50:>13.1f} {l95:>7.1f} "
            f"{l50 / s50:>6.2f} {queries:>8}{note}"
        )
    print("count queries alone (ms, p50)")
    for label, small_ms, large_ms in count_rows:
        print(f"{label:<40} {small_ms:>11.1f} {'':>7} {large_ms:>13.1f} {'':>7} "
              f"{large_ms / small_ms:>6.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
