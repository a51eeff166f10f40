"""The events a worker said they will go to, in their calendar feed."""

from __future__ import annotations

import datetime as dt

from stagedoor.booking.calendars import Entry, absolute
from stagedoor.core.text import in_zone

from .models import IndustryEvent
from .selectors import place_words, when_words


def worker_event_entries(worker, now: dt.datetime) -> list[Entry]:
    rows = IndustryEvent.objects.filter(
        attendances__worker=worker, ends_at__gte=now - dt.timedelta(days=365)
    ).select_related("organisation")
    entries = []
    for e in rows:
        url = absolute(e.get_absolute_url())
        lines = [f"{e.get_kind_display()} · {when_words(e)}"]
        if e.organisation_id:
            lines.append(f"Organised by {e.organisation.name}")
        if e.url:
            lines.append(e.url)
        lines.append(url)
        entries.append(
            Entry(
                uid=f"event-{e.pk}-{worker.pk}@stagedoor",
                summary=f"{e.get_kind_display()}: {e.title}",
                location=place_words(e),
                geo=(e.latitude, e.longitude) if e.latitude is not None and not e.online else None,
                description="\n".join(lines),
                url=url,
                start=in_zone(e.starts_at, e.timezone),
                end=in_zone(e.ends_at, e.timezone),
                status="CONFIRMED",
                last_modified=e.updated_at,
            )
        )
    return entries
