from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from stagedoor.core.nearby import city_spot
from stagedoor.core.text import day
from stagedoor.core.validation import messages_of
from stagedoor.openings import selectors
from stagedoor.openings.enums import Kind


class Command(BaseCommand):
    help = (
        "List the open internships, volunteer calls and apprenticeships, nearest first with --near."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="what is open now")
        listing.add_argument("--near", metavar="CITY", default="", help="e.g. Chicago or Leeds, GB")
        listing.add_argument("--km", type=int, default=0, help="how far from the city (default 80)")
        listing.add_argument("--kind", choices=Kind.values, help="only this kind")

    def handle(self, *args, action, near="", km=0, kind=None, **options):
        try:
            spot = city_spot(near, "--near", km or None) if near else None
        except ValidationError as exc:
            raise CommandError(
                "; ".join(m for ms in messages_of(exc).values() for m in ms)
            ) from exc
        found = selectors.opportunity_list(today=timezone.localdate(), spot=spot, kind=kind)
        console = Console(file=self.stdout, width=140)
        table = Table(title=f"Ways in{f' near {spot.label}' if spot else ''}: {len(found)}")
        for name in (
            "Opening",
            "Kind",
            "Organisation",
            "When",
            "Where",
            "Pay",
            "Apply by",
            "Places left",
        ):
            table.add_column(name)
        for f in found:
            o = f.opportunity
            where = selectors.place_words(o) + (
                f", {f.distance}" if f.distance and not o.remote else ""
            )
            table.add_row(
                o.title,
                o.get_kind_display(),
                o.organisation.name,
                selectors.dates_words(o),
                where,
                selectors.pay_words(o),
                day(o.deadline) if o.deadline else "",
                f"{selectors.places_left(o)} of {o.places}",
            )
        console.print(table)
