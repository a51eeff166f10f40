"""`stagedoor crew-template save|apply|list` and `stagedoor crew-copy-tour`."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.gigs.models import CrewTemplate, Position, Tour
from tests.factories import (
    BERLIN,
    YEAR,
    PositionFactory,
    ShowFactory,
    UserFactory,
    VenueFactory,
    manager_of,
    show_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = show_world(
        org={"slug": "sightline", "name": "Sightline"},
        show={"slug": "berlin", "artist": "Mara Quinn"},
    )
    PositionFactory(
        show=w["show"],
        title="Load-out",
        headcount=6,
        call_start=dt.datetime(YEAR, 12, 4, 23, 0, tzinfo=BERLIN),
        call_end=dt.datetime(YEAR, 12, 5, 2, 30, tzinfo=BERLIN),
    )
    chicago = VenueFactory(name="Metro", city="Chicago", country="US", timezone="America/Chicago")
    w["chicago"] = ShowFactory(
        slug="chicago", organisation=w["org"], venue=chicago, date=dt.date(YEAR, 12, 11)
    )
    return w


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_save_list_and_apply(world):
    out = run(
        "crew-template", "save", "--show", "berlin", "--name", "Club night", "--as", "manager"
    )
    template = CrewTemplate.objects.get()
    assert out == f"Saved template {template.pk} 'Club night' for Sightline: 1 call.\n"
    assert run("crew-template", "list", "--as", "manager") == (
        f"{template.pk}  Club night (Sightline)\n"
        "    Load-out × 6, Show day 23:00–02:30 (+1 day), Local crew (hired in each city)\n"
    )
    out = run(
        "crew-template", "apply", "--template", "club night", "--show", "chicago", "--as", "manager"
    )
    assert out == (
        "Added 1 call(s) to chicago from 'Club night':\n"
        "  Load-out × 6: Fri 11 Dec 23:00 CST to Sat 12 Dec 02:30 CST\n"
    )


def test_refusals_name_the_field_and_change_nothing(world):
    with pytest.raises(CommandError) as refused:
        run("crew-template", "save", "--show", "nowhere", "--name", "X", "--as", "manager")
    assert str(refused.value) == "Nothing was saved.\n  show: 'nowhere' does not exist."
    with pytest.raises(CommandError) as refused:
        run("crew-template", "apply", "--template", "Nope", "--show", "chicago", "--as", "manager")
    assert str(refused.value) == "Nothing was saved.\n  template: Sightline has no template 'Nope'."
    with pytest.raises(CommandError) as refused:
        run("crew-template", "save", "--show", "berlin", "--as", "manager")
    assert str(refused.value) == "--name: give the template a name."
    with pytest.raises(CommandError) as refused:
        run("crew-copy-tour", "berlin", "--as", "manager")
    assert str(refused.value) == "Nothing was saved.\n  show: This show is not a stop of a tour."
    assert CrewTemplate.objects.count() == 0


def test_copy_to_tour(world):
    tour = Tour.objects.create(slug="t", organisation=world["org"], artist="Mara Quinn", name="T")
    for order, show in enumerate((world["show"], world["chicago"]), start=1):
        show.tour, show.tour_order = tour, order
        show.save()
    assert run("crew-copy-tour", "berlin", "--as", "manager") == "Copied 1 call to 1 stop.\n"
    assert run("crew-copy-tour", "berlin", "--as", "manager") == (
        "Copied 0 calls to 0 stops. 1 call was already there and left as they are "
        "(1 stop already had the whole crew call).\n"
    )


@pytest.mark.parametrize("who", ["chief", "stranger"])
def test_non_managers_are_refused_on_every_command(world, who):
    run("crew-template", "save", "--show", "berlin", "--name", "Club", "--as", "manager")
    if who == "chief":
        manager_of(world["org"], "chief", role="crew_chief")
    else:
        UserFactory(username="stranger")
    for args, message in [
        (
            ("crew-template", "save", "--show", "berlin", "--name", "Mine"),
            "Permission denied: Only the organisation's managers can save its crew calls as "
            "templates.",
        ),
        (
            ("crew-template", "apply", "--template", "Club", "--show", "chicago"),
            "Permission denied: Only the organisation's managers can apply its crew-call "
            "templates.",
        ),
        (
            ("crew-template", "list", "--org", "sightline"),
            "Permission denied: Only the organisation's managers can see its crew-call templates.",
        ),
        (
            ("crew-copy-tour", "berlin"),
            "Permission denied: Only the organisation's managers can copy its crew calls.",
        ),
    ]:
        with pytest.raises(CommandError) as refused:
            run(*args, "--as", who)
        assert str(refused.value) == message
    assert run("crew-template", "list", "--as", who) == "No crew-call templates.\n"
    assert [t.name for t in CrewTemplate.objects.all()] == ["Club"]
    assert Position.objects.filter(show=world["chicago"]).count() == 0
