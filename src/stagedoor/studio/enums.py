from django.db import models


class Kind(models.TextChoices):
    SONG = "song", "Song"
    STEMS = "stems", "Stems"
    CUE = "cue", "Cue"
    SCORE = "score", "Minutes of score"
    MASTER = "master", "Master"


class Unit(models.TextChoices):
    SONG = "song", "a song"
    PROJECT = "project", "the project"
    DAY = "day", "a day"


class QuoteStatus(models.TextChoices):
    INVITED = "invited", "Asked to quote"
    SUBMITTED = "submitted", "Quoted"
    ACCEPTED = "accepted", "Accepted"
    NOT_CHOSEN = "not_chosen", "Not chosen"
    DECLINED = "declined", "Declined to quote"


class DeliveryStatus(models.TextChoices):
    WAITING = "waiting", "Not delivered yet"
    DELIVERED = "delivered", "Delivered, waiting for review"
    REVISION = "revision", "Sent back for a revision"
    APPROVED = "approved", "Approved"


class EventKind(models.TextChoices):
    DELIVERED = "delivered", "Delivered"
    REVISION = "revision", "Revision asked"
    APPROVED = "approved", "Approved"
