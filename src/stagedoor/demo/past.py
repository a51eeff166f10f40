"""The demo's past week: shows already played, with crew calls worked in every state.

Without it every call lies ahead and approving timesheets, verified credits and ratings
cannot be tried. The booking services refuse calls that have started, so the bookings
themselves are saved as rows (with the history the services would have written); every
step after the booking goes through the real services with a `now` in the past where
the services take one: recording, submitting, disputing and approving times, ratings,
no-shows, and cancellations through the same helper the cancel service uses.

The week is the seven days before today in each venue's zone, fixed at the first run
(`demo_past_week`), so a second run, even days later, adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from stagedoor.booking.models import Booking, PositionEvent
from stagedoor.booking.services.bookings import booking_mark_no_show, mark_cancelled
from stagedoor.booking.services.events import log_event
from stagedoor.booking.timesheets.services import (
    booking_rate,
    timesheet_approve,
    timesheet_dispute,
    timesheet_record,
    timesheet_submit,
)
from stagedoor.core.models import SiteSetting
from stagedoor.core.places import find_place
from stagedoor.core.text import display_name
from stagedoor.gigs.models import Position, Show
from stagedoor.industry.models import Organisation
from stagedoor.people.models import WorkerProfile

from . import cast
from .common import SEED, Catalog
from .shows import ShowPlan, _crew_call, save_show

SETTING = "demo_past_week"

# (days before today, venue, organisation, artist, the login that answers for it)
SHOWS = [
    (7, "riverside-ballroom-chicago", "northern-lights-presents", "Ivy Marrow", "pat.promoter"),
    (6, "riverside-ballroom-chicago", "riverside-venues", "Delta Nine", "vera.venue"),
    (5, "cumberland-hall-nashville", "northern-lights-presents", "Ruby Alcott", "pat.promoter"),
    (4, "the-foundry-austin", "sightline-production", "Hugo Marsh", "parker.production"),
    (3, "kings-yard-hall-london", "harbour-and-vine-live", "Solenne", "pat.promoter"),
    (2, "riverside-ballroom-chicago", "riverside-venues", "Lumen Drive", "vera.venue"),
]

# Will's past calls: (days before today, role, state). Chicago-based, he travels for audio.
WILL = [
    (7, "audio-tech", "unrecorded"),
    (6, "audio-tech", "rated-5"),
    (5, "audio-tech", "submitted"),
    (5, "stagehand", "worker-cancelled"),
    (4, "audio-tech", "disputed-by-worker"),
    (2, "audio-tech", "recorded"),
]

# What happened to the rest of each show's crew, in turn; every manager gets sheets to
# approve and a worker's dispute to answer, and the ratings run through 1 to 5.
CREW_STATES = [
    "submitted",
    "rated",
    "disputed-by-worker",
    "submitted",
    "approved",
    "recorded",
    "no-show",
    "rated",
    "late-cancelled",
    "disputed-by-manager",
    "unrecorded",
    "worker-cancelled",
]
CREW_PER_SHOW = len(CREW_STATES)

WORKER_DISPUTE = "I stayed an hour past the end to strike the PA; check-out was later."
MANAGER_DISPUTE = "The load-out finished at 01:45 by the dock log, not the time recorded."
RATING_NOTES = {
    1: "Left the load-out before the truck was packed.",
    2: "Late back from the meal break twice.",
    3: "Did the job asked.",
    4: "Quick and tidy on the patch.",
    5: "Ran the stage patch without a hitch; book again.",
}


@dataclass
class Done:
    shows: int = 0
    bookings: int = 0


def _show_plans(catalog: Catalog, today_in) -> list[tuple[ShowPlan, str]]:
    rng = random.Random(SEED + 7)
    venues = {v[0]: v for v in cast.VENUES}
    currency_of = {c[0]: c[2] for c in cast.CITIES}
    plans = []
    for days, venue_slug, org, artist, login in SHOWS:
        row = venues[venue_slug]
        tz = zoneinfo.ZoneInfo(find_place(row[3]).timezone)
        date = today_in(tz) - dt.timedelta(days=days)
        plan = ShowPlan(
            slug=slugify(f"{artist} {row[3].split(',')[0]} {date.isoformat()}")[:80],
            organisation=org,
            venue=venue_slug,
            artist=artist,
            title="",
            date=date,
            doors=dt.datetime.combine(date, dt.time(19, 0), tzinfo=tz),
            show=dt.datetime.combine(date, dt.time(20, 0), tzinfo=tz),
            curfew=dt.datetime.combine(date, dt.time(23, 0), tzinfo=tz),
            status="published",
            tour_order=None,
            positions=_crew_call(catalog, rng, row, date, tz, currency_of[row[3]], False),
        )
        plans.append((plan, login))
    return plans


def _backdate(booking: Booking, when: dt.datetime) -> None:
    Booking.objects.filter(pk=booking.pk).update(created_at=when)
    PositionEvent.objects.filter(
        position_id=booking.position_id, worker_id=booking.worker_id, kind="accepted"
    ).update(at=when)


def _book(position: Position, worker: WorkerProfile) -> Booking:
    """The booking as `offer_accept` would have saved it, a week or so before the call."""
    booking = Booking.objects.create(position=position, worker=worker)
    log_event(
        position,
        PositionEvent.Kind.ACCEPTED,
        f"{worker.display_name} accepted; booked.",
        actor=worker.user,
        worker=worker,
    )
    _backdate(booking, position.call_start - dt.timedelta(days=8))
    return booking


def _times(position: Position, n: int):
    """Check-in a few minutes either side of the call, out a little after, a meal break."""
    check_in = position.call_start + dt.timedelta(minutes=(n % 3 - 1) * 7)
    check_out = position.call_end + dt.timedelta(minutes=5 + (n % 4) * 10)
    breaks = []
    if position.call_end - position.call_start >= dt.timedelta(hours=6):
        meal = position.call_start + dt.timedelta(hours=4)
        breaks.append((meal, meal + dt.timedelta(minutes=30)))
    return check_in, check_out, breaks


def _work(booking: Booking, state: str, manager, n: int, now: dt.datetime) -> None:
    """Take one booking through the services to `state`."""
    position = booking.position
    worker = booking.worker.user
    if state == "unrecorded":
        return
    if state == "no-show":
        booking_mark_no_show(
            actor=manager, booking=booking, now=position.call_start + dt.timedelta(hours=1)
        )
        return
    if state in ("late-cancelled", "worker-cancelled"):
        by_worker = state == "worker-cancelled"
        when = position.call_start - (dt.timedelta(days=4) if by_worker else dt.timedelta(hours=3))
        reason = (
            "Picked up a tour date that week."
            if by_worker
            else "The support act pulled out; we need fewer hands."
        )
        actor = worker if by_worker else manager
        mark_cancelled(booking, actor=actor, reason=reason, now=when, by_worker=by_worker)
        late = " (late cancellation)" if booking.late_cancellation else ""
        who = booking.worker.display_name if by_worker else display_name(manager)
        event = log_event(
            position,
            PositionEvent.Kind.CANCELLED,
            f"{who} cancelled {booking.worker.display_name}'s booking{late}: {reason}",
            actor=actor,
            worker=booking.worker,
        )
        PositionEvent.objects.filter(pk=event.pk).update(at=when)
        return
    check_in, check_out, breaks = _times(position, n)
    # The crew chief keeps the sheet a worker then disputes; the worker keeps the others.
    keeper = manager if state == "disputed-by-worker" else worker
    sheet = timesheet_record(
        actor=keeper, booking=booking, check_in=check_in, check_out=check_out, breaks=breaks,
        now=now,
    )  # fmt: skip
    if state == "recorded":
        return
    if state == "disputed-by-worker":
        timesheet_dispute(actor=worker, timesheet=sheet, note=WORKER_DISPUTE)
        return
    sheet = timesheet_submit(actor=worker, timesheet=sheet, now=now)
    if state == "submitted":
        return
    if state == "disputed-by-manager":
        timesheet_dispute(actor=manager, timesheet=sheet, note=MANAGER_DISPUTE)
        return
    approved = min(now, position.call_end + dt.timedelta(hours=20))
    timesheet_approve(actor=manager, timesheet=sheet, now=approved)
    if state.startswith("rated"):
        rating = int(state.split("-")[1]) if "-" in state else n % 5 + 1
        booking.refresh_from_db()
        booking_rate(actor=manager, booking=booking, rating=rating, note=RATING_NOTES[rating])


def _crew(position: Position, taken: set[int], city: str) -> WorkerProfile | None:
    """A worker with the role, from the venue's city when there is one; each once a week."""
    pool = (
        WorkerProfile.objects.filter(roles__role=position.role, user__isnull=False)
        .exclude(pk__in=taken)
        .exclude(user__username="will.worker")
        .select_related("user")
        .order_by("user__username")
        .distinct()
    )
    worker = pool.filter(home_city=city).first() or pool.first()
    if worker is not None:
        taken.add(worker.pk)
    return worker


def _positions(show: Show) -> list[Position]:
    # In call order; the crew fill the calls other than Will's role, one each, in turn.
    return list(show.positions.select_related("role").order_by("call_start", "role__slug", "pk"))


def save_past_week(catalog: Catalog, orgs: dict[str, Organisation]) -> Done:
    """Save the past week once; later runs find the setting and change nothing."""
    done = Done()
    if SiteSetting.objects.filter(key=SETTING).exists():
        return done
    now = timezone.now()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[row[0] for row in cast.LOGINS])
    }
    will = WorkerProfile.objects.select_related("user").get(user__username="will.worker")
    with transaction.atomic():
        SiteSetting.objects.create(key=SETTING, value=now.date().isoformat())
        plans = _show_plans(catalog, lambda tz: now.astimezone(tz).date())
        taken: set[int] = {will.pk}
        rating = 0
        for (plan, login), (days, *_rest) in zip(plans, SHOWS, strict=True):
            if not save_show(plan, catalog, orgs, None):
                continue
            done.shows += 1
            show = Show.objects.select_related("venue").get(slug=plan.slug)
            manager = users[login]
            positions = _positions(show)
            for when, role, state in WILL:
                if when != days:
                    continue
                position = next(p for p in positions if p.role.slug == role and will_fits(p, role))
                _work(_book(position, will), state, manager, 0, now)
                done.bookings += 1
            filled = 0
            for n, position in enumerate(p for p in positions if p.role.slug != "audio-tech"):
                if filled >= CREW_PER_SHOW:
                    break
                worker = _crew(position, taken, show.venue.city)
                if worker is None:
                    continue
                state = CREW_STATES[filled]
                if state == "rated":
                    rating += 1
                    state = f"rated-{(rating - 1) % 5 + 1}"
                _work(_book(position, worker), state, manager, n, now)
                filled += 1
                done.bookings += 1
    return done


def will_fits(position: Position, role: str) -> bool:
    """Will's stagehand call is the load-out (the load-in overlaps his audio call)."""
    return role != "stagehand" or position.title == "Load-out"
