"""Backup and restore through the README's commands: the users and the verdict scale
(`dumpdata`), every article's data (`export_report --all --format json`), an empty database
(`flush`), then `loaddata` and `import_reviews`; the data come back the same."""

import importlib
import json

import pytest
from django.core.management import call_command

from factcheck.accounts.models import User
from factcheck.articles import archiving
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Verdict
from factcheck.reviews import assignments
from factcheck.reviews.models import Evidence, Review, Source
from tests.factories import ArticleFactory, claim_in_status, submitted_review
from tests.reports.conftest import normalise_json

# `flush` empties the tables for real (PostgreSQL refuses to inside the transaction a test
# runs in, with constraints still deferred): these tests commit, like the browser tests.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _verdict_scale(transactional_db):
    """Transactional tests empty every table after them, the scale the data migrations seeded
    included: seed it as they do (idempotent)."""
    from django.apps import apps

    scale = importlib.import_module("factcheck.claims.migrations.0002_default_verdict_scale")
    scale.seed(apps, None)
    keys = importlib.import_module("factcheck.claims.migrations.0004_verdict_shortcut")
    keys.seed_shortcuts(apps, None)


def backup(folder):
    """The README's backup commands (Deployment: Backup and restore)."""
    people = folder / "people-and-scale.json"
    data = folder / "factchecks.json"
    call_command(
        "dumpdata", "--natural-foreign", "accounts.user", "claims.verdict", "-o", str(people)
    )
    call_command("export_report", "--all", "--format", "json", "-o", str(data), stderr=None)
    return people, data


def restore(people, data):
    """The README's restore commands, into the database emptied by `flush`."""
    call_command("flush", "--no-input")
    assert not Verdict.objects.exists() and not User.objects.exists()
    assert not Article.objects.exists()
    call_command("loaddata", str(people), verbosity=0)
    call_command("import_reviews", str(data), stdout=None)


def everything(folder, name):
    path = folder / name
    call_command("export_report", "--all", "--format", "json", "-o", str(path), stderr=None)
    return normalise_json(json.loads(path.read_text(encoding="utf-8")))


def people():
    return sorted(
        User.objects.values_list("username", "role", "is_staff", "is_superuser", "is_active")
    )


def test_a_backup_restores_into_an_empty_database_with_the_same_data(
    fact_check, editor, reviewer, other_reviewer, admin_user, tmp_path
):
    # An admin's own verdict, used by a review of a second article, which is archived.
    Verdict.objects.create(slug="needs-context", label="Needs context", order=99, is_rating=False)
    second = ArticleFactory(title="Second article")
    claim = claim_in_status(Claim.Status.OPEN, editor=editor, reviewers=[], article=second)
    assignments.assign([claim], [other_reviewer], by=editor, notify=False)
    submitted_review(claim, other_reviewer, "needs-context")
    archiving.archive(second, by=editor)

    before = everything(tmp_path, "before.json")
    users_before, scale_before = people(), list(Verdict.objects.values_list("slug", "label"))
    counts_before = [model.objects.count() for model in (Claim, Review, Evidence, Source)]
    assert len(before) == 2

    restore(*backup(tmp_path))

    assert everything(tmp_path, "after.json") == before
    assert people() == users_before
    assert list(Verdict.objects.values_list("slug", "label")) == scale_before
    assert [model.objects.count() for model in (Claim, Review, Evidence, Source)] == counts_before
    assert Article.objects.get(title="Second article").is_archived
    editor_again = User.objects.get(username=editor.username)
    assert editor_again.is_editor and editor_again.check_password("password") == (
        editor.check_password("password")
    )


def test_a_restore_from_a_damaged_file_writes_nothing(fact_check, tmp_path):
    from django.core.management import CommandError

    people, data = backup(tmp_path)
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace('"verdict": "true"', '"verdict": "no-such-verdict"', 1))
    with pytest.raises(CommandError, match="no verdict 'no-such-verdict'"):
        restore(people, data)
    assert not Article.objects.exists() and not Review.objects.exists()
