from django.apps import AppConfig


def auto_staff(progress, **params) -> dict:
    """The "auto-staff" task kind (core.tasks); the service is imported when a run starts,
    not at ready(), to keep the start light."""
    from .services import staffing_run_execute

    return staffing_run_execute(progress, **params)


def send_offers(progress, **params) -> dict:
    """The "send-offers" task kind: a proposal's offers, counted out on the record."""
    from .services import staffing_offers_send

    return staffing_offers_send(progress, **params)


class StaffingConfig(AppConfig):
    name = "stagedoor.staffing"
    label = "staffing"
    verbose_name = "Auto-staffing"

    def ready(self) -> None:
        from stagedoor.core.rules import register_task_audience
        from stagedoor.core.tasks import register_task_kind

        from . import receivers  # noqa: F401
        from .rules import may_see_task

        register_task_kind("auto-staff", auto_staff)
        register_task_kind("send-offers", send_offers)
        register_task_audience("auto-staff", may_see_task)
        register_task_audience("send-offers", may_see_task)
