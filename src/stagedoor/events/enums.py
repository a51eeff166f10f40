from django.db import models


class Kind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    TRADE_SHOW = "trade_show", "Trade show"
    MEETUP = "meetup", "Meet-up"
