from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stagedoor.core"
    label = "core"
    verbose_name = "Stagedoor core"

    def ready(self) -> None:
        # Make the project's Celery app the current one for @shared_task.
        from stagedoor import celery  # noqa: F401

        # The outbox's Celery tasks (run a message, deliver what is due, send an email).
        from . import outbox  # noqa: F401
