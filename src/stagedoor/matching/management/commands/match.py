from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core.cli import user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.gigs.models import Position
from stagedoor.matching import selectors
from stagedoor.people.models import WorkerProfile


class Command(BaseCommand):
    help = "Rank the best eligible crew for a position, with reasons."

    def add_arguments(self, parser):
        parser.add_argument("position_id", type=int)
        parser.add_argument("--k", type=int, default=10, help="how many (default 10)")
        parser.add_argument("--why-not", metavar="WORKER", help="explain one worker (slug)")
        parser.add_argument("--as", dest="actor", help="rank as this user (default: operator)")

    def handle(self, *args, position_id, k, why_not, actor, **options):
        try:
            position = selectors.load_position(position_id)
        except Position.DoesNotExist as exc:
            raise CommandError(f"position_id: no position {position_id}.") from exc
        who = user_named(actor) if actor else OPERATOR
        console = Console(file=self.stdout, width=120)
        console.print(
            f"[bold]{position.display_title}[/] × {position.headcount} · {position.organisation}"
        )
        if why_not:
            worker = WorkerProfile.objects.filter(slug=why_not).first()
            if worker is None:
                raise CommandError(f"--why-not: no worker '{why_not}'.")
            result = selectors.why_not(actor=who, position=position, worker=worker)
            if result.eligible:
                console.print(f"{worker.display_name} is eligible, score {result.score:.1f}")
            for rule in result.rules:
                console.print(f"  ✗ {rule}")
            return
        table = Table("#", "worker", "score", "reasons")
        for n, c in enumerate(selectors.candidates(actor=who, position=position, k=k), 1):
            table.add_row(
                str(n),
                "\n".join([c.worker.display_name, c.worker.slug, *c.marks]),
                f"{c.score:.1f}",
                "\n".join(f"{r.component} +{r.points:.1f}: {r.text}" for r in c.reasons),
            )
        console.print(table)
