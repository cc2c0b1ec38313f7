"""manage.py import_reviews FILE.json"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.reports.importing import BadExport, import_export


class Command(BaseCommand):
    help = (
        "Load a JSON export (manage.py export_report --format json) into this database, in "
        "one transaction: all of it or, on any error, nothing. Articles are matched by the "
        "hash of their body, claims by their span, verdicts by slug (they must exist), users "
        "by username (missing ones are created as inactive reviewers without a password), "
        "sources by URL. Round trip: export, import into an empty database and export again "
        "give the same JSON except the article and claim ids, which the new database assigns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.json", help="a JSON export; '-' reads stdin")

    def handle(self, *args, file, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{file} is not JSON: {exc}") from None
        try:
            summary = import_export(data)
        except BadExport as exc:
            raise CommandError(f"{file}: {exc}") from None
        created_users = (
            f"; new inactive reviewers: {', '.join(summary.users)}" if summary.users else ""
        )
        self.stdout.write(
            f"Imported {summary.articles} article(s) ({summary.articles_reused} already here), "
            f"{summary.claims} claim(s) ({summary.claims_reused} already here), "
            f"{summary.reviews} review(s), {summary.evidence} evidence{created_users}."
        )
