"""A place someone was given is in their calendar feed: one all-day span, start to end."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from stagedoor.booking.calendars import Entry, absolute

from .enums import TAKING_A_PLACE
from .models import Application
from .selectors import dates_words, pay_words, place_words


def worker_opening_entries(worker, now: dt.datetime) -> list[Entry]:
    rows = Application.objects.filter(
        worker=worker,
        status__in=TAKING_A_PLACE,
        opportunity__ends_on__gte=(now - dt.timedelta(days=365)).date(),
    ).select_related("opportunity__organisation", "opportunity__venue")
    entries = []
    for row in rows:
        o = row.opportunity
        zone = zoneinfo.ZoneInfo(o.timezone)
        url = absolute(o.get_absolute_url())
        entries.append(
            Entry(
                uid=f"opening-{row.pk}@stagedoor",
                summary=f"{o.get_kind_display()}: {o.title}",
                location=place_words(o),
                geo=(o.latitude, o.longitude) if o.latitude is not None else None,
                description=f"{o.organisation.name} · {dates_words(o)} · {pay_words(o)}\n{url}",
                url=url,
                start=dt.datetime.combine(o.starts_on, dt.time(9), tzinfo=zone),
                end=dt.datetime.combine(o.ends_on, dt.time(18), tzinfo=zone),
                status="CONFIRMED",
                last_modified=o.updated_at,
            )
        )
    return entries
