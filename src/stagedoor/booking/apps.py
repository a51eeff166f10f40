from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "stagedoor.booking"
    label = "booking"
