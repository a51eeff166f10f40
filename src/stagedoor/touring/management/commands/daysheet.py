import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from stagedoor.core.cli import user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.text import day, moment
from stagedoor.core.text import money as money_text
from stagedoor.gigs.models import Tour
from stagedoor.touring import exports, selectors


class Command(BaseCommand):
    help = "Print a tour's day sheet for one date, or write it as a PDF with --pdf."

    def add_arguments(self, parser):
        parser.add_argument("tour", metavar="TOUR", help="the tour's slug")
        parser.add_argument("--date", required=True, metavar="D", help="the day, YYYY-MM-DD")
        parser.add_argument("--pdf", action="store_true", help="write a PDF instead of text")
        parser.add_argument("--output", metavar="FILE", help="where to write the PDF")
        parser.add_argument("--as", dest="as_user", metavar="USERNAME", help="read as this person")

    def handle(self, *args, tour, date, pdf, output, as_user=None, **options):
        found = Tour.objects.filter(slug=tour).first()
        if found is None:
            raise CommandError(f"TOUR: no tour '{tour}' (give its slug).")
        try:
            when = dt.date.fromisoformat(date)
        except ValueError as exc:
            raise CommandError(f"--date: '{date}' is not a date (YYYY-MM-DD).") from exc
        try:
            actor = user_named(as_user) if as_user else OPERATOR
            sheet = selectors.day_sheet(actor=actor, tour=found, date=when)
        except PermissionDenied as exc:
            raise CommandError(f"--as: {exc}") from exc
        if sheet is None:
            raise CommandError(f"--date: the itinerary of {found} has no {day(when)}.")
        if pdf:
            target = Path(output or f"day-sheet-{found.slug}-{when.isoformat()}.pdf")
            target.write_bytes(
                exports.daysheet_pdf(sheet, base_url=f"{settings.STAGEDOOR_SITE_URL}/")
            )
            self.stdout.write(f"Wrote the day sheet for {day(when)} to {target}")
            return
        self.stdout.write("\n".join(lines(sheet)))


def lines(sheet) -> list[str]:
    d = sheet.day
    out = [
        f"Day sheet · {sheet.tour.artist}: {sheet.tour.name}",
        f"{day(d.date)}: {d.get_kind_display().lower()} in {d.city} ({d.timezone})",
    ]
    if sheet.show:
        zone = sheet.show.venue.timezone
        out.append(f"Venue:    {sheet.show.venue.name}")
        for label, value in (("Doors", sheet.show.doors_at), ("Show", sheet.show.show_at)):
            if value:
                out.append(f"{label + ':':<10}{moment(value, zone)}")
    for leg in sheet.legs:
        ref = " ".join(p for p in (leg.carrier, leg.reference) if p)
        out.append(
            f"Travel:   {leg.get_mode_display()} {leg.depart_place} "
            f"{moment(leg.depart_at, leg.depart_zone)} to {leg.arrive_place} "
            f"{moment(leg.arrive_at, leg.arrive_zone)}" + (f" ({ref})" if ref else "")
        )
    if d.hotel_name:
        hotel = ", ".join(p for p in (d.hotel_name, d.hotel_address) if p)
        if d.hotel_check_in:
            hotel += f"; check-in {moment(d.hotel_check_in, d.timezone)}"
        if d.hotel_confirmation:
            hotel += f"; confirmation {d.hotel_confirmation}"
        out.append(f"Hotel:    {hotel}")
    if d.per_diem:
        out.append(f"Per diem: {money_text(d.per_diem, d.per_diem_currency)}")
    if d.notes:
        out.append(f"Notes:    {d.notes}")
    crew = ", ".join(f"{name} ({role})" for name, role, _ in sheet.crew) or "nobody booked yet"
    out.append(f"Party:    {crew}")
    return out
