"""`stagedoor dispatch run --local SLUG`: dispatch a hall's open call requests in list order;
`stagedoor dispatch lists --local SLUG [--recompute]`: print (or recompute and publish) its
lists, places replayed from the log."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.hall import selectors, services
from stagedoor.hall.models import LogEntry
from stagedoor.industry.models import Organisation


class Command(BaseCommand):
    help = "The union hiring hall: `dispatch run` and `dispatch lists`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="which", required=True)
        run = sub.add_parser("run", help="offer the open requests' seats in list order")
        lists = sub.add_parser("lists", help="the out-of-work lists in dispatch order")
        lists.add_argument(
            "--recompute",
            action="store_true",
            help="place everyone in groups by the rules in force, then publish",
        )
        for p in (run, lists):
            p.add_argument("--local", required=True, help="the union local's slug")
            p.add_argument("--as", dest="actor", help="act as this dispatcher (default: operator)")

    def handle(self, *args, **o):
        local = Organisation.objects.filter(slug=o["local"], kind="union_local").first()
        if local is None:
            raise CommandError(f"--local: no union local called '{o['local']}'.")
        actor = user_named(o["actor"]) if o["actor"] else OPERATOR
        console = Console(file=self.stdout, width=140, markup=False, highlight=False)
        if o["which"] == "run":
            run = call_service(
                FieldParser(), services.dispatch_run, actor=actor, local=local, channel="cli"
            )
            console.print(
                f"Dispatched under rules v{run.rules.number}: {run.offers} offers sent, "
                f"{run.skips} skipped."
            )
            table = Table("call", "who", "what", "why", title_justify="left")
            for e in run.log.select_related("registrant__worker", "request__position__role"):
                table.add_row(
                    e.request.position.display_title,
                    e.registrant.worker.display_name,
                    LogEntry.Kind(e.kind).label,
                    e.reason,
                )
            console.print(table)
            return
        if o["recompute"]:
            pub = call_service(
                FieldParser(), services.lists_recompute, actor=actor, local=local, channel="cli"
            )
            console.print(f"Lists recomputed and published; {pub.moved} moved group.")
        table = Table("list", "place", "name", "group", "standing", "turndowns")
        for r in selectors.list_rows(local):
            table.add_row(
                r["entry"].classification.name,
                str(r["place"] or "-"),
                r["entry"].registrant.worker.display_name,
                r["entry"].group_name,
                selectors.STATUS_WORDS[selectors.row_status(r)],
                str(r["standing"].strikes),
            )
        console.print(table)
