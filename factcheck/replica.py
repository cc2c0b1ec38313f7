"""Reads that may go to a read replica: exports and reports.

With `DATABASE_REPLICA_URL` set, the settings add a second database alias, "replica", and this
router sends the reads made inside `reads_from_replica()` there; every other read, and every
write, goes to the primary. Only code that reads much and may lag the primary by the replica's
replication delay opts in (an export, a report); a page that shows what the user just saved
never does. Without a replica the context manager changes nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"

_reading = ContextVar("factcheck_replica_reads", default=False)


def configured():
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from_replica():
    """Within this block, reads go to the replica when one is configured."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and configured():
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows: same database for relations

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica follows the primary by replication
