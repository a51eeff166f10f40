from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world: the `demo-data` command and the task the operations page starts."""

    name = "stagedoor.demo"
    label = "demo"
    verbose_name = "Stagedoor demo world"

    def ready(self) -> None:
        from stagedoor.core.tasks import register_task_kind

        from .tasks import demo_data

        register_task_kind("demo-data", demo_data)
