from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from stagedoor.core.cli import progress_bar
from stagedoor.core.validation import messages_of
from stagedoor.demo import cast
from stagedoor.demo.world import build_demo_world


class TableBars:
    """One rich progress bar per table the national world writes."""

    def __init__(self, bar: Progress) -> None:
        self.bar, self.task = bar, None

    def start(self, total: int, message: str = "") -> None:
        self.task = self.bar.add_task(message, total=total)

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        self.bar.update(self.task, advance=steps)


class Command(BaseCommand):
    help = (
        "Build the deterministic demo world (running it again changes nothing); "
        "--scale national adds a national crew pool beside it, written in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="no progress bar")
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")
        parser.add_argument("--workers", type=int, default=100_000)
        parser.add_argument("--organisations", type=int, default=2_000)
        parser.add_argument("--shows", type=int, default=20_000)
        parser.add_argument("--positions", type=int, default=300_000)
        parser.add_argument("--seed", type=int, default=22)
        parser.add_argument(
            "--replace", action="store_true", help="national: build anew over an earlier one"
        )

    def handle(self, *args, quiet=False, scale="demo", **options):
        if quiet:
            result = build_demo_world()
        else:
            with progress_bar("Demo world") as progress:
                result = build_demo_world(progress)
        if scale == "national":
            self.national(quiet, options)
            return
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

    def national(self, quiet: bool, options) -> None:
        from stagedoor.demo.national import build_national

        sizes = {k: options[k] for k in ("workers", "organisations", "shows", "positions")}
        console = Console(file=self.stdout._out)
        columns = [
            TextColumn("[bold]{task.description:<32}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        ]
        try:
            if quiet:
                result = build_national(**sizes, seed=options["seed"], replace=options["replace"])
            else:
                with Progress(*columns, console=console) as bar:
                    result = build_national(
                        **sizes,
                        seed=options["seed"],
                        replace=options["replace"],
                        progress=TableBars(bar),
                    )
        except ValidationError as exc:
            lines = [f"  {f}: {m}" for f, ms in messages_of(exc).items() for m in ms]
            raise CommandError("Nothing was saved.\n" + "\n".join(lines)) from exc
        table = Table(title="National world written")
        for col in ("table", "rows", "seconds"):
            table.add_column(col, justify="right" if col != "table" else "left")
        for name, rows in result["counts"].items():
            table.add_row(name, f"{rows:,}", f"{result['seconds'][name]:.1f}")
        if "analyze" in result["seconds"]:
            table.add_row("(analyze)", "", f"{result['seconds']['analyze']:.1f}")
        table.add_row("[bold]total", "", f"[bold]{result['seconds']['total']:.1f}")
        console.print(table)
        console.print(
            "Seconds per phase, planning and writing: "
            + ", ".join(f"{name} {s:.1f}" for name, s in result["phases"].items())
        )
