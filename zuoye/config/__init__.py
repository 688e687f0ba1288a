"""Project configuration: settings, URL map, WSGI/ASGI entry points and the Celery app."""
