"""Reading openings: the list near someone, one opening with its places, a worker's
applications, and the "Ways in near you" section of the career plan and of "Start here"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from stagedoor.careers.pathways import Link, PathContext, Section
from stagedoor.core.nearby import distance_km, distance_words, path_roles, within
from stagedoor.core.text import day, in_zone, pay

from .enums import TAKING_A_PLACE, ApplicationStatus, Kind, Status
from .models import Application, Opportunity

PLAN_LIMIT = 5
FAR = dt.date.max


def live(today: dt.date) -> QuerySet[Opportunity]:
    """Open, not over, and still taking applications on `today`."""
    return (
        Opportunity.objects.filter(status=Status.OPEN, ends_on__gte=today)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .select_related("organisation", "venue")
        .annotate(
            taken=Count(
                "applications",
                filter=Q(applications__status__in=TAKING_A_PLACE),
                distinct=True,  # the target-role filter joins one row per role
            )
        )
    )


def places_taken(opportunity: Opportunity) -> int:
    return opportunity.applications.filter(status__in=TAKING_A_PLACE).count()


@dataclass(frozen=True)
class Found:
    opportunity: Opportunity
    km: float | None

    @property
    def distance(self) -> str:
        return distance_words(self.km, self.opportunity.remote)

    @property
    def dates(self) -> str:
        return dates_words(self.opportunity)

    @property
    def pay(self) -> str:
        return pay_words(self.opportunity)

    @property
    def apply_by(self) -> str:
        """The deadline written like the dates beside it (no year), or ''."""
        deadline = self.opportunity.deadline
        return day(deadline) if deadline else ""


def opportunity_list(
    *,
    today: dt.date,
    spot=None,
    kind: str | None = None,
    paid: bool | None = None,
    roles: tuple[str, ...] | list[str] = (),
    organisation=None,
) -> list[Found]:
    """Live openings, the nearest first when `spot` is given (online ones after those in
    reach), else the soonest first. Only those within the spot's radius, or online."""
    rows = live(today)
    if kind:
        rows = rows.filter(kind=kind)
    if paid is not None:
        rows = rows.filter(paid=paid)
    if roles:
        rows = rows.filter(target_roles__slug__in=roles).distinct()
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    found = []
    for row in rows:
        km = None if row.remote else distance_km(spot, row.latitude, row.longitude)
        if spot is None or within(spot, km, row.remote):
            found.append(Found(row, km))
    if spot is None:
        return sorted(found, key=lambda f: (f.opportunity.starts_on, f.opportunity.pk))
    return sorted(
        found,
        key=lambda f: (
            f.opportunity.remote,
            f.km or 0.0,
            f.opportunity.deadline or FAR,
            f.opportunity.pk,
        ),
    )


def pay_words(opportunity: Opportunity) -> str:
    """'Unpaid', or 'Paid: $18.50 an hour'."""
    if not opportunity.paid:
        return "Unpaid"
    return f"Paid: {pay(opportunity.pay_amount, opportunity.currency, opportunity.pay_unit)}"


def dates_words(opportunity: Opportunity) -> str:
    """'Sat 26 Dec - Sun 27 Dec' (en dash), with the years when it runs into another year."""
    start, end = opportunity.starts_on, opportunity.ends_on
    if start == end:
        return day(start)
    if start.year != end.year:
        return f"{day(start)} {start.year} \u2013 {day(end)} {end.year}"
    return f"{day(start)} \u2013 {day(end)}"


def place_words(opportunity: Opportunity) -> str:
    if opportunity.remote:
        return "Online"
    if opportunity.venue_id:
        return f"{opportunity.venue.name}, {opportunity.venue.city}"
    return opportunity.city


def places_left(opportunity: Opportunity) -> int:
    taken = getattr(opportunity, "taken", None)
    if taken is None:
        taken = places_taken(opportunity)
    return max(opportunity.places - taken, 0)


def standing_words(application: Application) -> str:
    """Where the reader stands with an opening: 'Applied 3 Dec' (the day in the opening's
    zone), 'Accepted', 'Interested'."""
    if application.status == ApplicationStatus.APPLIED:
        when = in_zone(application.created_at, application.opportunity.timezone)
        return f"Applied {when.day} {when:%b}"  # a date past, no weekday needed
    return application.get_status_display()


def link_for(found: Found, application: Application | None = None) -> Link:
    o = found.opportunity
    where = found.distance or place_words(o)
    text = f"{o.title} \u2014 {o.work_for or o.organisation.name}, {dates_words(o)}, {where}"
    pay = pay_words(o)
    if application is not None:
        # Where she stands takes the tag; the pay moves into the detail.
        tag, detail = standing_words(application), [pay]
    else:
        # The pay is said once, amount and all, in the tag.
        tag, detail = pay, []
        if o.deadline:
            detail.append(f"apply by {day(o.deadline)}")
    detail.append(f"{places_left(o)} of {o.places} places left")
    return Link(
        text=text,
        url=o.get_absolute_url(),
        detail=" · ".join(detail),
        distance_km=found.km,
        online=o.remote,
        tag=tag,
    )


# Applications a plan lists as the reader's own; declined, completed and withdrawn ones
# are not (a withdrawn opening shows again like any other).
STANDING = (ApplicationStatus.ACCEPTED, ApplicationStatus.APPLIED, ApplicationStatus.INTERESTED)


def _yours(context: PathContext) -> tuple[list[tuple[Found, Application]], set[int]]:
    """The reader's own openings still to come (even past their deadline or closed to
    new applications), accepted first; and every opening they have a say on, to leave out.
    One query however many: the places taken are counted in it."""
    if context.worker is None:
        return [], set()
    mine = list(
        applications_of(context.worker)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .annotate(
            taken=Count(
                "opportunity__applications",
                filter=Q(opportunity__applications__status__in=TAKING_A_PLACE),
            )
        )
    )
    order = {s: i for i, s in enumerate(STANDING)}
    shown = []
    for a in mine:
        o = a.opportunity
        if a.status not in order or o.ends_on < context.today:
            continue
        o.taken = a.taken
        km = None if o.remote else distance_km(context.place, o.latitude, o.longitude)
        shown.append((Found(o, km), a))
    shown.sort(key=lambda fa: (order[fa[1].status], fa[0].opportunity.starts_on, fa[1].pk))
    return shown, {a.opportunity_id for a in mine}


def _section(context: PathContext, roles: tuple[str, ...], key: str) -> Section | None:
    if not roles:
        return None
    yours, seen = _yours(context)
    others = [
        f
        for f in opportunity_list(today=context.today, spot=context.place, roles=roles)
        if f.opportunity.pk not in seen
    ]
    links = [link_for(f, a) for f, a in yours]
    links += [link_for(f) for f in others]
    links = links[: max(PLAN_LIMIT, len(yours))]
    near = f" near {context.place.label}" if context.place else ""
    return Section(
        key=key,
        title="Ways in near you",
        intro=f"Internships, volunteer calls and apprenticeships{near} that lead toward this path.",
        links=tuple(links),
        empty=f"No internships, volunteer calls or apprenticeships{near} on this path right now.",
        more_url=reverse("openings:list"),
        more_text="All ways in",
        order=30,
    )


def plan_section(context: PathContext) -> Section | None:
    return _section(context, path_roles(context), "ways-in")


# "Start here" lists the same, for its start roles (path_roles tells the two apart).
start_section = plan_section


def applications_of(worker) -> QuerySet[Application]:
    return (
        Application.objects.filter(worker=worker)
        .select_related("opportunity__organisation", "opportunity__venue")
        .order_by("-created_at", "-pk")
    )


def application_of(worker, opportunity: Opportunity) -> Application | None:
    if worker is None:
        return None
    return Application.objects.filter(worker=worker, opportunity=opportunity).first()


def applicants(opportunity: Opportunity) -> QuerySet[Application]:
    return (
        opportunity.applications.exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("worker", "credit")
        .order_by("created_at", "pk")
    )


def kind_choices() -> list[tuple[str, str]]:
    return list(Kind.choices)
