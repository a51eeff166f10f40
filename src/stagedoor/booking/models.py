"""Holds, offers, bookings, their history, notifications, calendar feeds and timesheets.

The rules that keep these consistent (headcount, no double-booking, one acceptance per
offer) live in `services.py`, inside transactions that lock the position and the worker.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from stagedoor.gigs.models import Position
from stagedoor.industry.models import Organisation
from stagedoor.people.models import Credit, WorkerProfile


class Hold(models.Model):
    """A pencil on a worker's time for a position, ranked the way the trade ranks holds:
    the first employer to pencil a date has the 1st hold, the next the 2nd, and so on."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        OFFERED = "offered", "Turned into an offer"
        RELEASED = "released", "Released"

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="holds")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="holds")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "worker"],
                condition=Q(status="active"),
                name="one_active_hold_per_worker_and_position",
            )
        ]

    def __str__(self) -> str:
        return f"Hold: {self.worker} on {self.position}"


class Offer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="offers")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="offers")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField()
    message = models.CharField(max_length=500, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Empty when auto-backfill sent it",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True, help_text="Why declined or withdrawn")
    reminded = models.BooleanField(default=False, help_text="'Expiring soon' was sent")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "worker"],
                condition=Q(status="pending"),
                name="one_pending_offer_per_worker_and_position",
            )
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"Offer: {self.position} to {self.worker} ({self.get_status_display()})"

    @property
    def automatic(self) -> bool:
        return self.sent_by_id is None


class Booking(models.Model):
    """A worker confirmed on a position."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        COMPLETED = "completed", "Worked"
        NO_SHOW = "no_show", "No-show"
        CANCELLED = "cancelled", "Cancelled"

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="bookings")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="bookings")
    # One booking per offer, enforced by the database too: an offer is accepted at most once.
    offer = models.OneToOneField(
        Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="booking"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    is_crew_chief = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_by_worker = models.BooleanField(default=False)
    cancel_reason = models.CharField(max_length=300, blank=True)
    late_cancellation = models.BooleanField(default=False)
    credit = models.OneToOneField(
        Credit, null=True, blank=True, on_delete=models.SET_NULL, related_name="booking"
    )

    class Meta:
        ordering = ["position__call_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "worker"],
                condition=~Q(status="cancelled"),
                name="one_live_booking_per_worker_and_position",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} on {self.position} ({self.get_status_display()})"


# Statuses that occupy the worker's time.
BUSY_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.COMPLETED)


class PositionEvent(models.Model):
    """One step in a position's staffing history, shown on the staffing board."""

    class Kind(models.TextChoices):
        HELD = "held", "Held"
        RELEASED = "released", "Hold released"
        OFFERED = "offered", "Offered"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Offer expired"
        WITHDRAWN = "withdrawn", "Offer withdrawn"
        CANCELLED = "cancelled", "Booking cancelled"
        CALL_CANCELLED = "cancel_call", "Call cancelled"
        BACKFILL = "backfill", "Auto-backfill"
        COMPLETED = "completed", "Worked"
        NO_SHOW = "no_show", "No-show"
        RATED = "rated", "Rated"
        CREW_CHIEF = "crew_chief", "Crew chief"

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    worker = models.ForeignKey(WorkerProfile, null=True, blank=True, on_delete=models.SET_NULL)
    message = models.CharField(max_length=500)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.message


class Notification(models.Model):
    """An inbox entry; the same text goes out by email from a Celery task."""

    class Kind(models.TextChoices):
        OFFER = "offer", "New offer"
        EXPIRING = "expiring", "Offer expiring"
        CONFIRMED = "confirmed", "Booking confirmed"
        CANCELLED = "cancelled", "Booking cancelled"
        CALL_SHEET = "call_sheet", "Call sheet changed"
        STAFFING = "staffing", "Staffing update"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class CalendarFeed(models.Model):
    """The secret address of a worker's personal calendar; revoking issues a new one."""

    worker = models.OneToOneField(
        WorkerProfile, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar of {self.worker}"

    def get_absolute_url(self) -> str:
        return reverse("booking:feed", args=[self.token])


class PayRules(models.Model):
    """An organisation's pay rules, as data; `engine.pay.rules` applies them."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="pay_rules"
    )
    min_call_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("4"))
    overtime = models.JSONField(
        default=list,
        blank=True,
        help_text='[[after hours, multiplier], ...], e.g. [["8", "1.5"], ["12", "2"]]',
    )
    meal_after_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("5"))
    meal_break_minutes = models.PositiveSmallIntegerField(default=30)
    meal_penalty = models.DecimalField(max_digits=13, decimal_places=2, default=Decimal("0"))
    meal_penalty_interval_minutes = models.PositiveSmallIntegerField(default=30)
    turnaround_multiplier = models.DecimalField(
        max_digits=4, decimal_places=2, default=Decimal("2")
    )
    late_cancel_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("4"))
    day_rate_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("10"))
    workday_starts = models.PositiveSmallIntegerField(default=6)

    class Meta:
        verbose_name_plural = "pay rules"

    def __str__(self) -> str:
        return f"Pay rules of {self.organisation}"


class PayRulesChange(models.Model):
    """One change to an organisation's pay rules: who, when, through which face, and every
    rule before and after, as `booking.pay.rulebook.snapshot` writes them."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pay_rules_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Empty for the server's operator (a `stagedoor` command).",
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=10, help_text="page, api, cli or admin")
    before = models.JSONField()
    after = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"Pay rules of {self.organisation} changed {self.changed_at:%Y-%m-%d %H:%M}"


class Timesheet(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SUBMITTED = "submitted", "Waiting for approval"
        APPROVED = "approved", "Approved"
        DISPUTED = "disputed", "Disputed"

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="timesheet")
    check_in = models.DateTimeField(null=True, blank=True)
    check_out = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    dispute_note = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The worker's one-tap stamps ("I'm here", "I'm done"). A lead's correction changes
    # check_in/check_out and names itself below; the stamps stay as the worker made them,
    # so both versions are kept side by side.
    stamped_in = models.DateTimeField(null=True, blank=True)
    stamped_out = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(check_out__isnull=True)
                | Q(check_in__isnull=True)
                | Q(check_out__gt=F("check_in")),
                name="check_out_after_check_in",
            )
        ]

    def __str__(self) -> str:
        return f"Timesheet: {self.booking}"


class TimesheetBreak(models.Model):
    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="breaks")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="break_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"Break {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"
