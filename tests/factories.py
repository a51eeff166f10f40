"""Factories for tests. Catalog rows (roles, skills, certifications) come from the migration."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo
from decimal import Decimal

import factory
import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from stagedoor.api.models import ApiToken
from stagedoor.booking.models import Booking
from stagedoor.gigs.models import Position, Show, StudioProject
from stagedoor.industry.models import Membership, Organisation, Role, Venue
from stagedoor.people.models import WorkerProfile, WorkerRole

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

# SQLite serialises whole transactions and has no row locks: tests of locks and races run
# on CI's PostgreSQL pass.
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI's second pass)"
)


def _shows_year(today: dt.date) -> int:
    """The first year after `today`'s whose calendar, and the next year's, match 2026 and 2027.

    The tests were written against 2026: 4 December is a Friday, Berlin is on CET, and the
    spring change in 2027 is the night of 27-28 March. Any year laid out the same way keeps
    every weekday, offset and DST change the tests spell out, and being in the future it keeps
    their calls open whatever the real clock says.
    """
    year = today.year + 1
    while not (
        dt.date(year, 1, 1).weekday() == dt.date(2026, 1, 1).weekday()
        and not calendar.isleap(year)
        and not calendar.isleap(year + 1)
    ):
        year += 1
    return year


# The year of the shows the tests staff (2037 while the clock says 2026 ... 2036).
YEAR = _shows_year(dt.date.today())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "promoter"
    city = "Berlin"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    slug = factory.Sequence(lambda n: f"venue-{n}")
    organisation = factory.SubFactory(OrganisationFactory, kind="venue")
    name = factory.Sequence(lambda n: f"Hall {n}")
    address = "Köpenicker Str. 70"
    city = "Berlin"
    country = "DE"
    latitude = 52.5106
    longitude = 13.4224
    timezone = "Europe/Berlin"
    capacity = 2000


def manager_of(
    organisation: Organisation,
    username: str = "manager",
    role: str = "manager",
    password: str | None = None,
):
    user = UserFactory(username=username, **({"password": password} if password else {}))
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


class ShowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Show

    slug = factory.Sequence(lambda n: f"show-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    venue = factory.SubFactory(VenueFactory)
    artist = factory.Sequence(lambda n: f"Artist {n}")
    date = dt.date(YEAR, 12, 4)
    doors_at = dt.datetime(YEAR, 12, 4, 19, 0, tzinfo=BERLIN)
    show_at = dt.datetime(YEAR, 12, 4, 20, 0, tzinfo=BERLIN)
    curfew_at = dt.datetime(YEAR, 12, 4, 23, 0, tzinfo=BERLIN)
    status = "published"


def show_world(
    *,
    org: dict | None = None,
    venue: dict | None = None,
    show: dict | None = None,
    with_show: bool = True,
    own_venue: bool = False,
    manager: str = "manager",
    password: str | None = None,
) -> dict:
    """The world most tests start from: an organisation, a venue, one of the organisation's
    managers and a published show of it there (4 December YEAR, 20:00 Berlin).

    `org`, `venue` and `show` override the factories' fields; `with_show=False` stops before
    the show (for tests that create it), `own_venue=True` makes the organisation run the
    venue (else the venue has an operator of its own). Returns {"org", "venue", "manager",
    "show"} (show None without one); tests add their own positions, crew and tokens.
    """
    organisation = OrganisationFactory(**(org or {}))
    venue_fields = {"organisation": organisation} if own_venue else {}
    hall = VenueFactory(**venue_fields | (venue or {}))
    user = manager_of(organisation, manager, password=password)
    gig = ShowFactory(organisation=organisation, venue=hall, **(show or {})) if with_show else None
    return {"org": organisation, "venue": hall, "manager": user, "show": gig}


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudioProject

    slug = factory.Sequence(lambda n: f"project-{n}")
    organisation = factory.SubFactory(OrganisationFactory, kind="studio")
    title = factory.Sequence(lambda n: f"Album {n}")
    deliverables = "10 mixes\nStems"
    deadline = dt.date(YEAR + 1, 1, 15)
    remote_allowed = True
    status = "published"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    show = factory.SubFactory(ShowFactory)
    role = factory.LazyFunction(lambda: Role.objects.get(slug="stagehand"))
    level = "entry"
    headcount = 4
    call_start = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)
    call_end = dt.datetime(YEAR, 12, 4, 14, 0, tzinfo=BERLIN)
    pay_amount = Decimal("28.00")
    pay_unit = "hour"
    currency = "EUR"


class WorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerProfile

    user = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"worker-{n}")
    display_name = factory.Sequence(lambda n: f"Worker {n}")
    headline = "Stagehand and rigger"
    home_city = "Berlin"
    country = "DE"
    latitude = 52.52
    longitude = 13.405
    travel_radius_km = 50
    day_rate = Decimal("250.00")
    currency = "EUR"
    phone = "+49 30 1234567"


def give_role(worker: WorkerProfile, slug: str, level: str = "mid", years: int = 3) -> WorkerRole:
    return WorkerRole.objects.create(
        worker=worker, role=Role.objects.get(slug=slug), level=level, years=years
    )


def crew(
    names: tuple[str, ...] = ("Ada", "Ben", "Cleo"),
    *,
    role: str = "stagehand",
    level: str = "mid",
    years: tuple[int, ...] = (3, 2, 1),
) -> dict[str, WorkerProfile]:
    """Workers who hold `role`, keyed by lower-case name (also their slug and username), made
    in the order given so their primary keys follow it; `years` pairs with `names`."""
    workers = {}
    for name, experience in zip(names, years, strict=True):
        key = name.lower()
        workers[key] = WorkerFactory(display_name=name, slug=key, user__username=key)
        give_role(workers[key], role, level=level, years=experience)
    return workers


def position_form(**overrides) -> dict:
    """What the crew call form posts for a senior FOH engineer on 4 December YEAR,
    14:00-23:30 at the venue, 450 EUR a day, DiGiCo SD at level 4; `overrides` replace or
    add fields (e.g. crew="touring")."""
    return {
        "role": "foh-engineer",
        "level": "senior",
        "title": "",
        "headcount": "1",
        "call_start": f"{YEAR}-12-04T14:00",
        "call_end": f"{YEAR}-12-04T23:30",
        "pay_amount": "450",
        "pay_unit": "day",
        "currency": "eur",
        "skills": ["digico-sd"],
        "skill_level": "4",
        "certifications": [],
        "notes": "",
    } | overrides


def bearer(user) -> dict[str, str]:
    """Request headers carrying a fresh API token of `user`."""
    _, key = ApiToken.issue(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed booking made directly, for tests of what happens after booking."""

    class Meta:
        model = Booking

    position = factory.SubFactory(PositionFactory)
    worker = factory.SubFactory(WorkerFactory)
    status = "confirmed"
