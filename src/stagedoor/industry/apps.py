from django.apps import AppConfig


class IndustryConfig(AppConfig):
    name = "stagedoor.industry"
    label = "industry"

    def ready(self) -> None:
        from stagedoor.core.rules import register_manager_check

        from .models import Organisation
        from .rules import can_manage

        # Managers of the organisation a background task works for may stop it.
        register_manager_check(
            lambda actor, organisation_id: can_manage(actor, Organisation(pk=organisation_id))
        )
