from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "stagedoor.matching"
    label = "matching"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
