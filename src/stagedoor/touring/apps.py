from django.apps import AppConfig


class TouringConfig(AppConfig):
    name = "stagedoor.touring"
    label = "touring"
    verbose_name = "Touring"

    def ready(self) -> None:
        from stagedoor.booking.calendars import register_feed_source
        from stagedoor.gigs.labels import register_engagement_namer

        from .calendar import worker_tour_entries
        from .selectors import engagement_words

        register_feed_source(worker_tour_entries)
        register_engagement_namer(engagement_words)
