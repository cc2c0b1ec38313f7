import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from factcheck.claims import matching
from factcheck.claims.models import Claim, ExternalCheck

BATCH = 200


class Command(BaseCommand):
    help = (
        "Rebuild the matching index (claims and external fact-checks) and recompute every "
        "claim's matches, e.g. after a bulk import or an import_claimreview."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="only the claims of this article (repeatable)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")

    def handle(self, *args, **options):
        claims = Claim.objects.exclude(status=Claim.Status.DISMISSED).order_by("pk")
        if options["article"]:
            claims = claims.filter(article_id__in=options["article"])
            if not claims.exists():
                raise CommandError("No claims in the articles given.")
        quiet = options["no_progress"]
        checks = ExternalCheck.objects.order_by("pk")
        matching.index_external_checks(checks.iterator(chunk_size=BATCH))
        ids = list(claims.values_list("pk", flat=True))
        # Index everything first, so that each claim is matched against the whole index.
        for start in tqdm(
            range(0, len(ids), BATCH), desc="indexing", unit="batch", disable=quiet, file=sys.stderr
        ):
            matching.index_claims(Claim.objects.filter(pk__in=ids[start : start + BATCH]))
        same = related = 0
        progress = tqdm(
            total=len(ids), desc="matching", unit="claim", disable=quiet, file=sys.stderr
        )
        for start in range(0, len(ids), BATCH):
            batch = list(Claim.objects.filter(pk__in=ids[start : start + BATCH]))
            for matches in matching.match_claims(batch, index=False).values():
                same += sum(1 for match in matches if match.is_same)
                related += sum(1 for match in matches if not match.is_same)
            progress.update(len(batch))
        progress.close()
        self.stdout.write(
            f"Matched {len(ids)} claims: {same} same, {related} related claims found."
        )
