"""Conferences, trade shows and local meet-ups, posted by an organisation or imported from
an iCalendar feed, and who said they will go."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from stagedoor.industry.models import Organisation, Role
from stagedoor.people.models import WorkerProfile

from .enums import Kind


class IndustryEvent(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="industry_events",
    )
    source = models.CharField(max_length=300, blank=True, help_text="The feed it was imported from")
    uid = models.CharField(max_length=255, blank=True, help_text="The iCalendar UID it came with")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    timezone = models.CharField(max_length=64, default="UTC")
    online = models.BooleanField(default=False)
    venue_name = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    url = models.URLField(blank=True, max_length=500)
    topics = models.CharField(max_length=300, blank=True)
    roles = models.ManyToManyField(Role, blank=True, related_name="industry_events")
    national = models.BooleanField(default=False, help_text="Worth travelling to from anywhere")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["organisation", "uid"], condition=~Q(uid=""), name="event_uid_once_per_org"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])


class Attendance(models.Model):
    """A worker said "I'll go"; withdrawing deletes the row."""

    event = models.ForeignKey(IndustryEvent, on_delete=models.CASCADE, related_name="attendances")
    worker = models.ForeignKey(
        WorkerProfile, on_delete=models.CASCADE, related_name="event_attendances"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "worker"], name="go_once")]

    def __str__(self) -> str:
        return f"{self.worker} at {self.event}"
