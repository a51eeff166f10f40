"""The union hiring hall: lists, call requests, dispatch runs and the log, for the local's
dispatchers; answers to hall offers and one's own record, for registrants.

Refusals come back as 422 naming the field, permission problems as 403, a busy row as 409.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from stagedoor.booking.models import Offer
from stagedoor.core.validation import refuse
from stagedoor.gigs.models import Position
from stagedoor.hall import record, rules, selectors, services
from stagedoor.hall.models import CallRequest, DispatchRun, LogEntry, Registrant
from stagedoor.industry.models import Organisation

from .auth import WRITE_AUTH
from .pagination import PageOf, Pages

router = Router(tags=["hall"])


class ListRowOut(Schema):
    registrant: int
    name: str
    classification: str
    group: str
    place: int | None
    standing: str
    turndowns: int


class RequestIn(Schema):
    position: int
    by_name: list[int] = []
    needs: list[str] = []


class RequestOut(Schema):
    id: int
    position: int
    classification: str
    headcount: int
    booked: int
    seats_to_offer: int
    call_start: dt.datetime
    call_end: dt.datetime
    by_name: list[int]
    needs: list[str]


class DispatchIn(Schema):
    requests: list[int] | None = None


class DispatchRunOut(Schema):
    id: int
    at: dt.datetime
    rules_version: int
    offers: int
    skips: int


class LogOut(Schema):
    id: int
    at: dt.datetime
    kind: str
    what: str
    registrant: int | None
    name: str
    request: int | None
    run: int | None
    offer: int | None
    channel: str
    deadline: dt.datetime | None
    reason: str


class AnswerIn(Schema):
    answer: str  # accept, pass or decline


def _local(request, slug: str) -> Organisation:
    local = Organisation.objects.filter(slug=slug, kind="union_local").first()
    if local is None:
        raise Http404("No such union local")
    rules.require_dispatcher(request.auth, local, "read the hall's desk")
    return local


def request_out(req: CallRequest) -> dict:
    p = req.position
    return {
        "id": req.pk,
        "position": p.pk,
        "classification": req.classification.name,
        "headcount": p.headcount,
        "booked": selectors.booked_count(p),
        "seats_to_offer": selectors.seats_left(p),
        "call_start": p.call_start,
        "call_end": p.call_end,
        "by_name": sorted(r.pk for r in req.by_name.all()),
        "needs": req.needs,
    }


def log_out(e) -> dict:
    return {
        "id": e.pk,
        "at": e.at,
        "kind": e.kind,
        "what": e.get_kind_display(),
        "registrant": e.registrant_id,
        "name": e.registrant.worker.display_name if e.registrant_id else "",
        "request": e.request_id,
        "run": e.run_id,
        "offer": e.offer_id,
        "channel": e.channel,
        "deadline": e.deadline,
        "reason": e.reason,
    }


def run_out(run: DispatchRun) -> dict:
    return {
        "id": run.pk,
        "at": run.at,
        "rules_version": run.rules.number,
        "offers": run.offers,
        "skips": run.skips,
    }


def _list_row(r: dict) -> dict:
    return {
        "registrant": r["entry"].registrant_id,
        "name": r["entry"].registrant.worker.display_name,
        "classification": r["entry"].classification.name,
        "group": r["entry"].group_name,
        "place": r["place"],
        "standing": selectors.row_status(r),
        "turndowns": r["standing"].strikes,
    }


@router.get("/hall/{slug}/lists", response=list[ListRowOut], auth=WRITE_AUTH)
@paginate(Pages, page_size=100)
def lists(request, slug: str):
    """Every list of the local in dispatch order, places replayed from the log."""
    local = _local(request, slug)
    return PageOf(selectors.list_rows(local), lambda page: [_list_row(r) for r in page])


@router.get("/hall/{slug}/requests", response=list[RequestOut], auth=WRITE_AUTH)
def requests(request, slug: str):
    """The open call requests."""
    return [request_out(r) for r in selectors.open_requests(_local(request, slug))]


@router.post("/hall/requests", response={201: RequestOut}, auth=WRITE_AUTH)
def request_create(request, payload: RequestIn):
    """Send a union call to the hall whose jurisdiction covers its venue."""
    position = Position.objects.filter(pk=payload.position).first()
    if position is None:
        refuse("position", f"No call {payload.position}.")
    named = list(Registrant.objects.filter(pk__in=payload.by_name).select_related("worker"))
    if len(named) != len(set(payload.by_name)):
        refuse("by_name", "Name registrants of the hall by their number.")
    req = services.request_from_position(
        actor=request.auth, position=position, by_name=named, needs=payload.needs, channel="api"
    )
    return Reply(201, request_out(req))


@router.post("/hall/{slug}/dispatch", response={201: DispatchRunOut}, auth=WRITE_AUTH)
def dispatch(request, slug: str, payload: DispatchIn):
    """Dispatch the open requests (or those named) in list order under the rules in force."""
    local = _local(request, slug)
    run = services.dispatch_run(
        actor=request.auth, local=local, request_ids=payload.requests, channel="api"
    )
    return Reply(201, run_out(run))


@router.get("/hall/{slug}/runs", response=list[DispatchRunOut], auth=WRITE_AUTH)
def runs(request, slug: str):
    local = _local(request, slug)
    return [
        run_out(r) for r in DispatchRun.objects.filter(local=local).select_related("rules")[:50]
    ]


@router.get("/hall/{slug}/log", response=list[LogOut], auth=WRITE_AUTH)
def log(request, slug: str, limit: int = 100):
    """The append-only record, newest first."""
    return [log_out(e) for e in selectors.recent_log(_local(request, slug), min(limit, 500))]


@router.post("/hall/offers/{offer_id}/answer", response=LogOut, auth=WRITE_AUTH)
def answer(request, offer_id: int, payload: AnswerIn):
    """The registrant answers a hall offer: accept, pass or decline."""
    offer = Offer.objects.filter(pk=offer_id).first()
    if offer is None:
        raise Http404("No such offer")
    services.offer_answer(actor=request.auth, offer=offer, answer=payload.answer, channel="api")
    entry = LogEntry.objects.filter(offer=offer, kind__in=selectors.ANSWERS).first()
    return log_out(entry)


@router.get("/hall/me/record", response=list[dict], auth=WRITE_AUTH)
def my_record(request):
    """Your own record at every hall you are registered with: every line the log keeps."""
    regs = Registrant.objects.filter(worker__user=request.auth).select_related("local", "worker")
    return [{"local": r.local.slug, **row} for r in regs for row in record.record_rows(r)]
