"""Whose pay a person may see, for which days: the reads every pay page, the API and the
CLI call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from stagedoor.core.text import display_name
from stagedoor.core.validation import Errors, messages_of
from stagedoor.gigs.models import Show
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import require_manager
from stagedoor.people.models import WorkerProfile

from ..models import Booking, PayRulesChange
from . import rulebook
from .rules import of_orgs, require_show_pay_access, worker_pay_scope
from .summary import PaySummary, local_date, payable, summarise

MAX_PERIOD_DAYS = 366
# The services name their arguments; the page, the API and the CLI ask for `from` and `to`.
PERIOD_FIELDS = {"start_date": "from", "end_date": "to"}


def period_refusal(exc: ValidationError) -> ValidationError:
    """`exc` with the period's fields renamed as the faces ask for them."""
    renamed = {PERIOD_FIELDS.get(name, name): texts for name, texts in messages_of(exc).items()}
    return ValidationError(renamed)


def _check_period(start_date, end_date) -> None:
    errors = Errors()
    for name, value in (("start_date", start_date), ("end_date", end_date)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors.add(name, "Give a date (YYYY-MM-DD).")
    if not errors and end_date < start_date:
        errors.add("end_date", "The end date must not be before the start date.")
    elif not errors and (end_date - start_date).days >= MAX_PERIOD_DAYS:
        errors.add("end_date", f"At most {MAX_PERIOD_DAYS} days at a time.")
    errors.raise_if_any()


def _in_period(bookings: QuerySet[Booking], start_date: dt.date, end_date: dt.date):
    """Bookings whose call starts on a day of the period, read in the venue's time zone."""
    # A day's bounds differ by venue, so take a day more on each side and trim in Python.
    lower = dt.datetime.combine(start_date, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=1)
    upper = dt.datetime.combine(end_date, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=2)
    found = bookings.filter(position__call_start__gte=lower, position__call_start__lt=upper)
    return [b for b in found if start_date <= local_date(b) <= end_date]


def pay_for_worker(
    *, actor, worker: WorkerProfile, start_date: dt.date, end_date: dt.date
) -> PaySummary:
    """A worker's pay for calls on the days from `start_date` to `end_date` (venue time).

    The worker sees all of it; a manager sees only what their organisations owe them.
    """
    org_ids = worker_pay_scope(actor, worker)
    _check_period(start_date, end_date)
    bookings = payable().filter(worker=worker)
    if org_ids is not None:
        bookings = bookings.filter(of_orgs(org_ids))
    bookings = bookings.order_by("position__call_start", "pk")
    return summarise(_in_period(bookings, start_date, end_date))


def pay_for_show(*, actor, show: Show) -> PaySummary:
    """Pay for a show's crew: all of it for its organisation's managers, and only their
    own for the crew booked on it."""
    whole = require_show_pay_access(actor, show)
    bookings = payable().filter(position__show=show)
    if not whole:
        bookings = bookings.filter(worker__user_id=actor.pk)
    bookings = bookings.order_by("position__call_start", "position_id", "worker__display_name")
    return summarise(list(bookings))


def pay_for_organisation(
    *, actor, organisation: Organisation, start_date: dt.date, end_date: dt.date
) -> PaySummary:
    """Everything an organisation owes for calls in the period, worker by worker."""
    require_manager(actor, organisation, "see its payroll")
    _check_period(start_date, end_date)
    bookings = (
        payable()
        .filter(of_orgs({organisation.pk}))
        .order_by("worker__display_name", "worker_id", "position__call_start", "pk")
    )
    return summarise(_in_period(bookings, start_date, end_date))


# --- pay rules ------------------------------------------------------------------------------

VIA_WORDS = {
    "page": "on the pay rules page",
    "api": "through the API",
    "cli": "with a stagedoor command",
    "admin": "in the admin",
}


@dataclass(frozen=True)
class RulesChange:
    """One history row as people read it."""

    when: dt.datetime
    who: str
    via: str
    changes: tuple[str, ...]
    by: str  # the face: page, api, cli or admin
    before: dict
    after: dict


def pay_rules_of(*, actor, organisation: Organisation) -> tuple[dict, list[RulesChange]]:
    """The organisation's pay rules (a `rulebook` snapshot) and their history, newest
    first: for its managers only."""
    require_manager(actor, organisation, "see its pay rules")
    history = [
        RulesChange(
            when=row.changed_at,
            who=display_name(row.changed_by),
            via=VIA_WORDS.get(row.via, row.via),
            changes=tuple(rulebook.differences(row.before, row.after)),
            by=row.via,
            before=row.before,
            after=row.after,
        )
        for row in PayRulesChange.objects.filter(organisation=organisation).select_related(
            "changed_by__worker"
        )
    ]
    return rulebook.current(organisation), history
