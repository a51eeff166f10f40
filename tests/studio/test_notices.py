"""The studio's managers hear when a quote or a delivery arrives; the person hired hears
when a revision is asked for, when their quote is accepted and when a deliverable is
approved: each an inbox notice in the reader's words with a link to the page."""

import datetime as dt

import pytest

from stagedoor.booking.models import Notification
from stagedoor.studio import services

from .world import DEADLINE, studio_world

pytestmark = pytest.mark.django_db


def notices(user) -> list[tuple[str, str, str, str]]:
    return [
        (n.kind, n.subject, n.body, n.url)
        for n in Notification.objects.filter(user=user).order_by("pk")
    ]


def quote(world, who, price, unit="song", **extra):
    return services.quote_submit(
        actor=world[who].user,
        project=world["project"],
        price=price,
        unit=unit,
        currency="USD",
        turnaround_days=10,
        revisions_included=2,
        **extra,
    )


@pytest.fixture
def world():
    world = studio_world(open_to_quotes=True)
    world["slug"] = world["project"].slug
    return world


def test_managers_hear_of_each_quote_and_of_a_changed_one(world):
    quote(world, "ben", "600", note="I mixed the last two records.")
    quote(world, "ben", "550")
    compare = f"/manage/studio/{world['slug']}/quotes/"
    assert notices(world["manager"]) == [
        (
            "staffing",
            "Ben quoted for Weather Systems: album mix",
            "Ben asks $600.00 a song, ready 10 days after you hire them, with 2 revision "
            "rounds included. Compare the quotes side by side before you hire.\n\n"
            "I mixed the last two records.",
            compare,
        ),
        (
            "staffing",
            "Ben changed their quote for Weather Systems: album mix",
            "Ben asks $550.00 a song, ready 10 days after you hire them, with 2 revision "
            "rounds included. Compare the quotes side by side before you hire.",
            compare,
        ),
    ]
    assert notices(world["ben"].user) == []


def test_the_person_hired_hears_of_acceptance_revisions_and_approvals(world):
    work = f"/me/projects/{world['slug']}/"
    hired = quote(world, "ben", "600")
    quote(world, "ada", "1600", unit="day")
    services.quote_accept(actor=world["manager"], quote=hired)
    songs, stems = world["project"].studio_deliverables.all()
    songs_due = (DEADLINE - dt.timedelta(days=10)).strftime("%a %-d %b")
    stems_due = DEADLINE.strftime("%a %-d %b")
    assert notices(world["ben"].user) == [
        (
            "confirmed",
            "Hired: Weather Systems: album mix",
            "Blue Room Studios accepted your quote of $600.00 a song for Weather Systems: "
            "album mix: $6,000.00 in all, paid as each deliverable is approved. Due: 'Ten "
            f"song mixes' by {songs_due}; 'Stems per song' by {stems_due}.",
            work,
        )
    ]
    assert notices(world["ada"].user) == []

    Notification.objects.all().delete()
    services.deliverable_deliver(
        actor=world["ben"].user, deliverable=songs, note="First pass", link="https://x.test/m"
    )
    services.deliverable_revise(actor=world["manager"], deliverable=songs, note="More vocal")
    services.deliverable_deliver(actor=world["ben"].user, deliverable=songs)
    services.deliverable_revise(actor=world["manager"], deliverable=songs)
    services.deliverable_deliver(actor=world["ben"].user, deliverable=songs)
    services.deliverable_revise(actor=world["manager"], deliverable=songs, extra=True)
    project = f"/manage/studio/{world['slug']}/"
    subject = "Delivered: Ten song mixes (Weather Systems: album mix)"
    review = "Review it: approve it, or ask for a revision."
    assert notices(world["manager"]) == [
        (
            "staffing",
            subject,
            f"Ben delivered 'Ten song mixes' for Weather Systems: album mix. {review}\n\n"
            "Where to find it: https://x.test/m\n\nFirst pass",
            project,
        ),
        (
            "staffing",
            subject,
            "Ben delivered 'Ten song mixes' for Weather Systems: album mix after revision "
            f"round 1. {review}",
            project,
        ),
        (
            "staffing",
            subject,
            "Ben delivered 'Ten song mixes' for Weather Systems: album mix after revision "
            f"round 2. {review}",
            project,
        ),
    ]
    asked = "Revision asked: Ten song mixes (Weather Systems: album mix)"
    again = "Deliver it again when it is ready."
    assert notices(world["ben"].user) == [
        (
            "staffing",
            asked,
            "Blue Room Studios asks for a revision of 'Ten song mixes' for Weather Systems: "
            f"album mix (round 1 of 2). {again}\n\nMore vocal",
            work,
        ),
        (
            "staffing",
            asked,
            "Blue Room Studios asks for a revision of 'Ten song mixes' for Weather Systems: "
            f"album mix (round 2 of 2). {again}",
            work,
        ),
        (
            "staffing",
            asked,
            "Blue Room Studios asks for a revision of 'Ten song mixes' for Weather Systems: "
            "album mix (an extra round beyond the 2 included, charged as extra). "
            f"{again}",
            work,
        ),
    ]

    Notification.objects.all().delete()
    services.deliverable_deliver(actor=world["ben"].user, deliverable=songs)
    services.deliverable_approve(actor=world["manager"], deliverable=songs, note="Lovely")
    services.deliverable_deliver(actor=world["ben"].user, deliverable=stems)
    services.deliverable_approve(actor=world["manager"], deliverable=stems)
    assert notices(world["ben"].user) == [
        (
            "confirmed",
            "Approved: Ten song mixes (Weather Systems: album mix)",
            "Blue Room Studios approved 'Ten song mixes' for Weather Systems: album mix: you "
            "earned $5,538.46.\n\nLovely",
            work,
        ),
        (
            "confirmed",
            "Approved: Stems per song (Weather Systems: album mix)",
            "Blue Room Studios approved 'Stems per song' for Weather Systems: album mix: you "
            "earned $461.54. That was the last deliverable: the project is done and credited "
            "to you.",
            work,
        ),
    ]
    assert [n[1] for n in notices(world["manager"])] == [
        "Delivered: Ten song mixes (Weather Systems: album mix)",
        "Delivered: Stems per song (Weather Systems: album mix)",
    ]


def test_a_notice_link_opens_the_page_it_names(client, world):
    hired = quote(world, "ben", "600")
    services.quote_accept(actor=world["manager"], quote=hired)
    client.force_login(world["ben"].user)
    (_, _, _, url), *_ = notices(world["ben"].user)
    assert client.get(url).status_code == 200
    client.force_login(world["manager"])
    (_, _, _, url), *_ = notices(world["manager"])
    assert client.get(url).status_code == 200


def test_a_quote_for_the_whole_project_reads_once(world):
    hired = quote(world, "cleo", "5900", unit="project")
    services.quote_accept(actor=world["manager"], quote=hired)
    ((_, subject, body, _),) = notices(world["cleo"].user)
    assert (subject, body.split(" Due:")[0]) == (
        "Hired: Weather Systems: album mix",
        "Blue Room Studios accepted your quote of $5,900.00 for Weather Systems: album mix: "
        "$5,900.00 in all, paid as each deliverable is approved.",
    )
