"""`stagedoor tasks list [--all]|cancel ID|sweep`: background work, seen and stopped by the
operator.

`list` shows the tasks still queued or running (with `--all`, the last 50 too), `cancel`
stops one after the step it is on, and `sweep` marks failed the ones whose worker stopped
answering (what the "sweep-tasks" beat job does every minute).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from stagedoor.core.cli import FieldParser, call_service
from stagedoor.core.models import TaskRecord
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.tasks import task_cancel, task_sweep


def _ago(moment) -> str:
    if moment is None:
        return "never"
    seconds = int((timezone.now() - moment).total_seconds())
    return f"{seconds} s ago" if seconds < 120 else f"{seconds // 60} min ago"


class Command(BaseCommand):
    help = "Background tasks: list them, stop one, or sweep the ones whose worker died."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="tasks queued or running")
        listing.add_argument("--all", action="store_true", help="the last 50, finished too")
        cancel = sub.add_parser("cancel", help="stop a task after the step it is on")
        cancel.add_argument("task_id", type=int, metavar="ID")
        sub.add_parser("sweep", help="mark failed the tasks whose worker stopped answering")

    def handle(self, *args, action, **o):
        console = Console(file=self.stdout, width=140, markup=False, highlight=False)
        if action == "cancel":
            task = TaskRecord.objects.filter(pk=o["task_id"]).first()
            if task is None:
                raise CommandError(f"ID: no task #{o['task_id']}.")
            task = call_service(FieldParser(), task_cancel, actor=OPERATOR, record=task)
            console.print(f"Task #{task.pk} ({task.kind}) will stop after the step it is on.")
        elif action == "sweep":
            swept = task_sweep()
            for task in swept:
                console.print(f"Task #{task.pk} ({task.kind}) failed: {task.message}")
            console.print(f"{len(swept)} task(s) marked failed.")
        else:
            tasks = TaskRecord.objects.select_related("created_by").order_by("-pk")
            if not o["all"]:
                tasks = tasks.filter(
                    status__in=[TaskRecord.Status.QUEUED, TaskRecord.Status.RUNNING]
                )
            tasks = list(tasks[:50])
            if not tasks:
                console.print("No background work is queued or running.")
                return
            table = Table("ID", "Kind", "Status", "Progress", "Last heard", "Started by", "Message")
            for t in tasks:
                table.add_row(
                    str(t.pk),
                    t.kind,
                    t.get_status_display()
                    + (" (stopping)" if t.cancel_requested and not t.finished else ""),
                    f"{t.done} of {t.total}",
                    _ago(t.heartbeat_at),
                    t.created_by.username if t.created_by else "operator",
                    t.message,
                )
            console.print(table)
