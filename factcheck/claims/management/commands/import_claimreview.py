import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.articles.fetch import fetch
from factcheck.articles.ingest import IngestError
from factcheck.claims.external import ClaimReviewError, import_claimreviews

# A fact-checker's whole feed can be large; more than this is refused rather than read.
MAX_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Load other fact-checkers' ClaimReview JSON-LD (one object, a list or a DataFeed) from "
        "a file, standard input (-) or an http(s) URL as external checks that matching searches. "
        "Invalid records are reported and skipped; a check already here (same URL) is updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE|URL|-")

    def handle(self, *args, **options):
        source = options["source"]
        try:
            data = self.load(source)
            summary = import_claimreviews(data, source=source if source != "-" else "stdin")
        except (ClaimReviewError, IngestError, OSError) as exc:
            raise CommandError(f"{source}: {one_line(exc)}") from None
        for message in summary.skipped:
            self.stderr.write(f"skipped {message}")
        if summary.skipped and not (summary.created or summary.updated):
            raise CommandError(f"{source}: no valid ClaimReview ({len(summary.skipped)} skipped).")
        self.stdout.write(f"{summary} Run rematch_claims to match existing claims against them.")

    def load(self, source):
        if source == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        elif source.startswith(("http://", "https://")):
            data = fetch(source, max_bytes=MAX_BYTES).data
        else:
            path = Path(source)
            if not path.is_file():
                raise OSError(2, "no such file")
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ClaimReviewError(f"larger than the limit of {MAX_BYTES:,} bytes")
        return data


def one_line(exc):
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split())
