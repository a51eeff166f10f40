"""Ways in for the demo's newcomers: a festival volunteer call on Chicago's lakefront, a venue
internship and a stage-crew apprenticeship in Chicago, Local 88's apprenticeship intake, a
production warehouse internship in Nashville, and openings in London, Manchester and Berlin.
Posted through the openings services, dated from the demo's anchor so they stay upcoming."""

from __future__ import annotations

import datetime as dt

from stagedoor.core.permissions import OPERATOR
from stagedoor.industry.models import Organisation
from stagedoor.openings import services
from stagedoor.openings.models import Opportunity


def _weekend(anchor: dt.date, weeks: int) -> dt.date:
    """The Saturday `weeks` weeks after the anchor's week."""
    return anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7 + 7 * weeks)


def _rows(anchor: dt.date) -> list[dict]:
    festival = _weekend(anchor, 3)
    return [
        {
            "organisation": "northern-lights-presents",
            "kind": "volunteer",
            "title": "Festival crew volunteers",
            "work_for": "Lakefront Sound Festival",
            "teaches": "Stage builds, truss and ground support alongside the festival's riggers; "
            "cable runs, load-in and load-out done safely. Hard hat, gloves and meals provided.",
            "target_roles": ["stagehand", "rigger"],
            "skills": ["knots-and-slings"],
            "city": "Chicago",
            "starts_on": festival,
            "ends_on": festival + dt.timedelta(days=1),
            "deadline": festival - dt.timedelta(days=7),
            "places": 12,
            "how_to_apply": "Apply here with a line on when you can work. "
            "Crew briefing on the Friday at 18:00.",
        },
        {
            "organisation": "riverside-venues",
            "kind": "internship",
            "title": "Venue production internship",
            "work_for": "Riverside Ballroom",
            "teaches": "How a 3,500-capacity room runs show days: advancing riders, call sheets, "
            "load-ins with the house crew and the production office.",
            "target_roles": ["production-assistant", "stagehand"],
            "paid": True,
            "pay_amount": "1500",
            "pay_unit": "stipend",
            "currency": "USD",
            "venue": "riverside-ballroom-chicago",
            "starts_on": anchor + dt.timedelta(days=30),
            "ends_on": anchor + dt.timedelta(days=120),
            "deadline": anchor + dt.timedelta(days=18),
            "places": 2,
        },
        {
            "organisation": "riverside-venues",
            "kind": "apprenticeship",
            "title": "Stage crew apprenticeship",
            "work_for": "Riverside Ballroom",
            "teaches": "A year on the house crew: rigging under a head rigger, stage carpentry, "
            "fly rail basics; OSHA 10 paid for in the first month.",
            "target_roles": ["stagehand", "rigger", "carpenter"],
            "paid": True,
            "pay_amount": "18.00",
            "pay_unit": "hour",
            "currency": "USD",
            "venue": "riverside-ballroom-chicago",
            "starts_on": anchor + dt.timedelta(days=45),
            "ends_on": anchor + dt.timedelta(days=410),
            "deadline": anchor + dt.timedelta(days=25),
            "places": 3,
        },
        {
            "organisation": "lakeshore-local-88",
            "kind": "apprenticeship",
            "title": "Apprenticeship intake",
            "work_for": "Lakeshore Stagehands Union, Local 88",
            "teaches": "Three years of paid work on union calls with classes in rigging, "
            "electrics and carpentry; journeyman status at the end.",
            "target_roles": ["stagehand", "rigger"],
            "paid": True,
            "pay_amount": "21.50",
            "pay_unit": "hour",
            "currency": "USD",
            "city": "Chicago",
            "starts_on": anchor + dt.timedelta(days=60),
            "ends_on": anchor + dt.timedelta(days=60 + 3 * 365),
            "deadline": anchor + dt.timedelta(days=35),
            "places": 20,
            "how_to_apply": "Apply here; the hall invites applicants to an aptitude day.",
        },
        {
            "organisation": "sightline-production",
            "kind": "internship",
            "title": "Production warehouse internship",
            "teaches": "Prepping and testing PA, lighting and motors for tours; truck packs.",
            "target_roles": ["audio-tech", "lighting-tech", "rigger"],
            "paid": True,
            "pay_amount": "16.00",
            "pay_unit": "hour",
            "currency": "USD",
            "city": "Nashville",
            "starts_on": anchor + dt.timedelta(days=21),
            "ends_on": anchor + dt.timedelta(days=111),
            "deadline": anchor + dt.timedelta(days=14),
            "places": 4,
        },
        {
            "organisation": "kings-yard-halls",
            "kind": "internship",
            "title": "Technical internship",
            "teaches": "Sound and lighting in two historic halls, with the house technicians.",
            "target_roles": ["audio-tech", "lighting-tech"],
            "paid": True,
            "pay_amount": "1800",
            "pay_unit": "month",
            "currency": "GBP",
            "city": "London, GB",
            "starts_on": anchor + dt.timedelta(days=35),
            "ends_on": anchor + dt.timedelta(days=125),
            "deadline": anchor + dt.timedelta(days=20),
            "places": 2,
        },
        {
            "organisation": "meridian-audio-lighting",
            "kind": "apprenticeship",
            "title": "Live events technician apprenticeship",
            "teaches": "Two years in the warehouse and on festival sites: PA, lighting, rigging.",
            "target_roles": ["audio-tech", "lighting-tech", "rigger"],
            "paid": True,
            "pay_amount": "440",
            "pay_unit": "week",
            "currency": "GBP",
            "city": "Manchester, GB",
            "starts_on": anchor + dt.timedelta(days=50),
            "ends_on": anchor + dt.timedelta(days=50 + 730),
            "deadline": anchor + dt.timedelta(days=30),
            "places": 2,
        },
        {
            "organisation": "spree-kultur",
            "kind": "volunteer",
            "title": "Open-air weekend volunteers",
            "work_for": "Kraftwerk Open Air",
            "teaches": "Stage changeovers, backline handling and site crew work at an open-air "
            "weekend.",
            "target_roles": ["stagehand", "backline-tech"],
            "city": "Berlin, DE",
            "starts_on": _weekend(anchor, 5),
            "ends_on": _weekend(anchor, 5) + dt.timedelta(days=1),
            "deadline": _weekend(anchor, 4),
            "places": 15,
        },
    ]


def save_openings(anchor: dt.date) -> int:
    """Post the demo's openings (once: a second run finds them by title and changes nothing)."""
    created = 0
    for row in _rows(anchor):
        organisation = Organisation.objects.get(slug=row.pop("organisation"))
        if Opportunity.objects.filter(organisation=organisation, title=row["title"]).exists():
            continue
        services.opportunity_save(actor=OPERATOR, organisation=organisation, data=row)
        created += 1
    return created


def save_ways_in(anchor: dt.date) -> dict[str, int]:
    """Openings and industry events for the demo's newcomers."""
    from .events import save_events

    return {"openings_created": save_openings(anchor), "events_created": save_events(anchor)}
