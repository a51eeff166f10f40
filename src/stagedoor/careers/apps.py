from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "stagedoor.careers"
    label = "careers"
    verbose_name = "Careers"
