import secrets
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.accounts.models import User
from factcheck.articles.importing import import_article

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "articles" / "data" / "seed-article.txt"

DEMO_USERS = [
    # username, role, staff
    ("admin", User.Role.EDITOR, True),
    ("editor", User.Role.EDITOR, False),
    ("reviewer1", User.Role.REVIEWER, False),
    ("reviewer2", User.Role.REVIEWER, False),
]


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

    def handle(self, *args, reset_passwords=False, verbosity=1, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            logins = self.ensure_users(reset_passwords=reset_passwords)
            editor = User.objects.get(username="editor")
            outcome = import_article(
                SEED_ARTICLE.read_bytes(), by=editor, filename=SEED_ARTICLE.name
            )
        article = outcome.article
        state = "imported" if outcome.created else "already present"
        self.stdout.write(
            f"Demo article {state}: #{article.pk} {article.title!r} "
            f"with {article.claims.count()} claims."
        )
        self.stdout.write("Demo logins:")
        for username, password in logins:
            shown = password or "(unchanged; use --reset-passwords for a new one)"
            self.stdout.write(f"  {username:<10} {shown}")

    def ensure_users(self, *, reset_passwords):
        fixed = settings.FACTCHECK_DEMO_PASSWORD
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
            if fixed:
                password = fixed
            elif created or reset_passwords:
                password = secrets.token_urlsafe(12)
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
            logins.append((username, password))
        return logins
