from django.core.management.base import BaseCommand

from stagedoor.core.cli import progress_bar
from stagedoor.demo import cast
from stagedoor.demo.world import build_demo_world


class Command(BaseCommand):
    help = "Build the deterministic demo world (running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, quiet=False, **options):
        if quiet:
            result = build_demo_world()
        else:
            with progress_bar("Demo world") as progress:
                result = build_demo_world(progress)
        self.stdout.write(
            f"Demo world anchored at {result['anchor']}: {result['workers']} crew profiles, "
            f"{result['shows']} shows, {result['positions']} positions "
            f"({result['workers_created']} crew, {result['shows_created']} shows created now)."
        )
        if result["past_shows_created"]:
            self.stdout.write(
                f"Past week: {result['past_shows_created']} shows played, "
                f"{result['past_bookings_created']} worked calls to approve, rate or answer."
            )
        self.stdout.write(f"\nDemo logins (password for all: {cast.PASSWORD})")
        for username, _, _, what in cast.LOGINS:
            self.stdout.write(f"  {username:<20} {what}")
