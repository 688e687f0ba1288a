"""The Celery application, used only when ``ZUOYE_CELERY_BROKER_URL`` is set.

Start a worker with ``celery -A zuoye.config.celery worker``. Its tasks are the jobs of
:mod:`zuoye.jobs`; everything else about a job (its handler, its progress) is the same as
in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuoye.config.settings")

app = Celery("zuoye")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["zuoye.jobs"])
