from django.core.management.base import BaseCommand
from rich.console import Console
from rich.table import Table

from stagedoor.core import outbox


class Command(BaseCommand):
    help = (
        "What writes asked to happen afterwards (emails, background work) and is not done "
        "yet: how many wait, how many failed. `--deliver` hands every waiting message to "
        "Celery now, without waiting out the pauses after failures (beat does it every 30 s)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--deliver", action="store_true", help="hand what is waiting to Celery now"
        )

    def handle(self, *args, deliver=False, **options):
        console = Console(file=self.stdout, width=100)
        if deliver:
            done = outbox.deliver(force=True)
            line = f"Handed to Celery: {done.sent}. Not handed over: {done.failed}."
            if done.error:
                line += f" {done.error}"
            console.print(line, highlight=False)
        backlog = outbox.backlog()
        table = Table("messages", "count", title="Outbox")
        table.add_row("waiting to be delivered", str(backlog.waiting))
        table.add_row("  of which failed at least once", str(backlog.failing))
        table.add_row("running in a worker", str(backlog.running))
        table.add_row("failed for good", str(backlog.failed))
        console.print(table)
        console.print(backlog.words(), highlight=False)
        if backlog.last_error:
            console.print(f"Last problem: {backlog.last_error}", highlight=False, markup=False)
