"""How long importing a plain-text article of 10 KB to 5 MB takes: `read()` (decode, clean,
parse metadata) alone, and storing it (`store_article()`: read, clean, store in a fresh SQLite
database), without proposing claims, which extract_bench.py measures.

Run with `.venv/bin/python bench/import_bench.py`. Prints the median of a few runs for each
size and the cost per MB, which stays flat when the cost grows linearly.
"""

from __future__ import annotations

import statistics
import time

import bootstrap

DATABASE = bootstrap.setup("import-bench")

from django.conf import settings  # noqa: E402

from factcheck.articles.importing import store_article  # noqa: E402
from factcheck.articles.ingest import read  # noqa: E402
from factcheck.articles.models import Article  # noqa: E402

SIZES = [
    ("10 KB", 10 * 1024),
    ("100 KB", 100 * 1024),
    ("1 MB", 1024 * 1024),
    ("5 MB", 5 * 1024 * 1024),
]
RUNS = 5
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


def timed(data: bytes) -> float:
    started = time.perf_counter()
    reading = read(data, filename="bench.txt")
    elapsed = time.perf_counter() - started
    assert reading.paragraphs and reading.title
    return elapsed


def stored(data: bytes) -> float:
    Article.objects.all().delete()
    started = time.perf_counter()
    outcome = store_article(data, filename="bench.txt")
    elapsed = time.perf_counter() - started
    assert outcome.created
    return elapsed


def main() -> None:
    # The 5 MB input ends a little past the default 5 MB limit (it finishes its paragraph).
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 6 * 1024 * 1024
    timed(article(10 * 1024))  # warm up: imports and the language model load once
    print(f"Median of {RUNS} runs; SQLite database at {DATABASE}")
    print(f"{'size':>8} {'bytes':>10} {'read s':>9} {'read+store s':>13} {'s per MB':>9}")
    for label, size in SIZES:
        data = article(size)
        read_median = statistics.median(timed(data) for _ in range(RUNS))
        store_median = statistics.median(stored(data) for _ in range(RUNS))
        per_mb = store_median / (len(data) / (1024 * 1024))
        print(
            f"{label:>8} {len(data):>10} {read_median:>9.4f} {store_median:>13.4f} {per_mb:>9.4f}"
        )


if __name__ == "__main__":
    main()
