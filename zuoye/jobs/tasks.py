"""The Celery face of jobs: one task that runs any job by id."""

from celery import shared_task


@shared_task(name="zuoye.jobs.run", acks_late=True)
def run_job(job_id: str) -> str:
    from zuoye.jobs.services import job_run

    return job_run(job_id=job_id).status
