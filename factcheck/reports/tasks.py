"""The reports app's background tasks, run by `manage.py db_worker` (see jobs.py)."""

from django_tasks import task

from factcheck.reports import jobs


@task()
def run_export_job(job_id):
    """Write the export of job `job_id`, then delete the files of expired jobs."""
    job = jobs.run(job_id)
    jobs.prune()
    return job.status if job is not None else None
