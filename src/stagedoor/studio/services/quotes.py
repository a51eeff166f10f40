"""Quotes: the studio asks people to quote, people quote, the studio accepts one."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from stagedoor.booking.services.notify import notify, notify_many
from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors, check_choice, check_currency
from stagedoor.engine.studio import fit as engine
from stagedoor.gigs.models import StudioProject
from stagedoor.industry.rules import managers_of
from stagedoor.people.models import WorkerProfile

from .. import messages
from ..enums import QuoteStatus, Unit
from ..models import Brief, Milestone, Quote
from ..rules import may_quote, require_runs, worker_of
from ..selectors import engine_brief, songs_of
from .projects import MAX_REVISIONS, _amount, _whole

MAX_TURNAROUND_DAYS = 365


def _brief(errors: Errors, project: StudioProject) -> Brief | None:
    brief = Brief.objects.filter(project=project).select_related("project").first()
    if brief is None:
        errors.add("project", "This project has no deliverables to quote on.")
    return brief


@transaction.atomic
def quote_invite(*, actor, project: StudioProject, workers: list[WorkerProfile]) -> list[Quote]:
    """Ask named people to quote; someone already asked or quoting is left as they are."""
    require_runs(actor, project, "ask for quotes")
    lock_rows((StudioProject, [project.pk]))
    errors = Errors()
    _brief(errors, project)
    if not workers:
        errors.add("workers", "Choose at least one person to ask.")
    if Quote.objects.filter(project=project, status=QuoteStatus.ACCEPTED).exists():
        errors.add("project", "Someone is already hired for this project.")
    errors.raise_if_any()
    out = []
    for worker in workers:
        quote, _ = Quote.objects.get_or_create(
            project=project,
            worker=worker,
            defaults={"status": QuoteStatus.INVITED, "invited": True},
        )
        out.append(quote)
    return out


@transaction.atomic
def quote_submit(
    *,
    actor,
    project: StudioProject,
    price,
    unit: str,
    currency: str,
    turnaround_days,
    revisions_included,
    note: str = "",
) -> Quote:
    """The actor's quote (new, or replacing their earlier one while nobody is hired): a
    price per song, per project or per day, in a known currency, a turnaround in days
    and the revision rounds included."""
    worker = worker_of(actor)
    if worker is None:
        raise PermissionDenied("Only someone with a crew profile may quote.")
    lock_rows((StudioProject, [project.pk]))
    errors = Errors()
    brief = _brief(errors, project)
    errors.raise_if_any()
    if Quote.objects.filter(project=project, status=QuoteStatus.ACCEPTED).exists():
        errors.add("project", "Someone is already hired for this project.")
        errors.raise_if_any()
    if not may_quote(worker, brief):
        raise PermissionDenied("This project takes quotes only from the people it asked.")
    amount = _amount(errors, "price", price)
    if amount is not None and amount == 0:
        errors.add("price", "Give a price above zero.")
    check_choice(errors, "unit", unit, Unit.values)
    if unit == Unit.SONG and not songs_of(project):
        errors.add("unit", "This project has no songs to price by the song.")
    check_currency(errors, "currency", currency)
    days = _whole(errors, "turnaround_days", turnaround_days, 1, MAX_TURNAROUND_DAYS)
    rounds = _whole(errors, "revisions_included", revisions_included, 0, MAX_REVISIONS)
    errors.raise_if_any()
    before = Quote.objects.filter(project=project, worker=worker).values_list("status", flat=True)
    replaced = before.first() == QuoteStatus.SUBMITTED
    quote, _ = Quote.objects.update_or_create(
        project=project,
        worker=worker,
        defaults={
            "status": QuoteStatus.SUBMITTED,
            "price": amount,
            "unit": unit,
            "currency": currency,
            "turnaround_days": days,
            "revisions_included": rounds,
            "note": note,
            "submitted_at": timezone.now(),
        },
    )
    notify_many(
        managers_of(project.organisation), **messages.quote_arrived(quote, replaced=replaced)
    )
    return quote


def _split(total: Decimal, budgets: list[Decimal]) -> list[Decimal]:
    """The total shared in proportion to the budgets (evenly if there are none), to the
    cent, the last share taking what rounding leaves so the parts add up exactly."""
    weights = budgets if sum(budgets) > 0 else [Decimal(1)] * len(budgets)
    whole = sum(weights)
    parts = [(total * w / whole).quantize(Decimal("0.01"), ROUND_DOWN) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


@transaction.atomic
def quote_accept(*, actor, quote: Quote) -> Quote:
    """Hire the person: their quote is the engagement, the other quotes are not chosen,
    each deliverable gets the quote's revision rounds and its share of the price as a
    milestone paid on approval."""
    project = quote.project
    require_runs(actor, project, "accept quotes")
    lock_rows((StudioProject, [project.pk]), (Quote, [quote.pk]))
    quote.refresh_from_db()
    errors = Errors()
    brief = _brief(errors, project)
    if Quote.objects.filter(project=project, status=QuoteStatus.ACCEPTED).exists():
        errors.add("quote", "Someone is already hired for this project.")
    elif quote.status != QuoteStatus.SUBMITTED:
        errors.add("quote", "Only a quote with a price can be accepted.")
    errors.raise_if_any()
    facts = engine.Quote(
        key=str(quote.pk),
        price=quote.price,
        unit=quote.unit,
        currency=quote.currency,
        turnaround_days=quote.turnaround_days,
        revisions=quote.revisions_included,
        credits=0,
        genres=frozenset(),
        portfolio=0,
        in_progress=0,
    )
    total = engine.project_price(facts, engine_brief(brief))
    if total is None:
        errors.add("quote", "This quote cannot be priced for the project's deliverables.")
        errors.raise_if_any()
    now = timezone.now()
    Quote.objects.filter(project=project).exclude(pk=quote.pk).filter(
        status__in=[QuoteStatus.SUBMITTED, QuoteStatus.INVITED]
    ).update(status=QuoteStatus.NOT_CHOSEN, decided_at=now)
    quote.status = QuoteStatus.ACCEPTED
    quote.decided_at = now
    quote.save(update_fields=["status", "decided_at"])
    deliverables = list(project.studio_deliverables.all())
    shares = _split(total, [d.budget for d in deliverables])
    for deliverable, share in zip(deliverables, shares, strict=True):
        deliverable.revisions_included = quote.revisions_included
        deliverable.save(update_fields=["revisions_included"])
        Milestone.objects.create(
            quote=quote,
            deliverable=deliverable,
            amount=share,
            currency=quote.currency,
            due_on=deliverable.due_on,
        )
    notify(
        quote.worker.user,
        **messages.quote_accepted(quote, total=total, deliverables=deliverables),
    )
    return quote
