from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "zuoye.analytics"
    label = "analytics"
    verbose_name = "Analytics"

    def ready(self) -> None:
        from zuoye.analytics import rollup, schedule
        from zuoye.homework.services.responses import responses_listen

        responses_listen(rollup.on_recorded)
        schedule.beat_register()
