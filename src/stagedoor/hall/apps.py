from django.apps import AppConfig


class HallConfig(AppConfig):
    name = "stagedoor.hall"
    label = "hall"
    verbose_name = "Hiring hall"
