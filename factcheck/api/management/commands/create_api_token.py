"""Make an API token for a user from the command line (a service account, a script's setup):
the token is printed once, on standard output, and only its hash is kept."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from factcheck.accounts.models import User
from factcheck.api import tokens
from factcheck.api.models import ApiToken


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ)
        parser.add_argument(
            "--expires-days", type=int, help="days until it expires (default: never)"
        )

    def handle(self, *args, username, name, scope, expires_days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if expires_days is not None and expires_days < 1:
            raise CommandError("--expires-days must be at least 1.")
        expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
        try:
            _token, secret = tokens.create_token(
                user, name=name, scope=scope, expires_at=expires_at, by=user
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(secret)
