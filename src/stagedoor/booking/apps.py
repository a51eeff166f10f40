from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "stagedoor.booking"
    label = "booking"

    def ready(self):
        from . import (
            receivers,  # noqa: F401
            tasks,  # noqa: F401  (registers the tasks services queue)
        )
