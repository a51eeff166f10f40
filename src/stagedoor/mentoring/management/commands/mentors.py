from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.core.validation import messages_of
from stagedoor.mentoring import selectors
from stagedoor.mentoring.enums import Cadence, Mode
from stagedoor.people.models import WorkerProfile


class Command(BaseCommand):
    help = "Mentors: `suggest` the best mentors for a worker toward a role, with reasons."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        suggest = sub.add_parser("suggest", help="the best mentors for a worker (read-only)")
        suggest.add_argument("--worker", required=True, help="the worker's profile slug")
        suggest.add_argument("--target", required=True, help="the role they aim for (slug)")
        suggest.add_argument("--mode", default="", help="in_person, remote or either")
        suggest.add_argument("--cadence", default="", help="weekly, fortnightly, monthly, ...")
        suggest.add_argument("-k", type=int, default=5, help="how many (default 5)")

    def handle(self, *args, action, worker, target, mode, cadence, k, **options):
        profile = WorkerProfile.objects.filter(slug=worker).first()
        if profile is None:
            raise CommandError(f"worker: no worker '{worker}'.", returncode=2)
        wanted = selectors.open_request(profile, target)
        mode = mode or (wanted.mode if wanted else Mode.EITHER)
        cadence = cadence or (wanted.cadence if wanted else Cadence.MONTHLY)
        problems = []
        if mode not in Mode.values:
            problems.append(f"mode: '{mode}' is not one of {', '.join(Mode.values)}.")
        if cadence not in Cadence.values:
            problems.append(f"cadence: '{cadence}' is not one of {', '.join(Cadence.values)}.")
        if problems:
            raise CommandError("\n".join(problems), returncode=2)
        console = Console(file=self.stdout, width=140)
        with console.status("Scoring mentors"):
            try:
                found = selectors.suggestions(
                    worker=profile, target=target, mode=mode, cadence=cadence, k=k
                )
            except ValidationError as exc:
                lines = [f"{f}: {m}" for f, msgs in messages_of(exc).items() for m in msgs]
                raise CommandError("\n".join(lines), returncode=2) from exc
        if not found:
            console.print(f"No mentor fits {profile.display_name} toward {target} yet.")
            return
        table = Table(
            "#",
            "Mentor",
            "Where",
            "Why",
            title=f"Mentors for {profile.display_name}",
            title_justify="left",
        )
        for n, s in enumerate(found, 1):
            km = s.suggestion.distance_km
            where = "Online" if km is None else f"{km:.0f} km"
            table.add_row(str(n), s.offer.worker.display_name, where, s.text)
        console.print(table)
