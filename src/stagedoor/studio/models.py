"""Studio project work hired by deliverable: the brief, what must be handed over, the quotes,
and the milestones paid as deliverables are approved. The project itself is
`gigs.StudioProject`; this app adds what a studio hires by, not by the hour."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stagedoor.gigs.models import StudioProject
from stagedoor.industry.models import Role
from stagedoor.people.models import WorkerProfile

from .enums import DeliveryStatus, EventKind, Kind, QuoteStatus, Unit

MONEY = {"max_digits": 13, "decimal_places": 2}


class Brief(models.Model):
    """Who the studio hires for a project, in which currency it budgets, and for what sound."""

    project = models.OneToOneField(StudioProject, on_delete=models.CASCADE, related_name="brief")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(max_length=3)
    genres = models.CharField(max_length=200, blank=True)
    open_to_quotes = models.BooleanField(
        default=False, help_text="Anyone in the role may quote, not only those invited"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Brief for {self.project}"

    def genre_list(self) -> list[str]:
        return [g.strip() for g in self.genres.split(",") if g.strip()]


class Deliverable(models.Model):
    project = models.ForeignKey(
        StudioProject, on_delete=models.CASCADE, related_name="studio_deliverables"
    )
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    title = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField(
        default=1, help_text="Songs, cues or minutes of score this deliverable counts"
    )
    due_on = models.DateField()
    revisions_included = models.PositiveSmallIntegerField(default=2)
    budget = models.DecimalField(**MONEY)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.WAITING
    )
    revisions_used = models.PositiveSmallIntegerField(default=0)
    extra_revisions = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0), name="deliverable_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="deliverable_quantity_at_least_one"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions_left(self) -> int:
        return max(0, self.revisions_included - self.revisions_used)


class Quote(models.Model):
    """A person's price for a project, or the studio's request for one (status invited).
    The accepted quote is the engagement: it is what the studio pays and the person's
    workload counts."""

    project = models.ForeignKey(StudioProject, on_delete=models.CASCADE, related_name="quotes")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="quotes")
    status = models.CharField(max_length=10, choices=QuoteStatus.choices)
    price = models.DecimalField(null=True, blank=True, **MONEY)
    unit = models.CharField(max_length=8, choices=Unit.choices, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    turnaround_days = models.PositiveSmallIntegerField(null=True, blank=True)
    revisions_included = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    invited = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "worker"], name="one_quote_per_person"),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status="accepted"),
                name="one_accepted_quote_per_project",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gt=0), name="quote_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} for {self.project}"


class Milestone(models.Model):
    """The part of the accepted price paid when one deliverable is approved."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="milestones")
    deliverable = models.OneToOneField(
        Deliverable, on_delete=models.CASCADE, related_name="milestone"
    )
    amount = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3)
    due_on = models.DateField()
    earned_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.deliverable}: {self.amount} {self.currency}"


class DeliveryEvent(models.Model):
    """One step of a deliverable's history: handed over, sent back, approved."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    round = models.PositiveSmallIntegerField(default=0)
    extra = models.BooleanField(default=False, help_text="A revision round beyond those included")
    note = models.TextField(blank=True)
    link = models.URLField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.deliverable}: {self.get_kind_display()}"
