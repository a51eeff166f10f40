"""`stagedoor staff --org SLUG --from DATE --to DATE ...`: auto-staff a date range.

Solves in this process with a progress bar, prints the proposal, and with `--accept`
sends the offers or pencils the holds straight away.
"""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core.cli import FieldParser, call_service, progress_bar, report_errors, user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.validation import messages_of
from stagedoor.industry.models import Organisation
from stagedoor.staffing import selectors, services


def _number(parser: FieldParser, field: str, text: str | None, kind=int):
    if text is None:
        return None
    try:
        return kind(text)
    except ValueError:
        parser.errors.add(field, f"'{text}' is not a {'whole ' if kind is int else ''}number.")
        return None


class Command(BaseCommand):
    help = (
        "Auto-staff an organisation's open calls on the days FROM to TO (venue time): "
        "print the proposal, the objective, bound and gap, and the call-by-call baseline."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD, inclusive")
        parser.add_argument("--objective", default="fill", help="fill (default) or headcount")
        parser.add_argument("--time-limit", default="10", help="seconds (default 10)")
        parser.add_argument("--seed", default="0", help="solver seed (default 0)")
        parser.add_argument("--max-hours-day", help="cap on anyone's hours a day")
        parser.add_argument("--max-hours-week", help="cap on anyone's hours a week")
        parser.add_argument("--as", dest="actor", help="run as this user (default: operator)")
        parser.add_argument("--accept", choices=["offer", "hold"], help="send offers or holds")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **o):
        if o["accept"] and not o["actor"]:
            # Offers without a sender read as auto-backfill on the board and in the inbox.
            raise CommandError("--as: name the manager who sends the offers or holds.")
        actor = user_named(o["actor"]) if o["actor"] else OPERATOR
        p = FieldParser()
        run = call_service(
            p,
            services.staffing_run_start,
            actor=actor,
            organisation=p.lookup("org", Organisation, o["org"]),
            date_from=p.date("from", o["start"]),
            date_to=p.date("to", o["end"]),
            objective=o["objective"],
            time_limit=_number(p, "time_limit", o["time_limit"], float),
            seed=_number(p, "seed", o["seed"]),
            max_hours_day=_number(p, "max_hours_day", o["max_hours_day"]),
            max_hours_week=_number(p, "max_hours_week", o["max_hours_week"]),
            background=False,
        )
        if o["quiet"]:
            services.staffing_run_execute(run_id=run.pk)
        else:
            with progress_bar("Auto-staff", self.stderr) as progress:
                services.staffing_run_execute(progress, run_id=run.pk)
        run = selectors.staffing_run_get(actor=actor, run_id=run.pk)
        console = Console(file=self.stdout, width=140, markup=False, highlight=False)
        self._print(console, run)
        if o["accept"]:
            self._accept(console, actor, run, o["accept"])

    def _print(self, console: Console, run) -> None:
        table = Table("call", "when", "who", "score", "best reason")
        for a in run.assignments.all():
            pos = a.position
            table.add_row(
                f"{pos.display_title} ({pos.pk})",
                pos.call_start.astimezone(zoneinfo.ZoneInfo(pos.timezone_name)).strftime(
                    "%a %d %b %H:%M"
                ),
                f"{a.worker.display_name} ({a.worker.slug})",
                f"{a.score:.1f}",
                a.reason_lines()[0] if a.reasons else "",
            )
        console.print(table)
        for u in run.unfilled.all():
            console.print(
                f"open: {u.position.display_title} ({u.position_id}) x{u.missing}: {u.text}"
            )
        gap = "none" if run.gap is None else f"{100 * run.gap:.2f}%"
        bound = "none" if run.bound is None else f"{run.bound:.0f}"
        console.print(
            f"Run {run.pk}: {run.solver_status}, filled {run.filled}/{run.seats} seats with "
            f"{run.workers_used} people · objective {run.objective_value:.0f}, bound {bound}, "
            f"gap {gap} · {run.parts} parts, {run.seconds:.1f} s"
        )
        base = run.stats.get("baseline", {})
        console.print(
            f"Call by call (baseline): filled {base.get('filled', 0)}/{run.seats} seats with "
            f"{base.get('workers', 0)} people · objective {base.get('objective', 0):.0f}"
        )

    def _accept(self, console: Console, actor, run, action: str) -> None:
        try:
            report = services.staffing_proposal_accept(actor=actor, run=run, action=action)
        except ValidationError as exc:
            raise report_errors(messages_of(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(f"Permission denied: {exc}") from exc
        made = "offers sent" if action == "offer" else "holds pencilled"
        console.print(f"{len(report.created)} {made}, {len(report.refused)} refused.")
        for a in report.refused:
            console.print(f"refused: {a.worker.slug} on {a.position_id}: {a.refused_reason}")
