import os
import sys

from django.apps import AppConfig

WARM_TITLES = "STAGEDOOR_WARM_TITLES"


def should_warm_titles(argv: list[str], environ: dict[str, str]) -> bool:
    """Whether this process should build the title classifier as it starts.

    Only when the deployment asks (STAGEDOOR_WARM_TITLES=1, set for gunicorn, runserver and
    celery workers) and never in runserver's file-watching parent (it serves nothing) nor
    in a celery parent that forks its pool (a thread mid-load does not survive a fork: the
    pool processes warm themselves on worker_process_init).
    """
    if environ.get(WARM_TITLES) != "1":
        return False
    command = " ".join(argv)
    if "runserver" in command and "--noreload" not in argv and environ.get("RUN_MAIN") != "true":
        return False
    # gunicorn and celery processes warm after they fork (gunicorn_conf.post_worker_init,
    # celery's worker_process_init): their parent would warm in a thread no child inherits.
    program = os.path.basename(argv[0] if argv else "")
    return "celery" not in program and "gunicorn" not in program


def _warm_celery_process(**kwargs) -> None:
    if os.environ.get(WARM_TITLES) == "1":
        from .titles import start_warming

        start_warming()


class IndustryConfig(AppConfig):
    name = "stagedoor.industry"
    label = "industry"

    def ready(self) -> None:
        from stagedoor.core.rules import register_manager_check

        from .models import Organisation
        from .rules import can_manage

        # Managers of the organisation a background task works for may stop it.
        register_manager_check(
            lambda actor, organisation_id: can_manage(actor, Organisation(pk=organisation_id))
        )
        # Each celery pool process builds the classifier as it starts, so the first import
        # task does not wait for the model (the parent forks its pool: see above).
        from celery.signals import worker_process_init

        worker_process_init.connect(_warm_celery_process, weak=False)
        if should_warm_titles(sys.argv, dict(os.environ)):
            from .titles import start_warming

            start_warming()
