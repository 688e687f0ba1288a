"""The daily refresh is on Celery beat when Celery is configured, and nowhere when it is not."""

from django.test import override_settings

from zuoye.analytics import schedule


def test_beat_runs_the_rollup_daily_when_celery_is_configured():
    from zuoye.config.celery import app

    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:6399/0"):
        schedule.beat_register()
    entry = app.conf.beat_schedule[schedule.BEAT_ENTRY]
    assert entry["task"] == "zuoye.analytics.rollup_daily"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({schedule.HOUR}, {schedule.MINUTE})
    assert "zuoye.analytics.rollup_daily" in app.tasks


def test_without_celery_nothing_is_scheduled(monkeypatch):
    called = []
    monkeypatch.setattr("celery.schedules.crontab", lambda **kw: called.append(kw))
    with override_settings(CELERY_BROKER_URL=""):
        schedule.beat_register()
    assert called == []
