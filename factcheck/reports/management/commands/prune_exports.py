from django.core.management.base import BaseCommand

from factcheck.reports import jobs


class Command(BaseCommand):
    help = (
        "Delete the files of expired background exports (FACTCHECK_EXPORT_KEEP_HOURS after "
        "they were done) and fail the exports whose worker stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        files, stalled = jobs.prune(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {files} expired export file(s); {stalled} stalled job(s)")
