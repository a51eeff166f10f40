"""Studio projects hired by deliverable: the same services as the studio pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status as Reply

from stagedoor.core.validation import refuse
from stagedoor.gigs.models import StudioProject
from stagedoor.industry.models import Organisation, Role
from stagedoor.people.models import WorkerProfile
from stagedoor.studio import selectors, services
from stagedoor.studio.models import Deliverable, Quote
from stagedoor.studio.rules import require_runs, worker_of

from .auth import WRITE_AUTH
from .errors import unknown

router = Router(tags=["studio projects"])


class DeliverableIn(Schema):
    kind: str
    title: str = ""
    quantity: int = 1
    due_on: dt.date
    revisions_included: int = 2
    budget: Decimal


class ProjectIn(Schema):
    organisation: str
    title: str
    deadline: dt.date
    role: str
    currency: str
    genres: str = ""
    description: str = ""
    open_to_quotes: bool = False
    deliverables: list[DeliverableIn]


class DeliverableOut(Schema):
    id: int
    kind: str
    title: str
    quantity: int
    due_on: dt.date
    budget: Decimal
    status: str
    revisions_included: int
    revisions_used: int
    extra_revisions: int


class QuoteOut(Schema):
    id: int
    worker: str
    status: str
    price: Decimal | None
    unit: str
    currency: str
    turnaround_days: int | None
    revisions_included: int | None


class ProjectOut(Schema):
    slug: str
    title: str
    deadline: dt.date
    state: str
    state_words: str
    currency: str
    budget: Decimal
    deliverables: list[DeliverableOut]
    quotes: list[QuoteOut]


class QuoteIn(Schema):
    price: Decimal
    unit: str
    currency: str
    turnaround_days: int
    revisions_included: int
    note: str = ""


class InviteIn(Schema):
    workers: list[str]


class RankedQuote(Schema):
    rank: int
    quote: QuoteOut
    score: Decimal
    total: Decimal | None
    budget_in_unit: Decimal | None
    on_time: bool
    reasons: list[str]
    portfolio: list[dict]


class DeliveryIn(Schema):
    note: str = ""
    link: str = ""


class ReviewIn(Schema):
    note: str = ""
    extra: bool = False


class PortfolioIn(Schema):
    label: str
    url: str
    kind: str
    genres: str = ""


def _quote_out(q: Quote) -> dict:
    return {
        "id": q.pk,
        "worker": q.worker.slug,
        "status": q.status,
        "price": q.price,
        "unit": q.unit,
        "currency": q.currency,
        "turnaround_days": q.turnaround_days,
        "revisions_included": q.revisions_included,
    }


def _project_out(project: StudioProject) -> dict:
    state = selectors.project_state(project)
    return {
        "slug": project.slug,
        "title": project.title,
        "deadline": project.deadline,
        "state": state,
        "state_words": selectors.STATE_WORDS[state],
        "currency": project.brief.currency,
        "budget": selectors.budget_of(project),
        "deliverables": list(project.studio_deliverables.all()),
        "quotes": [_quote_out(q) for q in project.quotes.select_related("worker")],
    }


def _project(slug: str) -> StudioProject:
    return get_object_or_404(
        StudioProject.objects.select_related("organisation", "brief__role").filter(
            brief__isnull=False
        ),
        slug=slug,
    )


@router.post("/studio/projects", response={201: ProjectOut}, auth=WRITE_AUTH)
def create_project(request, payload: ProjectIn):
    data = payload.dict()
    organisation = unknown("organisation", Organisation, data.pop("organisation"))
    role = unknown("role", Role, data.pop("role"))
    project = services.studio_project_create(
        actor=request.auth, organisation=organisation, role=role, remote_allowed=True, **data
    )
    return Reply(201, _project_out(_project(project.slug)))


@router.get("/studio/projects/{slug}", response=ProjectOut, auth=WRITE_AUTH)
def get_project(request, slug: str):
    project = _project(slug)
    require_runs(request.auth, project, "see its quotes and deliveries")
    return _project_out(project)


@router.post(
    "/studio/projects/{slug}/deliverables", response={201: DeliverableOut}, auth=WRITE_AUTH
)
def add_deliverable(request, slug: str, payload: DeliverableIn):
    made = services.deliverable_add(actor=request.auth, project=_project(slug), **payload.dict())
    return Reply(201, made)


@router.post("/studio/projects/{slug}/invitations", response=list[QuoteOut], auth=WRITE_AUTH)
def invite(request, slug: str, payload: InviteIn):
    workers = []
    for name in payload.workers:
        found = WorkerProfile.objects.filter(slug=name).first()
        if found is None:
            refuse("workers", f"'{name}' does not exist.")
        workers.append(found)
    quotes = services.quote_invite(actor=request.auth, project=_project(slug), workers=workers)
    return [_quote_out(q) for q in quotes]


@router.post("/studio/projects/{slug}/quotes", response={201: QuoteOut}, auth=WRITE_AUTH)
def submit_quote(request, slug: str, payload: QuoteIn):
    quote = services.quote_submit(actor=request.auth, project=_project(slug), **payload.dict())
    return Reply(201, _quote_out(quote))


@router.get("/studio/projects/{slug}/quotes", response=list[RankedQuote], auth=WRITE_AUTH)
def compare_quotes(request, slug: str):
    """Quotes best fit first, with the reasons the studio reads on the comparison page."""
    project = _project(slug)
    require_runs(request.auth, project, "compare its quotes")
    return [
        {
            "rank": row.rank,
            "quote": _quote_out(row.quote),
            "score": row.fit.score,
            "total": row.fit.total,
            "budget_in_unit": row.fit.budget_in_unit,
            "on_time": row.fit.on_time,
            "reasons": list(row.reasons),
            "portfolio": [
                {"label": p.label, "url": p.url, "kind": p.kind, "genres": p.genre_list()}
                for p in row.portfolio
            ],
        }
        for row in selectors.comparison(project)
    ]


@router.post("/studio/quotes/{pk}/accept", response=QuoteOut, auth=WRITE_AUTH)
def accept_quote(request, pk: int):
    quote = get_object_or_404(Quote.objects.select_related("project__brief", "worker"), pk=pk)
    return _quote_out(services.quote_accept(actor=request.auth, quote=quote))


def _deliverable(pk: int) -> Deliverable:
    return get_object_or_404(
        Deliverable.objects.select_related("project__organisation", "project__brief"), pk=pk
    )


@router.post("/studio/deliverables/{pk}/deliver", response=DeliverableOut, auth=WRITE_AUTH)
def deliver(request, pk: int, payload: DeliveryIn):
    return services.deliverable_deliver(
        actor=request.auth, deliverable=_deliverable(pk), **payload.dict()
    )


@router.post("/studio/deliverables/{pk}/revise", response=DeliverableOut, auth=WRITE_AUTH)
def revise(request, pk: int, payload: ReviewIn):
    return services.deliverable_revise(
        actor=request.auth, deliverable=_deliverable(pk), **payload.dict()
    )


@router.post("/studio/deliverables/{pk}/approve", response=DeliverableOut, auth=WRITE_AUTH)
def approve(request, pk: int, payload: DeliveryIn):
    return services.deliverable_approve(
        actor=request.auth, deliverable=_deliverable(pk), note=payload.note
    )


@router.get("/me/studio-quotes", response=list[QuoteOut], auth=WRITE_AUTH)
def my_quotes(request):
    worker = worker_of(request.auth)
    return [] if worker is None else [_quote_out(q) for q in selectors.quotes_of(worker)]


@router.post("/me/portfolio", response={201: dict}, auth=WRITE_AUTH)
def add_portfolio_link(request, payload: PortfolioIn):
    link = services.portfolio_link_add(actor=request.auth, **payload.dict())
    return Reply(
        201,
        {
            "id": link.pk,
            "label": link.label,
            "url": link.url,
            "kind": link.kind,
            "genres": link.genre_list(),
        },
    )
