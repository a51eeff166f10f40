from django.db import models


class DayKind(models.TextChoices):
    SHOW = "show", "Show day"
    TRAVEL = "travel", "Travel day"
    OFF = "off", "Day off"


class TravelMode(models.TextChoices):
    BUS = "bus", "Bus"
    FLIGHT = "flight", "Flight"
    TRAIN = "train", "Train"


class RateUnit(models.TextChoices):
    WEEK = "week", "per week"
    DAY = "day", "per day"
