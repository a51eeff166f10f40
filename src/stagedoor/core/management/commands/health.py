import json

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core import health


class Command(BaseCommand):
    help = (
        "Whether this machine's settings reach the database, the Celery broker and the "
        "cache (what GET /healthz answers). Exits with status 1 when one does not, so a "
        "container's health check or a deploy script can run it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, **options):
        report = health.report()
        if options.get("json"):
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        else:
            console = Console(file=self.stdout, width=100)
            table = Table("service", "answer", "time", title="Health")
            for check in report.checks:
                mark = "[green]ok[/]" if check.ok else "[red]down[/]"
                table.add_row(check.name, f"{mark} {check.detail}", f"{check.ms:.0f} ms")
            console.print(table)
        if not report.ok:
            raise CommandError(f"Not healthy: {', '.join(report.failed)}.")
