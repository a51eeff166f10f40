"""`stagedoor week --org SLUG [--start YYYY-MM-DD]`: the coordinator's week in tables.

The same facts as /manage/ and GET /api/manage/week. Runs as the server's operator; without
--org it covers every organisation.
"""

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.table import Table

from stagedoor.booking.week import words
from stagedoor.booking.week.selectors import coordinator_week
from stagedoor.core.cli import FieldParser, call_service
from stagedoor.core.permissions import OPERATOR
from stagedoor.gigs.labels import call_label
from stagedoor.industry.models import Organisation


class Command(BaseCommand):
    help = (
        "What needs a coordinator now: this week's and next week's shows with fill per "
        "department and labour cost against budget, open seats by how soon they start, "
        "offers about to expire or unanswered, clashes and lapsing certificates."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", help="organisation slug; every organisation if left out")
        parser.add_argument("--start", help="first day of the week, YYYY-MM-DD (default Monday)")
        parser.add_argument("--width", type=int, default=120, help="columns to print in")

    def handle(self, *args, **o):
        p = FieldParser()
        week = call_service(
            p,
            coordinator_week,
            actor=OPERATOR,
            organisation=p.lookup("org", Organisation, o["org"]),
            start=p.date("start", o["start"]),
        )
        out = Console(file=self.stdout, width=o["width"])
        names = ", ".join(org.name for org in week.organisations) or "no organisation"
        out.print(f"[bold]{names}[/bold]: week of {week.start:%a %d %b %Y} and the week after")

        shows = Table("day", "show", "filled", "by department", "labour cost", "budget")
        shows.title = "Shows this week and next"
        for row in week.shows:
            shows.add_row(
                f"{row.show.date:%a %d %b}",
                f"{row.show.artist}, {row.show.venue.name}",
                row.fill.words,
                " · ".join(f"{d.label} {d.words}" for d in row.departments) or "no crew calls",
                row.cost_words,
                row.budget,
            )
        out.print(shows)

        seats = Table("when", "open seats", title="Open seats")
        for seat in week.open_seats:
            seats.add_row(seat.when, words.open_line(seat))
        out.print(seats)

        offers = Table("", "offer", "answer by", title="Offers waiting for an answer")
        for label, group in (("expiring", week.expiring), ("waiting", week.unanswered)):
            for offer in group:
                offers.add_row(label, words.offer_line(offer), words.offer_expiry(offer, week.now))
        out.print(offers)

        clashes = Table("clash", "who and what", title="Clashes")
        for clash in week.clashes:
            clashes.add_row(clash.kind, clash.words)
        out.print(clashes)

        lapses = Table("worker", "certification", "runs out", "call", title="Lapsing certificates")
        for lapse in week.lapses:
            lapses.add_row(
                lapse.booking.worker.display_name,
                lapse.certification.name,
                f"{lapse.expires_on:%a %d %b %Y}",
                call_label(lapse.booking.position),
            )
        out.print(lapses)
        for problem in week.problems:
            self.stderr.write(f"warning: {problem}")
