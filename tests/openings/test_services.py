"""Openings: posting, applying, deciding, completing into a verified credit, and refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stagedoor.booking.models import Notification
from stagedoor.core.nearby import today_in
from stagedoor.core.text import day
from stagedoor.core.validation import messages_of
from stagedoor.openings import services
from stagedoor.openings.models import Application, Opportunity
from stagedoor.openings.selectors import pay_words
from stagedoor.people.models import Credit
from tests.factories import UserFactory, WorkerFactory

from .world import chicago_world, post, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return chicago_world()


def _worker(name: str):
    return WorkerFactory(user=UserFactory(username=name), slug=name, display_name=name.title())


def test_apply_accept_complete_gives_a_verified_credit(world):
    festival = post(world)
    applied = services.application_apply(
        actor=world["user"], opportunity=festival, note="Free both days."
    )
    assert applied.status == "applied"
    told = Notification.objects.get(user=world["manager"])
    assert told.subject == ("New application: Festival crew volunteers (Northern Lights Presents)")
    services.application_decide(actor=world["manager"], application=applied, accept=True)
    assert Notification.objects.filter(user=world["user"]).first().subject == (
        "You have a place: Festival crew volunteers (Northern Lights Presents)"
    )
    done = services.application_complete(actor=world["manager"], application=applied)
    credit = Credit.objects.get(worker=world["rosa"])
    assert done.status == "completed" and done.credit == credit
    assert credit.title == "Volunteer, Lakefront Sound Festival"
    assert credit.role.slug == "stagehand"
    assert credit.organisation == world["org"]
    assert credit.verified is True and credit.verified_by == world["manager"]
    # Dated in the festival's own zone (Chicago), whatever the day is in UTC.
    assert credit.date == min(festival.ends_on, today_in(festival.timezone, timezone.now()))


def test_places_are_never_over_filled(world):
    festival = post(world, places=1)
    first = services.application_apply(actor=world["user"], opportunity=festival)
    other = _worker("lee")
    second = services.application_apply(actor=other.user, opportunity=festival)
    services.application_decide(actor=world["manager"], application=first, accept=True)
    with pytest.raises(ValidationError) as refused:
        services.application_decide(actor=world["manager"], application=second, accept=True)
    assert messages_of(refused.value) == {"application": ["All 1 places are taken."]}
    assert Application.objects.get(pk=second.pk).status == "applied"
    with pytest.raises(ValidationError) as fewer:
        services.opportunity_save(
            actor=world["manager"],
            organisation=world["org"],
            opportunity=festival,
            data={**_data(festival), "places": 0},
        )
    assert "places" in messages_of(fewer.value)


def _data(opportunity: Opportunity) -> dict:
    from stagedoor.openings.forms import initial_of

    return initial_of(opportunity)


def test_applying_after_the_deadline_or_twice_is_refused(world):
    festival = post(world)
    late = timezone.now() + dt.timedelta(days=15)
    with pytest.raises(ValidationError) as after:
        services.application_apply(actor=world["user"], opportunity=festival, now=late)
    assert messages_of(after.value) == {
        "opportunity": [f"Applications closed on {day(festival.deadline)}."]
    }
    services.application_apply(actor=world["user"], opportunity=festival)
    with pytest.raises(ValidationError) as twice:
        services.application_apply(actor=world["user"], opportunity=festival)
    assert messages_of(twice.value) == {"opportunity": ["You have applied already."]}
    assert Application.objects.count() == 1


def test_interested_first_then_apply_is_one_application(world):
    festival = post(world)
    services.application_apply(actor=world["user"], opportunity=festival, interested=True)
    assert Notification.objects.count() == 0  # interest alone does not ping the organiser
    applied = services.application_apply(actor=world["user"], opportunity=festival, note="Yes")
    assert Application.objects.get().pk == applied.pk and applied.status == "applied"


def test_only_managers_post_and_decide(world):
    with pytest.raises(PermissionDenied):
        services.opportunity_save(actor=world["user"], organisation=world["org"], data={})
    festival = post(world)
    applied = services.application_apply(actor=world["user"], opportunity=festival)
    with pytest.raises(PermissionDenied):
        services.application_decide(actor=world["user"], application=applied, accept=True)
    with pytest.raises(PermissionDenied):
        services.application_complete(actor=world["user"], application=applied)


def test_completing_needs_an_accepted_person(world):
    applied = services.application_apply(actor=world["user"], opportunity=post(world))
    with pytest.raises(ValidationError) as refused:
        services.application_complete(actor=world["manager"], application=applied)
    assert list(messages_of(refused.value)) == ["application"]
    assert Credit.objects.count() == 0


def test_bad_input_names_every_field_and_saves_nothing(world):
    with pytest.raises(ValidationError) as refused:
        post(
            world,
            kind="gig",
            title="",
            target_roles=["roadie-king"],
            city="Xyzzyville",
            paid=True,
            pay_amount="-3",
            pay_unit="fortnight",
            currency="usd",
            ends_on=today(),
            starts_on=today() + dt.timedelta(days=3),
            places=0,
        )
    assert sorted(messages_of(refused.value)) == [
        "city",
        "currency",
        "deadline",
        "ends_on",
        "kind",
        "pay_amount",
        "pay_unit",
        "places",
        "target_roles",
        "title",
    ]
    assert Opportunity.objects.count() == 0


def test_unpaid_is_said_plainly_and_paid_says_how_much(world):
    assert pay_words(post(world)) == "Unpaid"
    paid = post(
        world,
        title="Stage crew apprenticeship",
        kind="apprenticeship",
        paid=True,
        pay_amount="18",
        pay_unit="hour",
        currency="USD",
        venue="riverside-ballroom",
    )
    assert pay_words(paid) == "Paid: $18.00 an hour"
    assert (paid.city, paid.timezone) == ("Chicago", "America/Chicago")
