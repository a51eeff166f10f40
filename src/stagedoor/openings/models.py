"""Ways into the trade that an organisation offers: internships, volunteer calls and
apprenticeships (a union local's apprenticeship intake is one), and who asked for a place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stagedoor.industry.models import Organisation, Role, Skill, Venue
from stagedoor.people.models import Credit, WorkerProfile

from .enums import ApplicationStatus, Kind, PayUnit, Status


class Opportunity(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="opportunities"
    )
    slug = models.SlugField(unique=True, max_length=80)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=160)
    work_for = models.CharField(
        max_length=160, blank=True, help_text="What the work is for, e.g. the festival's name"
    )
    teaches = models.TextField(help_text="What a newcomer learns")
    skills = models.ManyToManyField(Skill, blank=True, related_name="opportunities")
    target_roles = models.ManyToManyField(Role, related_name="opportunities")
    paid = models.BooleanField(default=False)
    pay_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    pay_unit = models.CharField(max_length=8, choices=PayUnit.choices, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    remote = models.BooleanField(default=False)
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.SET_NULL)
    city = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    starts_on = models.DateField()
    ends_on = models.DateField()
    places = models.PositiveIntegerField(default=1)
    how_to_apply = models.TextField(blank=True)
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="opening_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="opening_has_a_place"),
            models.CheckConstraint(
                condition=Q(paid=False, pay_amount__isnull=True) | Q(paid=True, pay_amount__gt=0),
                name="opening_pay_when_paid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("openings:detail", args=[self.slug])


class Application(models.Model):
    """A worker's application (or "I'm interested") and what became of it."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="applications"
    )
    worker = models.ForeignKey(
        WorkerProfile, on_delete=models.CASCADE, related_name="opening_applications"
    )
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    credit = models.OneToOneField(
        Credit, null=True, blank=True, on_delete=models.SET_NULL, related_name="opening_application"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "worker"], name="one_application_each")
        ]

    def __str__(self) -> str:
        return f"{self.worker} for {self.opportunity}"
