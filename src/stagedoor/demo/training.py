"""Training providers and their courses: Lakeshore Safety Institute in Chicago, schools in
London and Berlin and an online provider, with sessions in the weeks after the demo's
anchor; `rosa.rigger`, a newcomer in Chicago aiming to rig, with no OSHA 10 yet; and past
sessions with one completion the provider confirmed and one still waiting.

Saved through the training services, as a provider's manager and the workers would."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from stagedoor.core.models import SiteSetting
from stagedoor.core.permissions import OPERATOR
from stagedoor.core.places import find_place
from stagedoor.industry.enums import MemberRole
from stagedoor.industry.models import Membership, Organisation, Role
from stagedoor.people.models import WorkerProfile
from stagedoor.training import services
from stagedoor.training.models import Course

from . import cast
from .common import demo_anchor

SETTING = "demo_training"

# slug, name, city (None: online only), country, description
PROVIDERS = [
    (
        "lakeshore-safety-institute",
        "Lakeshore Safety Institute",
        "Chicago, US",
        "US",
        "Safety and rigging training for stagehands in Chicago: OSHA outreach courses, "
        "first aid, lifts and forklifts, and ETCP exam windows.",
    ),
    (
        "southbank-technical-training",
        "Southbank Technical Training",
        "London, GB",
        "GB",
        "Short courses and a lighting design programme for crew in London.",
    ),
    (
        "buehnenwerk-akademie",
        "Bühnenwerk Akademie Berlin",
        "Berlin, DE",
        "DE",
        "Audio engineering and event technology training in Berlin.",
    ),
    (
        "stagesafe-online",
        "StageSafe Online",
        None,
        "US",
        "Live online classes: OSHA outreach for entertainment and Dante networking.",
    ),
]

# A place a little off each city's centre, so distances read as a real street would.
STREETS = {
    "Chicago, US": ("1450 W Randolph St", 0.006, -0.018),
    "London, GB": ("29 Hatfields", -0.004, -0.006),
    "Berlin, DE": ("Revaler Str. 99", -0.012, 0.045),
}

# provider, title, kind, certification, price, currency, hours, description,
# [(days after the anchor, start hour, days long, hours a day, seats)]
COURSES = [
    (
        "lakeshore-safety-institute",
        "OSHA 10 for Entertainment",
        "certification",
        "osha-10",
        "89",
        "USD",
        10,
        "The OSHA outreach 10-hour card with venue, stage and load-in hazards.",
        [(6, 8, 2, 5, 12), (18, 8, 2, 5, 12), (34, 8, 2, 5, 12)],
    ),
    (
        "lakeshore-safety-institute",
        "General Entertainment Safety 10-hour",
        "certification",
        "ges-10",
        "99",
        "USD",
        10,
        "The OSHA outreach course built around stage, venue and event hazards.",
        [(10, 8, 2, 5, 14)],
    ),
    (
        "lakeshore-safety-institute",
        "OSHA 30 for Entertainment",
        "certification",
        "osha-30",
        "289",
        "USD",
        30,
        "The 30-hour outreach course for crew chiefs and heads of department.",
        [(13, 8, 4, 8, 10)],
    ),
    (
        "lakeshore-safety-institute",
        "ETCP Certified Rigger - Arena: exam window",
        "certification",
        "etcp-rigger-arena",
        "700",
        "USD",
        3,
        "A computer-based exam window for candidates whose documented hours ETCP has accepted.",
        [(33, 9, 1, 3, 20), (55, 9, 1, 3, 20)],
    ),
    (
        "lakeshore-safety-institute",
        "First Aid, CPR and AED",
        "certification",
        "first-aid-cpr",
        "95",
        "USD",
        5,
        "Hands-on first aid, CPR and defibrillator practice.",
        [(9, 9, 1, 5, 16), (30, 9, 1, 5, 16)],
    ),
    (
        "lakeshore-safety-institute",
        "Scissor and Boom Lift (MEWP) Operator",
        "certification",
        "mewp",
        "225",
        "USD",
        8,
        "Pre-use inspection and driving scissor and boom lifts.",
        [(16, 8, 1, 8, 8)],
    ),
    (
        "lakeshore-safety-institute",
        "Forklift Operator",
        "certification",
        "forklift",
        "150",
        "USD",
        6,
        "Powered industrial trucks: classroom and a driving evaluation.",
        [(23, 8, 1, 6, 8)],
    ),
    (
        "lakeshore-safety-institute",
        "Theatrical Production Certificate",
        "programme",
        None,
        "2400",
        "USD",
        120,
        "Twelve weeks of evenings: stage management, carpentry, rigging basics and running a show.",
        [(40, 18, 1, 3, 18)],
    ),
    (
        "stagesafe-online",
        "OSHA 10 for Entertainment, live online",
        "certification",
        "osha-10",
        "79",
        "USD",
        10,
        "The 10-hour card over two live online mornings.",
        [(3, 9, 2, 5, 30), (17, 9, 2, 5, 30)],
    ),
    (
        "stagesafe-online",
        "Dante Certification Level 1",
        "certification",
        "dante-level-1",
        "0",
        "USD",
        2,
        "Devices, subscriptions and basic routing, with a short test.",
        [(5, 11, 1, 2, 100)],
    ),
    (
        "stagesafe-online",
        "Dante Certification Level 2",
        "certification",
        "dante-level-2",
        "0",
        "USD",
        4,
        "Larger Dante systems, clocking and latency.",
        [(12, 11, 1, 4, 100)],
    ),
    (
        "southbank-technical-training",
        "First Aid at Work (Emergency)",
        "certification",
        "first-aid-cpr",
        "120",
        "GBP",
        6,
        "The one-day emergency first aid course.",
        [(8, 9, 1, 6, 12)],
    ),
    (
        "southbank-technical-training",
        "IPAF Scissor and Boom (MEWP)",
        "certification",
        "mewp",
        "295",
        "GBP",
        8,
        "IPAF 3a and 3b categories on the yard.",
        [(15, 8, 1, 8, 6)],
    ),
    (
        "southbank-technical-training",
        "Dante Certification Level 3",
        "certification",
        "dante-level-3",
        "0",
        "GBP",
        6,
        "Dante on managed networks, taught in person.",
        [(22, 10, 1, 6, 14)],
    ),
    (
        "southbank-technical-training",
        "Lighting Design Programme",
        "programme",
        None,
        "3200",
        "GBP",
        160,
        "Twenty weeks: plotting, programming and designing for concerts and theatre.",
        [(36, 10, 1, 7, 16)],
    ),
    (
        "buehnenwerk-akademie",
        "Audio Engineering Programme",
        "programme",
        None,
        "4800",
        "EUR",
        400,
        "A full-time audio engineering course: studio, live mixing and system design.",
        [(45, 9, 1, 8, 20)],
    ),
    (
        "buehnenwerk-akademie",
        "Forklift Operator (Gabelstapler)",
        "certification",
        "forklift",
        "240",
        "EUR",
        8,
        "Forklift training with the driving test.",
        [(11, 8, 1, 8, 10)],
    ),
    (
        "buehnenwerk-akademie",
        "First Aid (Erste Hilfe)",
        "certification",
        "first-aid-cpr",
        "60",
        "EUR",
        9,
        "The nine-hour first aid course.",
        [(19, 9, 1, 9, 16)],
    ),
]

ROSA = ("rosa.rigger", "Rosa", "Delgado")


def _organisation(row, places) -> Organisation:
    slug, name, city, country, description = row
    org, _ = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": "training",
            "city": places[city].name if city else "",
            "country": country,
            "description": description,
        },
    )
    return org


def _session(course, provider_city, places, anchor, when, *, now=None):
    days_after, hour, length, hours_a_day, seats = when
    if provider_city is None:
        zone = "America/Chicago"
        place = None
    else:
        place = places[provider_city]
        zone = place.timezone
    tz = zoneinfo.ZoneInfo(zone)
    first = anchor + dt.timedelta(days=days_after)
    starts = dt.datetime.combine(first, dt.time(hour), tz)
    last = first + dt.timedelta(days=length - 1)
    ends = dt.datetime.combine(last, dt.time(hour + hours_a_day), tz)
    where = {"online": True}
    if place is not None:
        street, dlat, dlon = STREETS[provider_city]
        where = {
            "city": place.name,
            "address": street,
            "latitude": place.latitude + dlat,
            "longitude": place.longitude + dlon,
        }
    return services.session_create(
        actor=OPERATOR,
        course=course,
        starts_at=starts,
        ends_at=ends,
        timezone_name=zone,
        seats=seats,
        now=now,
        **where,
    )


def _rosa(places) -> WorkerProfile:
    username, first, last = ROSA
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@stagedoor.localhost",
        },
    )
    if created:
        user.set_password(cast.PASSWORD)
        user.save()
    chicago = places["Chicago, US"]
    worker, _ = WorkerProfile.objects.get_or_create(
        user=user,
        defaults={
            "slug": "rosa-delgado",
            "display_name": f"{first} {last}",
            "headline": "New to the trade; aiming to rig",
            "home_city": chicago.name,
            "country": "US",
            "latitude": chicago.latitude,
            "longitude": chicago.longitude,
            "travel_radius_km": 40,
            "currency": "USD",
            # she came to rig: her plan opens from Start here, Today and the careers page
            "goal_role": Role.objects.filter(slug="rigger").first(),
        },
    )
    return worker


def _past_completions(courses, places, anchor) -> None:
    """A past OSHA 10 in Chicago: one completion confirmed, one recorded and waiting."""
    course = courses["OSHA 10 for Entertainment"]
    then = timezone.now() - dt.timedelta(days=60)
    session = _session(course, "Chicago, US", places, anchor, (-24, 8, 2, 5, 12), now=then)
    chicago = list(
        WorkerProfile.objects.filter(home_city="Chicago", user__isnull=False)
        .exclude(certifications__certification__slug="osha-10")
        .exclude(user__username=ROSA[0])
        .select_related("user")
        .order_by("slug")[:2]
    )
    for i, worker in enumerate(chicago):
        enrolment = services.enrolment_create(
            actor=worker.user, worker=worker, session=session, now=then
        )
        if i == 0:
            services.enrolment_confirm(actor=OPERATOR, enrolment=enrolment)
        else:
            services.enrolment_claim(actor=worker.user, enrolment=enrolment)


def _manager() -> None:
    """The demo login who runs Lakeshore Safety Institute's training as its manager."""
    username, slug = cast.TRAINING_MANAGER
    user = get_user_model().objects.filter(username=username).first()
    org = Organisation.objects.filter(slug=slug).first()
    if user is not None and org is not None:
        Membership.objects.get_or_create(
            organisation=org, user=user, defaults={"role": MemberRole.MANAGER}
        )


@transaction.atomic
def save_training() -> int:
    """Providers, courses, sessions and rosa.rigger, once; returns the sessions created."""
    places = {row[2]: find_place(row[2]) for row in PROVIDERS if row[2]}
    _rosa(places)
    if SiteSetting.objects.filter(key=SETTING).exists():
        _manager()
        return 0
    anchor = max(demo_anchor(), timezone.localdate())
    SiteSetting.objects.create(key=SETTING, value=anchor.isoformat())
    providers = {row[0]: (_organisation(row, places), row[2]) for row in PROVIDERS}
    courses: dict[str, Course] = {}
    made = 0
    for provider, title, kind, cert, price, currency, hours, text, dates in COURSES:
        org, city = providers[provider]
        course = services.course_create(
            actor=OPERATOR,
            provider=org,
            title=title,
            kind=kind,
            certification=cert,
            description=text,
            prerequisites=["osha-10"] if cert and cert.startswith("etcp") else [],
            hours_required=3000 if cert and cert.startswith("etcp") else None,
            price=Decimal(price),
            currency=currency,
            duration_hours=hours,
        )
        courses[title] = course
        for when in dates:
            _session(course, city, places, anchor, when)
            made += 1
    _past_completions(courses, places, anchor)
    _manager()
    return made
