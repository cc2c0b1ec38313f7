"""Exports too large for one request: background jobs, their files and their expiry.

An export of more claims than FACTCHECK_EXPORT_BACKGROUND_ROWS is not answered in the request
(a web worker's timeout would cut it off): `request_export()` records an ExportJob and queues
the task (tasks.py) in the same transaction, so with the database backend there is never a job
without its task nor a task without its job. The worker (`manage.py db_worker`) calls `run()`:

- the job moves queued -> running only once (an update guarded by its status), so a task run
  twice does nothing the second time;
- the export is written to a hidden ``.part`` file in FACTCHECK_EXPORT_DIR, flushed to disk,
  then renamed into place (`os.replace`, atomic on one file system): the file is whole or it
  does not exist;
- progress (claims done of claims to do) is saved after each chunk the export reads;
- any error marks the job failed with its reason and removes the partial file.

`prune()` deletes the files of expired jobs and fails the jobs whose worker stopped (no
progress for FACTCHECK_EXPORT_KEEP_HOURS); the worker calls it after each job and
`manage.py prune_exports` runs it on demand (from cron, say).
"""

import datetime
import logging
import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.replica import reads_from_replica
from factcheck.reports.models import ExportJob
from factcheck.reports.pdf import PdfUnavailable
from factcheck.reports.registry import FORMATS, export
from factcheck.reports.selection import ExportOptions, articles_by_id, count_claims

logger = logging.getLogger(__name__)


def export_dir():
    return Path(settings.FACTCHECK_EXPORT_DIR)


def keep_for():
    return datetime.timedelta(hours=settings.FACTCHECK_EXPORT_KEEP_HOURS)


def claims_in(articles, scope, *, name, claim_ids=None):
    """How many claims the export `name` of `articles` (a queryset) in `scope` would hold."""
    fmt = FORMATS[name]
    return count_claims(articles, fmt.scope_for(scope), claim_ids=claim_ids, report=fmt.report)


def is_large(total):
    """Is an export of `total` claims a background job rather than a download?"""
    return total > settings.FACTCHECK_EXPORT_BACKGROUND_ROWS


@transaction.atomic
def request_export(
    *, by, name, articles, options, filename, claim_ids=None, as_list=False, total=0
):
    """Record a job exporting `articles` (a queryset; with `claim_ids` only those claims) in
    format `name` with `options`, and queue it. Returns the job."""
    from factcheck.reports.tasks import run_export_job

    job = ExportJob.objects.create(
        requested_by=by,
        format=name,
        scope=options.scope,
        base_url=options.base_url,
        bom=options.bom,
        credit_reviewers=options.credit_reviewers,
        article_ids=list(articles.order_by("pk").values_list("pk", flat=True)),
        claim_ids=list(claim_ids) if claim_ids is not None else None,
        as_list=as_list,
        filename=filename,
        rows_total=total,
    )
    run_export_job.enqueue(job.pk)
    return job


def _options(job):
    return ExportOptions(
        scope=job.scope,
        base_url=job.base_url,
        credit_reviewers=job.credit_reviewers,
        bom=job.bom,
    )


def _write(content, out):
    if isinstance(content, bytes):
        out.write(content)
    elif isinstance(content, str):
        out.write(content.encode("utf-8"))
    else:
        for piece in content:
            out.write(piece.encode("utf-8"))


def _reason(exc):
    if isinstance(exc, PdfUnavailable):
        return str(exc)
    return _("The export stopped with an error (%(error)s); the log has the details.") % {
        "error": type(exc).__name__
    }


def run(job_id):
    """Write the export of job `job_id` (see the module's docstring); returns the job, or None
    when it is not waiting (already run, running elsewhere, or deleted)."""
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, started_at=now, updated_at=now
    )
    if not claimed:
        return None
    job = ExportJob.objects.get(pk=job_id)
    folder = export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    fmt = FORMATS[job.format]
    stored_as = f"{job.pk}-{secrets.token_hex(8)}.{fmt.extension}"
    handle, partial = tempfile.mkstemp(dir=folder, prefix=f".{job.pk}-", suffix=".part")
    done = 0

    def progress(count):
        nonlocal done
        done += count
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done, updated_at=timezone.now())

    try:
        with os.fdopen(handle, "wb") as out, reads_from_replica():
            content = export(
                job.format,
                articles_by_id(job.article_ids),
                _options(job),
                claim_ids=job.claim_ids,
                as_list=job.as_list,
                progress=progress,
            )
            _write(content, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, folder / stored_as)
    except Exception as exc:
        logger.exception("Export job %s failed", job.pk)
        Path(partial).unlink(missing_ok=True)
        return _finish(job, status=ExportJob.Status.FAILED, error=_reason(exc), rows_done=done)
    size = (folder / stored_as).stat().st_size
    return _finish(
        job, status=ExportJob.Status.DONE, stored_as=stored_as, size=size, rows_done=done
    )


def _finish(job, **fields):
    finished = timezone.now()
    fields |= {"finished_at": finished, "expires_at": finished + keep_for()}
    if fields["status"] == ExportJob.Status.DONE:
        fields["rows_total"] = fields["rows_done"]  # what was exported, whatever was counted
    ExportJob.objects.filter(pk=job.pk).update(**fields, updated_at=finished)
    job.refresh_from_db()
    return job


def path_of(job):
    """Where the job's file is, or None when it has none (not done, expired, pruned)."""
    if not job.is_downloadable:
        return None
    path = export_dir() / job.stored_as
    return path if path.is_file() else None


def prune(*, now=None, dry_run=False):
    """Delete the files of expired jobs (the jobs stay, without file) and fail the jobs that
    have not moved for FACTCHECK_EXPORT_KEEP_HOURS. Returns (files deleted, jobs failed)."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.expired(now).exclude(stored_as=""))
    stalled = ExportJob.objects.stalled(now - keep_for())
    failed = stalled.count()
    if dry_run:
        return len(expired), failed
    for job in expired:
        (export_dir() / job.stored_as).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[job.pk for job in expired]).update(stored_as="")
    stalled.update(
        status=ExportJob.Status.FAILED,
        error=_("The worker stopped before the export was finished."),
        finished_at=now,
        expires_at=now,
        updated_at=now,
    )
    for partial in export_dir().glob(".*.part") if export_dir().is_dir() else ():
        modified = datetime.datetime.fromtimestamp(partial.stat().st_mtime, tz=datetime.UTC)
        if modified < now - keep_for():
            partial.unlink(missing_ok=True)
    return len(expired), failed
