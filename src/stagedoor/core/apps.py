from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stagedoor.core"
    label = "core"
    verbose_name = "Stagedoor core"

    def ready(self) -> None:
        # Make the project's Celery app the current one for @shared_task.
        from django.db.models.signals import pre_save

        from stagedoor import celery  # noqa: F401

        # The outbox's Celery tasks (run a message, deliver what is due, send an email).
        from . import deploychecks, outbox  # noqa: F401  (deploychecks: check --deploy)
        from .receivers import refuse_overlong_text

        pre_save.connect(refuse_overlong_text, dispatch_uid="stagedoor-text-lengths")
