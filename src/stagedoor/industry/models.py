import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .enums import (
    Department,
    Level,
    MemberRole,
    OrganisationKind,
    PayUnit,
    Setting,
    SkillCategory,
)


class Skill(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=30, choices=SkillCategory.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name


class Certification(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=160)
    issuer = models.CharField(max_length=160, blank=True)
    description = models.TextField(blank=True)
    validity_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty when the credential does not expire."
    )
    min_age = models.PositiveIntegerField(null=True, blank=True)
    hours_required = models.PositiveIntegerField(null=True, blank=True)
    prerequisites = models.ManyToManyField("self", symmetrical=False, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    department = models.CharField(max_length=30, choices=Department.choices)
    setting = models.CharField(max_length=10, choices=Setting.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    summary = models.TextField()
    responsibilities = models.JSONField(default=list)
    skills = models.ManyToManyField(Skill, related_name="roles", blank=True)
    certifications = models.ManyToManyField(Certification, related_name="roles", blank=True)
    hired_by = models.JSONField(default=list, help_text="Organisation kinds that hire this role.")
    onet_code = models.CharField("O*NET-SOC code", max_length=12, blank=True)
    esco = models.CharField("ESCO occupation", max_length=120, blank=True)
    aliases = models.JSONField(default=list)
    leads_to = models.ManyToManyField(
        "self", symmetrical=False, related_name="comes_from", blank=True
    )
    years_in_role = models.PositiveSmallIntegerField(default=0)
    pay_unit = models.CharField(max_length=5, choices=PayUnit.choices, default=PayUnit.DAY)
    pay_low = models.PositiveIntegerField(default=0)
    pay_high = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry:role", args=[self.slug])

    def hired_by_labels(self) -> list[str]:
        labels = dict(OrganisationKind.choices)
        return [labels.get(kind, kind) for kind in self.hired_by]


class Organisation(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    city = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=2, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    jurisdiction = models.CharField(
        max_length=200, blank=True, help_text="For union locals: the area the hall dispatches to."
    )
    turnaround_hours = models.PositiveSmallIntegerField(
        default=8, help_text="Minimum rest between two calls of one worker."
    )
    late_cancel_hours = models.PositiveSmallIntegerField(default=24)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry:organisation", args=[self.slug])


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class Venue(models.Model):
    slug = models.SlugField(unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="venues")
    name = models.CharField(max_length=160)
    address = models.CharField(max_length=250)
    city = models.CharField(max_length=120)
    region = models.CharField(
        max_length=120, blank=True, help_text="State, province or region, e.g. IL or Berlin"
    )
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2)
    latitude = models.FloatField()
    longitude = models.FloatField()
    timezone = models.CharField(max_length=64, help_text="IANA time zone, e.g. Europe/Berlin")
    capacity = models.PositiveIntegerField()
    union_local = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues_in_jurisdiction",
        limit_choices_to={"kind": OrganisationKind.UNION_LOCAL},
    )
    parking_notes = models.TextField(blank=True)
    load_in_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    def get_absolute_url(self) -> str:
        return reverse("industry:venue", args=[self.slug])

    @property
    def full_address(self) -> str:
        """'Köpenicker Str. 70, Berlin, DE': the parts that are filled in."""
        return ", ".join(part for part in (self.address, self.city, self.country) if part)


class Invitation(models.Model):
    """An email invitation to join an organisation with a member role. The link carries a
    random token; only its digest is kept, so a copy of the database opens no door."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=MemberRole.choices)
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()} · {self.organisation}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def state(self, now=None) -> str:
        """'accepted', 'revoked', 'expired' or 'pending'."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= (now or timezone.now()):
            return "expired"
        return "pending"

    @property
    def is_pending(self) -> bool:
        return self.state() == "pending"
