"""Call requests in, offers out in list order: the dispatch run and its emergency override.

A run locks the requests' calls and every worker on their lists (positions, then workers,
the order every booking write takes), freezes the snapshot, plans it with
`engine.hall.dispatch.plan`, and sends each offer through booking's `send_offer`, which
checks the seat count and the worker's calendar against the locked rows: two dispatchers
and the registrants' accepts racing can never over-fill a call or double-book anyone.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from stagedoor.booking.services.checks import MIN_OFFER_MINUTES
from stagedoor.booking.services.offers import send_offer
from stagedoor.core.http import absolute_url
from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors
from stagedoor.engine.hall import dispatch as eng
from stagedoor.gigs.models import Position
from stagedoor.people.models import WorkerProfile

from .. import selectors, snapshot
from ..models import (
    GROUP_NAMES,
    CallRequest,
    Classification,
    DispatchRun,
    ListEntry,
    LogEntry,
    Registrant,
)
from ..rules import hall_of, require_dispatcher, require_requester
from .answers import answers_sync
from .log import write

SKIP_WORDS = {
    eng.OFF_LIST: "not on the list (rolled off, or not signed)",
    eng.SUSPENDED: "suspended",
    eng.DECLINED_TODAY: "unavailable (declined earlier today)",
    eng.UNAVAILABLE: "marked unavailable at that time",
    eng.BOOKED: "already booked or offered on an overlapping call",
    eng.TURNAROUND: "booked on a call inside the turnaround",
    eng.SPECIALTY: "lacks a specialty the call needs",
}


@transaction.atomic
def request_from_position(
    *,
    actor,
    position: Position,
    classification: Classification | None = None,
    by_name=(),
    needs=(),
    now=None,
    channel: str = "web",
) -> CallRequest:
    """Send an employer's union call to the hall whose jurisdiction covers its venue."""
    require_requester(actor, position)
    now = now or timezone.now()
    lock_rows((Position, [position.pk]))
    errors = Errors()
    local = hall_of(position)
    if not position.union_required:
        errors.add("position", "This call does not require the union; offer it directly.")
    if local is None:
        errors.add("position", "The venue is in no union local's jurisdiction.")
    if CallRequest.objects.filter(position=position).exists():
        errors.add("position", "This call was already sent to the hall.")
    if position.cancelled_at is not None or position.call_start <= now:
        errors.add("position", "The call is cancelled or has started.")
    errors.raise_if_any()
    if classification is None:
        classification = Classification.objects.filter(local=local, role=position.role).first()
        if classification is None:
            errors.add("classification", f"{local.name} dispatches no {position.role.name}.")
    elif classification.local_id != local.pk:
        errors.add("classification", f"{classification.name} is not one of {local.name}'s lists.")
    named = list(by_name)
    if classification is not None:
        on_list = set(
            ListEntry.objects.filter(classification=classification).values_list(
                "registrant_id", flat=True
            )
        )
        for registrant in named:
            if registrant.pk not in on_list:
                errors.add(
                    "by_name",
                    f"{registrant.worker.display_name} is not on the {classification.name} list.",
                )
        unknown = sorted(set(needs) - set(classification.specialties))
        if unknown:
            errors.add("needs", f"Not a specialty of {classification.name}: {', '.join(unknown)}.")
    if len(named) > position.headcount:
        errors.add("by_name", "More people by name than the call has seats.")
    errors.raise_if_any()
    request = CallRequest.objects.create(
        local=local,
        position=position,
        classification=classification,
        needs=sorted(set(needs)),
        requested_by=actor if getattr(actor, "pk", None) else None,
        requested_at=now,
    )
    request.by_name.set(named)
    names = ", ".join(r.worker.display_name for r in named)
    write(
        local,
        LogEntry.Kind.REQUEST,
        at=now,
        actor=actor,
        channel=channel,
        request=request,
        reason=f"{position.headcount} × {classification.name}"
        + (f"; by name: {names}" if names else ""),
    )
    return request


def _deadline(rules, position: Position, now: dt.datetime) -> dt.datetime:
    minutes = int((rules.dispatch or {}).get("answer_minutes", 120))
    return min(now + dt.timedelta(minutes=minutes), position.call_start)


@transaction.atomic
def dispatch_run(*, actor, local, request_ids=None, now=None, channel: str = "web") -> DispatchRun:
    """Offer the open requests' seats in the order the local's rules in force say, record
    every skip ahead of the last person offered, and name the rule version used."""
    require_dispatcher(actor, local, "dispatch")
    now = now or timezone.now()
    errors = Errors()
    rules = selectors.rules_in_force(local, now)
    if rules is None:
        errors.add("rules", f"{local.name} has no dispatch rules in force; post them first.")
    errors.raise_if_any()
    answers_sync(local=local, now=now)
    soon = now + dt.timedelta(minutes=MIN_OFFER_MINUTES)
    requests = [r for r in selectors.open_requests(local, now) if r.position.call_start > soon]
    if request_ids is not None:
        wanted = set(request_ids)
        requests = [r for r in requests if r.pk in wanted]
    workers = ListEntry.objects.filter(
        classification__in={r.classification_id for r in requests}
    ).values_list("registrant__worker_id", flat=True)
    lock_rows((Position, [r.position_id for r in requests]), (WorkerProfile, list(workers)))
    entries, eng_requests, eng_rules = snapshot.build(local, requests, now)
    plan = eng.plan(entries, eng_requests, eng_rules)
    run = DispatchRun.objects.create(
        local=local,
        rules=rules,
        at=now,
        by=actor if getattr(actor, "pk", None) else None,
        channel=channel,
        snapshot=snapshot.as_json(entries, eng_requests, eng_rules),
        offers=len(plan.offers),
        skips=len(plan.skips),
    )
    by_request = {r.pk: r for r in requests}
    registrants = {
        r.pk: r
        for r in Registrant.objects.filter(pk__in={e.registrant for e in entries}).select_related(
            "worker__user"
        )
    }
    entry_of = {(e.registrant, e.classification): e for e in entries}
    for skip in plan.skips:
        request = by_request[skip.request]
        words = SKIP_WORDS[skip.reason]
        if skip.reason == eng.SPECIALTY:
            words += ": " + ", ".join(request.needs)
        write(
            local,
            LogEntry.Kind.SKIP,
            at=now,
            actor=actor,
            channel=channel,
            run=run,
            request=request,
            registrant=registrants[skip.registrant],
            reason=f"Skipped: {words}.",
        )
    for planned in plan.offers:
        request = by_request[planned.request]
        registrant = registrants[planned.registrant]
        position = request.position
        deadline = _deadline(rules, position, now)
        entry = entry_of[(planned.registrant, request.classification_id)]
        why = (
            "Requested by name"
            if planned.why == eng.BY_NAME
            else f"List order, group {GROUP_NAMES[entry.group]}"
        )
        offer = send_offer(
            actor=actor,
            position=position,
            worker=registrant.worker,
            expires_at=deadline,
            message=f"Dispatched by {local.name} ({why.lower()}). Accept, pass or decline on your "
            f"hiring hall page by the deadline: {absolute_url(reverse('hall:me'))}",
            now=now,
        )
        write(
            local,
            LogEntry.Kind.OFFER,
            at=now,
            actor=actor,
            channel=channel,
            run=run,
            request=request,
            registrant=registrant,
            offer=offer,
            deadline=deadline,
            hours=selectors.call_hours(position),
            reason=f"{why}; rules v{rules.number}.",
        )
    return run


@transaction.atomic
def dispatch_emergency(
    *,
    actor,
    request: CallRequest,
    registrant: Registrant,
    reason: str,
    now=None,
    channel: str = "web",
):
    """Offer the call to one registrant outside list order, with the reason on the record."""
    local = request.local
    require_dispatcher(actor, local, "dispatch outside list order")
    now = now or timezone.now()
    errors = Errors()
    reason = (reason or "").strip()
    if len(reason) < 10:
        errors.add("reason", "Say why the list order is set aside (at least 10 characters).")
    if len(reason) > 280:
        errors.add("reason", "At most 280 characters.")
    if registrant.local_id != local.pk:
        errors.add("registrant", f"{registrant.worker.display_name} is not registered here.")
    errors.raise_if_any()
    rules = selectors.rules_in_force(local, now)
    position = request.position
    deadline = _deadline(rules, position, now) if rules else None
    offer = send_offer(
        actor=actor,
        position=position,
        worker=registrant.worker,
        expires_at=deadline,
        message=f"Emergency dispatch by {local.name}: {reason}",
        now=now,
    )
    write(
        local,
        LogEntry.Kind.EMERGENCY,
        at=now,
        actor=actor,
        channel=channel,
        request=request,
        registrant=registrant,
        offer=offer,
        deadline=offer.expires_at,
        hours=selectors.call_hours(position),
        reason=f"Outside list order: {reason}",
    )
    return offer
