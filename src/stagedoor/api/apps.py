from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "stagedoor.api"
    label = "api"
