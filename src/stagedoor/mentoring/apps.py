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
        from .sections import find_a_mentor, mentor_notes, your_mentor

        pathways.register_plan_section("mentoring-find", find_a_mentor)
        pathways.register_plan_section("mentoring-yours", your_mentor)
        register_candidate_notes("mentoring", mentor_notes)
        register_feed_source(worker_session_entries)
