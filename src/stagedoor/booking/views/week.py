"""The manager's home, /manage/: what needs them now (the coordinator's week), then their
shows and studio projects, the shows in their venues that other companies run, and the
links to make more.

It lives in booking, not gigs, because the week reads offers, bookings and pay, which gigs
may not import; the URL is `booking:manage`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from stagedoor.gigs.models import Status
from stagedoor.gigs.selectors import hosted_shows, show_list
from stagedoor.industry.enums import OrganisationKind

from ..week import words
from ..week.projects import coming_projects
from ..week.selectors import coordinator_week


def _start(text: str | None) -> tuple[dt.date | None, str]:
    if not text:
        return None, ""
    try:
        return dt.date.fromisoformat(text), ""
    except ValueError:
        return None, f"Week starting: '{text}' is not a date (YYYY-MM-DD); showing this week."


@login_required
def manage(request):
    start, start_error = _start(request.GET.get("start"))
    week = coordinator_week(actor=request.user, start=start)
    orgs = sorted(week.organisations, key=lambda o: o.name)
    projects = coming_projects(orgs)
    # A studio mostly runs projects: it reads no "no shows" line unless it has shows.
    shows_by_org = [
        (
            org,
            show_list(organisation=org, statuses=Status.values),
            projects.get(org.pk, []),
            org.kind == OrganisationKind.STUDIO or org.pk in projects,
        )
        for org in orgs
    ]
    context = {
        "week": week,
        "start_error": start_error,
        "previous_start": week.start - dt.timedelta(days=7),
        "next_start": week.next_start,
        "expiring": [
            (o, words.offer_line(o), words.offer_expiry(o, week.now)) for o in week.expiring
        ],
        "unanswered": [
            (o, words.offer_line(o), words.offer_expiry(o, week.now)) for o in week.unanswered
        ],
        "lapses": [(lapse, words.lapse_line(lapse)) for lapse in week.lapses],
        "open_by_when": [
            (when, [(seat, words.open_line(seat)) for seat in seats])
            for when, seats in week.open_by_when()
        ],
        "shows_by_org": shows_by_org,
        "any_studio": any(row[3] for row in shows_by_org),
        "hosted": hosted_shows(request.user),
    }
    return render(request, "booking/manage.html", context, status=400 if start_error else 200)


urlpatterns = [path("manage/", manage, name="manage")]
