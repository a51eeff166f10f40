"""The industry directory: roles, organisations and venues, each with its live shows or
openings (and, on a role page, the careers market facts its template asks for).

These pages read the catalog (industry) together with gigs and careers, so they live at
the top of the app order, here, not in industry; their URL names stay in the "industry"
namespace (directory_urls) that every template already links to.
"""

from itertools import groupby

from django.shortcuts import render

from stagedoor.core.http import or_404
from stagedoor.core.paging import page_of
from stagedoor.gigs.selectors import position_list, show_list
from stagedoor.industry import rules as industry_rules
from stagedoor.industry import selectors
from stagedoor.industry.enums import Department, Level
from stagedoor.industry.models import Organisation, Role, Venue


def roles(request):
    departments = dict(Department.choices)
    grouped = [
        (departments.get(dept, dept), list(items))
        for dept, items in groupby(selectors.role_list(), key=lambda r: r.department)
    ]
    return render(request, "industry/roles.html", {"departments": grouped, "levels": Level.choices})


def role(request, slug: str):
    obj = or_404(Role, "No such role", selectors.role_detail, slug)
    openings = position_list().filter(role=obj)[:10]
    return render(request, "industry/role.html", {"role": obj, "openings": openings})


def organisations(request):
    page = page_of(request, selectors.organisation_list())
    return render(request, "industry/organisations.html", {"page": page, "organisations": page})


def organisation(request, slug: str):
    org = or_404(Organisation, "No such organisation", selectors.organisation_detail, slug)
    return render(
        request,
        "industry/organisation.html",
        {
            "org": org,
            "shows": show_list(organisation=org),
            "venues": org.venues.all(),
            "is_member": industry_rules.is_member(request.user, org),
            # Only those who may run it see "Manage training" (a crew chief would get a 403).
            "can_manage": industry_rules.can_manage(request.user, org),
        },
    )


def venue(request, slug: str):
    obj = or_404(Venue, "No such venue", selectors.venue_detail, slug)
    return render(
        request, "industry/venue.html", {"venue": obj, "shows": show_list().filter(venue=obj)}
    )
