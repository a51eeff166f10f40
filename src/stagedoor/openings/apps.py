from django.apps import AppConfig


class OpeningsConfig(AppConfig):
    name = "stagedoor.openings"
    label = "openings"
    verbose_name = "Ways in: internships, volunteer calls, apprenticeships"

    def ready(self) -> None:
        from stagedoor.booking.calendars import register_feed_source
        from stagedoor.careers import pathways

        from .calendar import worker_opening_entries
        from .selectors import plan_section, start_section

        pathways.register_plan_section("openings", plan_section)
        pathways.register_start_section("openings", start_section)
        register_feed_source(worker_opening_entries)
