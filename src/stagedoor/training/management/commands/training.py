from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core.cli import FieldParser, call_service, progress_bar, user_named
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.places import find_place
from stagedoor.industry.models import Certification, Organisation
from stagedoor.training import selectors, services
from stagedoor.training.models import Enrolment


class Command(BaseCommand):
    help = (
        "Training: `sessions` lists upcoming sessions (near a city, for a certification); "
        "`claims` lists completions waiting for a provider; `confirm` confirms them (verified "
        "certifications on the workers' profiles) or, with --decline, declines them."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("sessions", help="upcoming sessions, soonest first")
        s.add_argument("--near", metavar="CITY", help="in person within 100 km, e.g. 'Chicago, US'")
        s.add_argument("--cert", metavar="SLUG", help="the certification, e.g. osha-10")
        s.add_argument("--online", action="store_true", help="online sessions only")
        c = sub.add_parser("claims", help="completions waiting for the provider")
        c.add_argument("--provider", required=True, metavar="SLUG")
        f = sub.add_parser("confirm", help="confirm (or decline) completions")
        f.add_argument("--provider", required=True, metavar="SLUG")
        f.add_argument(
            "enrolments",
            nargs="*",
            type=int,
            metavar="ID",
            help="sign-ups to decide (default: every waiting claim)",
        )
        f.add_argument("--decline", action="store_true", help="decline instead of confirming")
        f.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this manager")

    def handle(self, *args, action, **options):
        console = Console(file=self.stdout, width=140)
        getattr(self, f"_{action}")(console, **options)

    def _sessions(self, console, near=None, cert=None, online=False, **options):
        place = None
        if near:
            place = find_place(near)
            if place is None:
                raise CommandError(f"--near: we do not know a city called '{near}'.")
        if cert and not Certification.objects.filter(slug=cert).exists():
            raise CommandError(f"--cert: no certification called '{cert}'.")
        found = selectors.catalog(certification=cert or "", place=place, online_only=online)
        if not found:
            console.print("No upcoming sessions fit.")
            return
        table = Table("Id", "Course", "When", "Where", "Provider", "Price", "Seats")
        for near_ in found:
            table.add_row(
                str(near_.session.pk),
                near_.session.course.title,
                selectors.when_text(near_.session),
                selectors.distance_text(near_),
                near_.session.course.provider.name,
                selectors.price_text(near_.session.course),
                selectors.seats_text(near_),
            )
        console.print(table)
        console.print(f"{len(found)} session{'' if len(found) == 1 else 's'}.")

    def _provider(self, slug: str) -> Organisation:
        provider = Organisation.objects.filter(slug=slug).first()
        if provider is None:
            raise CommandError(f"--provider: no organisation '{slug}'.")
        return provider

    def _claims(self, console, provider, **options):
        waiting = list(selectors.waiting_claims(self._provider(provider)))
        if not waiting:
            console.print("No completions are waiting.")
            return
        table = Table("Id", "Who", "Course", "When")
        for e in waiting:
            table.add_row(
                str(e.pk),
                e.worker.display_name,
                e.session.course.title,
                selectors.when_text(e.session),
            )
        console.print(table)

    def _confirm(self, console, provider, enrolments, decline=False, as_user=None, **options):
        org = self._provider(provider)
        actor = user_named(as_user) if as_user else OPERATOR
        if enrolments:
            chosen = list(
                Enrolment.objects.filter(pk__in=enrolments, session__course__provider=org)
                .select_related("worker", "session__course__provider")
                .order_by("pk")
            )
            missing = sorted(set(enrolments) - {e.pk for e in chosen})
            if missing:
                raise CommandError(
                    f"ID: no sign-up {', '.join(map(str, missing))} with {org.name}."
                )
        else:
            chosen = list(selectors.waiting_claims(org))
        if not chosen:
            console.print("No completions are waiting.")
            return
        service = services.enrolment_decline if decline else services.enrolment_confirm
        verb = "Declined" if decline else "Confirmed"
        with progress_bar(f"{verb[:-1]}ing completions", self.stderr) as bar:
            bar.start(len(chosen))
            for e in chosen:
                call_service(FieldParser(), service, actor=actor, enrolment=e)
                bar.advance()
        for e in chosen:
            console.print(f"{verb}: {e.worker.display_name}, {e.session.course.title}")
