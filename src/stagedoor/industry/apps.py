from django.apps import AppConfig


class IndustryConfig(AppConfig):
    name = "stagedoor.industry"
    label = "industry"
