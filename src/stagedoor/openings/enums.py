from django.db import models


class Kind(models.TextChoices):
    INTERNSHIP = "internship", "Internship"
    VOLUNTEER = "volunteer", "Volunteer call"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"


# What the person is called on their credit: "Volunteer, Lakefront Sound Festival".
PERSON_WORD = {
    Kind.INTERNSHIP: "Intern",
    Kind.VOLUNTEER: "Volunteer",
    Kind.APPRENTICESHIP: "Apprentice",
}


class PayUnit(models.TextChoices):
    HOUR = "hour", "an hour"
    DAY = "day", "a day"
    WEEK = "week", "a week"
    MONTH = "month", "a month"
    STIPEND = "stipend", "in all"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ApplicationStatus(models.TextChoices):
    INTERESTED = "interested", "Interested"
    APPLIED = "applied", "Applied"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not this time"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The statuses that hold one of the places.
TAKING_A_PLACE = (ApplicationStatus.ACCEPTED, ApplicationStatus.COMPLETED)
