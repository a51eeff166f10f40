"""Closing an auto-staffing run whose task the kernel ended (its worker died, or it was
stopped before it began), so its page stops saying "Solving"."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils import timezone

from stagedoor.core.signals import task_stopped

from .models import StaffingRun


@receiver(task_stopped)
def close_staffing_run(sender, record, **kwargs) -> None:
    if record.kind != "auto-staff":
        return
    StaffingRun.objects.filter(task=record).exclude(
        status__in=[StaffingRun.Status.DONE, StaffingRun.Status.FAILED]
    ).update(
        status=StaffingRun.Status.FAILED, error=record.message[:500], finished_at=timezone.now()
    )
