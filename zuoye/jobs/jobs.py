"""The jobs app's own handler: a ping that proves a runner can reach the database.

``zuoye jobs ping`` enqueues it; operators use it after starting Celery workers.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from django.contrib.auth import get_user_model

from zuoye.jobs.registry import Progress, handler


@handler("jobs.ping")
def ping(*, progress: Progress, steps: int = 3) -> dict[str, Any]:
    for step in range(1, steps + 1):
        progress(step, steps, f"step {step} of {steps}")
    return {"host": socket.gethostname(), "pid": os.getpid(), "users": get_user_model().objects.count()}
