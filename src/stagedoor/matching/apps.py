from django.apps import AppConfig


def auto_staff(progress, **params) -> dict:
    """The "auto-staff" task kind (core.tasks). Imported here, not at ready(), to keep the
    start light; this registration moves with auto-staffing to its own app."""
    from stagedoor.matching.staffing.services import staffing_run_execute

    return staffing_run_execute(progress, **params)


class MatchingConfig(AppConfig):
    name = "stagedoor.matching"
    label = "matching"

    def ready(self) -> None:
        from stagedoor.core.tasks import register_task_kind

        from . import signals  # noqa: F401

        register_task_kind("auto-staff", auto_staff)
