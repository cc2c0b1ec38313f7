"""SQLite is set up so that two writers wait for each other instead of failing with "database
is locked" (one person with two tabs autosaving is enough to get there)."""

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's locking only; PostgreSQL's concurrency is tested on PostgreSQL",
)

ALIAS = "concurrent_file"
ROOT = Path(__file__).resolve().parent.parent


def save_twice_at_once(path, options):
    """Two threads each read a counter and write it back plus one, in one transaction each,
    as a view saving a review does (read the version, then write). Returns the final counter
    and the errors the threads met."""
    base = {**connections["default"].settings_dict, "NAME": str(path), "OPTIONS": options}
    setup = DatabaseWrapper(dict(base), alias=ALIAS)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()

    start = threading.Barrier(2)
    errors = []

    def save():
        connections[ALIAS] = DatabaseWrapper(dict(base), alias=ALIAS)
        try:
            start.wait(timeout=5)
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                time.sleep(0.3)  # both transactions are open at once
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    check = DatabaseWrapper(dict(base), alias=ALIAS)
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        (final,) = cursor.fetchone()
        cursor.execute("PRAGMA journal_mode")
        (journal,) = cursor.fetchone()
    check.close()
    return final, errors, journal


def test_two_concurrent_saves_on_a_sqlite_file_both_succeed(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        final, errors, journal = save_twice_at_once(
            tmp_path / "db.sqlite3", settings.DATABASES["default"]["OPTIONS"]
        )
    assert errors == []
    assert final == 2  # one after the other: neither save overwrote the other's
    assert journal == "wal"


def test_without_these_options_the_same_saves_fail_with_database_is_locked(
    tmp_path, django_db_blocker
):
    """The check above can fail: SQLite's defaults are what answered 500."""
    with django_db_blocker.unblock():
        final, errors, _ = save_twice_at_once(tmp_path / "db.sqlite3", {"timeout": 1})
    assert any("database is locked" in error for error in errors), errors
    assert final == 1


def test_the_settings_ask_for_wal_a_busy_timeout_and_immediate_transactions():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db
def test_two_tabs_autosaving_one_review_get_no_500(tmp_path):
    """Through the real views, in a process of its own on a SQLite file: every save is either
    saved (200) or told it is stale (409), never "database is locked" (500)."""
    from django.db import connection

    database = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    schema = "\n".join(connection.connection.iterdump())  # the test database's migrated tables
    copy = sqlite3.connect(database)
    copy.executescript(schema)
    copy.close()
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_two_tabs", str(database), "15"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    statuses = {int(code): count for code, count in outcome["statuses"].items()}
    assert sum(statuses.values()) == 30
    assert set(statuses) <= {200, 409}, result.stderr
    assert outcome["version"] == statuses[200]  # every save acknowledged was one more version
