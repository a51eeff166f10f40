"""`stagedoor jobs [--role SLUG] [--city CITY] [--km N] [--from DAY] [--to DAY] [--min-pay N]
[--page N]`: the job search of /jobs/ and GET /api/jobs, as a table.

A bad filter stops with the field named and exit status 1, as the page and the API refuse it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from stagedoor.boards import selectors
from stagedoor.boards.forms import JobSearchForm
from stagedoor.core.paging import KeyedPaginator
from stagedoor.core.text import in_zone, pay, span

PAGE_SIZE = 25


class Command(BaseCommand):
    help = "Search open crew calls: count every match and print one page of them."

    def add_arguments(self, parser):
        parser.add_argument("q", nargs="?", default="", help="words to search for")
        parser.add_argument("--role", default="", help="a role (its catalog key, e.g. rigger)")
        parser.add_argument("--city", default="", help="e.g. Chicago, or Leeds, GB")
        parser.add_argument("--km", default="", help="distance from the city (default 50)")
        parser.add_argument("--from", dest="start", default="", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", default="", help="last day, YYYY-MM-DD")
        parser.add_argument("--min-pay", default="", help="pay at least this much")
        parser.add_argument("--page", type=int, default=1)

    def handle(self, *args, **o):
        form = JobSearchForm(
            {
                "q": o["q"],
                "role": o["role"],
                "city": o["city"],
                "km": o["km"],
                "from": o["start"],
                "to": o["end"],
                "min_pay": o["min_pay"],
            }
        )
        if not form.is_valid():
            raise CommandError(
                "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
            )
        paginator = KeyedPaginator(
            selectors.job_search(form.filters()), PAGE_SIZE, most=selectors.MOST
        )
        if not 1 <= o["page"] <= paginator.num_pages:
            raise CommandError(f"page: there are {paginator.num_pages} pages.")
        page = paginator.page(o["page"])
        console = Console(file=self.stdout, width=160, markup=False, highlight=False)
        console.print(
            f"{'More than ' if paginator.more else ''}{paginator.count} "
            f"open call{'s' * (paginator.count != 1)}; "
            f"page {page.number} of {paginator.num_pages}"
        )
        table = Table("#", "call", "position", "where", "pay", "hiring")
        for p in page:
            tz = p.timezone_name
            where = f"{p.show.venue.name}, {p.show.venue.city}" if p.show_id else p.project.title
            table.add_row(
                str(p.pk),
                span(in_zone(p.call_start, tz), in_zone(p.call_end, tz)),
                f"{p.display_title} ({p.role.name}) × {p.headcount}",
                where,
                pay(p.pay_amount, p.currency, p.pay_unit),
                p.organisation.name,
            )
        console.print(table)
