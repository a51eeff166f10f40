"""Auto-staffing runs and their proposals.

These models were born in `matching` and moved here with their tables: `db_table` keeps
the names the first migrations gave them, so moving the code moved no data.
"""

from django.conf import settings
from django.db import models

from stagedoor.industry.models import Organisation
from stagedoor.people.models import WorkerProfile


class StaffingRun(models.Model):
    """One auto-staffing run: the crew calls it covered, how good its plan is, and when a
    manager turned the proposal into offers or holds."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Solving"
        DONE = "done", "Proposal ready"
        FAILED = "failed", "Failed"

    class Objective(models.TextChoices):
        FILL = "fill", "Fill every seat with the best crew"
        HEADCOUNT = "headcount", "Fill every seat with as few people as possible"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staffing_runs"
    )
    show = models.ForeignKey(
        "gigs.Show", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tour = models.ForeignKey(
        "gigs.Tour", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        "gigs.StudioProject", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    date_from = models.DateField(null=True, blank=True, help_text="First call day, venue time")
    date_to = models.DateField(null=True, blank=True, help_text="Last call day, inclusive")
    objective = models.CharField(max_length=10, choices=Objective.choices, default="fill")
    time_limit = models.FloatField(default=10.0, help_text="Seconds the solver may take")
    seed = models.IntegerField(default=0)
    max_hours_day = models.PositiveSmallIntegerField(null=True, blank=True)
    max_hours_week = models.PositiveSmallIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey(
        "core.TaskRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    solver_status = models.CharField(max_length=10, blank=True, help_text="optimal or feasible")
    objective_value = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    bound_source = models.CharField(max_length=120, blank=True)
    gap = models.FloatField(null=True, blank=True)
    filled = models.PositiveIntegerField(default=0)
    seats = models.PositiveIntegerField(default=0)
    workers_used = models.PositiveIntegerField(default=0)
    parts = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    stats = models.JSONField(default=dict, blank=True, help_text="baseline and greedy summaries")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "matching_staffingrun"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Auto-staff #{self.pk} for {self.organisation} ({self.get_status_display()})"

    @property
    def scope_label(self) -> str:
        if self.show_id:
            return f"show {self.show.artist}, {self.show.date:%d %b %Y}"
        if self.tour_id:
            return f"tour {self.tour}"
        if self.project_id:
            return f"studio project {self.project}"
        return f"{self.date_from:%d %b %Y} to {self.date_to:%d %b %Y}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def gap_percent(self) -> float | None:
        return None if self.gap is None else 100.0 * self.gap


class ProposedAssignment(models.Model):
    """One worker on one crew call in a run's plan, and what became of it."""

    class Outcome(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        OFFERED = "offered", "Offer sent"
        HELD = "held", "Held"
        REFUSED = "refused", "Refused"

    run = models.ForeignKey(StaffingRun, on_delete=models.CASCADE, related_name="assignments")
    position = models.ForeignKey("gigs.Position", on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    cost = models.FloatField(default=0.0)
    km = models.FloatField(default=0.0)
    reasons = models.TextField(blank=True, help_text="One reason per line, best first")
    selected = models.BooleanField(default=True, help_text="Kept by the manager")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default="proposed")
    refused_reason = models.CharField(max_length=500, blank=True)
    offer = models.ForeignKey(
        "booking.Offer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hold = models.ForeignKey(
        "booking.Hold", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "matching_proposedassignment"
        ordering = ["position__call_start", "position_id", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "position", "worker"], name="one_proposal_per_run_seat_worker"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} on {self.position} (run {self.run_id})"

    def reason_lines(self) -> list[str]:
        return [line for line in self.reasons.splitlines() if line]

    @property
    def summary(self) -> str:
        """The fit line (role level, skills, certificates) says most about why this person;
        reliability and reputation start at the same prior for everyone new."""
        lines = self.reason_lines()
        fit = [line for line in lines if line.startswith("fit ")]
        return (fit or lines or [""])[0]

    @property
    def summary_words(self) -> str:
        """The summary without matching's points: "mid Stagehand (needs entry)"."""
        return self.summary.partition(": ")[2] or self.summary


class UnfilledSeat(models.Model):
    """Seats of a crew call a run's plan leaves open, and why."""

    run = models.ForeignKey(StaffingRun, on_delete=models.CASCADE, related_name="unfilled")
    position = models.ForeignKey("gigs.Position", on_delete=models.CASCADE, related_name="+")
    missing = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=20)
    text = models.CharField(max_length=200)

    class Meta:
        db_table = "matching_unfilledseat"
        ordering = ["position__call_start", "position_id"]

    def __str__(self) -> str:
        return f"{self.missing} open on {self.position}: {self.text}"
