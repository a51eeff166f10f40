"""Mentoring: an experienced worker's offer to mentor, a newcomer's request for a mentor,
the mentorship both sides agreed to, the sessions they log and the mentor's recommendation
of their mentee (shown to managers on Find crew)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from stagedoor.industry.models import Role
from stagedoor.people.models import WorkerProfile

from .enums import MAX_MENTEES, Cadence, Mode, Status


class MentorOffer(models.Model):
    """One per worker: the roles they mentor toward and how they like to meet."""

    worker = models.OneToOneField(
        WorkerProfile, on_delete=models.CASCADE, related_name="mentor_offer"
    )
    roles = models.ManyToManyField(Role, related_name="mentor_offers")
    capacity = models.PositiveSmallIntegerField(default=1, help_text="Mentees at once")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.EITHER)
    cadence = models.CharField(max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY)
    known_for = models.CharField(
        max_length=80, blank=True, help_text="What you do in a few words, e.g. Rigs arenas"
    )
    note = models.CharField(max_length=300, blank=True)
    is_open = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["worker__display_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_MENTEES),
                name="mentor_capacity_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} mentors"


class MentorRequest(models.Model):
    """A worker asking for a mentor toward a target role."""

    worker = models.ForeignKey(
        WorkerProfile, on_delete=models.CASCADE, related_name="mentor_requests"
    )
    target = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="mentor_requests")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.EITHER)
    cadence = models.CharField(max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "target"], name="one_mentor_request_per_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} toward {self.target}"


class Mentorship(models.Model):
    """A newcomer asked a mentor; the mentor accepts or declines. At most one open
    (asked or active) mentorship per pair, and never more active ones than the mentor's
    capacity (checked under a lock on the offer)."""

    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="mentorships")
    mentee = models.ForeignKey(
        WorkerProfile, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    request = models.ForeignKey(
        MentorRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="asks"
    )
    target = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    note = models.CharField(max_length=300, blank=True)
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "mentee"],
                condition=Q(status__in=["asked", "active"]),
                name="one_open_mentorship_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer.worker} mentors {self.mentee}"

    @property
    def mentor(self) -> WorkerProfile:
        return self.offer.worker


class MentorSession(models.Model):
    """A session either side logged: when, how long, what was covered. A date still ahead
    is the next session they planned."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    at = models.TimeField(null=True, blank=True, help_text="Start time, if set")
    minutes = models.PositiveSmallIntegerField()
    covered = models.CharField(max_length=300)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.mentorship}: {self.held_on}"


class Recommendation(models.Model):
    """A mentor vouching for their mentee for a role; Find crew shows it to managers."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="recommendations"
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=300)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "role"], name="one_recommendation_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentorship.offer.worker} recommends {self.mentorship.mentee}"
