from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "stagedoor.boards"
    verbose_name = "Job boards"

    def ready(self) -> None:
        from stagedoor.core.tasks import register_task_kind

        from . import receivers  # noqa: F401
        from .tasks import board_import

        register_task_kind("board-import", board_import)
