import json

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.core.text import money
from stagedoor.gigs.models import StudioProject
from stagedoor.studio import selectors, services
from stagedoor.studio.models import Quote
from stagedoor.studio.rules import require_runs


class Command(BaseCommand):
    help = "A studio project's quotes, best fit first with the reasons; --accept hires one."

    def add_arguments(self, parser):
        parser.add_argument("project", help="the studio project's slug")
        parser.add_argument("--as", dest="actor", required=True, help="username of a manager")
        parser.add_argument("--accept", metavar="WORKER", help="hire this person (profile slug)")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print JSON instead of a table"
        )

    def handle(self, *args, project, actor, accept, as_json: bool, **options):
        user = user_named(actor)
        found = StudioProject.objects.filter(slug=project, brief__isnull=False).first()
        if found is None:
            raise CommandError(f"project: no studio project '{project}'.", returncode=2)
        require_runs(user, found, "see its quotes")
        if accept:
            quote = Quote.objects.filter(project=found, worker__slug=accept).first()
            if quote is None:
                raise CommandError(f"accept: '{accept}' has not quoted.", returncode=2)
            call_service(FieldParser(), services.quote_accept, actor=user, quote=quote)
            self.stdout.write(f"{quote.worker.display_name} is hired for {found.title}.")
            return
        rows = selectors.comparison(found)
        if as_json:
            self.stdout.write(_json(rows))
            return
        brief = found.brief
        console = Console(file=self.stdout, width=140)
        console.print(
            f"[bold]{found.title}[/]: {selectors.STATE_WORDS[selectors.project_state(found)]}, "
            f"budget {money(selectors.budget_of(found), brief.currency)}, "
            f"due {found.deadline.isoformat()}"
        )
        table = Table("#", "who", "asks", "in all", "days", "why", title_justify="left")
        for row in rows:
            hired = " (hired)" if row.quote.status == "accepted" else ""
            table.add_row(
                str(row.rank),
                row.quote.worker.display_name + hired,
                row.price,
                row.total,
                str(row.quote.turnaround_days),
                "\n".join(row.reasons),
            )
        console.print(table if rows else "No quotes yet.")


def _json(rows) -> str:
    return json.dumps(
        [
            {
                "rank": r.rank,
                "worker": r.quote.worker.slug,
                "status": r.quote.status,
                "price": str(r.quote.price),
                "unit": r.quote.unit,
                "currency": r.quote.currency,
                "total": None if r.fit.total is None else str(r.fit.total),
                "score": str(r.fit.score),
                "reasons": list(r.reasons),
            }
            for r in rows
        ],
        indent=2,
    )
