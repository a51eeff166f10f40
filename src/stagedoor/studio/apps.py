from django.apps import AppConfig


class StudioConfig(AppConfig):
    name = "stagedoor.studio"
    label = "studio"
    verbose_name = "Studio projects"

    def ready(self) -> None:
        from stagedoor.core.earnings import Earning, register_earnings

        from .selectors import milestone_pay

        def milestones(worker, start, end):
            return [
                Earning(m.day, m.amount, m.currency, m.label, m.earned)
                for m in milestone_pay(worker, start, end)
            ]

        register_earnings("studio-milestones", milestones)
