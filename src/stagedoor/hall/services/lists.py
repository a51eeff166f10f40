"""Signing the list, recomputing and publishing it, a registrant's status, and the local's
posted rules (versioned, announced before they are in force)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from stagedoor.booking.models import BUSY_STATUSES, Booking
from stagedoor.core.text import day
from stagedoor.core.validation import Errors
from stagedoor.engine.hall import standing as eng
from stagedoor.industry.models import Organisation

from .. import selectors
from ..models import GROUP_NAMES, ListEntry, ListPublication, LogEntry, Registrant, RuleVersion
from ..rules import require_dispatcher, require_registrant
from .log import write

NOTICE_DAYS = 7  # a changed rule is posted at least this long before it is in force
PENALTY_KEYS = {
    "free_turndowns",
    "roll_off_at",
    "to_bottom",
    "pass_counts",
    "short_call_hours",
    "rejection_restores",
}
DISPATCH_KEYS = {"by_name_cap", "answer_minutes"}


@transaction.atomic
def list_sign(*, actor, registrant: Registrant, now=None, channel: str = "web") -> LogEntry:
    """Sign the out-of-work list: from now she is dispatched in her turn, at the bottom of
    her group on each of her lists."""
    require_registrant(actor, registrant, "sign the list")
    now = now or timezone.now()
    errors = Errors()
    registrant = Registrant.objects.select_for_update().get(pk=registrant.pk)
    if registrant.status == Registrant.Status.SUSPENDED:
        errors.add(
            "registrant",
            "You are suspended and cannot sign the list"
            + (f" ({registrant.get_appeal_display().lower()})." if registrant.appeal else "."),
        )
    state = selectors.standings(registrant.local).get(registrant.pk)
    if state is not None and state.on_list:
        errors.add(
            "registrant",
            "You are on the list already; signing again would send you to "
            "the bottom of your group.",
        )
    if not registrant.entries.exists():
        errors.add("registrant", "You are on none of the hall's lists yet; ask the dispatcher.")
    errors.raise_if_any()
    return write(
        registrant.local,
        LogEntry.Kind.SIGN,
        at=now,
        actor=actor,
        channel=channel,
        registrant=registrant,
    )


def _hours_last_year(worker_ids, now) -> dict[int, Decimal]:
    hours: dict[int, Decimal] = {}
    for b in Booking.objects.filter(
        worker_id__in=worker_ids,
        status__in=BUSY_STATUSES,
        position__call_start__gte=now - dt.timedelta(days=365),
        position__call_start__lt=now,
    ).select_related("position"):
        hours[b.worker_id] = hours.get(b.worker_id, Decimal(0)) + selectors.call_hours(b.position)
    return hours


@transaction.atomic
def lists_recompute(*, actor, local, now=None, channel: str = "web") -> ListPublication:
    """Place every registrant in a priority group by the placement rules in force (years,
    hours in the last year, the exam, acceptance over the last year) and publish the lists."""
    require_dispatcher(actor, local, "recompute the lists")
    now = now or timezone.now()
    rules = selectors.rules_in_force(local, now)
    errors = Errors()
    if rules is None or not rules.placement:
        errors.add("rules", "No placement rules are in force; post them first.")
    errors.raise_if_any()
    return _recompute(local, rules, actor=actor, now=now, channel=channel)


def lists_recompute_all(*, now=None) -> list[ListPublication]:
    """The scheduled recompute (Celery beat): every local with placement rules in force,
    each in its own transaction, recomputed and published by the system."""
    now = now or timezone.now()
    published = []
    for local in Organisation.objects.filter(kind="union_local").order_by("pk"):
        with transaction.atomic():
            rules = selectors.rules_in_force(local, now)
            if rules is not None and rules.placement:
                published.append(_recompute(local, rules, actor=None, now=now, channel="system"))
    return published


def _recompute(local, rules, *, actor, now, channel: str) -> ListPublication:
    registrants = list(Registrant.objects.filter(local=local).select_related("worker"))
    hours = _hours_last_year([r.worker_id for r in registrants], now)
    events = selectors.log_events(local)
    since = now - dt.timedelta(days=365)
    moved = 0
    published = []
    for reg in registrants:
        facts = eng.Facts(
            reg.pk,
            reg.years,
            hours.get(reg.worker_id, Decimal(0)),
            reg.exam_passed,
            eng.acceptance_rate(events, reg.pk, since),
        )
        group = eng.placement(facts, rules.placement)
        for entry in ListEntry.objects.filter(registrant=reg).select_related("classification"):
            if entry.group != group:
                moved += 1
                ListEntry.objects.filter(pk=entry.pk).update(group=group)
            published.append(
                {
                    "classification": entry.classification.name,
                    "registrant": reg.pk,
                    "name": reg.worker.display_name,
                    "group": GROUP_NAMES[group],
                }
            )
    publication = ListPublication.objects.create(
        local=local,
        rules=rules,
        published_at=now,
        entries=published,
        moved=moved,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    write(
        local,
        LogEntry.Kind.PUBLISH,
        at=now,
        actor=actor,
        channel=channel,
        reason=f"Lists recomputed under rules v{rules.number} and published; {moved} moved group.",
    )
    return publication


@transaction.atomic
def registrant_set_status(
    *,
    actor,
    registrant: Registrant,
    status: str,
    reason: str,
    probation_until=None,
    appeal: str = "",
    now=None,
    channel: str = "web",
) -> Registrant:
    require_dispatcher(actor, registrant.local, "change a registrant's status")
    errors = Errors()
    if status not in Registrant.Status.values:
        errors.add("status", "Choose active, probation or suspended.")
    if appeal not in Registrant.Appeal.values:
        errors.add("appeal", "Choose no appeal, pending, upheld or overturned.")
    if status == Registrant.Status.PROBATION and probation_until is None:
        errors.add("probation_until", "Say when the probation ends.")
    if not (reason or "").strip():
        errors.add("reason", "Say why; the registrant reads it in her record.")
    errors.raise_if_any()
    registrant.status, registrant.appeal = status, appeal
    registrant.probation_until = probation_until if status == Registrant.Status.PROBATION else None
    registrant.save(update_fields=["status", "appeal", "probation_until"])
    write(
        registrant.local,
        LogEntry.Kind.STATUS,
        at=now,
        actor=actor,
        channel=channel,
        registrant=registrant,
        reason=f"{registrant.get_status_display()}: {reason}",
    )
    return registrant


def _check_rules(errors: Errors, placement, penalties, dispatch) -> None:
    if (
        not isinstance(placement, list)
        or not placement
        or not all(isinstance(g, dict) and g.get("name") for g in placement)
    ):
        errors.add("placement", "List the priority groups, each with a name, e.g. A, B, C.")
    elif len(placement) > len(GROUP_NAMES):
        errors.add("placement", f"At most {len(GROUP_NAMES)} groups.")
    if not isinstance(penalties, dict) or set(penalties) - PENALTY_KEYS:
        errors.add("penalties", f"Known keys: {', '.join(sorted(PENALTY_KEYS))}.")
    else:
        for key in ("free_turndowns", "roll_off_at"):
            value = penalties.get(key, 1)
            if not isinstance(value, int) or value < 0:
                errors.add("penalties", f"{key.replace('_', ' ')} must be a whole number.")
    if not isinstance(dispatch, dict) or set(dispatch) - DISPATCH_KEYS:
        errors.add("dispatch", f"Known keys: {', '.join(sorted(DISPATCH_KEYS))}.")
    else:
        minutes = dispatch.get("answer_minutes", 120)
        if not isinstance(minutes, int) or not 15 <= minutes <= 1440:
            errors.add("dispatch", "The answer time is 15 to 1440 minutes.")
        cap = dispatch.get("by_name_cap", 1)
        if not isinstance(cap, int) or cap < 0:
            errors.add("dispatch", "The by-name cap is a whole number.")


@transaction.atomic
def rules_announce(
    *,
    actor,
    local,
    placement,
    penalties,
    dispatch,
    in_force_from: dt.datetime,
    summary: str = "",
    now=None,
    channel: str = "web",
) -> RuleVersion:
    """Post a new version of the local's rules. The first is in force when posted; a change
    must be announced at least a week before it is in force, and never backdated."""
    require_dispatcher(actor, local, "post the hall's rules")
    now = now or timezone.now()
    errors = Errors()
    _check_rules(errors, placement, penalties, dispatch)
    previous = RuleVersion.objects.filter(local=local).order_by("-number").first()
    if in_force_from is None or in_force_from.tzinfo is None:
        errors.add("in_force_from", "Give the moment the rules are in force, with its zone.")
    elif previous is None and in_force_from < now:
        errors.add("in_force_from", "Rules cannot be in force before they are posted.")
    elif previous is not None and in_force_from < now + dt.timedelta(days=NOTICE_DAYS):
        errors.add(
            "in_force_from",
            f"Announce a change at least {NOTICE_DAYS} days before it is "
            f"in force: {day((now + dt.timedelta(days=NOTICE_DAYS)).date())} "
            "at the earliest.",
        )
    errors.raise_if_any()
    version = RuleVersion.objects.create(
        local=local,
        number=(previous.number + 1) if previous else 1,
        announced_at=now,
        in_force_from=in_force_from,
        placement=placement,
        penalties=penalties,
        dispatch=dispatch,
        summary=summary[:2000],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    write(
        local,
        LogEntry.Kind.RULES,
        at=now,
        actor=actor,
        channel=channel,
        reason=f"Rules v{version.number} announced" + (f": {summary}" if summary else "."),
    )
    return version
