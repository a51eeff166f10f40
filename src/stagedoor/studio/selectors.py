"""Reads for studio projects: a project's state in words, the quote comparison with its
ranked fit and reasons, a person's projects, and milestone pay for pay pages and planners."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from stagedoor.core.text import money, pay, pay_unit_words
from stagedoor.engine.studio import fit as engine
from stagedoor.gigs.models import StudioProject
from stagedoor.people.models import Credit, PortfolioLink, WorkerProfile

from .enums import DeliveryStatus, Kind, QuoteStatus, Unit
from .models import Brief, Deliverable, Milestone, Quote

OPEN = "open"
IN_PROGRESS = "in_progress"
IN_REVISION = "in_revision"
DELIVERED = "delivered"
APPROVED = "approved"
STATE_WORDS = {
    OPEN: "Taking quotes",
    IN_PROGRESS: "In progress",
    IN_REVISION: "In revision",
    DELIVERED: "Delivered, waiting for review",
    APPROVED: "Approved",
}


def price_words(amount, currency: str, unit: str) -> str:
    """'$600.00 a song': a quote's price as every page writes pay (`core.text.pay`)."""
    return pay(amount, currency, unit)


def project_state(project: StudioProject) -> str:
    return project_states([project])[project.pk]


def project_states(projects) -> dict[int, str]:
    """Where each project stands, in three queries however many there are (a list page)."""
    ids = [p.pk for p in projects]
    approved = set(
        Brief.objects.filter(project_id__in=ids, approved_at__isnull=False).values_list(
            "project_id", flat=True
        )
    )
    hired = set(
        Quote.objects.filter(project_id__in=ids, status=QuoteStatus.ACCEPTED).values_list(
            "project_id", flat=True
        )
    )
    delivered: dict[int, set[str]] = {pk: set() for pk in ids}
    for pk, status in Deliverable.objects.filter(project_id__in=ids).values_list(
        "project_id", "status"
    ):
        delivered[pk].add(status)
    out = {}
    for pk in ids:
        states = delivered[pk]
        if pk in approved:
            out[pk] = APPROVED
        elif pk not in hired:
            out[pk] = OPEN
        elif DeliveryStatus.REVISION in states:
            out[pk] = IN_REVISION
        elif states and states <= {DeliveryStatus.DELIVERED, DeliveryStatus.APPROVED}:
            out[pk] = DELIVERED
        else:
            out[pk] = IN_PROGRESS
    return out


def songs_of(project: StudioProject) -> int:
    total = project.studio_deliverables.filter(kind=Kind.SONG).aggregate(n=Sum("quantity"))["n"]
    return total or 0


def budget_of(project: StudioProject) -> Decimal:
    total = project.studio_deliverables.aggregate(b=Sum("budget"))["b"] or Decimal(0)
    return Decimal(total).quantize(Decimal("0.01"))


def workload(worker_ids) -> dict[int, int]:
    """Projects in progress per person: accepted quotes on projects not yet approved."""
    rows = (
        Quote.objects.filter(
            worker_id__in=worker_ids,
            status=QuoteStatus.ACCEPTED,
            project__brief__approved_at__isnull=True,
        )
        .values("worker_id")
        .annotate(n=Count("pk"))
    )
    return {row["worker_id"]: row["n"] for row in rows}


def engine_brief(brief: Brief, today: dt.date | None = None) -> engine.Brief:
    project = brief.project
    today = today or timezone.localdate()
    revisions = project.studio_deliverables.order_by("-revisions_included").first()
    return engine.Brief(
        budget=budget_of(project),
        currency=brief.currency,
        songs=songs_of(project),
        genres=frozenset(g.lower() for g in brief.genre_list()),
        days_left=max(0, (project.deadline - today).days),
        revisions=revisions.revisions_included if revisions else 0,
    )


@dataclass(frozen=True)
class Row:
    """One quote in the comparison, as the studio reads it."""

    rank: int
    quote: Quote
    fit: engine.Fit
    price: str
    total: str
    reasons: tuple[str, ...]
    portfolio: tuple[PortfolioLink, ...]
    credits: int


def _reasons(q: Quote, f: engine.Fit, brief: Brief, in_progress: int, credits: int):
    out = []
    if not f.comparable:
        out.append(
            f"Quoted in {q.currency}; the budget is in {brief.currency}, so the price is "
            "not compared with it"
        )
    elif f.total is not None:
        budget = money(f.budget_in_unit, brief.currency)
        asked = price_words(q.price, q.currency, q.unit)
        whole = "" if q.unit == Unit.PROJECT else f"{money(f.total, q.currency)} in all, "
        if f.over_budget:
            out.append(
                f"Asks {asked} against a budget of {budget} {pay_unit_words(q.unit)}: "
                f"{whole}{money(f.over_budget, q.currency)} over budget"
            )
        else:
            out.append(
                f"Asks {asked} against a budget of {budget} {pay_unit_words(q.unit)}: "
                f"{whole}within budget"
            )
    role = brief.role.name.lower()
    out.append(
        f"{credits} verified credit{'s' if credits != 1 else ''} as {role}"
        if credits
        else f"No verified credits as {role} yet"
    )
    if f.genres_matched:
        out.append("Works in " + ", ".join(f.genres_matched))
    elif brief.genres:
        out.append("No work shown in " + brief.genres)
    if in_progress:
        out.append(f"{in_progress} other project{'s' if in_progress != 1 else ''} in progress")
    else:
        out.append("No other projects in progress")
    if not f.on_time:
        out.append(f"Needs {q.turnaround_days} days: past the deadline")
    else:
        out.append(f"Delivers in {q.turnaround_days} days")
    if f.short_revisions:
        out.append(f"Includes {q.revisions_included} revision rounds, fewer than you ask")
    return tuple(out)


def comparison(project: StudioProject, today: dt.date | None = None) -> list[Row]:
    """Submitted (and accepted) quotes, best fit first, with the reasons in words."""
    brief = project.brief
    quotes = list(
        Quote.objects.filter(
            project=project, status__in=[QuoteStatus.SUBMITTED, QuoteStatus.ACCEPTED]
        ).select_related("worker")
    )
    ids = [q.worker_id for q in quotes]
    loads = workload(ids)
    credit_counts = dict(
        Credit.objects.filter(worker_id__in=ids, verified=True, role=brief.role)
        .values_list("worker_id")
        .annotate(n=Count("pk"))
    )
    links: dict[int, list[PortfolioLink]] = {}
    for link in PortfolioLink.objects.filter(worker_id__in=ids):
        links.setdefault(link.worker_id, []).append(link)
    by_key = {str(q.pk): q for q in quotes}
    facts = []
    for q in quotes:
        mine = links.get(q.worker_id, [])
        genres = frozenset(g.lower() for link in mine for g in link.genre_list())
        # The project being compared is not other work: leave it out of the count.
        load = loads.get(q.worker_id, 0) - (1 if q.status == QuoteStatus.ACCEPTED else 0)
        facts.append(
            engine.Quote(
                key=str(q.pk),
                price=q.price,
                unit=q.unit,
                currency=q.currency,
                turnaround_days=q.turnaround_days,
                revisions=q.revisions_included,
                credits=credit_counts.get(q.worker_id, 0),
                genres=genres,
                portfolio=len(mine),
                in_progress=load,
            )
        )
    rows = []
    for number, f in enumerate(engine.rank(facts, engine_brief(brief, today)), start=1):
        q = by_key[f.key]
        fact = next(x for x in facts if x.key == f.key)
        rows.append(
            Row(
                rank=number,
                quote=q,
                fit=f,
                price=price_words(q.price, q.currency, q.unit),
                total=money(f.total, q.currency) if f.total is not None else "",
                reasons=_reasons(q, f, brief, fact.in_progress, fact.credits),
                portfolio=tuple(links.get(q.worker_id, [])),
                credits=fact.credits,
            )
        )
    return rows


def studio_projects(organisation_ids) -> QuerySet[StudioProject]:
    return (
        StudioProject.objects.filter(organisation_id__in=organisation_ids, brief__isnull=False)
        .select_related("organisation", "brief")
        .order_by("deadline", "pk")
    )


def quotes_of(worker: WorkerProfile):
    return (
        Quote.objects.filter(worker=worker)
        .select_related("project__organisation", "project__brief")
        .order_by("project__deadline", "pk")
    )


def open_briefs(worker: WorkerProfile):
    """Projects open to quotes in the person's roles that they have not quoted on."""
    roles = worker.roles.values_list("role_id", flat=True)
    return (
        Brief.objects.filter(open_to_quotes=True, role_id__in=roles, approved_at__isnull=True)
        .exclude(project__quotes__worker=worker)
        .exclude(project__quotes__status=QuoteStatus.ACCEPTED)
        .select_related("project__organisation")
        .order_by("project__deadline")
    )


def deliverables_of(project: StudioProject):
    return list(
        Deliverable.objects.filter(project=project)
        .prefetch_related("events__by__worker")
        .select_related("milestone")
    )


@dataclass(frozen=True)
class MilestonePay:
    day: dt.date
    amount: Decimal
    currency: str
    label: str
    earned: bool


def milestone_pay(worker: WorkerProfile, start: dt.date, end: dt.date) -> list[MilestonePay]:
    """A person's project milestones in the period: earned on the day a deliverable is
    approved, expected on its due date until then."""
    rows = Milestone.objects.filter(
        Q(earned_on__range=(start, end)) | Q(earned_on__isnull=True, due_on__range=(start, end)),
        quote__worker=worker,
        quote__status=QuoteStatus.ACCEPTED,
    ).select_related("deliverable", "quote__project")
    return [
        MilestonePay(
            day=m.earned_on or m.due_on,
            amount=m.amount,
            currency=m.currency,
            label=f"{m.quote.project.title}: {m.deliverable.title}",
            earned=m.earned_on is not None,
        )
        for m in rows.order_by("due_on", "pk")
    ]
