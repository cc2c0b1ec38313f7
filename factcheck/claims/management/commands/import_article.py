import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from factcheck.articles.fetch import fetch
from factcheck.articles.ingest import IngestError
from factcheck.claims.importing import import_and_propose

FORMATS = ["auto", "txt", "md", "html", "docx"]


class Command(BaseCommand):
    help = (
        "Import articles from files, standard input (-) or http(s) URLs, clean them and propose "
        "their claims. Each file is imported on its own: a bad one is reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="a file, - for stdin, or a URL"
        )
        parser.add_argument("--url", default="", help="the article's address on the web")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument(
            "--json", action="store_true", help="print one JSON object per imported article"
        )

    def handle(self, *args, **options):
        paths, url, format = options["paths"], options["url"], options["format"]
        as_json = options["json"]
        if url and len(paths) > 1:
            raise CommandError("--url names one article: give a single PATH with it.")
        imported, duplicates, failed = 0, 0, []
        progress = tqdm(paths, unit="file", disable=len(paths) < 2, file=sys.stderr)
        for path in progress:
            try:
                name, data, detected, source_url = self.load(path)
                outcome = import_and_propose(
                    data,
                    filename=name,
                    format=detected if format == "auto" else format,
                    overrides={"url": url or source_url},
                )
            except (IngestError, ValidationError, OSError) as exc:
                failed.append(path)
                self.stderr.write(f"error: {path}: {one_line(exc)}")
                continue
            article = outcome.article
            if outcome.created:
                imported += 1
            else:
                duplicates += 1
                self.stderr.write(f"{path}: same text as article #{article.pk}, not imported again")
            if as_json:
                self.stdout.write(to_json(outcome))
        # With --json, standard output holds only the JSON lines; the summary goes to stderr.
        summary = f"Imported {imported}, already present {duplicates}, failed {len(failed)}."
        (self.stderr if as_json else self.stdout).write(summary)
        if failed:
            if len(paths) == 1:
                raise CommandError(f"{failed[0]} was not imported.")
            raise CommandError(f"{len(failed)} of {len(paths)} inputs were not imported.")

    def load(self, path):
        """Return (name, bytes, format, url) for a file, standard input or an http(s) URL."""
        limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
        if path == "-":
            return "", sys.stdin.buffer.read(limit + 1), "auto", ""
        if path.startswith(("http://", "https://")):
            fetched = fetch(path, max_bytes=limit)
            return "", fetched.data, fetched.format, fetched.url
        file = Path(path)
        if not file.is_file():
            raise OSError("no such file")
        if file.stat().st_size > limit:
            raise IngestError(
                f"the file is larger than the limit of {limit:,} bytes "
                "(FACTCHECK_MAX_ARTICLE_BYTES)"
            )
        with file.open("rb") as handle:
            return file.name, handle.read(limit + 1), "auto", ""


def one_line(exc):
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split())


def to_json(outcome):
    """The article as one JSON line; `claims` is the number of claims proposed on import (for an
    article already here, the number of claims it has)."""
    article = outcome.article
    claims = len(outcome.proposed) if outcome.created else article.claims.count()
    return json.dumps(
        {
            "id": article.pk,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "language": article.language,
            "claims": claims,
            "created": outcome.created,
        },
        ensure_ascii=False,
    )
