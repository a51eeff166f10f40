from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "stagedoor.staffing"
    label = "staffing"
    verbose_name = "Auto-staffing"
