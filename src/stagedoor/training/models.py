"""Courses that training providers post, their dated sessions, and who signed up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from stagedoor.industry.models import Certification, Organisation
from stagedoor.people.models import WorkerCertification, WorkerProfile

from .enums import CourseKind, EnrolmentStatus


class Course(models.Model):
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="courses")
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=CourseKind.choices)
    certification = models.ForeignKey(
        Certification,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text="What completing it earns; empty for a programme such as audio engineering.",
    )
    description = models.TextField(blank=True)
    prerequisites = models.ManyToManyField(
        Certification, blank=True, related_name="required_by_courses"
    )
    hours_required = models.PositiveIntegerField(
        null=True, blank=True, help_text="Documented hours of relevant work asked for first."
    )
    price = models.DecimalField(max_digits=13, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="USD")
    duration_hours = models.DecimalField(max_digits=6, decimal_places=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="course_price_not_negative"),
            models.CheckConstraint(
                condition=Q(duration_hours__gt=0), name="course_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:course", args=[self.slug])

    @property
    def is_free(self) -> bool:
        return self.price == 0


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    timezone = models.CharField(max_length=64, help_text="IANA time zone, e.g. America/Chicago")
    online = models.BooleanField(default=False)
    city = models.CharField(max_length=120, blank=True)
    address = models.CharField(max_length=250, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    seats = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(online=True) | Q(latitude__isnull=False, longitude__isnull=False),
                name="session_in_person_has_place",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"{self.course} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("training:session", args=[self.pk])

    @property
    def where(self) -> str:
        return "Online" if self.online else self.city


class Enrolment(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(
        max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ENROLLED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    certification = models.OneToOneField(
        WorkerCertification,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolment",
    )

    class Meta:
        ordering = ["session__starts_at", "pk"]
        constraints = [
            # One live enrolment per worker and session; a cancelled one may be followed by
            # signing up again.
            models.UniqueConstraint(
                fields=["session", "worker"],
                condition=~Q(status=EnrolmentStatus.CANCELLED),
                name="one_live_enrolment_per_session",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} on {self.session}"
