from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from stagedoor.industry.enums import Level
from stagedoor.industry.models import Certification, Organisation, Role, Skill


class WorkerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worker"
    )
    slug = models.SlugField(unique=True)
    display_name = models.CharField(max_length=120)
    headline = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True)
    home_city = models.CharField(max_length=120)
    country = models.CharField(max_length=2, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    travel_radius_km = models.PositiveIntegerField(default=50)
    willing_to_tour = models.BooleanField(default=False)
    day_rate = models.DecimalField(max_digits=13, decimal_places=2, null=True, blank=True)
    hourly_rate = models.DecimalField(max_digits=13, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    show_rates = models.BooleanField(
        "Show my rates on my public profile",
        default=False,
        help_text="Managers who staff crew see them either way.",
    )
    phone = models.CharField(max_length=40, blank=True, help_text="Shown only to booked crew.")
    is_public = models.BooleanField(default=True)
    # The role the worker is aiming for: their career plan opens on it from anywhere. A goal
    # is a wish, not a record, so a role leaving the catalog just clears it.
    goal_role = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aimed_for_by",
        verbose_name="The role I'm aiming for",
    )

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(day_rate__gte=0) | Q(day_rate__isnull=True),
                name="day_rate_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0) | Q(hourly_rate__isnull=True),
                name="hourly_rate_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("people:profile", args=[self.slug])


class WorkerRole(models.Model):
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="roles")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="workers")
    level = models.CharField(max_length=10, choices=Level.choices)
    years = models.PositiveSmallIntegerField(default=0)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "role__name"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "role"], name="one_level_per_worker_role")
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.get_level_display()})"


class WorkerSkill(models.Model):
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="workers")
    level = models.PositiveSmallIntegerField(help_text="1 (basic) to 5 (expert)")

    class Meta:
        ordering = ["-level", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "skill"], name="one_level_per_worker_skill"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="skill_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} {self.level}/5"


class WorkerCertification(models.Model):
    worker = models.ForeignKey(
        WorkerProfile, on_delete=models.CASCADE, related_name="certifications"
    )
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    credential_id = models.CharField(max_length=80, blank=True)
    # The training provider that confirmed the worker completed its course; empty when the
    # worker listed the certification themselves.
    verified_by = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verified_certifications",
    )

    class Meta:
        ordering = ["certification__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="certification_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return str(self.certification)

    def valid_on(self, day) -> bool:
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)


class UnionMembership(models.Model):
    class Status(models.TextChoices):
        GOOD_STANDING = "good", "In good standing"
        APPLICANT = "applicant", "Applicant / permit"
        LAPSED = "lapsed", "Lapsed"
        SUSPENDED = "suspended", "Suspended"

    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="unions")
    local = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="union_members")
    card_number = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.GOOD_STANDING)
    since = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "local"], name="one_card_per_local")
        ]

    def __str__(self) -> str:
        return f"{self.local} #{self.card_number}"


class AvailabilityBlock(models.Model):
    class Kind(models.TextChoices):
        AVAILABLE = "available", "Available"
        UNAVAILABLE = "unavailable", "Unavailable"

    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="availability")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="availability_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d} to {self.ends_at:%Y-%m-%d}"


class PortfolioLink(models.Model):
    """A piece of work to listen to, watch or read, shown where a studio compares quotes."""

    class Kind(models.TextChoices):
        AUDIO = "audio", "Audio"
        VIDEO = "video", "Video"
        CREDITS = "credits", "Credits list"

    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=120)
    url = models.URLField()
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.AUDIO)
    # Lower-case genre names, comma separated ("indie, rock"): matched against a project's.
    genres = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label

    def genre_list(self) -> list[str]:
        return [g.strip() for g in self.genres.split(",") if g.strip()]


class Credit(models.Model):
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="credits")
    title = models.CharField(max_length=200, help_text="Show, tour or project")
    role = models.ForeignKey(Role, on_delete=models.PROTECT)
    date = models.DateField()
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    show = models.ForeignKey("gigs.Show", null=True, blank=True, on_delete=models.SET_NULL)
    verified = models.BooleanField(default=False)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1-5, given by the employer when verifying"
    )
    rating_note = models.CharField(max_length=300, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=1) & Q(rating__lte=5)),
                name="credit_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.role})"
