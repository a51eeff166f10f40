from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "stagedoor.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        from stagedoor.booking.calendars import register_feed_source
        from stagedoor.careers import pathways

        from .calendar import worker_training_entries
        from .sections import plan_section, plan_step_links, start_section

        register_feed_source(worker_training_entries)
        pathways.register_step_links("training", plan_step_links)
        pathways.register_start_section("training", start_section)
        pathways.register_plan_section("training", plan_section)
