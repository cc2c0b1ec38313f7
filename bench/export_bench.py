"""How long CSV and JSON exports of 10,000 and 100,000 claims take, and how much memory they
need: each claim with 2 submitted reviews, each review with 2 pieces of evidence.

Run with `.venv/bin/python bench/export_bench.py`. The data is built fast with bulk_create in
a temporary SQLite database (one per size), then every export runs in a fresh process of its
own, so the peak memory of one cannot hide in another's. Memory is the process's peak resident
set size (getrusage's ru_maxrss), before the export (Django loaded, database open) and after
it; the export streams, so the peak at 100,000 claims should stay within 1.2x the peak at
10,000 and the time should grow linearly (the "s per 1k claims" column stays flat).

`csv-full` is the claims CSV as it was before it read only what it writes: every claim with
its reviews, reviewers, verdicts, evidence, sources and matches prefetched (what JSON reads).
Both CSVs must give the same bytes (their SHA-256 is compared); the claims CSV is to be at
least twice as fast (TARGET_SPEEDUP).

`--sizes 10000` runs fewer sizes (a comma-separated list).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bootstrap

SIZES = [10_000, 100_000]
FORMATS = ["csv", "csv-full", "json"]
TARGET_SPEEDUP = 2.0
CLAIMS_PER_ARTICLE = 1_000
TARGET = 1.2


def build(size, database):
    """Fill a fresh database with `size` published claims, 2 reviews each, 2 evidence each."""
    bootstrap.setup("export-bench", database=database)
    from django.db import transaction

    from factcheck.accounts.models import User
    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim, Verdict
    from factcheck.reviews.models import Evidence, Review, Source

    now = datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)
    true = Verdict.objects.get(slug="true")
    with transaction.atomic():
        reviewers = [
            User.objects.create(username=f"reviewer{n}", role=User.Role.REVIEWER) for n in (1, 2)
        ]
        sources = Source.objects.bulk_create(
            Source(url=f"https://stats.example.org/table/{n}", title=f"Table {n}", publisher="NBS")
            for n in range(1_000)
        )
        for first in range(0, size, CLAIMS_PER_ARTICLE):
            sentences = [
                f"In {1950 + n % 70} some {n} thousand people, {n % 97} percent of them rural, "
                f"moved to the cities."
                for n in range(first, first + CLAIMS_PER_ARTICLE)
            ]
            article = Article(
                title=f"Article {first // CLAIMS_PER_ARTICLE}", body=" ".join(sentences)
            )
            article.save()
            claims, offset = [], 0
            for sentence in sentences:
                claims.append(
                    Claim(
                        article=article, text=sentence, start=offset, end=offset + len(sentence),
                        status=Claim.Status.PUBLISHED, final_verdict=true, kind="statistic",
                        checkworthiness=0.8, reasons=["figure"], resolved_at=now,
                        rationale="The census table gives the same figure for that year.",
                    )
                )  # fmt: skip
                offset += len(sentence) + 1
            claims = Claim.objects.bulk_create(claims)
            reviews = Review.objects.bulk_create(
                Review(
                    claim=claim, reviewer=reviewer, verdict=true, confidence="high",
                    rationale="Matches the census table.", status=Review.Status.SUBMITTED,
                    submitted_at=now,
                )
                for claim in claims
                for reviewer in reviewers
            )  # fmt: skip
            Evidence.objects.bulk_create(
                Evidence(
                    review=review, source=sources[(index * 2 + k) % len(sources)],
                    quote="The table shows the same number.", stance="supports",
                    accessed_on=now.date(), published=True,
                )
                for index, review in enumerate(reviews)
                for k in range(2)
            )  # fmt: skip


def measure(fmt, database):
    """Export every claim in `fmt` to /dev/null; print one JSON line of figures."""
    bootstrap.setup("export-bench", database=database, migrate=False)
    from factcheck.articles.models import Article
    from factcheck.reports import registry
    from factcheck.reports.registry import export
    from factcheck.reports.selection import ALL, EVERYTHING, ExportOptions, all_articles

    if fmt == "csv-full":
        fmt = "csv"
        registry.FORMATS["csv"] = dataclasses.replace(registry.FORMATS["csv"], reads=EVERYTHING)

    Article.objects.exists()  # the connection is open before the baseline
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    written = 0
    digest = hashlib.sha256()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for piece in export(fmt, all_articles(), ExportOptions(scope=ALL), as_list=True):
            written += len(piece)
            digest.update(piece.encode("utf-8"))
            sink.write(piece)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "before_kb": before,
                "peak_kb": peak,
                "chars": written,
                "sha256": digest.hexdigest(),
            }
        )
    )


def child(*args):
    done = subprocess.run(
        [sys.executable, __file__, *map(str, args)], check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main(sizes=SIZES):
    folder = Path(tempfile.mkdtemp(prefix="export-bench-"))
    results = {}
    for size in sizes:
        database = folder / f"export-{size}.sqlite3"
        started = time.perf_counter()
        child("--build", size, database)
        print(f"built {size:,} claims in {time.perf_counter() - started:.1f} s", flush=True)
        for fmt in FORMATS:
            results[fmt, size] = json.loads(child("--measure", fmt, database))
        database.unlink(missing_ok=True)
    print(
        f"{'format':>6} {'claims':>8} {'seconds':>8} {'s per 1k claims':>16} {'MB out':>7} "
        f"{'RSS before MB':>14} {'peak RSS MB':>12}"
    )
    for fmt in FORMATS:
        for size in sizes:
            r = results[fmt, size]
            print(
                f"{fmt:>6} {size:>8,} {r['seconds']:>8.2f} {r['seconds'] / size * 1000:>16.4f} "
                f"{r['chars'] / 1e6:>7.1f} {r['before_kb'] / 1024:>14.1f} "
                f"{r['peak_kb'] / 1024:>12.1f}"
            )
    for fmt in FORMATS:
        small, large = results[fmt, sizes[0]], results[fmt, sizes[-1]]
        ratio = large["peak_kb"] / small["peak_kb"]
        verdict = "ok" if ratio <= TARGET else "OVER TARGET"
        print(
            f"{fmt}: peak at {sizes[-1]:,} / peak at {sizes[0]:,} = {ratio:.3f} "
            f"(target <= {TARGET}) {verdict}"
        )
    for size in sizes:
        before, after = results["csv-full", size], results["csv", size]
        speedup = before["seconds"] / after["seconds"]
        same = "same bytes" if before["sha256"] == after["sha256"] else "DIFFERENT BYTES"
        verdict = "ok" if speedup >= TARGET_SPEEDUP and same == "same bytes" else "MISSED"
        print(
            f"csv at {size:,}: {before['seconds']:.2f} s before (full prefetch) -> "
            f"{after['seconds']:.2f} s, {speedup:.1f}x (target >= {TARGET_SPEEDUP}x), {same} "
            f"{verdict}"
        )
    folder.rmdir()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--build":
        build(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "--sizes":
        main([int(size) for size in sys.argv[2].split(",")])
    else:
        main()
