"""ASGI entry point (uvicorn, daphne) for deployments that serve live pages."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuoye.config.settings")
application = get_asgi_application()
