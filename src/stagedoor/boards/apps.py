from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "stagedoor.boards"
    verbose_name = "Job boards"
