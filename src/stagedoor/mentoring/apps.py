from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "stagedoor.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"

    def ready(self) -> None:
        from stagedoor.booking.calendars import register_feed_source
        from stagedoor.careers import pathways
        from stagedoor.matching.notes import register_candidate_notes

        from .calendar import worker_session_entries
        from .sections import mentor_notes, plan_section

        pathways.register_plan_section("mentoring", plan_section)
        register_candidate_notes("mentoring", mentor_notes)
        register_feed_source(worker_session_entries)
