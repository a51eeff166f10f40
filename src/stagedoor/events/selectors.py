"""Reading events: what is coming near someone (or worth the trip), one worker's list, and
the "Events on your path" section of the career plan and "Start here"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from stagedoor.careers.pathways import Link, PathContext, Section
from stagedoor.core.nearby import distance_km, distance_words, path_roles, within
from stagedoor.core.text import day, in_zone, span

from .models import Attendance, IndustryEvent

PLAN_LIMIT = 5


def upcoming(now: dt.datetime) -> QuerySet[IndustryEvent]:
    return (
        IndustryEvent.objects.filter(ends_at__gte=now)
        .select_related("organisation")
        .annotate(going=Count("attendances"))
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class Found:
    event: IndustryEvent
    km: float | None

    @property
    def distance(self) -> str:
        return distance_words(self.km, self.event.online)


def event_list(
    *,
    now: dt.datetime,
    spot=None,
    kind: str | None = None,
    roles: tuple[str, ...] | list[str] = (),
    national_too: bool = True,
) -> list[Found]:
    """Upcoming events, soonest first: near `spot` (within its radius), online, or, with
    `national_too`, the big ones worth travelling to from anywhere."""
    rows = upcoming(now)
    if kind:
        rows = rows.filter(kind=kind)
    if roles:
        rows = rows.filter(Q(roles__slug__in=roles) | Q(roles__isnull=True)).distinct()
    found = []
    for row in rows:
        km = None if row.online else distance_km(spot, row.latitude, row.longitude)
        if spot is None or within(spot, km, row.online) or (national_too and row.national):
            found.append(Found(row, km))
    return found


def when_words(event: IndustryEvent) -> str:
    """'Sat 12 Dec 18:00-21:00 CST', or 'Tue 12 Jan - Thu 14 Jan' (en dashes) for a show
    lasting several days."""
    start, end = in_zone(event.starts_at, event.timezone), in_zone(event.ends_at, event.timezone)
    if (end - start) >= dt.timedelta(hours=20):
        last = (end - dt.timedelta(seconds=1)).date()
        return (
            day(start.date()) if last == start.date() else f"{day(start.date())} \u2013 {day(last)}"
        )
    return span(start, end)


def place_words(event: IndustryEvent) -> str:
    if event.online:
        return "Online"
    return ", ".join(p for p in (event.venue_name, event.city) if p)


def link_for(found: Found, going: bool = False) -> Link:
    e = found.event
    where = place_words(e)
    if found.km is not None:
        where = f"{where}, {found.distance}"
    return Link(
        text=f"{e.title} \u2014 {when_words(e)}, {where}",
        url=e.get_absolute_url(),
        detail=e.topics,
        when=e.starts_at,
        distance_km=found.km,
        online=e.online,
        tag="You're going" if going else e.get_kind_display(),
    )


def _section(context: PathContext, roles: tuple[str, ...]) -> Section | None:
    now = dt.datetime.combine(context.today, dt.time(), tzinfo=dt.UTC)
    # The reader's own events first, wherever they are; then the rest, each once.
    yours = [] if context.worker is None else list(events_of(context.worker, now))
    mine = {e.pk for e in yours}
    links = [
        link_for(
            Found(e, None if e.online else distance_km(context.place, e.latitude, e.longitude)),
            going=True,
        )
        for e in yours
    ]
    links += [
        link_for(f)
        for f in event_list(now=now, spot=context.place, roles=roles)
        if f.event.pk not in mine
    ]
    links = links[: max(PLAN_LIMIT, len(yours))]
    near = f" near {context.place.label}" if context.place else ""
    return Section(
        key="events",
        title="Events on your path",
        intro=(
            f"Meet the people who hire: meet-ups{near}, and the conferences and trade shows "
            "worth the trip."
        ),
        links=tuple(links),
        empty=f"No industry events{near} coming up on this path.",
        more_url=reverse("events:list"),
        more_text="All events",
        order=40,
    )


def plan_section(context: PathContext) -> Section | None:
    return _section(context, path_roles(context))


# "Start here" lists the same, for its start roles (path_roles tells the two apart).
start_section = plan_section


def going(worker, event: IndustryEvent) -> bool:
    return worker is not None and Attendance.objects.filter(worker=worker, event=event).exists()


def events_of(worker, now: dt.datetime) -> QuerySet[IndustryEvent]:
    return upcoming(now).filter(attendances__worker=worker)
