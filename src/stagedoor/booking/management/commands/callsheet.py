from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from stagedoor.booking.callsheets import render as callsheet_render
from stagedoor.booking.callsheets import selectors as callsheets
from stagedoor.core.cli import user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.validation import messages_of
from stagedoor.gigs.models import Show


class Command(BaseCommand):
    help = (
        "Print a show's call sheet, or write it as a PDF with --pdf. "
        "Run on the server, so phone numbers are shown."
    )

    def add_arguments(self, parser):
        parser.add_argument("show_id", metavar="SHOW_ID", help="the show's id or slug")
        parser.add_argument("--pdf", action="store_true", help="write a PDF instead of text")
        parser.add_argument("--department", help="only this department's calls, e.g. audio")
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="print the sheet as this person may see it (a venue manager gets the crew "
            "chiefs' phones, not every crew member's)",
        )
        parser.add_argument(
            "--output", metavar="FILE", help="where to write (PDF default: call-sheet-SLUG.pdf)"
        )

    def handle(self, *args, show_id, pdf, department, output, as_user=None, **options):
        try:
            show = callsheets.show_for_callsheet(show_id)
        except Show.DoesNotExist as exc:
            raise CommandError(f"SHOW_ID: no show '{show_id}' (give its id or slug).") from exc
        try:
            sheet = callsheets.callsheet_get(
                actor=user_named(as_user) if as_user else OPERATOR, show=show, department=department
            )
        except PermissionDenied as exc:
            raise CommandError(f"--as: {exc}") from exc
        except ValidationError as exc:
            lines = [f"--{f}: {m}" for f, msgs in messages_of(exc).items() for m in msgs]
            raise CommandError("\n".join(lines)) from exc
        if pdf:
            name = "-".join(filter(None, ("call-sheet", sheet.slug, sheet.department)))
            target = Path(output or f"{name}.pdf")
            data = callsheet_render.callsheet_pdf(sheet, base_url=f"{settings.STAGEDOOR_SITE_URL}/")
            target.write_bytes(data)
            self.stdout.write(f"Wrote the call sheet of {sheet.slug} to {target}")
            return
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                self._print(sheet, Console(file=handle, width=120, color_system=None))
            self.stdout.write(f"Wrote the call sheet of {sheet.slug} to {output}")
            return
        self._print(sheet, Console(file=self.stdout, width=120))

    def _print(self, sheet: callsheets.CallSheet, console: Console) -> None:
        heading = f"{sheet.artist}: {sheet.title}" if sheet.title else sheet.artist
        console.print(f"[bold]Call sheet · {heading}[/]", highlight=False)
        if sheet.cancelled:
            console.print("[bold red]CANCELLED[/]")
        if sheet.department:
            console.print(f"Department: {sheet.department_label}", highlight=False)
        facts = [
            ("Date", f"{sheet.date:%A} {sheet.date.day} {sheet.date:%B %Y}"),
            ("Venue", f"{sheet.venue_name}, {sheet.venue_address}"),
            ("Map", f"{sheet.latitude}, {sheet.longitude}  {sheet.osm_url}"),
            ("Doors", sheet.doors_text),
            ("Show", sheet.show_text),
            ("Curfew", sheet.curfew_text),
            ("Times", sheet.timezone),
            ("Load-in", sheet.load_in_notes),
            ("Parking", sheet.parking_notes),
            ("Catering", sheet.catering_notes),
            ("Notes", sheet.notes),
        ]
        for label, value in facts:
            if value:
                console.print(f"{label + ':':<10}{value}", highlight=False, markup=False)
        chiefs = ", ".join(f"{m.name} ({_phone(m)})" for m in sheet.crew_chiefs) or "none yet"
        console.print(f"{'Chief:':<10}{chiefs}", highlight=False, markup=False)
        table = Table("Call", "Position", "Crew", "Booked")
        for call in sheet.calls:
            title = call.title if call.title == call.role else f"{call.title}\n{call.role}"
            crew = "\n".join(
                f"{m.name}{' (chief)' if m.is_crew_chief else ''} · {_phone(m)}" for m in call.crew
            )
            booked = f"{len(call.crew)}/{call.headcount}"
            if call.cancelled:
                title, booked = f"{title}\nCANCELLED: {call.cancel_reason}", "cancelled"
            cells = (call.when, title, crew or "-", booked)
            table.add_row(*(Text(cell) for cell in cells))  # names are data, not markup
        console.print(table)
        for name, email in sheet.production_contacts:
            console.print(f"{'Contact:':<10}{name} <{email}>", highlight=False, markup=False)


def _phone(member: callsheets.CrewMember) -> str:
    if member.phone is None:
        return callsheets.PHONE_HIDDEN
    return member.phone or "no phone"
