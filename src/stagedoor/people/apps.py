from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "stagedoor.people"
    label = "people"
