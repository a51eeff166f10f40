"""A tour's itinerary (its days, travel legs and hotels), the touring crew engaged for it
and its labour budget. Shows and their crew calls stay in `gigs`; an engagement owns one
touring crew call spanning its days, booked through booking's services, so every busy
check (clashes, Find crew, auto-staff) sees the worker taken for the whole engagement."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone as django_tz

from stagedoor.gigs.models import Position, Show, Tour
from stagedoor.people.models import WorkerProfile

from .enums import DayKind, RateUnit, TravelMode


class TourDay(models.Model):
    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    kind = models.CharField(max_length=8, choices=DayKind.choices)
    city = models.CharField(max_length=120)
    timezone = models.CharField(max_length=64)
    show = models.ForeignKey(
        Show, null=True, blank=True, on_delete=models.SET_NULL, related_name="tour_days"
    )
    per_diem = models.DecimalField(max_digits=13, decimal_places=2, default=Decimal("0"))
    per_diem_currency = models.CharField(max_length=3, blank=True)
    notes = models.TextField(blank=True)
    hotel_name = models.CharField(max_length=160, blank=True)
    hotel_address = models.CharField(max_length=300, blank=True)
    hotel_check_in = models.DateTimeField(null=True, blank=True)
    hotel_confirmation = models.CharField(max_length=80, blank=True)
    updated_at = models.DateTimeField(default=django_tz.now)

    class Meta:
        ordering = ["tour", "date"]
        constraints = [
            models.UniqueConstraint(fields=["tour", "date"], name="one_itinerary_day_per_date"),
            models.CheckConstraint(condition=Q(per_diem__gte=0), name="per_diem_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.tour}: {self.date:%Y-%m-%d} {self.get_kind_display()} in {self.city}"


class TravelLeg(models.Model):
    day = models.ForeignKey(TourDay, on_delete=models.CASCADE, related_name="legs")
    mode = models.CharField(max_length=8, choices=TravelMode.choices)
    depart_place = models.CharField(max_length=160)
    depart_at = models.DateTimeField()
    depart_zone = models.CharField(max_length=64)
    arrive_place = models.CharField(max_length=160)
    arrive_at = models.DateTimeField()
    arrive_zone = models.CharField(max_length=64)
    carrier = models.CharField(max_length=120, blank=True)
    reference = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["depart_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(arrive_at__gt=F("depart_at")), name="leg_arrives_after_departure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.depart_place} to {self.arrive_place}"


class TourEngagement(models.Model):
    """A worker engaged for the tour (or a leg of it) from `first_day` to `last_day` at a
    tour rate; travel days and days off are paid the shares given here."""

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="engagements")
    worker = models.ForeignKey(
        WorkerProfile, on_delete=models.PROTECT, related_name="tour_engagements"
    )
    position = models.OneToOneField(
        Position, on_delete=models.CASCADE, related_name="tour_engagement"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    rate_amount = models.DecimalField(max_digits=13, decimal_places=2)
    rate_unit = models.CharField(max_length=5, choices=RateUnit.choices)
    currency = models.CharField(max_length=3)
    travel_day_share = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1"))
    day_off_share = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.5"))
    created_at = models.DateTimeField(default=django_tz.now, editable=False)

    class Meta:
        ordering = ["tour", "first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")), name="engagement_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(rate_amount__gte=0), name="tour_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} on {self.tour}"


class TourBudget(models.Model):
    tour = models.OneToOneField(Tour, on_delete=models.CASCADE, related_name="labour_budget")
    amount = models.DecimalField(max_digits=13, decimal_places=2)
    currency = models.CharField(max_length=3)

    def __str__(self) -> str:
        return f"{self.tour}: {self.amount} {self.currency}"
