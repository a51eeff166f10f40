"""`stagedoor bench staffing`: the crew-weeks benchmark (and Timefold beside it) from the CLI,
or with `--ptask` the public SMPTSP instances in headcount mode against their bounds.

The runners live in the source checkout's `benchmarks/` folder (not installed with the
package); the generator they use is the engine's `staffing.crewgen`.
"""

import importlib
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

import stagedoor


def _benchmarks(module: str):
    """Import benchmarks.<module>, from the checkout this package was installed from."""
    try:
        return importlib.import_module(f"benchmarks.{module}")
    except ImportError:
        root = Path(stagedoor.__file__).resolve().parents[2]
        if not (root / "benchmarks" / f"{module}.py").exists():
            raise CommandError(
                "benchmarks/ not found: run from a source checkout (pip install -e .)."
            ) from None
        sys.path.insert(0, str(root))
        return importlib.import_module(f"benchmarks.{module}")


class Command(BaseCommand):
    help = "Benchmarks. `bench staffing`: auto-staffing on generated crew weeks."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="which", required=True)
        staffing = sub.add_parser("staffing", help="crew weeks: fill vs baseline and the bound")
        staffing.add_argument(
            "--sizes",
            default=None,
            help="comma-separated: small, medium, large (default medium,large without --ptask)",
        )
        staffing.add_argument(
            "--ptask",
            default=None,
            help="SMPTSP instances instead: all, quick (15), or comma-separated names",
        )
        staffing.add_argument(
            "--processes", type=int, default=1, help="--ptask instances solved side by side"
        )
        staffing.add_argument(
            "--time-limit", type=float, default=None, help="seconds (default: the size's target)"
        )
        staffing.add_argument("--threads", type=int, default=1, help="CP-SAT workers")
        staffing.add_argument(
            "--timefold", action="store_true", help="also solve medium with Timefold"
        )

    def handle(self, *args, which, sizes, time_limit, threads, timefold, ptask, processes, **kw):
        if time_limit is not None and time_limit <= 0:
            raise CommandError("--time-limit: must be more than 0 seconds.")
        if processes < 1:
            raise CommandError("--processes: must be at least 1.")
        console = Console(file=self.stdout, width=150)
        if ptask is not None:
            self._ptask(ptask, console, time_limit or 60.0, processes)
            if sizes is None:
                return
        chosen = tuple(s.strip() for s in (sizes or "medium,large").split(",") if s.strip())
        crew = _benchmarks("staffing_crew")
        unknown = [s for s in chosen if s not in crew.TARGETS]
        if unknown:
            raise CommandError(f"--sizes: unknown {', '.join(unknown)}.")
        crew.run_crew(chosen, console, time_limit=time_limit, threads=threads)
        if timefold:
            _benchmarks("staffing_timefold").run_timefold(
                "medium", console, time_limit=time_limit or 20.0
            )

    def _ptask(self, spec: str, console: Console, time_limit: float, processes: int) -> None:
        bench = _benchmarks("staffing_ptask")
        try:
            names = bench.selected(bench.bounds_table(), spec, name="--ptask")
        except (ValueError, FileNotFoundError) as exc:
            raise CommandError(f"{exc}.") from None
        bench.run_ptask(time_limit, names, processes=processes, console=console)
