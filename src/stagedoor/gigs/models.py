from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from stagedoor.industry.enums import Level, PayUnit
from stagedoor.industry.models import Certification, Organisation, Role, Skill, Venue


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Crew(models.TextChoices):
    """Who a crew call is for. Touring crew travel with the tour, so a worker willing to
    tour is offered it wherever the stop is; local crew are hired in each city, so the
    worker's travel radius holds."""

    LOCAL = "local", "Local crew (hired in each city)"
    TOURING = "touring", "Touring crew (travels with the tour)"


class Tour(models.Model):
    slug = models.SlugField(unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tours")
    artist = models.CharField(max_length=160)
    name = models.CharField(max_length=160)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.artist}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("gigs:tour", args=[self.slug])


# A show or studio project in these states lists none of its calls (draft: not yet public).
HIDDEN = (Status.DRAFT, Status.CANCELLED)
HIDDEN_Q = Q(status__in=HIDDEN)


class Show(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="shows")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="shows")
    tour = models.ForeignKey(
        Tour, null=True, blank=True, on_delete=models.SET_NULL, related_name="stops"
    )
    tour_order = models.PositiveSmallIntegerField(null=True, blank=True)
    artist = models.CharField(max_length=160)
    title = models.CharField(max_length=200, blank=True)
    date = models.DateField(help_text="Show day, in the venue's time zone")
    doors_at = models.DateTimeField(null=True, blank=True)
    show_at = models.DateTimeField(null=True, blank=True)
    curfew_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(blank=True)
    catering_notes = models.TextField(blank=True)
    labour_budget = models.DecimalField(
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the crew may cost, in the currency its crew calls pay in (optional)",
    )

    class Meta:
        ordering = ["date", "artist"]
        constraints = [
            models.UniqueConstraint(
                fields=["tour", "tour_order"],
                name="one_show_per_tour_stop",
                condition=Q(tour__isnull=False),
            )
        ]
        indexes = [
            # The few shows no crew call of which is open (see HIDDEN): the open calls leave
            # them out by key, in one small index, instead of joining every show.
            models.Index(fields=["id"], name="gigs_show_hidden", condition=HIDDEN_Q),
        ]

    def __str__(self) -> str:
        name = f"{self.artist}: {self.title}" if self.title else self.artist
        return f"{name} at {self.venue.name}, {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("gigs:show", args=[self.slug])


class StudioProject(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    deliverables = models.TextField(help_text="What is handed over at the end, one per line")
    deadline = models.DateField()
    remote_allowed = models.BooleanField(default=False)
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, help_text="The studio room"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["deadline"]
        indexes = [models.Index(fields=["id"], name="gigs_project_hidden", condition=HIDDEN_Q)]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("gigs:project", args=[self.slug])

    def deliverable_list(self) -> list[str]:
        return [line.strip() for line in self.deliverables.splitlines() if line.strip()]


class Position(models.Model):
    """A crew call: how many people of a role are needed, when, and for what pay."""

    show = models.ForeignKey(
        Show, null=True, blank=True, on_delete=models.CASCADE, related_name="positions"
    )
    project = models.ForeignKey(
        StudioProject, null=True, blank=True, on_delete=models.CASCADE, related_name="positions"
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=160, blank=True, help_text="e.g. 'Load-in hands'")
    level = models.CharField(
        max_length=10,
        choices=Level.choices,
        default=Level.ENTRY,
        help_text="Lowest career level in the role that may fill it",
    )
    headcount = models.PositiveSmallIntegerField(default=1)
    call_start = models.DateTimeField()
    call_end = models.DateTimeField()
    pay_amount = models.DecimalField(max_digits=13, decimal_places=2)
    pay_unit = models.CharField(max_length=5, choices=PayUnit.choices)
    currency = models.CharField(max_length=3)
    union_required = models.BooleanField(default=False)
    crew = models.CharField(
        max_length=8,
        choices=Crew.choices,
        default=Crew.LOCAL,
        help_text="Touring crew may be offered the call beyond their travel radius",
    )
    # A touring engagement's call (app `touring`): one worker for a whole tour or a leg,
    # spanning days. Crew-call templates and tour copies leave it out: it is not a call to
    # repeat at every stop.
    engagement = models.BooleanField(default=False, editable=False)
    auto_backfill = models.BooleanField(
        default=False,
        help_text="When someone drops out, offer the seat to the next ranked candidate",
    )
    required_skills = models.ManyToManyField(Skill, through="PositionSkill", blank=True)
    required_certifications = models.ManyToManyField(Certification, blank=True)
    notes = models.TextField(blank=True)
    # When the call was first posted: a job posting's datePosted.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set by booking's position_cancel / show_cancel, which also cancel the bookings; a
    # cancelled call stays (with its history, timesheets and pay lines) but is no longer open.
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["call_start", "role__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(call_end__gt=F("call_start")), name="call_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="headcount_at_least_one"),
            models.CheckConstraint(condition=Q(pay_amount__gte=0), name="pay_not_negative"),
            models.CheckConstraint(
                condition=(Q(show__isnull=False) & Q(project__isnull=True))
                | (Q(show__isnull=True) & Q(project__isnull=False)),
                name="position_on_show_or_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} × {self.headcount}"

    @property
    def display_title(self) -> str:
        return self.title or self.role.name

    @property
    def is_touring(self) -> bool:
        return self.crew == Crew.TOURING

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def organisation(self) -> Organisation:
        return self.show.organisation if self.show_id else self.project.organisation

    @property
    def timezone_name(self) -> str:
        if self.show_id:
            return self.show.venue.timezone
        if self.project.venue_id:
            return self.project.venue.timezone
        return "UTC"


class PositionSkill(models.Model):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="skill_needs")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT)
    min_level = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["position", "skill"], name="one_need_per_skill"),
            models.CheckConstraint(
                condition=Q(min_level__gte=1) & Q(min_level__lte=5), name="min_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ≥ {self.min_level}"


class CrewTemplate(models.Model):
    """A show's crew call kept under a name, to post it again at another show of the same
    organisation (`gigs.crewtemplates`)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="crew_templates"
    )
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="one_crew_template_per_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CrewTemplateLine(models.Model):
    """One call of a template. Its times are wall-clock minutes from midnight at the start
    of the show day in the venue's zone: the show date is the one anchor every show has
    (doors may be unset), and a wall-clock offset keeps "08:00 on show day" at 08:00 at
    every venue and across a DST change. Negative is the day before; past 1440 the next."""

    template = models.ForeignKey(CrewTemplate, on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveSmallIntegerField(default=0)
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=160, blank=True)
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.ENTRY)
    headcount = models.PositiveSmallIntegerField(default=1)
    crew = models.CharField(max_length=8, choices=Crew.choices, default=Crew.LOCAL)
    start_minutes = models.IntegerField()
    end_minutes = models.IntegerField()
    pay_amount = models.DecimalField(max_digits=13, decimal_places=2)
    pay_unit = models.CharField(max_length=5, choices=PayUnit.choices)
    currency = models.CharField(max_length=3)
    union_required = models.BooleanField(default=False)
    # Catalog slugs, as position_create takes them: {skill: lowest level} and [certification].
    required_skills = models.JSONField(default=dict, blank=True)
    required_certifications = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_minutes__gt=F("start_minutes")), name="template_line_ends_later"
            ),
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="template_line_headcount_at_least_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} × {self.headcount}"

    @property
    def display_title(self) -> str:
        return self.title or self.role.name

    @property
    def is_touring(self) -> bool:
        return self.crew == Crew.TOURING


class Interest(models.Model):
    """A worker saying "I'm interested" in an open call: managers see it in Find crew and on
    the staffing board. It offers nothing and holds nothing; the manager still decides."""

    # A string reference: gigs and people stand side by side and never import each other.
    worker = models.ForeignKey(
        "people.WorkerProfile", on_delete=models.CASCADE, related_name="interests"
    )
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="interests")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "position"], name="one_interest_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.worker} is interested in {self.position}"
