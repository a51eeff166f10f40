"""Offers that clash: on accept, the worker's other pending offers that the booking rules
out are withdrawn with the reason and she hears once; holds on a call that filled are
released; Find crew marks who already has an offer or a hold, on every face."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from stagedoor.booking import services
from stagedoor.booking.models import Hold, Notification, Offer
from stagedoor.matching import selectors as matching
from tests.factories import (
    BERLIN,
    YEAR,
    OrganisationFactory,
    PositionFactory,
    ShowFactory,
    VenueFactory,
    bearer,
    crew,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(YEAR, 11, 27, 12, 0, tzinfo=BERLIN)


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(YEAR, 12, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def world():
    """Spree Kultur (8 h turnaround) staffs Mara Quinn at Kraftwerk on 4 December: a one-seat
    Load-in 09:00-14:00, a Changeover 18:00-23:00 (4 h after the Load-in: inside the
    turnaround) and a Load-out on 6 December (clear of both). Another promoter has a
    Rigging call 12:00-18:00 on 4 December at Tempodrom (overlaps the Load-in)."""
    world = show_world(
        org={"name": "Spree Kultur", "turnaround_hours": 8},
        venue={"name": "Kraftwerk"},
        show={"artist": "Mara Quinn"},
    )
    show = world["show"]
    world["load_in"] = PositionFactory(
        show=show, title="Load-in", headcount=1, call_start=at(4, 9), call_end=at(4, 14)
    )
    world["changeover"] = PositionFactory(
        show=show, title="Changeover", headcount=2, call_start=at(4, 18), call_end=at(4, 23)
    )
    world["load_out"] = PositionFactory(
        show=show, title="Load-out", headcount=2, call_start=at(6, 9), call_end=at(6, 14)
    )
    other = OrganisationFactory(name="Other Promoter", turnaround_hours=8)
    world["rival"] = manager_of(other, username="rival")
    rival_show = ShowFactory(
        organisation=other, venue=VenueFactory(name="Tempodrom"), artist="Neon Harbor"
    )
    world["rigging"] = PositionFactory(
        show=rival_show, title="Rigging", headcount=2, call_start=at(4, 12), call_end=at(4, 18)
    )
    return world | crew(("Ada", "Ben", "Cleo", "Dora"), years=(4, 3, 2, 1))


def offer(world, position, worker):
    actor = world["rival"] if position == world["rigging"] else world["manager"]
    return services.offer_send(actor=actor, position=position, worker=worker, now=NOW)


def notices(worker) -> list[str]:
    return list(
        Notification.objects.filter(user=worker.user)
        .order_by("pk")
        .values_list("subject", flat=True)
    )


def test_accept_withdraws_exactly_the_clashing_offers_with_the_reason_and_one_notice(world):
    ada = world["ada"]
    mine = offer(world, world["load_in"], ada)
    overlapping = offer(world, world["rigging"], ada)
    too_close = offer(world, world["changeover"], ada)
    clear = offer(world, world["load_out"], ada)
    before = len(notices(ada))
    services.offer_accept(actor=ada.user, offer=mine, now=NOW)
    states = {
        o.position.title: (o.status, o.reason)
        for o in Offer.objects.filter(worker=ada).select_related("position")
    }
    assert states == {
        "Load-in": ("accepted", ""),
        "Rigging": (
            "withdrawn",
            "You took the Load-in call for Mara Quinn at Kraftwerk, which overlaps.",
        ),
        "Changeover": (
            "withdrawn",
            "You took the Load-in call for Mara Quinn at Kraftwerk, which leaves less than "
            "the 8 h rest this call needs.",
        ),
        "Load-out": ("pending", ""),
    }
    assert notices(ada)[before:] == [
        "Booked: Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET",
        "2 offers withdrawn: you took Load-in, Mara Quinn at Kraftwerk",
    ]
    body = Notification.objects.filter(user=ada.user).latest("pk").body
    assert body == (
        "You are booked on Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET, so these "
        "offers clash with it and were withdrawn:\n"
        "- Rigging, Neon Harbor at Tempodrom, Fri 4 Dec 12:00 CET: You took the Load-in "
        "call for Mara Quinn at Kraftwerk, which overlaps.\n"
        "- Changeover, Mara Quinn at Kraftwerk, Fri 4 Dec 18:00 CET: You took the Load-in "
        "call for Mara Quinn at Kraftwerk, which leaves less than the 8 h rest this call needs."
    )
    last = world["rigging"].events.order_by("-pk").values_list("kind", "message").first()
    assert last == (
        "withdrawn",
        "Offer to Ada withdrawn: she took Load-in, Mara Quinn at Kraftwerk, "
        "Fri 4 Dec 09:00 CET, which clashes with this call.",
    )
    # The boards show no stale offer; the clear one stays on its board.
    assert [o.pk for o in overlapping.position.offers.filter(status="pending")] == []
    assert [o.pk for o in too_close.position.offers.filter(status="pending")] == []
    assert [o.pk for o in world["load_out"].offers.filter(status="pending")] == [clear.pk]


def hold(world, position, worker):
    actor = world["rival"] if position == world["rigging"] else world["manager"]
    return services.hold_create(actor=actor, position=position, worker=worker)


def test_accept_releases_exactly_her_clashing_holds_with_the_reason(world):
    ada, ben = world["ada"], world["ben"]
    mine = offer(world, world["load_in"], ada)
    hold(world, world["rigging"], ada)
    hold(world, world["changeover"], ada)
    hold(world, world["load_out"], ada)
    bens = hold(world, world["rigging"], ben)
    before = len(notices(ada))
    services.offer_accept(actor=ada.user, offer=mine, now=NOW)
    states = {
        (h.position.title, h.worker.slug): h.status
        for h in Hold.objects.select_related("position", "worker")
    }
    assert states == {
        ("Rigging", "ada"): "released",
        ("Changeover", "ada"): "released",
        ("Load-out", "ada"): "active",
        ("Rigging", "ben"): "active",
    }
    assert Hold.objects.get(worker=ada, position=world["rigging"]).closed_at == NOW
    for title in ("rigging", "changeover"):
        last = world[title].events.order_by("-pk").values_list("kind", "worker", "message")[0]
        assert last == (
            "released",
            ada.pk,
            "Hold on Ada released: she took Load-in, Mara Quinn at Kraftwerk, "
            "Fri 4 Dec 09:00 CET, which clashes with this call.",
        )
    assert world["load_out"].events.order_by("-pk").values_list("kind", flat=True)[0] == "held"
    # She hears only that she is booked; Ben's hold on the Rigging stays as it was.
    assert notices(ada)[before:] == [
        "Booked: Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"
    ]
    bens.refresh_from_db()
    assert (bens.status, bens.closed_at) == ("active", None)


def test_a_single_clash_is_told_in_the_singular_and_other_workers_keep_their_offers(world):
    ada, ben = world["ada"], world["ben"]
    mine = offer(world, world["load_in"], ada)
    offer(world, world["rigging"], ada)
    bens = offer(world, world["rigging"], ben)
    services.offer_accept(actor=ada.user, offer=mine, now=NOW)
    assert notices(ada)[-1] == "Offer withdrawn: you took Load-in, Mara Quinn at Kraftwerk"
    bens.refresh_from_db()
    assert (bens.status, bens.reason) == ("pending", "")


def test_accepting_a_withdrawn_clashing_offer_is_refused_with_the_reason(world, client):
    ada = world["ada"]
    mine = offer(world, world["load_in"], ada)
    other = offer(world, world["rigging"], ada)
    services.offer_accept(actor=ada.user, offer=mine, now=NOW)
    reply = client.post(f"/api/offers/{other.pk}/accept", **bearer(ada.user))
    assert (reply.status_code, reply.json()["detail"]) == (
        422,
        [
            {
                "loc": ["body", "offer"],
                "msg": "This offer was withdrawn: You took the Load-in call for Mara Quinn at "
                "Kraftwerk, which overlaps.",
                "type": "value_error",
            }
        ],
    )


def test_holds_on_a_call_that_filled_are_released_in_history_and_the_held_told(world):
    ada, ben, cleo = world["ada"], world["ben"], world["cleo"]
    manager = world["manager"]
    services.hold_create(actor=manager, position=world["load_in"], worker=ben)
    services.hold_create(actor=manager, position=world["load_in"], worker=cleo)
    elsewhere = services.hold_create(actor=manager, position=world["load_out"], worker=ben)
    mine = offer(world, world["load_in"], ada)
    services.offer_accept(actor=ada.user, offer=mine, now=NOW)
    held = world["load_in"].holds.order_by("pk").values_list("worker__slug", "status")
    assert list(held) == [("ben", "released"), ("cleo", "released")]
    elsewhere.refresh_from_db()
    assert elsewhere.status == Hold.Status.ACTIVE
    events = world["load_in"].events.order_by("pk").values_list("kind", "message")
    assert list(events)[-2:] == [
        ("released", "Hold on Ben released: every seat is booked."),
        ("released", "Hold on Cleo released: every seat is booked."),
    ]
    for worker in (ben, cleo):
        assert notices(worker) == [
            "Hold released: Load-in, Mara Quinn at Kraftwerk, Fri 4 Dec 09:00 CET"
        ]


def test_holds_stay_while_seats_are_left(world):
    ada, ben = world["ada"], world["ben"]
    services.hold_create(actor=world["manager"], position=world["changeover"], worker=ben)
    services.offer_accept(actor=ada.user, offer=offer(world, world["changeover"], ada), now=NOW)
    assert list(world["changeover"].holds.values_list("status", flat=True)) == ["active"]
    assert notices(ben) == []


# --- Find crew marks -----------------------------------------------------------------------


def test_find_crew_marks_offers_and_holds_and_ranks_them_last(world):
    manager = world["manager"]
    load_in = world["load_in"]
    before = [c.worker.slug for c in matching.candidates(actor=manager, position=load_in)]
    assert before == ["ada", "ben", "cleo", "dora"]
    offer(world, load_in, world["ada"])
    services.hold_create(actor=manager, position=load_in, worker=world["ben"])
    offer(world, world["rigging"], world["cleo"])
    offer(world, world["load_out"], world["dora"])  # no clash: not marked
    found = matching.candidates(actor=manager, position=load_in)
    assert [(c.worker.slug, c.offered, c.held, c.clashes, c.marks) for c in found] == [
        ("dora", False, None, False, []),
        ("ada", True, None, False, ["offered this call, waiting for an answer"]),
        ("ben", False, 1, False, ["1st hold on this call"]),
        (
            "cleo",
            False,
            None,
            True,
            ["offered Rigging, Neon Harbor at Tempodrom, Fri 4 Dec 12:00 CET, which clashes "
             "with this call"],
        ),
    ]  # fmt: skip


def test_find_crew_page_has_offer_and_hold_buttons_and_marks_the_offered(world, client):
    manager, load_in = world["manager"], world["load_in"]
    client.force_login(manager)
    url = f"/manage/positions/{load_in.pk}/crew/"
    body = client.get(url).content.decode()
    assert body.count('<button type="submit" class="offer">Offer</button>') == 4
    assert body.count('<button type="submit" class="hold secondary">Hold</button>') == 4
    reply = client.post(f"/manage/positions/{load_in.pk}/offer/", {"worker": "ada", "next": url})
    assert (reply.status_code, reply["Location"]) == (302, url)
    assert [str(m) for m in get_messages(reply.wsgi_request)] == ["Offer sent to Ada."]
    reply = client.post(f"/manage/positions/{load_in.pk}/hold/", {"worker": "ben", "next": url})
    assert (reply.status_code, reply["Location"]) == (302, url)
    body = client.get(url).content.decode()
    assert body.count('<button type="submit" class="offer">Offer</button>') == 3
    assert body.count('<button type="submit" class="hold secondary">Hold</button>') == 2
    assert "<mark>offered this call, waiting for an answer</mark>" in body
    assert "<mark>1st hold on this call</mark>" in body
    assert body.count('<small class="state offered">Offer sent</small>') == 1
    assert body.count('<small class="state held">On hold #1</small>') == 1
    # A second offer or hold is still refused by the page, naming why, with nothing changed.
    reply = client.post(
        f"/manage/positions/{load_in.pk}/offer/", {"worker": "ada", "next": url}, follow=True
    )
    assert [str(m) for m in reply.context["messages"]] == [
        "Nothing changed. Worker: Ada already has an offer for this call."
    ]
    reply = client.post(
        f"/manage/positions/{load_in.pk}/hold/", {"worker": "ben", "next": url}, follow=True
    )
    assert [str(m) for m in reply.context["messages"]] == [
        "Nothing changed. Worker: Ben is already held for this call."
    ]
    assert Offer.objects.filter(position=load_in).count() == 1
    assert Hold.objects.filter(position=load_in, status="active").count() == 1


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_find_crew_buttons_under_htmx_swap_just_the_row_marked(world, client):
    manager, load_in = world["manager"], world["load_in"]
    client.force_login(manager)
    url = f"/manage/positions/{load_in.pk}/crew/"
    page = client.get(url).content.decode()
    assert (
        page.count(f'hx-post="/manage/positions/{load_in.pk}/offer/" hx-target="closest tr"') == 4
    )
    assert page.count(f'hx-post="/manage/positions/{load_in.pk}/hold/" hx-target="closest tr"') == 4
    data = {"worker": "ada", "next": url, "rank": "1"}
    reply = client.post(f"/manage/positions/{load_in.pk}/offer/", data, **HTMX)
    assert reply.status_code == 200
    row = reply.content.decode()
    assert row.startswith('<tr class="candidate settled" data-worker="ada" id="candidate-ada">')
    assert row.rstrip().endswith("</tr>")
    assert "<td>1</td>" in row
    assert "<mark>offered this call, waiting for an answer</mark>" in row
    assert '<small class="state offered">Offer sent</small>' in row
    assert "<button" not in row
    assert list(get_messages(reply.wsgi_request)) == []
    assert Offer.objects.filter(position=load_in, worker=world["ada"]).count() == 1

    data = {"worker": "ben", "next": url, "rank": "2"}
    row = client.post(f"/manage/positions/{load_in.pk}/hold/", data, **HTMX).content.decode()
    assert "<td>2</td>" in row
    assert "<mark>1st hold on this call</mark>" in row
    assert '<small class="state held">On hold #1</small>' in row
    assert row.count("<button") == 1  # Offer stays: a held worker can still be offered
    assert '<button type="submit" class="offer">Offer</button>' in row
    assert Hold.objects.filter(position=load_in, status="active").count() == 1


def test_a_refused_htmx_offer_says_why_in_the_row_and_changes_nothing(world, client):
    manager, load_in = world["manager"], world["load_in"]
    client.force_login(manager)
    offer(world, load_in, world["ada"])
    data = {"worker": "ada", "next": "/", "rank": "4"}
    reply = client.post(f"/manage/positions/{load_in.pk}/offer/", data, **HTMX)
    assert reply.status_code == 200
    row = reply.content.decode()
    assert (
        '<p class="message error" role="alert"><small>Nothing changed. Worker: Ada already has '
        "an offer for this call.</small></p>"
    ) in row
    assert '<small class="state offered">Offer sent</small>' in row
    assert Offer.objects.filter(position=load_in).count() == 1


def test_the_api_marks_candidates_and_still_refuses_a_second_offer_or_hold(world, client):
    manager, load_in = world["manager"], world["load_in"]
    auth = bearer(manager)
    assert client.post(
        f"/api/positions/{load_in.pk}/offers", {"worker": "ada"}, "application/json", **auth
    ).status_code == 201  # fmt: skip
    again = client.post(
        f"/api/positions/{load_in.pk}/offers", {"worker": "ada"}, "application/json", **auth
    )
    assert again.status_code == 422
    assert [(e["loc"], e["msg"]) for e in again.json()["detail"]] == [
        (["body", "worker"], "Ada already has an offer for this call.")
    ]
    assert client.post(
        f"/api/positions/{load_in.pk}/holds", {"worker": "ben"}, "application/json", **auth
    ).status_code == 201  # fmt: skip
    again = client.post(
        f"/api/positions/{load_in.pk}/holds", {"worker": "ben"}, "application/json", **auth
    )
    assert [(e["loc"], e["msg"]) for e in again.json()["detail"]] == [
        (["body", "worker"], "Ben is already held for this call.")
    ]
    rows = client.get(f"/api/positions/{load_in.pk}/candidates", **auth).json()
    assert [
        (r["worker"], r["offered"], r["hold_rank"], r["clashes"], r["marks"]) for r in rows
    ] == [
        ("cleo", False, None, False, []),
        ("dora", False, None, False, []),
        ("ada", True, None, False, ["offered this call, waiting for an answer"]),
        ("ben", False, 1, False, ["1st hold on this call"]),
    ]


def test_the_match_command_marks_offers_and_holds(world):
    import io

    from django.core.management import call_command

    offer(world, world["load_in"], world["ada"])
    services.hold_create(actor=world["manager"], position=world["load_in"], worker=world["ben"])
    out = io.StringIO()
    call_command("match", str(world["load_in"].pk), stdout=out)
    text = out.getvalue()
    assert "offered this call, waiting for" in text
    assert "1st hold on this call" in text
