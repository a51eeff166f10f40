"""The training sessions a worker signed up for, in their calendar feed."""

from __future__ import annotations

from stagedoor.booking.calendars import Entry, absolute
from stagedoor.core.text import in_zone

from .enums import EnrolmentStatus
from .models import Enrolment

SHOWN = (EnrolmentStatus.ENROLLED, EnrolmentStatus.CLAIMED, EnrolmentStatus.CONFIRMED)


def worker_training_entries(worker, now) -> list[Entry]:
    entries = []
    enrolments = Enrolment.objects.filter(worker=worker, status__in=SHOWN).select_related(
        "session__course__provider"
    )
    for enrolment in enrolments:
        session = enrolment.session
        course = session.course
        url = absolute(session.get_absolute_url())
        where = (
            "Online"
            if session.online
            else ", ".join(p for p in (session.address, session.city) if p)
        )
        entries.append(
            Entry(
                uid=f"training-session-{session.pk}-{enrolment.pk}@stagedoor",
                summary=f"Training: {course.title}",
                location=where,
                geo=None if session.online else (session.latitude, session.longitude),
                description=f"{course.title} with {course.provider.name}\n{where}\n{url}",
                url=url,
                start=in_zone(session.starts_at, session.timezone),
                end=in_zone(session.ends_at, session.timezone),
                status="CONFIRMED",
                last_modified=enrolment.created_at,
            )
        )
    return entries
