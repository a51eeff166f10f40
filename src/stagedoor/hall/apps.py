from django.apps import AppConfig


class HallConfig(AppConfig):
    name = "stagedoor.hall"
    label = "hall"
    verbose_name = "Hiring hall"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the login receiver)
