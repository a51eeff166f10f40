from django.core.management.base import BaseCommand
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from stagedoor.demo import cast
from stagedoor.demo.world import build_demo_world


class RichProgress:
    """Adapts a rich progress bar to the builder's start/advance interface."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task = bar.add_task("Demo world", total=None)

    def start(self, total: int, message: str = "") -> None:
        self.bar.update(self.task, total=total, completed=0, description=message or "Demo world")

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        self.bar.update(self.task, advance=steps, description=message or None)


class Command(BaseCommand):
    help = "Build the deterministic demo world (running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, quiet=False, **options):
        if quiet:
            result = build_demo_world()
        else:
            columns = [
                TextColumn("[bold]{task.description:<48.48}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            ]
            with Progress(*columns) as bar:
                result = build_demo_world(RichProgress(bar))
        self.stdout.write(
            f"Demo world anchored at {result['anchor']}: {result['workers']} crew profiles, "
            f"{result['shows']} shows, {result['positions']} positions "
            f"({result['workers_created']} crew, {result['shows_created']} shows created now)."
        )
        self.stdout.write(f"\nDemo logins (password for all: {cast.PASSWORD})")
        for username, _, _, what in cast.LOGINS:
            self.stdout.write(f"  {username:<20} {what}")
