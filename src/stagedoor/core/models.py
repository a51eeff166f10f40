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


class OutboxMessage(models.Model):
    """Work a write asks for after it commits (an email, a task), saved in the same
    transaction as the write, so a broker outage delays it instead of losing it.

    `core.outbox` hands it to Celery at once and again until a worker has run it; the worker
    claims it (`started_at`) before running, so a message handed over twice runs once.
    """

    key = models.CharField(max_length=200, unique=True)
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Failed tries, to hand it to the broker or to run it; the next waits longer.
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    # When it is next handed to the broker: at once, after a failure's backoff, or (when
    # handed over but not yet started) after a while, in case the broker lost it.
    next_attempt_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "outbox message"

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"

    @property
    def state(self) -> str:
        if self.done_at:
            return "failed" if self.last_error else "delivered"
        if self.started_at:
            return "running"
        if self.last_error:
            return "failing"
        return "sent to the queue" if self.sent_at else "waiting"
