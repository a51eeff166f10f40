"""Closing an import run whose task the kernel ended without it (worker died, stopped early)."""

from __future__ import annotations

from django.dispatch import receiver

from stagedoor.core.signals import task_stopped

from .models import ImportRun


@receiver(task_stopped)
def close_import_run(sender, record, **kwargs) -> None:
    if record.kind != "board-import":
        return
    from .services import import_run_fail_unfinished

    for run_id in ImportRun.objects.filter(task=record).values_list("pk", flat=True):
        if record.status == record.Status.CANCELLED:
            import_run_fail_unfinished(run_id=run_id, message=record.message, cancelled=True)
        else:
            import_run_fail_unfinished(run_id=run_id, message=record.message)
