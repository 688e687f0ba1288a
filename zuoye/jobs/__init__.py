"""Jobs: background work with progress, in-process by default, on Celery workers when configured.

"Celery is just another interface" (HackSoft): a job is a row (:class:`Job`) naming a
registered handler and its parameters. :func:`services.job_enqueue` stores it and hands its id
to a runner: a small thread pool in the web process by default, or a Celery worker when
``ZUOYE_CELERY_BROKER_URL`` is set. Either way the same :func:`services.job_run` executes it,
so results are the same both ways, and re-running a finished job does nothing.
"""
