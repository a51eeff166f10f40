"""Holds, offers and bookings through the services: every rule, refusal and side effect."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from stagedoor.booking import selectors, services
from stagedoor.booking.models import Booking, Hold, Notification, Offer
from stagedoor.core.validation import messages_of
from stagedoor.matching import selectors as matching
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    UserFactory,
    crew,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

# "Now" for these tests: a week before the calls.
NOW = dt.datetime(YEAR, 11, 27, 12, 0, tzinfo=BERLIN)


def errors_of(info) -> dict[str, list[str]]:
    return messages_of(info.value)


@pytest.fixture
def world():
    world = show_world(
        org={"name": "Spree Kultur", "late_cancel_hours": 24, "turnaround_hours": 8},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn"},
    )
    manager = world["manager"]
    manager.first_name, manager.last_name = "Mia", "Manager"
    manager.save()
    world["position"] = PositionFactory(show=world["show"], headcount=1, title="Load-in")
    return world | crew()


def send(world, worker, position=None, **kw):
    return services.offer_send(
        actor=world["manager"],
        position=position or world["position"],
        worker=worker,
        now=kw.pop("now", NOW),
        **kw,
    )


def history(position) -> list[tuple[str, str]]:
    return list(position.events.order_by("at", "pk").values_list("kind", "message"))


# --- holds -------------------------------------------------------------------------------


def test_hold_ranks_follow_who_pencilled_the_date_first(world):
    other_org = OrganisationFactory(name="Other Promoter")
    rival = manager_of(other_org, username="rival")
    other_show = ShowFactory(organisation=other_org, venue=world["show"].venue)
    overlapping = PositionFactory(
        show=other_show,
        call_start=dt.datetime(YEAR, 12, 4, 12, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 18, 0, tzinfo=BERLIN),
    )
    first = services.hold_create(
        actor=rival, position=overlapping, worker=world["ada"], note="Pencil for Friday"
    )
    second = services.hold_create(
        actor=world["manager"], position=world["position"], worker=world["ada"]
    )
    assert (services.hold_rank(first), services.hold_rank(second)) == (1, 2)
    assert history(world["position"]) == [("held", "Ada held (2nd hold).")]

    services.hold_release(actor=rival, hold=first)
    second.refresh_from_db()
    assert services.hold_rank(second) == 1
    board = selectors.staffing_board(world["show"])
    assert [(h.worker.slug, rank) for h, rank in board.rows[0].holds] == [("ada", 1)]


def test_hold_refusals(world):
    services.hold_create(actor=world["manager"], position=world["position"], worker=world["ada"])
    with pytest.raises(ValidationError) as info:
        services.hold_create(
            actor=world["manager"], position=world["position"], worker=world["ada"]
        )
    assert errors_of(info) == {"worker": ["Ada is already held for this call."]}
    with pytest.raises(PermissionDenied):
        services.hold_create(
            actor=world["ada"].user, position=world["position"], worker=world["ben"]
        )
    assert Hold.objects.count() == 1


# --- offers ------------------------------------------------------------------------------


def test_offer_turns_the_hold_into_an_offer_and_tells_the_worker(world):
    services.hold_create(actor=world["manager"], position=world["position"], worker=world["ada"])
    offer = send(world, world["ada"], message="Bring gloves.")
    assert offer.status == "pending"
    # 48 hours by default.
    assert offer.expires_at == NOW + dt.timedelta(hours=48)
    assert list(Hold.objects.values_list("status", flat=True)) == ["offered"]
    note = Notification.objects.get(user=world["ada"].user)
    assert note.kind == "offer"
    assert note.subject == "Offer: Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"
    assert note.body == (
        "Spree Kultur offers you Load-in for Mara Quinn at Kraftwerk, call Fri 4 Dec 09:00 "
        "CET, €28.00 an hour. Answer by Sun 29 Nov 12:00 CET.\n\nBring gloves."
    )
    assert history(world["position"])[-1] == (
        "offered",
        "Mia Manager offered the call to Ada; answer by Sun 29 Nov 12:00 CET.",
    )


def test_offer_refusals_name_the_field(world):
    with pytest.raises(ValidationError) as info:
        send(world, world["ada"], expires_at=NOW - dt.timedelta(hours=1))
    assert errors_of(info) == {"expires_at": ["Give the worker at least 15 minutes to answer."]}
    with pytest.raises(ValidationError) as info:
        send(world, world["ada"], expires_at=dt.datetime(YEAR, 12, 5, tzinfo=BERLIN))
    assert errors_of(info) == {"expires_at": ["The offer must expire before the call starts."]}
    with pytest.raises(ValidationError) as info:
        send(world, world["ada"], expires_at=dt.datetime(YEAR, 12, 1, 9, 0))
    assert list(errors_of(info)) == ["expires_at"]
    send(world, world["ada"])
    with pytest.raises(ValidationError) as info:
        send(world, world["ada"])
    assert errors_of(info) == {"worker": ["Ada already has an offer for this call."]}
    assert Offer.objects.count() == 1


def test_accept_books_the_worker_and_is_accepted_once(world):
    offer = send(world, world["ada"])
    booking = services.offer_accept(actor=world["ada"].user, offer=offer, now=NOW)
    assert (booking.worker, booking.position, booking.offer) == (
        world["ada"],
        world["position"],
        offer,
    )
    offer.refresh_from_db()
    assert (offer.status, offer.responded_at) == ("accepted", NOW)
    with pytest.raises(ValidationError) as info:
        services.offer_accept(actor=world["ada"].user, offer=offer, now=NOW)
    assert errors_of(info) == {"offer": ["This offer was already accepted."]}
    assert Booking.objects.count() == 1
    kinds = sorted(Notification.objects.values_list("user__username", "kind"))
    assert kinds == [("ada", "confirmed"), ("ada", "offer"), ("manager", "confirmed")]


def test_only_the_worker_answers_their_offer(world):
    offer = send(world, world["ada"])
    for actor in (world["ben"].user, world["manager"], UserFactory(username="stranger")):
        with pytest.raises(PermissionDenied):
            services.offer_accept(actor=actor, offer=offer, now=NOW)
    assert Booking.objects.count() == 0


def test_accepting_an_expired_or_withdrawn_offer_is_refused(world):
    offer = send(world, world["ada"], expires_at=NOW + dt.timedelta(hours=2))
    with pytest.raises(ValidationError) as info:
        services.offer_accept(actor=world["ada"].user, offer=offer, now=NOW + dt.timedelta(hours=3))
    assert errors_of(info) == {"offer": ["This offer expired at Fri 27 Nov 14:00 CET."]}

    other = send(world, world["ben"])
    services.offer_withdraw(actor=world["manager"], offer=other, reason="Plans changed", now=NOW)
    with pytest.raises(ValidationError) as info:
        services.offer_accept(actor=world["ben"].user, offer=other, now=NOW)
    assert errors_of(info) == {"offer": ["This offer was withdrawn: Plans changed"]}
    assert Booking.objects.count() == 0
    assert Offer.objects.get(pk=offer.pk).status == "pending"


def test_the_first_to_accept_gets_the_seat_and_the_rest_are_closed(world):
    first, second = send(world, world["ada"]), send(world, world["ben"])
    services.offer_accept(actor=world["ada"].user, offer=first, now=NOW)
    second.refresh_from_db()
    assert (second.status, second.reason) == ("withdrawn", "Every seat of the call was filled.")
    with pytest.raises(ValidationError) as info:
        services.offer_accept(actor=world["ben"].user, offer=second, now=NOW)
    assert errors_of(info) == {
        "offer": ["This offer was withdrawn: Every seat of the call was filled."]
    }


def test_booking_past_headcount_is_refused(world):
    offer = send(world, world["ada"])
    BookingFactory(position=world["position"], worker=world["ben"])
    with pytest.raises(ValidationError) as info:
        services.offer_accept(actor=world["ada"].user, offer=offer, now=NOW)
    assert errors_of(info) == {"position": ["The only seat of this call is already booked."]}
    assert Booking.objects.filter(position=world["position"]).count() == 1
    assert Offer.objects.get(pk=offer.pk).status == "pending"


def test_overlap_and_turnaround_refused(world):
    evening = PositionFactory(
        show=world["show"],
        headcount=2,
        title="Show crew",
        call_start=dt.datetime(YEAR, 12, 4, 19, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 23, 0, tzinfo=BERLIN),
    )
    far_enough = PositionFactory(
        show=world["show"],
        headcount=2,
        title="Load-out",
        call_start=dt.datetime(YEAR, 12, 4, 22, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 5, 2, 0, tzinfo=BERLIN),
    )
    offer = send(world, world["ada"], position=evening)
    BookingFactory(position=world["position"], worker=world["ada"])  # 09:00-14:00
    with pytest.raises(ValidationError) as info:
        services.offer_accept(actor=world["ada"].user, offer=offer, now=NOW)
    assert errors_of(info) == {
        "worker": [
            "Ada is booked on Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET, which "
            "overlaps this call or leaves less than the 8 h turnaround."
        ]
    }
    # 14:00 + 8 h = 22:00: a call from 22:00 is exactly at the turnaround and allowed.
    late = send(world, world["ada"], position=far_enough)
    assert services.offer_accept(actor=world["ada"].user, offer=late, now=NOW).status == (
        "confirmed"
    )


def test_withdrawing_an_accepted_offer_is_refused(world):
    offer = send(world, world["ada"])
    services.offer_accept(actor=world["ada"].user, offer=offer, now=NOW)
    with pytest.raises(ValidationError) as info:
        services.offer_withdraw(actor=world["manager"], offer=offer, now=NOW)
    assert errors_of(info) == {
        "offer": ["This offer was already accepted; cancel the booking instead."]
    }


def test_matching_treats_the_accepted_booking_as_busy(world):
    overlapping = PositionFactory(
        show=world["show"],
        headcount=3,
        call_start=dt.datetime(YEAR, 12, 4, 10, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 12, 0, tzinfo=BERLIN),
    )
    before = [
        c.worker.slug for c in matching.candidates(actor=world["manager"], position=overlapping)
    ]
    assert before == ["ada", "ben", "cleo"]
    services.offer_accept(actor=world["ada"].user, offer=send(world, world["ada"]), now=NOW)
    after = [
        c.worker.slug for c in matching.candidates(actor=world["manager"], position=overlapping)
    ]
    assert after == ["ben", "cleo"]
    why = matching.why_not(actor=world["manager"], position=overlapping, worker=world["ada"])
    assert why.rules == ["booked on another call that overlaps or leaves less than the turnaround"]


# --- cancellations, expiry and backfill --------------------------------------------------


def test_worker_cancels_late_and_the_managers_hear_of_it(world):
    booking = services.offer_accept(
        actor=world["ada"].user, offer=send(world, world["ada"]), now=NOW
    )
    with pytest.raises(ValidationError) as info:
        services.booking_cancel(actor=world["ada"].user, booking=booking, reason="  ")
    assert errors_of(info) == {"reason": ["Say why the booking is cancelled."]}
    ten_hours_before = dt.datetime(YEAR, 12, 3, 23, 0, tzinfo=BERLIN)
    services.booking_cancel(
        actor=world["ada"].user, booking=booking, reason="Flu", now=ten_hours_before
    )
    booking.refresh_from_db()
    assert (
        booking.status,
        booking.late_cancellation,
        booking.cancelled_by_worker,
        booking.cancel_reason,
    ) == ("cancelled", True, True, "Flu")
    assert history(world["position"])[-1] == (
        "cancelled",
        "Ada cancelled Ada's booking (late cancellation): Flu",
    )
    assert Notification.objects.filter(user=world["manager"], kind="cancelled").count() == 1
    with pytest.raises(ValidationError) as info:
        services.booking_cancel(actor=world["manager"], booking=booking, reason="again")
    assert errors_of(info) == {
        "booking": ["Only a confirmed booking can be cancelled; this one is cancelled."]
    }


def test_manager_cancels_early_not_late(world):
    booking = services.offer_accept(
        actor=world["ada"].user, offer=send(world, world["ada"]), now=NOW
    )
    services.booking_cancel(actor=world["manager"], booking=booking, reason="Show moved", now=NOW)
    booking.refresh_from_db()
    assert (booking.late_cancellation, booking.cancelled_by_worker) == (False, False)
    assert Notification.objects.filter(user=world["ada"].user, kind="cancelled").count() == 1
    with pytest.raises(PermissionDenied):
        services.booking_cancel(actor=world["ben"].user, booking=booking, reason="x")


def test_expiry_reminds_expires_and_is_idempotent(world):
    offer = send(world, world["ada"], expires_at=NOW + dt.timedelta(hours=10))
    assert services.offers_expire(now=NOW).as_dict() == {
        "expired": 0,
        "reminded": 0,
        "backfilled": 0,
    }
    five_before = NOW + dt.timedelta(hours=5)
    assert services.offers_expire(now=five_before).reminded == 1
    assert services.offers_expire(now=five_before).reminded == 0
    later = NOW + dt.timedelta(hours=11)
    assert services.offers_expire(now=later).expired == 1
    assert services.offers_expire(now=later).expired == 0
    offer.refresh_from_db()
    assert offer.status == "expired"
    kinds = list(
        Notification.objects.filter(user=world["ada"].user)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["offer", "expiring", "offer"]


def test_backfill_offers_the_next_ranked_candidate(world, django_capture_on_commit_callbacks):
    position = world["position"]
    offer = send(world, world["ada"])
    with django_capture_on_commit_callbacks(execute=True):
        # Ada's pending offer covers the one seat: nothing to backfill yet.
        services.position_set_backfill(actor=world["manager"], position=position, on=True)
    assert Offer.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_decline(actor=world["ada"].user, offer=offer, reason="Away", now=NOW)
    pending = list(Offer.objects.filter(status="pending").values_list("worker__slug", "sent_by"))
    # Ben ranks above Cleo (more years in the role); auto offers have no sender.
    assert pending == [("ben", None)]
    kinds = [k for k, _ in history(position)]
    assert kinds == ["offered", "backfill", "declined", "offered"]
    assert history(position)[-1][1].startswith("Auto-backfill offered the call to Ben;")

    # The sweep does not send a second offer while Ben's is pending: idempotent.
    assert services.backfill_all() == {"positions": 0, "offers": 0}

    ben_offer = Offer.objects.get(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        # Backfill runs in a task, on the real clock: answer on the real clock too.
        services.offer_decline(actor=world["ben"].user, offer=ben_offer)
    assert list(Offer.objects.filter(status="pending").values_list("worker__slug", flat=True)) == [
        "cleo"
    ]
    cleo_offer = Offer.objects.get(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_decline(actor=world["cleo"].user, offer=cleo_offer)
    assert Offer.objects.filter(status="pending").count() == 0
    assert history(position)[-1] == (
        "backfill",
        "No eligible candidate left to offer the open seat to.",
    )


def test_backfill_after_a_cancellation(world, django_capture_on_commit_callbacks):
    world["position"].auto_backfill = True
    world["position"].save()
    booking = BookingFactory(position=world["position"], worker=world["ada"])
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(actor=world["manager"], booking=booking, reason="Moved", now=NOW)
    assert list(Offer.objects.values_list("worker__slug", "status")) == [("ben", "pending")]


def test_emails_go_out_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(world, world["ada"])
    assert [m.to for m in mail.outbox] == [["ada@example.test"]]
    assert mail.outbox[0].subject == (
        "Offer: Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"
    )
    assert mail.outbox[0].body.endswith("http://127.0.0.1:8000/me/inbox/")
    assert Notification.objects.get().emailed_at is not None


def test_crew_chief_is_named_on_a_live_booking(world):
    booking = BookingFactory(position=world["position"], worker=world["ada"])
    services.booking_set_crew_chief(actor=world["manager"], booking=booking)
    booking.refresh_from_db()
    assert booking.is_crew_chief is True
    assert history(world["position"]) == [("crew_chief", "Ada is now crew chief.")]


def test_cancelled_show_refuses_new_offers(world):
    world["show"].status = "cancelled"
    world["show"].save()
    with pytest.raises(ValidationError) as info:
        send(world, world["ada"])
    assert errors_of(info)["position"] == ["The show was cancelled."]


def test_cli_offers_expire(world):
    send(world, world["ada"], expires_at=NOW + dt.timedelta(hours=1))
    out = io.StringIO()
    call_command("offers", "expire", "--now", f"{YEAR}-11-27T14:00:00+01:00", stdout=out)
    text = out.getvalue()
    assert "expired" in text and "│ 1 " in text.split("expired")[1].split("\n")[0]
    assert Offer.objects.get().status == "expired"
    with pytest.raises(Exception, match="--now"):
        call_command("offers", "expire", "--now", "tomorrow")


def test_inbox_selector_names_clashes(world):
    evening = PositionFactory(
        show=world["show"],
        title="Show crew",
        call_start=dt.datetime(YEAR, 12, 4, 15, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 4, 20, 0, tzinfo=BERLIN),
    )
    send(world, world["ada"], position=evening)
    BookingFactory(position=world["position"], worker=world["ada"])
    [item] = selectors.pending_offers(world["ada"], now=NOW)
    assert [b.position.title for b in item.clashes] == ["Load-in"]
    assert item.full is False
