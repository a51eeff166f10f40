from django.apps import AppConfig


class GigsConfig(AppConfig):
    name = "stagedoor.gigs"
    label = "gigs"
