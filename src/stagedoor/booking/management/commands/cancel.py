"""`stagedoor cancel call|show|project KEY --reason TEXT --as USER`: cancel a crew call, a
whole show or a studio project, as the staffing board's Cancel buttons do."""

from django.core.management.base import BaseCommand, CommandError

from stagedoor.booking import services
from stagedoor.core.cli import FieldParser, call_service, user_named
from stagedoor.gigs.models import Position, Show, StudioProject


class Command(BaseCommand):
    help = (
        "Cancel a crew call (by id), a show or a studio project (by slug) with a reason: "
        "bookings are cancelled (late ones keep the late-cancellation minimum), offers "
        "withdrawn, holds released, and the crew told. Nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["call", "show", "project"])
        parser.add_argument(
            "key", metavar="KEY", help="the call's id, or the show's or project's slug"
        )
        parser.add_argument("--reason", default="", help="why; the crew are told")
        parser.add_argument("--as", dest="actor", required=True, help="username of a manager")

    def handle(self, *args, what, key, reason, actor, **options):
        actor = user_named(actor)
        if what == "call":
            position = Position.objects.filter(pk=int(key) if key.isdigit() else None).first()
            if position is None:
                raise CommandError(f"KEY: no call with id '{key}'.")
            found = call_service(
                FieldParser(), services.position_cancel, actor=actor, position=position,
                reason=reason,
            )  # fmt: skip
            name = f"Call {position.pk} ({position.display_title})"
        else:
            model = Show if what == "show" else StudioProject
            parent = model.objects.filter(slug=key).first()
            if parent is None:
                raise CommandError(f"KEY: no {what} '{key}'.")
            service = services.show_cancel if what == "show" else services.project_cancel
            kwargs = {"actor": actor, "reason": reason, what: parent}
            found = call_service(FieldParser(), service, **kwargs)
            name = f"{what.capitalize()} {parent.slug}"
        late = len(found.late)
        self.stdout.write(
            f"{name} cancelled: {len(found.positions)} call(s), "
            f"{len(found.bookings)} booking(s) cancelled ({late} late), "
            f"{len(found.offers)} offer(s) withdrawn, {len(found.holds)} hold(s) released."
        )
