from django.core.management.base import BaseCommand

from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.gigs.services import show_create
from stagedoor.industry.models import Organisation, Venue


class Command(BaseCommand):
    help = "Create a show. Times are ISO 8601 with a UTC offset, e.g. 2026-12-04T19:00+01:00."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="actor", required=True, help="username of a manager")
        parser.add_argument("--organisation", required=True, help="organisation slug")
        parser.add_argument("--venue", required=True, help="venue slug")
        parser.add_argument("--artist", required=True)
        parser.add_argument("--title", default="")
        parser.add_argument("--date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--doors")
        parser.add_argument("--show")
        parser.add_argument("--curfew")
        parser.add_argument("--status", default="draft")

    def handle(self, *args, **o):
        p = FieldParser()
        show = call_service(
            p,
            show_create,
            actor=user_named(o["actor"]),
            organisation=p.lookup("organisation", Organisation, o["organisation"]),
            venue=p.lookup("venue", Venue, o["venue"]),
            artist=o["artist"],
            title=o["title"],
            date=p.date("date", o["date"]),
            doors_at=p.datetime("doors_at", o["doors"]),
            show_at=p.datetime("show_at", o["show"]),
            curfew_at=p.datetime("curfew_at", o["curfew"]),
            status=o["status"],
        )
        self.stdout.write(f"Created show {show.slug} (id {show.pk})")
