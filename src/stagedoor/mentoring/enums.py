from django.db import models


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    REMOTE = "remote", "Online"
    EITHER = "either", "In person or online"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every three months"


class Status(models.TextChoices):
    ASKED = "asked", "Waiting for an answer"
    ACTIVE = "active", "Mentoring"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


OPEN_STATUSES = (Status.ASKED, Status.ACTIVE)
MAX_MENTEES = 10
