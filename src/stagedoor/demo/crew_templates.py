"""The production company's crew-call templates, so "Apply template" can be tried: the
Lanterns Tour's first stop saved whole, and its touring crew alone (the calls that travel
with the tour, to post at a one-off date). Saved through the gigs services, as Parker
would from the show page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from stagedoor.gigs.crewtemplates.services import crew_template_line_delete, crew_template_save
from stagedoor.gigs.models import Crew, CrewTemplate, Show

from . import cast

FULL = "Lanterns Tour: full crew call"
TOURING = "Lanterns Tour: touring crew only"


@transaction.atomic
def save_crew_templates(orgs) -> int:
    """Save the demo's templates that are missing; return how many were saved."""
    org = orgs[cast.TOUR["organisation"]]
    first = (
        Show.objects.select_related("organisation", "venue")
        .filter(tour__slug=cast.TOUR["slug"], tour_order=1)
        .first()
    )
    manager = get_user_model().objects.get(username="parker.production")
    saved = 0
    if first is None:
        return saved
    for name in (FULL, TOURING):
        if CrewTemplate.objects.filter(organisation=org, name=name).exists():
            continue
        if name == TOURING and not first.positions.filter(crew=Crew.TOURING).exists():
            continue
        template = crew_template_save(actor=manager, show=first, name=name)
        if name == TOURING:
            for line in template.lines.exclude(crew=Crew.TOURING):
                crew_template_line_delete(actor=manager, line=line)
        saved += 1
    return saved
