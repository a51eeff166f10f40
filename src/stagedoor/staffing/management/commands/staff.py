"""`stagedoor staff --org SLUG --from DATE --to DATE ...`: auto-staff a date range.

Solves in this process with a progress bar, prints the proposal, and with `--accept`
sends the offers or pencils the holds straight away.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core.cli import FieldParser, call_service, progress_bar, report_errors, user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.text import day_marker, in_zone
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
        "print the seats filled, why the rest stay open, the estimated pay, how close the "
        "plan is to the best one, and the proposal by show and day (--verbose: the solver's "
        "figures too)."
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
        parser.add_argument(
            "--verbose", action="store_true",
            help="also the solver's figures (objective, bound, gap, seed), scores and ids",
        )  # fmt: skip

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
        self._print(console, run, o["verbose"])
        if o["accept"]:
            self._accept(console, actor, run, o["accept"])

    def _print(self, console: Console, run, verbose: bool) -> None:
        summary = selectors.run_summary(run)
        console.print(f"Auto-staff run {run.pk} · {run.scope_label}")
        console.print(f"{summary.headline}.")
        console.print(f"Estimated pay: {summary.cost_text}.")
        console.print(summary.gap_text)
        for g in summary.groups:
            counts = f"{len(g.rows)} proposed" + (f", {g.open} open" if g.open else "")
            title = f"{g.title} · {g.day:%a %d %b} · {counts}"
            table = Table("call", "time", "who", *(["score"] if verbose else []), "why",
                          title=title, title_justify="left")  # fmt: skip
            for a in g.rows:
                pos = a.position
                start = in_zone(pos.call_start, pos.timezone_name)
                end = in_zone(pos.call_end, pos.timezone_name)
                why = a.summary if verbose else a.summary_words
                marker = day_marker(pos.call_start, pos.call_end, pos.timezone_name)
                who = a.worker.display_name
                table.add_row(
                    f"{pos.display_title} ({pos.pk})" if verbose else pos.display_title,
                    f"{start:%H:%M}-{end:%H:%M}{marker}",
                    f"{who} ({a.worker.slug})" if verbose else who,
                    *([f"{a.score:.1f}"] if verbose else []),
                    why,
                )  # fmt: skip
            if g.rows:
                console.print(table)
            else:
                console.print(title)
            for u in g.unfilled:
                start = in_zone(u.position.call_start, u.position.timezone_name)
                seats = f"{u.missing} seat{'s' if u.missing != 1 else ''}"
                console.print(
                    f"  open: {u.position.display_title} {start:%H:%M}, {seats}. {u.text}"
                )
        if verbose:
            gap = "none" if run.gap is None else f"{100 * run.gap:.2f}%"
            bound = "none" if run.bound is None else f"{run.bound:.0f}"
            console.print(
                f"Solver: {run.solver_status} · objective {run.objective_value:.0f}, bound "
                f"{bound}{f' ({run.bound_source})' if run.bound_source else ''}, gap {gap} · "
                f"{run.parts} parts, {run.seconds:.1f} s · seed {run.seed}"
            )
            base = run.stats.get("baseline", {})
            console.print(
                f"Call by call: filled {base.get('filled', 0)}/{run.seats} seats with "
                f"{base.get('workers', 0)} people · objective {base.get('objective', 0):.0f}"
            )

    def _accept(self, console: Console, actor, run, action: str) -> None:
        try:
            report = services.staffing_proposal_accept(actor=actor, run=run, action=action)
        except ValidationError as exc:
            raise report_errors(messages_of(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(f"Permission denied: {exc}") from exc
        total = len(report.created) + len(report.refused)
        made = "offers sent" if action == "offer" else "holds pencilled"
        refused = f", {len(report.refused)} refused" if report.refused else ""
        console.print(f"{len(report.created)} of {total} {made}{refused}.")
        for a in report.refused:
            console.print(
                f"refused: {a.worker.display_name} on {a.position.display_title}: "
                f"{a.refused_reason}"
            )
