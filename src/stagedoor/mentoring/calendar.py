"""Mentoring sessions in the crew's calendar feeds: each session of the worker's active
mentorships (as mentor or mentee) from a month back, at its time in the mentee's city's
zone, or across the day when no time was set."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

from django.db.models import Q
from django.urls import reverse

from stagedoor.booking.calendars import Entry, absolute
from stagedoor.core.places import find_place

from .enums import Status
from .models import MentorSession

LOOK_BACK = dt.timedelta(days=31)


@lru_cache(maxsize=256)
def city_zone(city: str, country: str) -> str:
    place = find_place(f"{city}, {country}" if country else city)
    return place.timezone if place else "UTC"


def session_span(session: MentorSession) -> tuple[dt.datetime, dt.datetime]:
    mentee = session.mentorship.mentee
    zone = zoneinfo.ZoneInfo(city_zone(mentee.home_city, mentee.country))
    if session.at is None:
        start = dt.datetime.combine(session.held_on, dt.time(), tzinfo=zone)
        return start, start + dt.timedelta(days=1)
    start = dt.datetime.combine(session.held_on, session.at, tzinfo=zone)
    return start, start + dt.timedelta(minutes=session.minutes)


def worker_session_entries(worker, now: dt.datetime) -> list[Entry]:
    sessions = (
        MentorSession.objects.filter(
            Q(mentorship__mentee=worker) | Q(mentorship__offer__worker=worker),
            mentorship__status=Status.ACTIVE,
            held_on__gte=(now - LOOK_BACK).date(),
        )
        .select_related("mentorship__mentee", "mentorship__offer__worker", "mentorship__target")
        .order_by("held_on", "pk")
    )
    page = absolute(reverse("mentoring:hub"))
    entries = []
    for s in sessions:
        m = s.mentorship
        mentor, mentee = m.offer.worker, m.mentee
        other = mentee if mentor.pk == worker.pk else mentor
        start, end = session_span(s)
        entries.append(
            Entry(
                uid=f"mentoring-session-{s.pk}@stagedoor",
                summary=f"Mentoring: {mentor.display_name} and {mentee.display_name}",
                location=other.home_city,
                geo=None,
                description=f"{s.covered} ({s.minutes} min), toward {m.target.name}\n{page}",
                url=page,
                start=start,
                end=end,
                status="CONFIRMED",
                last_modified=s.created_at,
            )
        )
    return entries
