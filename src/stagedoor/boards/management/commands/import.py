"""`stagedoor import FILE_OR_URL [--as USER] [--source NAME]`: import postings from a board.

Runs in this process with a progress bar, then prints the report: counts, every rejected
row with its field and reason, and every duplicate with the posting it repeats.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.boards import selectors, services
from stagedoor.core.cli import FieldParser, call_service, progress_bar, user_named
from stagedoor.core.permissions import OPERATOR


class Command(BaseCommand):
    help = "Import job postings from a CSV, JSON feed, Atom/RSS feed file, or a URL."

    def add_arguments(self, parser):
        parser.add_argument("source_path", metavar="FILE_OR_URL")
        parser.add_argument("--as", dest="actor", help="import as this user (default: operator)")
        parser.add_argument("--source", default="", help="name to file the postings under")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **o):
        actor = user_named(o["actor"]) if o["actor"] else OPERATOR
        target = o["source_path"]
        kwargs = {"actor": actor, "source": o["source"], "background": False}
        if target.startswith(("http://", "https://")):
            kwargs["url"] = target
        else:
            path = Path(target)
            if not path.is_file():
                raise CommandError(f"FILE_OR_URL: no file at {target}.")
            kwargs.update(filename=path.name, content=path.read_bytes())
        run = call_service(FieldParser(), services.import_run_start, **kwargs)
        if o["quiet"]:
            services.import_run_execute(run_id=run.pk)
        else:
            with progress_bar("Import", self.stderr) as progress:
                services.import_run_execute(progress, run_id=run.pk)
        run = selectors.import_run_get(actor=actor, run_id=run.pk)
        console = Console(file=self.stdout, width=140, markup=False, highlight=False)
        if run.status == run.Status.FAILED:
            raise CommandError(f"Nothing was imported: {run.error}")
        console.print(
            f"Import #{run.pk} from {run.source} ({run.get_format_display()}): {run.rows} rows, "
            f"{run.new} new, {run.updated} updated, {run.duplicates} duplicates, "
            f"{run.rejected} rejected"
        )
        pages, notes = run.report.get("pages", 0), run.report.get("notes", [])
        if pages > 1 or notes:
            console.print(
                " ".join([f"Read {pages} page{'' if pages == 1 else 's'} of the feed.", *notes])
            )
        if run.report.get("rejected"):
            table = Table("row", "field", "reason", title="Rejected")
            for r in run.report["rejected"]:
                table.add_row(str(r["row"]), r["field"], r["reason"])
            console.print(table)
        if run.report.get("duplicates"):
            table = Table("row", "title", "already here", title="Duplicates")
            for d in run.report["duplicates"]:
                table.add_row(str(d["row"]), d["title"], f"{d['source']} #{d['duplicate_of']}")
            console.print(table)
