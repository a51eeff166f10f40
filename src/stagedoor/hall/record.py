"""A registrant's record: why she was passed over on each call, and every log line about her,
for her page and the export she is entitled to."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stagedoor.core.text import display_name, moment
from stagedoor.engine.hall.dispatch import ahead_available
from stagedoor.gigs.labels import call_label

from . import selectors, snapshot
from .models import CallRequest, LogEntry, Registrant

OFFERS = (LogEntry.Kind.OFFER, LogEntry.Kind.EMERGENCY)


def _people(n: int) -> str:
    return "1 person ahead of you was" if n == 1 else f"{n} people ahead of you were"


def passed_over(registrant: Registrant, days: int = 30) -> list[dict]:
    """Each dispatched call on her lists that she was not offered, with the reason in words:
    "List order: 14 people ahead of you were available." """
    since = timezone.now() - dt.timedelta(days=days)
    classes = list(registrant.entries.values_list("classification_id", flat=True))
    requests = (
        CallRequest.objects.filter(
            classification__in=classes, log__kind=LogEntry.Kind.OFFER, log__at__gte=since
        )
        .distinct()
        .select_related("position__show__venue", "position__role", "position__project")
    )
    out = []
    for req in requests:
        log = list(req.log.all())
        if any(e.registrant_id == registrant.pk and e.kind in OFFERS for e in log):
            continue
        skip = next(
            (e for e in log if e.registrant_id == registrant.pk and e.kind == LogEntry.Kind.SKIP),
            None,
        )
        if skip is not None:
            out.append({"request": req, "text": skip.reason})
            continue
        runs = [e.run for e in log if e.kind == LogEntry.Kind.OFFER and e.run_id]
        entries, _, _ = snapshot.from_json(runs[-1].snapshot) if runs else ([], [], None)
        if not any(e.registrant == registrant.pk for e in entries):
            out.append(
                {"request": req, "text": "You were not on this list when it was dispatched."}
            )
            continue
        offered = [e.registrant_id for e in log if e.kind in OFFERS]
        ahead = ahead_available(entries, req.classification_id, registrant.pk, offered)
        named = sum(
            1
            for e in log
            if e.kind == LogEntry.Kind.OFFER and e.reason.startswith("Requested by name")
        )
        text = f"List order: {_people(ahead)} available."
        if named:
            text += f" {named} seat{'s' if named > 1 else ''} went by name."
        out.append({"request": req, "text": text})
    return out


def record_rows(registrant: Registrant) -> list[dict]:
    """Every log line about her, in words, oldest first."""
    rows = []
    for entry in selectors.history(registrant):
        position = entry.request.position if entry.request_id else None
        zone = position.timezone_name if position else "UTC"
        rows.append(
            {
                "when": entry.at.isoformat(),
                "when_local": moment(entry.at, zone),
                "what": entry.get_kind_display(),
                "call": call_label(position) if position else "",
                "answer_by": moment(entry.deadline, zone) if entry.deadline else "",
                "channel": entry.channel,
                "by": display_name(entry.actor) if entry.actor_id else "",
                "reason": entry.reason,
            }
        )
    return rows
