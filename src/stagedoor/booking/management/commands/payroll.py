"""`stagedoor payroll --org SLUG --from DATE --to DATE [--output FILE]`: the payroll CSV.

Columns are described in `stagedoor.booking.pay`. Runs as the server's operator, who
may see every organisation's payroll.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stagedoor.booking.pay.export import write_payroll_csv
from stagedoor.booking.pay.selectors import pay_for_organisation, period_refusal
from stagedoor.core.cli import FieldParser, call_service
from stagedoor.core.permissions import OPERATOR
from stagedoor.industry.models import Organisation


def _payroll(**kwargs):
    try:
        return pay_for_organisation(**kwargs)
    except ValidationError as exc:
        raise period_refusal(exc) from exc


class Command(BaseCommand):
    help = (
        "Write the payroll CSV of an organisation: one row per pay line for calls on the "
        "days FROM to TO (venue time), then a total per worker and currency."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD, inclusive")
        parser.add_argument("--output", help="file to write; standard output when left out")

    def handle(self, *args, **o):
        p = FieldParser()
        summary = call_service(
            p,
            _payroll,
            actor=OPERATOR,
            organisation=p.lookup("org", Organisation, o["org"]),
            start_date=p.date("from", o["start"]),
            end_date=p.date("to", o["end"]),
        )
        for problem in summary.problems:
            self.stderr.write(f"warning: {problem}")
        if not o["output"]:
            write_payroll_csv(summary, self.stdout)
            return
        try:
            with Path(o["output"]).open("w", encoding="utf-8", newline="") as out:
                write_payroll_csv(summary, out)
        except OSError as exc:
            raise CommandError(f"--output: cannot write {o['output']}: {exc}") from exc
        lines = sum(len(paid.lines) for paid in summary.bookings)
        self.stdout.write(f"Wrote {lines} pay lines to {o['output']}")
