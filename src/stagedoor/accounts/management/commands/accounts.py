from django.core.management.base import BaseCommand
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from stagedoor.accounts.selectors import pending_signups
from stagedoor.accounts.services import link_max_age


class Command(BaseCommand):
    help = "Worker sign-ups: `pending` lists the ones whose email is not confirmed yet."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("pending", help="sign-ups waiting for their confirmation link")

    def handle(self, *args, action, **options):
        signups = list(pending_signups())
        console = Console(file=self.stdout, width=120)
        if not signups:
            console.print("No sign-ups are waiting for confirmation.")
            return
        now = timezone.now()
        table = Table("Email", "Username", "Signed up (UTC)", "Last link sent", "Link")
        for s in signups:
            expired = (now - s.last_sent_at).total_seconds() > link_max_age()
            table.add_row(
                s.email,
                s.user.username,
                f"{s.created_at:%Y-%m-%d %H:%M}",
                f"{s.last_sent_at:%Y-%m-%d %H:%M}",
                "expired" if expired else "still works",
            )
        console.print(table)
        console.print(f"{len(signups)} waiting for confirmation.")
