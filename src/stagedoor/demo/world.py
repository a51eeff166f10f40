"""Build the demo world: plan everything from a seeded RNG, then save what is missing.

The crew are planned and saved in `people`, the shows and projects in `shows`; this module
saves the organisations and venues they hang from and runs the whole in order.
"""

from __future__ import annotations

from django.db import transaction

from stagedoor.core.places import find_place
from stagedoor.gigs.models import Position, Show, Status, Tour
from stagedoor.industry.enums import MemberRole
from stagedoor.industry.models import Membership, Organisation, Venue
from stagedoor.people.models import WorkerProfile

from . import cast
from .common import Catalog, NoProgress, ProgressLike, demo_anchor
from .crew_templates import save_crew_templates
from .mentoring import save_mentoring
from .openings import save_ways_in
from .past import save_past_week
from .people import plan_workers, save_crew_lists, save_logins, save_newcomers, save_worker
from .shows import plan_shows, save_project, save_show
from .studio import save_studio_projects
from .touring import save_tour_itinerary
from .week import save_coordinator_week


@transaction.atomic
def _save_organisations(users, places) -> dict[str, Organisation]:
    orgs = {}
    for slug, name, kind, city, description, login, member_role in cast.ORGANISATIONS:
        place = find_place(city)
        org, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "city": city,
                "country": place.country if place else "",
                "description": description,
                "jurisdiction": "Chicago and Cook County, Illinois"
                if kind == "union_local"
                else "",
                "turnaround_hours": 10 if kind == "union_local" else 8,
            },
        )
        orgs[slug] = org
        if login:
            Membership.objects.get_or_create(
                organisation=org, user=users[login], defaults={"role": member_role}
            )
    # The venue manager also crew-chiefs at the Chicago local's shows; the production
    # manager is a member of the promoter that books the tour.
    Membership.objects.get_or_create(
        organisation=orgs["northern-lights-presents"],
        user=users["parker.production"],
        defaults={"role": MemberRole.CREW_CHIEF},
    )
    for slug, name, operator, city, address, capacity, local, parking, load_in in cast.VENUES:
        place = places[city]
        Venue.objects.get_or_create(
            slug=slug,
            defaults={
                "organisation": orgs[operator],
                "name": name,
                "address": address,
                "city": place.name,
                # GeoNames' admin1 code is a postal abbreviation only where it is letters.
                "region": place.region if place.region.isalpha() else "",
                "country": place.country,
                "latitude": round(place.latitude + 0.004, 5),
                "longitude": round(place.longitude - 0.006, 5),
                "timezone": place.timezone,
                "capacity": capacity,
                "union_local": orgs[local] if local else None,
                "parking_notes": parking,
                "load_in_notes": load_in,
            },
        )
    return orgs


def build_demo_world(progress: ProgressLike | None = None) -> dict[str, int]:
    """Create the demo world, or top it up; a second run changes nothing."""
    progress = progress or NoProgress()
    anchor = demo_anchor()
    catalog = Catalog()
    places = {c[0]: find_place(c[0]) for c in cast.CITIES}
    places.update({v[3]: find_place(v[3]) for v in cast.VENUES})
    workers = plan_workers(catalog, places, anchor)
    shows = plan_shows(catalog, anchor)
    total = 5 + len(workers) + len(shows) + len(cast.PROJECTS)
    progress.start(total, "Organisations and logins")
    users = save_logins([(u, f, last) for u, f, last, _ in cast.LOGINS if u != "will.worker"])
    orgs = _save_organisations(users, places)
    save_newcomers([users[name] for name in cast.NEWCOMERS])
    progress.advance(2, "Crew profiles")
    created = {"workers": 0, "shows": 0, "projects": 0}
    for plan in workers:
        created["workers"] += save_worker(plan, catalog, orgs)
        progress.advance(1, f"Crew: {plan.profile['display_name']}")
    tour_row = cast.TOUR
    tour, _ = Tour.objects.get_or_create(
        slug=tour_row["slug"],
        defaults={
            "organisation": orgs[tour_row["organisation"]],
            "artist": tour_row["artist"],
            "name": tour_row["name"],
            "status": Status.PUBLISHED,
        },
    )
    for plan in shows:
        created["shows"] += save_show(plan, catalog, orgs, tour)
        progress.advance(1, f"Show: {plan.artist}, {plan.date:%d %b}")
    for row in cast.PROJECTS:
        created["projects"] += save_project(row, anchor, catalog, orgs)
        progress.advance(1, f"Studio project: {row[2]}")
    save_crew_lists(orgs)
    save_crew_templates(orgs)
    created["studio_projects"] = save_studio_projects(anchor)
    from .staffing import save_staffing

    save_staffing()
    # After the staffing step, which books from the earliest calls: the past week's are
    # its own, in every state of a worked call.
    past = save_past_week(catalog, orgs)
    progress.advance(1, "The past week: worked calls and timesheets")
    warm_up = save_coordinator_week(catalog, orgs)
    progress.advance(1, "The coordinator's week: a warm-up show with offers out")
    from .hall import save_hall

    registrants = save_hall(orgs)
    progress.advance(1, "The hiring hall: Local 88's lists, rules and requests")
    from .training import save_training

    created["training_sessions"] = save_training()
    created.update(save_ways_in(anchor))  # openings and industry events (issue 21)
    # Last, so engaging touring crew withdraws nothing the steps above set up.
    road = save_tour_itinerary()
    save_mentoring()
    return {
        "anchor": anchor.isoformat(),
        "workers_created": created["workers"],
        "shows_created": created["shows"],
        "projects_created": created["projects"],
        "studio_projects_created": created["studio_projects"],
        "past_shows_created": past.shows,
        "past_bookings_created": past.bookings,
        "warm_up_shows_created": warm_up,
        "hall_registrants_created": registrants,
        "tour_days_created": road["tour_days"],
        "travel_legs_created": road["travel_legs"],
        "tour_engagements_created": road["engagements"],
        "workers": WorkerProfile.objects.count(),
        "shows": Show.objects.count(),
        "positions": Position.objects.count(),
    }
