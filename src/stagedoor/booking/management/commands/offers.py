from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from rich.console import Console
from rich.table import Table

from stagedoor.booking.services.backfill import backfill_all
from stagedoor.booking.services.expiry import offers_expire


class Command(BaseCommand):
    help = (
        "Offer housekeeping: `expire` closes offers past their time, reminds those about to "
        "expire and backfills; `backfill` offers open auto-backfill seats. Both are what the "
        "Celery beat schedule runs, and both are safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["expire", "backfill"])
        parser.add_argument("--now", help="pretend it is this ISO time (with offset)")

    def handle(self, *args, action, now=None, **options):
        moment = None
        if now:
            moment = parse_datetime(now)
            if moment is None or moment.tzinfo is None:
                raise CommandError("--now: give an ISO date-time with a UTC offset.")
        console = Console(file=self.stdout, width=100)
        if action == "expire":
            report = offers_expire(now=moment).as_dict()
            backfill = backfill_all(now=moment)
            report["backfill_offers"] = backfill["offers"]
        else:
            report = backfill_all(now=moment)
        table = Table("what", "count", title=f"offers {action}")
        for key, value in report.items():
            table.add_row(key.replace("_", " "), str(value))
        console.print(table)
