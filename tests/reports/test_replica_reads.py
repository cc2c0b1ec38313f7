"""Exports and reports read inside `reads_from_replica()`, so that with DATABASE_REPLICA_URL
set their reads go to the replica; the pages that show a user's own work never do."""

import pytest
from django.urls import reverse

from factcheck import replica
from factcheck.claims.models import Claim
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_reads(monkeypatch):
    """Each read of a claim, with whether it was made where a replica would serve it."""
    seen = []

    def spy(self, model, **hints):
        if model is Claim:
            seen.append(replica._reading.get())
        return None  # no replica in the tests: the primary answers

    monkeypatch.setattr(replica.ReplicaRouter, "db_for_read", spy)
    return seen


@pytest.mark.parametrize("fmt", ["csv", "json", "html", "md"])
def test_an_export_reads_its_claims_from_the_replica(client, editor, fact_check, claim_reads, fmt):
    login(client, editor)
    response = client.get(reverse("reports:export_article", args=[fact_check.pk, fmt]))
    assert response.status_code == 200
    assert any(claim_reads), claim_reads  # the size check before it may read the primary


def test_the_claims_list_reads_from_the_primary(client, editor, fact_check, claim_reads):
    login(client, editor)
    assert client.get(reverse("reviews:claims")).status_code == 200
    assert claim_reads and not any(claim_reads)
