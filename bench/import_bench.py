"""How long importing takes, in two parts.

1. Items (the issue's "import N items" row): `manage.py import_article` run in-process on N
   sentence-sized items with figures, given as one file of N sentences and as files of 100
   sentences each, into an empty database; prints the seconds, the SQL queries, the sentences
   read, and the claims, candidates and match keys stored. Importing includes proposing: the
   sentences are segmented, scored and stored as claims and candidates, indexed for matching
   and matched.
2. Sizes: a plain-text article of 10 KB to 5 MB: `read()` (decode, clean, parse metadata) alone,
   and storing it (`store_article()`), without proposing claims (extract_bench.py measures the
   extraction); the median of a few runs for each size and the cost per MB, which stays flat
   when the cost grows linearly.

Run with `.venv/bin/python bench/import_bench.py` (a fresh SQLite database). Options:
`--database sqlite|postgres|both` (postgres uses DATABASE_URL, which must name a scratch
database: the bench empties its articles), `--items 10000`, `--runs 3` (the median is printed),
`--skip-sizes`, and `--profile FILE` to write a cProfile of one import of the single file
(read it with `python -m pstats FILE`).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bootstrap

SIZES = [
    ("10 KB", 10 * 1024),
    ("100 KB", 100 * 1024),
    ("1 MB", 1024 * 1024),
    ("5 MB", 5 * 1024 * 1024),
]
SIZE_RUNS = 5
PER_FILE = 100
HEAD = (
    "Port strike halts container traffic for a third day\n\n"
    "By Jane Roe | December 9, 2022 6:49 PM\n\n"
    "Share this article\n\n"
)
PARAGRAPHS = [
    "SINGAPORE, Dec {n} (Reuters) - Dock workers kept {n} container terminals closed on "
    "Friday, the port authority said, leaving {m} ships waiting at anchor.",
    "The union says wages have fallen {n}% in real terms since 2020, while the operator reported "
    "record profits of ${n}.{m} billion last year, according to its annual report.",
    '"We will stay out until the offer is fair," union secretary Ana Lim told {m} reporters '
    "outside the gates of terminal {n} on Friday morning.",
    "Photo: Dock workers gather outside terminal {n}. REUTERS/John Doe",
    "Analysts at three banks estimated that each day of the strike costs the regional economy "
    "about {m} million dollars, and that {n} percent of exports pass through the port.",
    "Related: Shipping rates climb {n}% as ports clog",
]
TAIL = "\n\nMore from The Gazette\n\nCopyright 2022 The Gazette. All rights reserved.\n"
# Sentence-sized items, most stating a figure, their subjects and numbers varying.
SUBJECTS = [
    "rural incomes",
    "hospital beds",
    "school enrolment",
    "rail freight",
    "coal output",
    "wind capacity",
    "wheat exports",
    "housing starts",
    "tax revenue",
    "broadband users",
    "forest cover",
    "youth unemployment",
]
SENTENCES = [
    "In {year}, {subject} in the province grew by {n}.{d} percent, the statistics bureau said.",
    "Officials said {subject} reached {m} million last year, up from {k} million in {year}.",
    "The ministry spent ${n}.{d} billion on {subject} in {year}, according to its budget.",
    "Some {m},{k:03d} people were affected by the change in {subject}, the report found.",
    "Critics argue the figures on {subject} are misleading and the plan will fail.",
    "About {n} percent of {subject} now comes from the three largest regions.",
    "The minister promised to double {subject} by {year} at a press conference on Monday.",
]


def article(size: int) -> bytes:
    """A realistic article of about ``size`` bytes, its numbers varying from one paragraph to
    the next so no two paragraphs are equal."""
    parts = [HEAD]
    length = len(HEAD)
    index = 0
    while length < size:
        template = PARAGRAPHS[index % len(PARAGRAPHS)]
        paragraph = template.format(n=index % 97 + 1, m=index * 7 % 1000) + "\n\n"
        parts.append(paragraph)
        length += len(paragraph)
        index += 1
    return ("".join(parts) + TAIL).encode()


def sentence(index: int) -> str:
    template = SENTENCES[index % len(SENTENCES)]
    return template.format(
        subject=SUBJECTS[index // len(SENTENCES) % len(SUBJECTS)],
        year=1990 + index % 35,
        n=index % 89 + 2,
        d=index % 10,
        m=index % 997 + 3,
        k=index * 7 % 1000,
    )


def items_text(first: int, count: int, title: str) -> bytes:
    """`count` sentences from the `first`th, five to a paragraph, under a title."""
    lines = [sentence(index) for index in range(first, first + count)]
    paragraphs = [" ".join(lines[at : at + 5]) for at in range(0, len(lines), 5)]
    return (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def write_items(folder: Path, items: int) -> tuple[list[str], list[str]]:
    """One file of `items` sentences, and files of PER_FILE sentences (other numbers, so the
    texts differ); returns their paths."""
    single = folder / "all.txt"
    single.write_bytes(items_text(0, items, f"Statistics digest: {items} figures"))
    many = []
    for number, first in enumerate(range(0, items, PER_FILE)):
        path = folder / f"part-{number:04d}.txt"
        path.write_bytes(items_text(items + first, PER_FILE, f"Statistics digest, part {number}"))
        many.append(str(path))
    return [str(single)], many


def empty_database() -> None:
    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim

    Article.objects.all().delete()
    Claim.history.all().delete()


def import_files(paths: list[str]) -> tuple[float, float, int, str]:
    """Run import_article --json on `paths` into an empty database: (seconds, this process's
    CPU seconds, queries, output)."""
    from django.core.management import call_command
    from django.db import connection

    empty_database()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    out = io.StringIO()
    # The command's progress bar writes to the process's standard error: keep it quiet.
    with connection.execute_wrapper(count), contextlib.redirect_stderr(io.StringIO()):
        started, cpu = time.perf_counter(), time.process_time()
        call_command("import_article", *paths, "--json", stdout=out, stderr=io.StringIO())
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return elapsed, cpu, queries, out.getvalue()


def stored_counts() -> tuple[int, int, int]:
    from factcheck.claims.models import Candidate, Claim, MatchKey

    return Claim.objects.count(), Candidate.objects.count(), MatchKey.objects.count()


def items_table(label: str, items: int, runs: int, profile: str | None) -> None:
    from factcheck.articles.models import Article
    from factcheck.claims.proposals import scored_sentences, scoring_model

    with tempfile.TemporaryDirectory(prefix="import-items-") as folder:
        single, many = write_items(Path(folder), items)
        import_files(single)  # warm up: the scorer and the parsers load once
        print(f"import_article --json, {items:,} sentences, {label}, median of {runs} runs")
        print(
            f"{'input':>22} {'seconds':>8} {'cpu s':>6} {'queries':>8} {'sentences':>10} "
            f"{'claims':>7} {'held':>6} {'keys':>7} {'sent./s':>8}"
        )
        for name, paths in (("1 file", single), (f"{len(many)} files of {PER_FILE}", many)):
            results = [import_files(paths) for _ in range(runs)]
            seconds = statistics.median(result[0] for result in results)
            cpu = statistics.median(result[1] for result in results)
            queries = statistics.median(result[2] for result in results)
            sentences = sum(
                len(scored_sentences(article, scoring_model(article)))
                for article in Article.objects.all()
            )
            claims, held, keys = stored_counts()
            print(
                f"{name:>22} {seconds:>8.2f} {cpu:>6.2f} {queries:>8.0f} {sentences:>10} "
                f"{claims:>7} {held:>6} {keys:>7} {sentences / seconds:>8.0f}"
            )
        if profile:
            profiler = cProfile.Profile(time.process_time)  # CPU time: the machine may be busy
            empty_database()
            profiler.runcall(import_files, single)
            profiler.dump_stats(profile)
            print(f"profile of one import of the single file written to {profile}")


def timed(data: bytes) -> float:
    from factcheck.articles.ingest import read

    started = time.perf_counter()
    reading = read(data, filename="bench.txt")
    elapsed = time.perf_counter() - started
    assert reading.paragraphs and reading.title
    return elapsed


def stored(data: bytes) -> float:
    from factcheck.articles.importing import store_article
    from factcheck.articles.models import Article

    Article.objects.all().delete()
    started = time.perf_counter()
    outcome = store_article(data, filename="bench.txt")
    elapsed = time.perf_counter() - started
    assert outcome.created
    return elapsed


def sizes_table(label: str) -> None:
    from django.conf import settings

    # The 5 MB input ends a little past the default 5 MB limit (it finishes its paragraph).
    limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 6 * 1024 * 1024
    timed(article(10 * 1024))  # warm up: imports and the language model load once
    print(f"read and store one article, median of {SIZE_RUNS} runs; {label}")
    print(f"{'size':>8} {'bytes':>10} {'read s':>9} {'read+store s':>13} {'s per MB':>9}")
    for size_label, size in SIZES:
        data = article(size)
        read_median = statistics.median(timed(data) for _ in range(SIZE_RUNS))
        store_median = statistics.median(stored(data) for _ in range(SIZE_RUNS))
        per_mb = store_median / (len(data) / (1024 * 1024))
        print(
            f"{size_label:>8} {len(data):>10} {read_median:>9.4f} {store_median:>13.4f} "
            f"{per_mb:>9.4f}"
        )
    settings.FACTCHECK_MAX_ARTICLE_BYTES = limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-sizes", action="store_true")
    parser.add_argument("--profile", metavar="FILE")
    options = parser.parse_args()
    if options.database == "both":
        for database in ("sqlite", "postgres"):
            command = [sys.executable, __file__, "--database", database]
            command += ["--items", str(options.items), "--runs", str(options.runs)]
            command += ["--skip-sizes"] if options.skip_sizes else []
            subprocess.run(command, check=True)
        return
    if options.database == "postgres":
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            parser.error("--database postgres needs DATABASE_URL=postgres://... (a scratch one)")
        bootstrap.setup("import-bench", database_url=True)
        label = "PostgreSQL"
    else:
        os.environ.pop("DATABASE_URL", None)
        database = bootstrap.setup("import-bench")
        label = f"SQLite ({database})"
    items_table(label, options.items, options.runs, options.profile)
    if not options.skip_sizes:
        print()
        sizes_table(label)


if __name__ == "__main__":
    main()
