from django.conf import settings
from django.db import models


class TaskRecord(models.Model):
    """Progress of a long piece of background work, polled by its page and printed by its CLI."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Stopped"

    kind = models.CharField(max_length=50)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # The organisation the work is for (an id: the kernel names no app), so its managers
    # may stop it; None when only its starter (and an admin) may.
    organisation_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Saved with the progress: a running task silent for STAGEDOOR_TASK_STALE_SECONDS has
    # lost its worker (`core.tasks.task_sweep`).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="task_status_beat")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)


class SiteSetting(models.Model):
    """Small facts the site keeps about itself, e.g. the date the demo world is anchored to."""

    key = models.CharField(max_length=80, unique=True)
    value = models.CharField(max_length=500)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
