from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stagedoor.events"
    label = "events"
    verbose_name = "Industry events"

    def ready(self) -> None:
        from stagedoor.booking.calendars import register_feed_source
        from stagedoor.careers import pathways

        from .calendar import worker_event_entries
        from .selectors import plan_section, start_section

        pathways.register_plan_section("events", plan_section)
        pathways.register_start_section("events", start_section)
        register_feed_source(worker_event_entries)
