from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "zuoye.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        # Notebook and mastery are derived from responses: follow every recorded batch.
        from zuoye.homework.services.responses import responses_listen
        from zuoye.learning.services.listener import on_responses

        responses_listen(on_responses)
