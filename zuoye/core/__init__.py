"""Framework-free domain cores: plain, typed Python with no Django or Celery imports."""
