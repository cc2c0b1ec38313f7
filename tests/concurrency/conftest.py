"""Races between real database connections: each request or domain call runs in a thread of its
own, so it has its own connection and its own transaction, as two gunicorn workers would.

Only PostgreSQL can show these races (its row locks and unique indexes are what settle them);
SQLite takes one writer at a time, so on SQLite the tests are skipped with that reason. Run
them with `DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck make test`.
"""

import importlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/concurrency/" in str(item.path).replace(os.sep, "/"):
            # The threads' connections only see what the test committed.
            item.add_marker(pytest.mark.django_db(transaction=True))
            item.add_marker(
                pytest.mark.skipif(
                    connection.vendor != "postgresql",
                    reason="concurrency tests need PostgreSQL (row locks, concurrent "
                    "writers); SQLite serialises every write. Set DATABASE_URL to run them.",
                )
            )


@pytest.fixture(autouse=True)
def _verdict_scale(transactional_db):
    """Transactional tests empty every table after them, the verdict scale that data
    migrations seeded included: seed it again, as they do (idempotent)."""
    from django.apps import apps

    migration = importlib.import_module("factcheck.claims.migrations.0002_default_verdict_scale")
    migration.seed(apps, None)
    keys = importlib.import_module("factcheck.claims.migrations.0004_verdict_shortcut")
    keys.seed_shortcuts(apps, None)


def race(*calls):
    """Run `calls` at the same moment, each in its own thread with its own database
    connection (opened before the start line); return what each returned or raised, in order."""
    start = threading.Barrier(len(calls))

    def run(call):
        try:
            connection.ensure_connection()
            start.wait(timeout=30)
            return call()
        except Exception as exc:  # the outcome to assert on, not an error of the harness
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))
