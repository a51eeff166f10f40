from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from stagedoor.core.cli import user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.validation import messages_of
from stagedoor.events import services
from stagedoor.events.enums import Kind
from stagedoor.industry.models import Organisation


class Command(BaseCommand):
    help = (
        "Import industry events from an iCalendar file or feed; "
        "events seen before (same UID) are updated."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import an .ics file or URL")
        imp.add_argument("source", metavar="FILE|URL")
        imp.add_argument("--org", required=True, metavar="SLUG", help="the organising organisation")
        imp.add_argument(
            "--kind", choices=Kind.values, default=Kind.MEETUP, help="where the feed does not say"
        )
        imp.add_argument("--as", dest="as_user", metavar="USERNAME", help="import as this manager")

    def handle(self, *args, action, source, org, kind, as_user=None, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"--org: no organisation '{org}' (give its slug).")
        console = Console(file=self.stdout, width=120)
        actor = user_named(as_user) if as_user else OPERATOR
        try:
            with console.status(f"Importing {source}"):
                if source.startswith(("http://", "https://")):
                    got = services.events_import_url(
                        actor=actor, organisation=organisation, url=source, kind=kind
                    )
                else:
                    path = Path(source)
                    if not path.is_file():
                        raise CommandError(f"FILE: there is no file {source}.")
                    text = path.read_text(encoding="utf-8", errors="replace")
                    got = services.events_import(
                        actor=actor,
                        organisation=organisation,
                        text=text,
                        source=path.name,
                        kind=kind,
                    )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(m for ms in messages_of(exc).values() for m in ms)
            ) from exc
        except PermissionDenied as exc:
            raise CommandError(f"--as: {exc}") from exc
        console.print(f"{organisation.name}: {got.created} new, {got.updated} updated.")
        for event in got.events:
            console.print(f"  {event.title} · {event.starts_at:%Y-%m-%d}")
