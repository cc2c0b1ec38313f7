import json
import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count

from factcheck.accounts.models import User
from factcheck.claims import editing
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim, Verdict
from factcheck.reviews import assignments, reviewing, workflow
from factcheck.reviews.models import Assignment, Evidence, Review, Source

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "articles" / "data" / "seed-article.txt"

DEMO_USERS = [
    # username, role, staff
    ("admin", User.Role.EDITOR, True),
    ("editor", User.Role.EDITOR, False),
    ("reviewer1", User.Role.REVIEWER, False),
    ("reviewer2", User.Role.REVIEWER, False),
]

WORLD_BANK = {
    "url": "https://www.worldbank.org/en/country/china/publication/poverty-synthesis-report",
    "title": "Four Decades of Poverty Reduction in China",
    "publisher": "World Bank",
    "kind": Source.Kind.ACADEMIC,
}
NBS = {
    "url": "https://www.stats.gov.cn/english/PressRelease/",
    "title": "Statistical Communiqué on National Economic and Social Development",
    "publisher": "National Bureau of Statistics of China",
    "kind": Source.Kind.OFFICIAL,
}
NHC = {
    "url": "http://en.nhc.gov.cn/statistics.html",
    "title": "Statistical Bulletin on the Development of Health Care",
    "publisher": "National Health Commission",
    "kind": Source.Kind.OFFICIAL,
}
WHO = {
    "url": "https://data.who.int/countries/156",
    "title": "China: health data overview",
    "publisher": "World Health Organization",
    "kind": Source.Kind.OFFICIAL,
}

# The reviews the demo desk starts with: the claim (told by a phrase), then for each reviewer
# a verdict, a rationale and the evidence (source, stance, quote).
DEMO_REVIEWS = [
    (  # the reviewers agree
        "Some 770 million rural Chinese",
        {
            "reviewer1": (
                "mostly-true",
                "The World Bank counts close to 800 million people "
                "lifted out of extreme poverty since 1980, most of them rural.",
                [
                    (
                        WORLD_BANK,
                        "supports",
                        "The number of people in China with incomes "
                        "below $1.90 per day fell by close to 800 million.",
                    )
                ],
            ),
            "reviewer2": (
                "mostly-true",
                "Official figures give 770 million rural people under "
                "the national poverty line; the international line gives a similar "
                "order of magnitude.",
                [
                    (
                        NBS,
                        "supports",
                        "Under the current rural poverty line, 770 million "
                        "rural people have been lifted out of poverty.",
                    )
                ],
            ),
        },
    ),
    (  # the reviewers disagree: the claim becomes disputed
        "over 70 percent of global poverty reduction",
        {
            "reviewer1": (
                "mostly-true",
                "At the $1.90 line China accounts for about three "
                "quarters of the global reduction.",
                [
                    (
                        WORLD_BANK,
                        "supports",
                        "China accounted for close to three-quarters "
                        "of the global reduction in the number of people in extreme "
                        "poverty.",
                    )
                ],
            ),
            "reviewer2": (
                "misleading",
                "The share depends on the poverty line and the period "
                "chosen; at higher lines the picture is different.",
                [
                    (
                        WORLD_BANK,
                        "context",
                        "At the poverty line typical of upper-middle-"
                        "income countries, progress has been slower.",
                    )
                ],
            ),
        },
    ),
    (  # the reviewers agree and the editor resolves and publishes
        "The average life expectancy has risen to 78.2 years",
        {
            "reviewer1": (
                "true",
                "The health ministry's bulletin gives 78.2 years for 2021.",
                [(NHC, "supports", "Average life expectancy reached 78.2 years.")],
            ),
            "reviewer2": (
                "true",
                "Matches the official figure; WHO estimates are close.",
                [
                    (NHC, "supports", "Average life expectancy reached 78.2 years."),
                    (WHO, "context", "Life expectancy at birth, both sexes."),
                ],
            ),
        },
    ),
]
PUBLISHED_RATIONALE = (
    "China's National Health Commission reports an average life expectancy of 78.2 years for "
    "2021, the figure the article gives."
)


def logins_file() -> Path | None:
    """Where the demo's generated passwords are kept, so that every `make run` prints the same
    ones: beside the SQLite database (``db.sqlite3.demo-logins.json``), or in the project for
    another database; git-ignored, readable by its owner only. None for an in-memory database,
    whose users die with it."""
    db = connection.settings_dict
    name = str(db["NAME"])
    if connection.vendor == "sqlite":
        if name == ":memory:" or "mode=memory" in name:
            return None
        path = Path(name)
        return path.with_name(f"{path.name}.demo-logins.json")
    label = re.sub(r"[^\w.-]+", "-", f"{db.get('HOST') or 'local'}-{name}")
    return Path(settings.BASE_DIR) / f"{connection.vendor}-{label}.demo-logins.json"


def read_stored_passwords() -> dict[str, str]:
    path = logins_file()
    if path is None or not path.exists():
        return {}
    try:
        stored = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return (
        {k: v for k, v in stored.items() if isinstance(v, str)} if isinstance(stored, dict) else {}
    )


def store_passwords(passwords: dict[str, str]) -> None:
    path = logins_file()
    if path is None:
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(passwords, file, indent=1)
        file.write("\n")


class Command(BaseCommand):
    help = (
        "Migrate, create the demo users and import the demo article with its proposed claims. "
        "Idempotent: running it again changes nothing but what it is told to."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the existing demo users new random passwords and print them.",
        )
        parser.add_argument(
            "--url",
            default="",
            help="The address the server will answer on, printed above the logins.",
        )

    def handle(self, *args, reset_passwords=False, url="", verbosity=1, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            logins = self.ensure_users(reset_passwords=reset_passwords)
            editor = User.objects.get(username="editor")
            outcome = import_and_propose(
                SEED_ARTICLE.read_bytes(), by=editor, filename=SEED_ARTICLE.name
            )
        article = outcome.article
        state = "imported" if outcome.created else "already present"
        self.stdout.write(
            f"Demo article {state}: #{article.pk} {article.title!r} "
            f"with {article.claims.count()} claims."
        )
        if self.set_up_desk(article, editor):
            counts = dict(article.claims.values_list("status").annotate(n=Count("id")).order_by())
            summary = ", ".join(
                f"{n} {status.replace('_', ' ')}" for status, n in sorted(counts.items())
            )
            self.stdout.write(f"Demo desk set up: {summary}.")
        else:
            self.stdout.write("Demo desk already set up.")
        # Last, so that they are what one sees above the server's own lines.
        if url:
            self.stdout.write(f"Open {url}")
        self.stdout.write("Demo logins:")
        for username, password in logins:
            shown = password or "(unchanged; use --reset-passwords for a new one)"
            self.stdout.write(f"  {username:<10} {shown}")

    @transaction.atomic
    def set_up_desk(self, article, editor):
        """Accept the proposed claims, assign them to both reviewers, submit a few reviews (one
        claim agreed, one disputed) and resolve and publish one claim; the rest wait in
        reviewer1's queue. Does nothing once the article's claims have assignments."""
        if Assignment.objects.filter(claim__article=article).exists():
            return False
        reviewers = list(User.objects.filter(username__in=["reviewer1", "reviewer2"]))
        # Every proposal: the budget also proposes figure statements scoring below the default
        # threshold, and the demo desk leaves none of them undecided.
        for claim in article.claims.filter(status=Claim.Status.SUGGESTED).order_by("start"):
            editing.accept(claim, by=editor)
        accepted = list(article.claims.filter(status=Claim.Status.OPEN))
        if not accepted:
            return False
        assignments.assign(accepted, reviewers, by=editor, notify=False)
        by_name = {reviewer.username: reviewer for reviewer in reviewers}
        needed = {"true"} | {slug for _p, reviews in DEMO_REVIEWS for slug, *_r in reviews.values()}
        verdicts = Verdict.objects.in_bulk(needed, field_name="slug")
        if len(verdicts) < len(needed):
            # An admin changed the default verdict scale: the claims stay assigned, unreviewed.
            return True
        for phrase, reviews in DEMO_REVIEWS:
            claim = article.claims.filter(text__contains=phrase).first()
            if claim is None:
                continue
            for username, (slug, rationale, evidence) in reviews.items():
                self.submit_review(claim, by_name[username], verdicts[slug], rationale, evidence)
        resolved = article.claims.filter(text__contains=DEMO_REVIEWS[-1][0]).first()
        if resolved is not None:
            evidence = Evidence.objects.filter(review__claim=resolved, stance="supports")
            workflow.resolve(
                resolved,
                by=editor,
                verdict=verdicts["true"],
                rationale=PUBLISHED_RATIONALE,
                published_evidence_ids=evidence.values_list("pk", flat=True)[:1],
            )
            workflow.publish(resolved, by=editor)
        return True

    def submit_review(self, claim, reviewer, verdict, rationale, evidence):
        """The reviewer's review, written and submitted as the workspace would."""
        for source_fields, stance, quote in evidence:
            reviewing.add_evidence(
                claim, by=reviewer, expected_version=None, stance=stance, quote=quote,
                **source_fields,
            )  # fmt: skip
        return workflow.submit_draft(
            claim,
            by=reviewer,
            verdict=verdict,
            confidence=Review.Confidence.HIGH,
            rationale=rationale,
            expected_version=None,
        )

    def ensure_users(self, *, reset_passwords):
        """Create the demo users; return (username, password) pairs, None for a password that
        is not ours to print. A generated password is kept (see `logins_file`) and printed again
        on later runs while it still works; `--reset-passwords` replaces it, and
        FACTCHECK_DEMO_PASSWORD, when set, is everyone's."""
        fixed = settings.FACTCHECK_DEMO_PASSWORD
        stored = read_stored_passwords()
        kept = {}
        logins = []
        for username, role, staff in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "role": role,
                    "is_staff": staff,
                    "is_superuser": staff,
                    "email": f"{username}@example.org",
                },
            )
            password = None
            known = stored.get(username)
            if fixed:
                password = fixed
            elif reset_passwords:
                password = secrets.token_urlsafe(12)
            elif created:
                password = known or secrets.token_urlsafe(12)
            elif known and user.check_password(known):
                kept[username] = known
                logins.append((username, known))
                continue
            elif not user.has_usable_password():
                password = secrets.token_urlsafe(12)
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
                if not fixed:
                    kept[username] = password
            logins.append((username, password))
        if kept and kept != stored:
            # Only once the users are saved: a failed run must not leave passwords nobody has.
            transaction.on_commit(lambda: store_passwords({**stored, **kept}))
        return logins
