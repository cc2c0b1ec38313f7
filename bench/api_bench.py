"""Server time of the API's lists and writes, in a database of 1,000 claims and in a copy of it
grown to 100,000: the issue's target is a list at 100,000 within 1.5 times its time at 1,000.

Run with `.venv/bin/python bench/api_bench.py [--runs N] [--small N] [--large N]`. The
databases are the claims list benchmark's (bench/claims_list_bench.py: the same rows, a
throwaway SQLite file or DATABASE_URL's database, the copy timed in turn with the original),
and requests go through Django's test client with an editor's token in the Authorization
header, so the figures are the server's own time: authentication, throttling, view, queries
and JSON, no network.

Lists: the articles (first page, 50), the published fact-checks feed (first page, with its
ETag's aggregate), the same feed answered 304 to If-None-Match, the source library, and the
claims list (/api/v1/claims/) when that endpoint is registered. Writes (for information):
importing a short article (text, proposals and matching included), and accepting a suggested
claim with If-Match when the claims endpoint is there.
"""

import argparse
import itertools
import time

import claims_list_bench as seeded  # sets Django up (bootstrap) for the claims bench's databases
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from factcheck.api import tokens  # noqa: E402
from factcheck.claims.models import Claim  # noqa: E402
from factcheck.reviews.models import Source  # noqa: E402


def route(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def lists():
    targets = {
        "articles": ("/api/v1/articles/", {}),
        "fact-checks feed": ("/api/v1/fact-checks/", {}),
        "sources": ("/api/v1/sources/", {}),
    }
    claims = route("api:claim-list")
    if claims:
        targets["claims"] = (claims, {})
    return targets


def timed(client, method, path, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = getattr(client, method)(path, **kwargs)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code < 400, (path, response.status_code, response.content[:300])
    return elapsed, len(captured), response


def sources(total):
    Source.objects.bulk_create(
        [
            Source(url=f"https://stats.example.org/bench/{n}", title=f"Table {n}", publisher="NBS")
            for n in range(Source.objects.count(), total)
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:  # fresh statistics, as grow() leaves them for claims
        cursor.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    settings.FACTCHECK_API_THROTTLE = "100000000/hour"
    editor, reviewers = seeded.setup()
    _token, secret = tokens.create_token(editor, name="bench", scope="write", by=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    seeded.grow(args.small, editor, reviewers)
    sources(args.small // 10)

    databases = seeded.Databases()
    databases.copy_small()
    databases.use(databases.large)
    started = time.perf_counter()
    seeded.grow(args.large, editor, reviewers)
    sources(args.large // 10)
    grown_in = time.perf_counter() - started
    sizes = {}
    for name in (databases.small, databases.large):
        databases.use(name)
        sizes[name] = Claim.objects.count()

    rows = []
    for label, (path, params) in lists().items():
        times = {databases.small: [], databases.large: []}
        queries = {}
        etags = {}
        for name in times:  # warm up
            databases.use(name)
            etags[name] = client.get(path, params).get("ETag")
        for _ in range(args.runs):
            for name in times:
                databases.use(name)
                elapsed, queries[name], _response = timed(client, "get", path, data=params)
                times[name].append(elapsed)
        rows.append((label, times, queries[databases.large], True))
        if etags[databases.small]:
            times = {databases.small: [], databases.large: []}
            for _ in range(args.runs):
                for name in times:
                    databases.use(name)
                    elapsed, queries[name], response = timed(
                        client, "get", path, data=params, headers={"If-None-Match": etags[name]}
                    )
                    assert response.status_code == 304
                    times[name].append(elapsed)
            rows.append((f"{label}, 304 to If-None-Match", times, queries[databases.large], False))

    writes = {databases.small: [], databases.large: []}
    accepts = {databases.small: [], databases.large: []}
    numbers = itertools.count()
    for _ in range(max(3, args.runs // 5)):
        for name in writes:
            databases.use(name)
            text = (
                f"Exports rose {next(numbers)} percent in 2024, the customs office said.\n\n"
                "Imports fell by 3.5 percent, to 1.2 trillion yuan."
            )
            elapsed, _queries, response = timed(
                client, "post", "/api/v1/articles/", data={"text": text}, format="json"
            )
            writes[name].append(elapsed)
            suggested = [c for c in response.json()["claims"] if c["status"] == "suggested"]
            if route("api:claim-list") and suggested:
                claim = suggested[0]
                path = reverse("api:claim-accept", args=[claim["id"]])
                elapsed, _queries, _response = timed(
                    client, "post", path, headers={"If-Match": f'"{claim["version"]}"'}
                )
                accepts[name].append(elapsed)
    rows.append(("write: import a short article", writes, None, False))
    if accepts[databases.small]:
        rows.append(("write: accept a claim (If-Match)", accepts, None, False))
    databases.drop_large()

    small_n, large_n = f"{sizes[databases.small]:,}", f"{sizes[databases.large]:,}"
    print(f"database: {connection.vendor}; copy grown to {large_n} claims in {grown_in:.1f} s")
    print(
        f"server time of the API (ms), p50 and p95 over {args.runs} runs (writes: fewer), the "
        "two sizes timed in turn; ratio of the p50s"
    )
    header = f"{'':<40} {small_n + ' p50':>11} {'p95':>7} {large_n + ' p50':>13} {'p95':>7}"
    print(f"{header} {'ratio':>6} {'queries':>8}")
    for label, times, queries, target in rows:
        s50, s95 = seeded.summary(times[databases.small])
        l50, l95 = seeded.summary(times[databases.large])
        note = " (target <= 1.5)" if target else ""
        shown = "" if queries is None else queries
        print(
            f"{label:<40} {s50:>11.1f} {s95:>7.1f} {l50:>13.1f} {l95:>7.1f} "
            f"{l50 / s50:>6.2f} {shown:>8}{note}"
        )


if __name__ == "__main__":
    main()
