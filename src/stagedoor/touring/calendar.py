"""The itinerary as calendar events: each travel leg and each hotel stay as its own event,
in the touring crew's feeds and in the tour's iCalendar export."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from stagedoor.booking.calendars import Entry, absolute, to_ical
from stagedoor.booking.models import BUSY_STATUSES
from stagedoor.core.text import in_zone, moment

from .models import TourDay, TourEngagement
from .selectors import daysheet_path, itinerary

HOTEL_NIGHT = dt.timedelta(hours=16)  # check-in to the usual check-out next morning


def day_entries(days) -> list[Entry]:
    entries = []
    for day in days:
        sheet = absolute(daysheet_path(day.tour, day.date))
        zone = zoneinfo.ZoneInfo(day.timezone)
        for leg in day.legs.all():
            lines = [
                f"Leaves {leg.depart_place} {moment(leg.depart_at, leg.depart_zone)}",
                f"Arrives {leg.arrive_place} {moment(leg.arrive_at, leg.arrive_zone)}",
            ]
            if leg.carrier or leg.reference:
                lines.append(" ".join(p for p in (leg.carrier, leg.reference) if p))
            lines.append(f"Day sheet: {sheet}")
            entries.append(
                Entry(
                    uid=f"tour-leg-{leg.pk}@stagedoor",
                    summary=f"{leg.get_mode_display()}: {leg.depart_place} to {leg.arrive_place}",
                    location=leg.depart_place,
                    geo=None,
                    description="\n".join(lines),
                    url=sheet,
                    start=in_zone(leg.depart_at, leg.depart_zone),
                    end=in_zone(leg.arrive_at, leg.arrive_zone),
                    status="CONFIRMED",
                    last_modified=day.updated_at,
                )
            )
        if day.hotel_name:
            start = (
                in_zone(day.hotel_check_in, day.timezone)
                if day.hotel_check_in
                else dt.datetime.combine(day.date, dt.time(15), tzinfo=zone)
            )
            lines = [day.hotel_address]
            if day.hotel_confirmation:
                lines.append(f"Confirmation {day.hotel_confirmation}")
            lines.append(f"Day sheet: {sheet}")
            entries.append(
                Entry(
                    uid=f"tour-hotel-{day.pk}@stagedoor",
                    summary=f"Hotel: {day.hotel_name}",
                    location=day.hotel_address,
                    geo=None,
                    description="\n".join(line for line in lines if line),
                    url=sheet,
                    start=start,
                    end=start + HOTEL_NIGHT,
                    status="CONFIRMED",
                    last_modified=day.updated_at,
                )
            )
        entries.append(
            Entry(
                uid=f"tour-day-{day.pk}@stagedoor",
                summary=f"{day.tour.artist}: {day.get_kind_display()} in {day.city}",
                location=day.city,
                geo=None,
                description=(day.notes + "\n" if day.notes else "") + f"Day sheet: {sheet}",
                url=sheet,
                start=dt.datetime.combine(day.date, dt.time(), tzinfo=zone),
                end=dt.datetime.combine(day.date + dt.timedelta(days=1), dt.time(), tzinfo=zone),
                status="CONFIRMED",
                last_modified=day.updated_at,
            )
        )
    return entries


def worker_tour_entries(worker, now) -> list[Entry]:
    """The itinerary days, legs and hotels of the engagements the worker is booked on."""
    engaged = TourEngagement.objects.filter(
        worker=worker,
        position__bookings__worker=worker,
        position__bookings__status__in=BUSY_STATUSES,
    ).distinct()
    entries = []
    for engagement in engaged:
        days = (
            TourDay.objects.filter(
                tour_id=engagement.tour_id,
                date__gte=engagement.first_day,
                date__lte=engagement.last_day,
            )
            .select_related("tour")
            .prefetch_related("legs")
        )
        entries += day_entries(days)
    return entries


def tour_ical(tour) -> bytes:
    return to_ical(f"{tour.artist}: {tour.name}", day_entries(itinerary(tour)))
