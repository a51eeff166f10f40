from django.db import models

from stagedoor.gigs.models import Position
from stagedoor.people.models import WorkerProfile


class Booking(models.Model):
    """A worker confirmed on a position. Holds and offers (and how a booking comes about)
    arrive with the booking workflow; matching already treats bookings as busy time."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        COMPLETED = "completed", "Worked"
        NO_SHOW = "no_show", "No-show"
        CANCELLED = "cancelled", "Cancelled"

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="bookings")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by_worker = models.BooleanField(default=False)
    late_cancellation = models.BooleanField(default=False)

    class Meta:
        ordering = ["position__call_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "worker"],
                condition=~models.Q(status="cancelled"),
                name="one_live_booking_per_worker_and_position",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} on {self.position} ({self.get_status_display()})"


# Statuses that occupy the worker's time.
BUSY_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.COMPLETED)
