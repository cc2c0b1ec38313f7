"""Exports and reports may read from a replica; nothing else does, and nothing writes there."""

from factcheck.claims.models import Claim
from factcheck.replica import reads_from_replica
from tests.test_settings import manage

SHOW_ROUTES = (
    "from factcheck.claims.models import Claim; from factcheck.replica import reads_from_replica; "
    "print(Claim.objects.all().db)\n"
    "with reads_from_replica(): print(Claim.objects.all().db)\n"
    "from django.db import router\n"
    "with reads_from_replica():\n"
    "    print(router.db_for_write(Claim), router.allow_migrate('replica', 'claims'))\n"
    "print(Claim.objects.all().db)"
)


def test_without_a_replica_every_read_goes_to_the_primary():
    with reads_from_replica():
        assert Claim.objects.all().db == "default"
    assert Claim.objects.all().db == "default"


def test_with_a_replica_only_reads_inside_the_block_go_there(tmp_path):
    result = manage(
        "shell",
        "-c",
        SHOW_ROUTES,
        DJANGO_DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'primary.sqlite3'}",
        DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'replica.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-4:] == [
        "default",
        "replica",
        "default False",
        "default",
    ]
