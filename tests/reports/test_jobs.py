"""Exports too large for one request run as background jobs (reports/jobs.py): a job page with
progress, then a download of the complete file, or the reason it failed; only the person who
asked (and staff) may see them.

The tests keep the production task backend (the database) and run the real worker,
`manage.py db_worker --batch`, where a test needs the job done. The worker commits and recycles
its database connection like the production one, so those tests run outside a test transaction
(`transaction=True`)."""

import datetime
import importlib

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from lxml import html as lxml_html

from factcheck.reports import csv_export, jobs, selection
from factcheck.reports.models import ExportJob
from tests.conftest import login
from tests.factories import UserFactory
from tests.reports.test_admin import run_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def _verdict_scale(transactional_db):
    """Transactional tests empty every table after them, the scale the data migrations seeded
    included: seed it as they do (idempotent)."""
    from django.apps import apps

    scale = importlib.import_module("factcheck.claims.migrations.0002_default_verdict_scale")
    scale.seed(apps, None)
    keys = importlib.import_module("factcheck.claims.migrations.0004_verdict_shortcut")
    keys.seed_shortcuts(apps, None)


def with_worker(test):
    """The test runs the worker: outside a test transaction, the verdict scale seeded first."""
    test = pytest.mark.usefixtures("_verdict_scale")(test)
    return pytest.mark.django_db(transaction=True)(test)


@pytest.fixture(autouse=True)
def _small_threshold(settings, tmp_path):
    """The fixed fact-check has 4 claims: more than 2 is "large"."""
    settings.FACTCHECK_EXPORT_BACKGROUND_ROWS = 2
    settings.FACTCHECK_EXPORT_DIR = tmp_path / "exports"


def export_url(article, fmt="csv"):
    return reverse("reports:export_article", args=[article.pk, fmt])


def work():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def ask(client, article, fmt="csv"):
    """Ask for a large export as the page does: a GET offers to start it, a POST does."""
    offer = client.get(export_url(article, fmt))
    assert offer.status_code == 200 and not ExportJob.objects.exists()
    [form] = lxml_html.fromstring(offer.content).xpath(
        "//main//form[@method='post'][.//button[normalize-space()='Start the export']]"
    )
    assert form.get("action") == export_url(article, fmt)
    response = client.post(form.get("action"))
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    return job


def test_a_small_export_is_still_a_download(client, editor, fact_check, settings):
    settings.FACTCHECK_EXPORT_BACKGROUND_ROWS = 4
    login(client, editor)
    response = client.get(export_url(fact_check))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert not ExportJob.objects.exists()


def test_a_large_export_becomes_a_queued_job_whose_page_polls_until_done(
    client, editor, fact_check
):
    login(client, editor)
    job = ask(client, fact_check)
    assert (job.status, job.rows_total, job.requested_by) == ("queued", 4, editor)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    page = client.get(job.get_absolute_url())
    text = page.content.decode()
    assert "Waiting for the worker" in text and "0 of 4" in text
    tree = lxml_html.fromstring(page.content)
    [section] = tree.xpath("//section[@hx-trigger]")
    assert section.get("hx-trigger") == "every 2s"
    assert section.get("hx-get") == job.get_absolute_url()
    # Without JavaScript a link reloads the page.
    assert tree.xpath(f"//a[@href='{job.get_absolute_url()}' and text()='Reload']")
    assert not tree.xpath("//a[contains(@href, '/download/')]")


@with_worker
def test_the_progress_fragment_answers_htmx_and_stops_polling_when_done(client, editor, fact_check):
    login(client, editor)
    job = ask(client, fact_check)
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b'hx-trigger="every 2s"' in fragment.content
    work()
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert "<html" not in text and "hx-trigger" not in text
    assert "Download" in text
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Reload" not in page and "hx-trigger" not in page


@with_worker
def test_the_worker_writes_the_same_file_as_the_download_would_be(
    client, editor, fact_check, settings
):
    login(client, editor)
    for fmt in ("csv", "reviews-csv", "json", "md"):
        ExportJob.objects.all().delete()
        settings.FACTCHECK_EXPORT_BACKGROUND_ROWS = 1_000
        direct = body(client.get(export_url(fact_check, fmt)))
        settings.FACTCHECK_EXPORT_BACKGROUND_ROWS = 0
        job = ask(client, fact_check, fmt)
        work()
        job.refresh_from_db()
        assert job.status == "done", (fmt, job.error)
        assert job.size == len(direct)
        download = client.get(reverse("reports:export_job_download", args=[job.pk]))
        assert download.status_code == 200
        assert body(download) == direct, fmt
        assert download["Content-Disposition"] == f'attachment; filename="{job.filename}"'
        assert job.filename.endswith(".md" if fmt == "md" else f".{fmt.split('-')[-1]}")


def test_progress_is_saved_as_each_chunk_is_written(editor, fact_check, monkeypatch):
    monkeypatch.setattr(selection, "CHUNK", 1)
    seen = []
    real = ExportJob.objects.filter

    def spy(*args, **kwargs):
        found = real(*args, **kwargs)
        seen.append(ExportJob.objects.values_list("rows_done", flat=True).first())
        return found

    job = jobs.request_export(
        by=editor,
        name="csv",
        articles=type(fact_check).objects.filter(pk=fact_check.pk),
        options=selection.ExportOptions(),
        filename="x.csv",
        total=4,
    )
    monkeypatch.setattr(ExportJob.objects, "filter", spy)
    job = jobs.run(job.pk)
    assert job.status == "done" and job.rows_done == 4
    assert {1, 2, 3} <= set(seen)  # saved after each one-claim chunk


@with_worker
def test_a_failed_export_says_why_and_leaves_no_file(client, editor, fact_check, monkeypatch):
    def failing(claims, options=None):
        yield list(csv_export.CLAIM_COLUMNS)
        raise RuntimeError("disk full")

    monkeypatch.setattr(csv_export, "claim_rows", failing)
    login(client, editor)
    job = ask(client, fact_check)
    work()
    job.refresh_from_db()
    assert job.status == "failed" and "RuntimeError" in job.error
    assert list(jobs.export_dir().iterdir()) == []  # not even the partial file
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The export failed" in page and "RuntimeError" in page
    assert "hx-trigger" not in page
    download = client.get(reverse("reports:export_job_download", args=[job.pk]))
    assert download.status_code == 404


def test_a_job_runs_once_even_if_its_task_runs_twice(client, editor, fact_check):
    login(client, editor)
    job = ask(client, fact_check)
    first = jobs.run(job.pk)
    assert first.status == "done"
    assert jobs.run(job.pk) is None
    assert len(list(jobs.export_dir().iterdir())) == 1


@with_worker
@pytest.mark.parametrize(
    ("who", "status"),
    [("editor", 200), ("other_editor", 404), ("reviewer", 404), ("staff", 200)],
)
def test_only_the_person_who_asked_and_staff_see_a_job(editor, reviewer, fact_check, who, status):
    client = Client()
    client.force_login(editor)
    job = ask(client, fact_check)
    work()
    people = {
        "editor": editor,
        "other_editor": UserFactory(username="eve", role="editor"),
        "reviewer": reviewer,
        "staff": UserFactory(username="ada", role="editor", is_staff=True),
    }
    visitor = Client()
    visitor.force_login(people[who])
    assert visitor.get(job.get_absolute_url()).status_code == status
    download = visitor.get(reverse("reports:export_job_download", args=[job.pk]))
    assert download.status_code == status


def test_a_job_page_refuses_other_methods(client, editor, fact_check):
    login(client, editor)
    job = ask(client, fact_check)
    assert client.post(job.get_absolute_url()).status_code == 405


@with_worker
def test_an_expired_file_is_deleted_and_the_page_says_so(client, editor, fact_check):
    login(client, editor)
    job = ask(client, fact_check)
    work()
    job.refresh_from_db()
    later = job.expires_at + datetime.timedelta(seconds=1)
    assert jobs.prune(now=later, dry_run=True) == (1, 0)
    assert (jobs.export_dir() / job.stored_as).is_file()
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    call_command("prune_exports", verbosity=0)
    assert list(jobs.export_dir().iterdir()) == []
    page = client.get(job.get_absolute_url()).content.decode()
    assert "has expired" in page
    assert client.get(reverse("reports:export_job_download", args=[job.pk])).status_code == 404


def test_a_job_whose_worker_stopped_is_failed_by_the_pruning(client, editor, fact_check):
    login(client, editor)
    job = ask(client, fact_check)
    long_ago = timezone.now() - datetime.timedelta(days=2)
    ExportJob.objects.filter(pk=job.pk).update(status="running", updated_at=long_ago)
    assert jobs.prune() == (0, 1)
    job.refresh_from_db()
    assert job.status == "failed" and "worker stopped" in job.error


def test_the_claims_export_of_many_claims_is_a_job_too(client, editor, fact_check):
    login(client, editor)
    address = reverse("reports:export_claims", args=["json"]) + "?scope=all"
    offer = client.get(address).content.decode()
    assert "4 claims" in offer and f'action="{address}"' in offer
    assert not ExportJob.objects.exists()
    response = client.post(address)
    job = ExportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.as_list and job.article_ids == [fact_check.pk]


@with_worker
def test_the_admin_export_action_of_many_claims_is_a_job(client, admin_user, fact_check):
    client.force_login(admin_user)
    response = run_action(client, type(fact_check), "export_csv", [fact_check.pk])
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.requested_by == admin_user
    work()
    job.refresh_from_db()
    assert job.status == "done"


def test_the_command_still_writes_directly(fact_check, tmp_path):
    out = tmp_path / "claims.csv"
    call_command("export_report", str(fact_check.pk), "--format", "csv", "-o", str(out))
    assert out.read_bytes().count(b"\r\n") == 5  # the header and four claims
    assert not ExportJob.objects.exists()


def test_the_job_page_and_its_fragment_make_a_fixed_number_of_queries(
    client, editor, fact_check, django_assert_max_num_queries
):
    login(client, editor)
    job = ask(client, fact_check)
    with django_assert_max_num_queries(5):
        client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    with django_assert_max_num_queries(6):
        client.get(job.get_absolute_url())


def test_a_requester_who_may_no_longer_export_no_longer_sees_the_job(client, editor, fact_check):
    login(client, editor)
    job = ask(client, fact_check)
    editor.role = "reviewer"
    editor.save()
    assert client.get(job.get_absolute_url()).status_code == 404


def test_starting_a_large_export_needs_the_csrf_token(editor, fact_check):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(export_url(fact_check)).status_code == 403
    assert not ExportJob.objects.exists()


def test_a_post_for_a_small_export_is_the_download(client, editor, fact_check, settings):
    settings.FACTCHECK_EXPORT_BACKGROUND_ROWS = 4
    login(client, editor)
    response = client.post(export_url(fact_check))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attach")
    assert not ExportJob.objects.exists()
