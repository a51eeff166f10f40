"""The union hiring hall: classifications, registrants, lists, posted rules, call requests,
dispatch runs, and the append-only log that strikes and places are derived from."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stagedoor.booking.models import Offer
from stagedoor.gigs.models import Position
from stagedoor.industry.enums import OrganisationKind
from stagedoor.industry.models import Organisation, Role
from stagedoor.people.models import WorkerProfile

LOCALS = {"kind": OrganisationKind.UNION_LOCAL}
GROUP_NAMES = "ABCDEFGH"


class Classification(models.Model):
    """A trade the local dispatches (stagehand, rigger, electrician...), mapped to a catalog
    role; its specialties need proof (a venue rigging qualification, a console)."""

    local = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="classifications",
        limit_choices_to=LOCALS,
    )
    slug = models.SlugField()
    name = models.CharField(max_length=80)
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    specialties = models.JSONField(default=list, blank=True, help_text="Names, e.g. 'Up rigger'")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["local", "slug"], name="one_classification_per_slug")
        ]

    def __str__(self) -> str:
        return self.name


class RuleVersion(models.Model):
    """The local's posted dispatch rules, as data. A new version is announced before it is in
    force; every dispatch run names the version it used."""

    local = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="hall_rules")
    number = models.PositiveIntegerField()
    announced_at = models.DateTimeField()
    in_force_from = models.DateTimeField()
    # [{"name": "A", "min_years": 5, "min_hours": 800, "exam": true, "min_acceptance": 0.5}]
    placement = models.JSONField(default=list)
    # engine.hall.standing.PenaltyTable fields
    penalties = models.JSONField(default=dict)
    # {"by_name_cap": 1, "answer_minutes": 120}
    dispatch = models.JSONField(default=dict)
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["local", "number"], name="one_rule_version_number")
        ]

    def __str__(self) -> str:
        return f"Rules v{self.number}"


class Registrant(models.Model):
    class Kind(models.TextChoices):
        MEMBER = "member", "Member"
        PERMIT = "permit", "Permit worker"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PROBATION = "probation", "On probation"
        SUSPENDED = "suspended", "Suspended"

    class Appeal(models.TextChoices):
        NONE = "", "No appeal"
        PENDING = "pending", "Appeal pending"
        UPHELD = "upheld", "Suspension upheld"
        OVERTURNED = "overturned", "Suspension overturned"

    local = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="registrants")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="hall_cards")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.MEMBER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    probation_until = models.DateField(null=True, blank=True)
    appeal = models.CharField(max_length=10, choices=Appeal.choices, default="", blank=True)
    years = models.PositiveSmallIntegerField(default=0, help_text="Years in the trade")
    exam_passed = models.BooleanField(default=False)
    specialties = models.JSONField(default=list, blank=True, help_text="Proven specialties")

    class Meta:
        ordering = ["worker__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["local", "worker"], name="one_registration_per_local")
        ]

    def __str__(self) -> str:
        return f"{self.worker} at {self.local}"


class ListEntry(models.Model):
    """A registrant on one classification's out-of-work list, in a priority group. The place
    within the group is not stored: it is replayed from the log."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="entries")
    classification = models.ForeignKey(
        Classification, on_delete=models.CASCADE, related_name="entries"
    )
    group = models.PositiveSmallIntegerField(default=0, help_text="0 is group A")

    class Meta:
        ordering = ["classification", "group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registrant", "classification"], name="one_entry_per_list"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registrant.worker} on {self.classification} ({self.group_name})"

    @property
    def group_name(self) -> str:
        return GROUP_NAMES[self.group]


class ListPublication(models.Model):
    """A recomputed list as published: who stood in which group, under which rules."""

    local = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    rules = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entries = models.JSONField(default=list)  # [{classification, registrant, name, group}]
    moved = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"Lists published {self.published_at:%Y-%m-%d}"


class CallRequest(models.Model):
    """An employer's union call sent to the hall: a classification, a headcount, by-names."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FILLED = "filled", "Filled"
        CLOSED = "closed", "Closed"

    local = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="call_requests")
    position = models.OneToOneField(Position, on_delete=models.CASCADE, related_name="hall_request")
    classification = models.ForeignKey(Classification, on_delete=models.PROTECT, related_name="+")
    by_name = models.ManyToManyField(Registrant, blank=True, related_name="+")
    needs = models.JSONField(default=list, blank=True, help_text="Specialties the call needs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["position__call_start", "pk"]

    def __str__(self) -> str:
        return f"Request: {self.position}"


class DispatchRun(models.Model):
    local = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    rules = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="runs")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, default="web")
    snapshot = models.JSONField(default=dict)  # the frozen lists and requests it planned from
    offers = models.PositiveIntegerField(default=0)
    skips = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Dispatch run {self.at:%Y-%m-%d %H:%M}"


class AppendOnly(Exception):
    pass


class LogEntry(models.Model):
    """One line of the hall's record: a signing, an offer, an answer, a skip and its reason,
    an override. Never changed, never deleted: standings are replayed from it."""

    class Kind(models.TextChoices):
        SIGN = "sign", "Signed the list"
        UNAVAILABLE = "unavailable", "Marked unavailable"
        OFFER = "offer", "Offered"
        ACCEPT = "accept", "Accepted"
        PASS = "pass", "Passed"
        DECLINE = "decline", "Declined"
        NO_ANSWER = "no_answer", "No answer by the deadline"
        REJECTED = "rejected", "Sent back by the employer"
        SKIP = "skip", "Skipped"
        EMERGENCY = "emergency", "Emergency dispatch"
        REQUEST = "request", "Call request"
        RULES = "rules", "Rules announced"
        PUBLISH = "publish", "List published"
        STATUS = "status", "Status changed"

    local = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="hall_log")
    at = models.DateTimeField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    registrant = models.ForeignKey(
        Registrant, null=True, blank=True, on_delete=models.PROTECT, related_name="log"
    )
    request = models.ForeignKey(
        CallRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="log"
    )
    run = models.ForeignKey(
        DispatchRun, null=True, blank=True, on_delete=models.PROTECT, related_name="log"
    )
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, default="web")
    deadline = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    hours = models.DecimalField(max_digits=6, decimal_places=2, default=0)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["local", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("The hall's log is append-only: add an entry, never change one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The hall's log is append-only: entries are never deleted.")
