"""The worker's mentoring page: offer to mentor, ask for a mentor, the suggestions with their
reasons, the mentorships on both sides with their sessions. Thin views over the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.booking.rules import worker_of
from stagedoor.careers.remembered import planned_role
from stagedoor.core.locking import Busy
from stagedoor.core.paging import page_of
from stagedoor.core.validation import messages_of

from . import selectors, services
from .enums import Mode, Status
from .forms import OfferForm, RecommendForm, RequestForm, SessionForm
from .messages import session_saved
from .models import MentorOffer, Mentorship


def _worker(request):
    worker = worker_of(request.user)
    if worker is None:
        raise Http404("Mentoring is for crew with a profile.")
    return worker


def _goal_key(worker) -> str:
    return worker.goal_role.slug if worker.goal_role_id else ""


def _into_form(form, error: ValidationError) -> None:
    for name, texts in messages_of(error).items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def _say(request, error: ValidationError) -> None:
    for texts in messages_of(error).values():
        for text in texts:
            messages.error(request, text)


def _hub_url(target: str = "", anchor: str = "") -> str:
    url = reverse("mentoring:hub")
    if target:
        url += f"?target={target}"
    return url + (f"#{anchor}" if anchor else "")


def _offer_initial(offer):
    if offer is None:
        return None
    return {
        "roles": [r.slug for r in offer.roles.all()],
        "capacity": offer.capacity,
        "mode": offer.mode,
        "cadence": offer.cadence,
        "known_for": offer.known_for,
        "note": offer.note,
        "is_open": offer.is_open,
    }


def _page(
    request,
    worker,
    *,
    offer_form=None,
    request_form=None,
    session_forms=None,
    recommend_forms=None,
    status=200,
):
    today = timezone.localdate()
    offer = selectors.offer_of(worker)
    roles = selectors.mentorable_roles(worker)
    mentees = selectors.as_mentor(worker)
    mine = selectors.as_mentee(worker)
    target = request.GET.get("target") or ""
    wanted = selectors.open_request(worker, target or None)
    if wanted is not None and not target and not mine:
        # back to the suggestions for their request, unless a mentor already answered it
        target = wanted.target.slug
    found = []
    if target:
        try:
            found = selectors.suggestions(
                worker=worker,
                target=target,
                mode=wanted.mode if wanted and wanted.target.slug == target else Mode.EITHER,
                cadence=wanted.cadence if wanted and wanted.target.slug == target else "monthly",
            )
        except ValidationError as exc:
            _say(request, exc)
            target = ""
    session_forms = session_forms or {}
    recommend_forms = recommend_forms or {}
    sides = []
    for m in mine + mentees:
        coming, last = selectors.next_and_last(m, today)
        sides.append(
            {
                "m": m,
                "mentoring": m in mentees,
                "next": coming,
                "last": last,
                "held": [s for s in m.sessions.all() if s.held_on < today],
                "session_form": session_forms.get(m.pk)
                or SessionForm(prefix=f"s{m.pk}", initial={"held_on": today}),
                "recommend_form": recommend_forms.get(m.pk)
                or RecommendForm(prefix=f"r{m.pk}", initial={"role": m.target.slug}),
            }
        )
    context = {
        "worker": worker,
        "offer": offer,
        "taken": selectors.active_count(offer) if offer else 0,
        "can_mentor": roles.exists(),
        "offer_form": offer_form
        or OfferForm(initial=_offer_initial(offer), roles=roles, prefix="offer"),
        "request_form": request_form
        or RequestForm(
            prefix="ask",
            initial={"target": target, "mode": wanted.mode, "cadence": wanted.cadence}
            if wanted
            # nothing asked yet: start from the role she aims for, else the last plan she
            # opened on this visit
            else {"target": target or _goal_key(worker) or planned_role(request)},
        ),
        "target": target,
        "wanted": wanted,
        "suggestions": found,
        "sides": sides,
        "Status": Status,
    }
    return render(request, "mentoring/hub.html", context, status=status)


@login_required
def hub(request):
    return _page(request, _worker(request))


@login_required
@require_POST
def offer(request):
    worker = _worker(request)
    roles = selectors.mentorable_roles(worker)
    form = OfferForm(request.POST, roles=roles, prefix="offer")
    if form.is_valid():
        try:
            services.mentor_offer_save(actor=request.user, worker=worker, **form.cleaned_data)
        except ValidationError as exc:
            _into_form(form, exc)
        else:
            messages.success(request, "Your offer to mentor is saved.")
            return redirect(_hub_url(anchor="offer"))
    return _page(request, worker, offer_form=form, status=422)


@login_required
@require_POST
def ask_for_mentor(request):
    worker = _worker(request)
    form = RequestForm(request.POST, prefix="ask")
    if form.is_valid():
        try:
            wanted = services.mentor_request_save(
                actor=request.user, worker=worker, **form.cleaned_data
            )
        except ValidationError as exc:
            _into_form(form, exc)
        else:
            return redirect(_hub_url(wanted.target.slug, "suggestions"))
    return _page(request, worker, request_form=form, status=422)


@login_required
@require_POST
def ask(request, offer_id: int):
    worker = _worker(request)
    mentor = get_object_or_404(MentorOffer.objects.select_related("worker"), pk=offer_id)
    target = request.POST.get("target", "")
    wanted = selectors.open_request(worker, target)
    try:
        if wanted is None:
            wanted = services.mentor_request_save(actor=request.user, worker=worker, target=target)
        services.mentorship_ask(
            actor=request.user, request=wanted, offer=mentor, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        _say(request, exc)
    except Busy as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Asked {mentor.worker.display_name}; you will hear back here.")
    return redirect(_hub_url(target, "suggestions"))


def _mentorship(pk: int) -> Mentorship:
    return get_object_or_404(
        Mentorship.objects.select_related("offer__worker", "mentee", "target"), pk=pk
    )


@login_required
@require_POST
def answer(request, pk: int):
    m = _mentorship(pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.mentorship_answer(actor=request.user, mentorship=m, accept=accept)
    except ValidationError as exc:
        _say(request, exc)
    except Busy as exc:
        messages.error(request, str(exc))
    else:
        who = m.mentee.display_name
        messages.success(
            request, f"You mentor {who} now." if accept else f"You declined {who}'s request."
        )
    return redirect(_hub_url(anchor=f"mentorship-{pk}"))


@login_required
@require_POST
def end(request, pk: int):
    m = _mentorship(pk)
    try:
        services.mentorship_end(actor=request.user, mentorship=m)
    except ValidationError as exc:
        _say(request, exc)
    return redirect(_hub_url())


@login_required
@require_POST
def log_session(request, pk: int):
    m = _mentorship(pk)
    today = timezone.localdate()
    form = SessionForm(request.POST, prefix=f"s{pk}")
    if form.is_valid():
        try:
            saved = services.session_log(
                actor=request.user, mentorship=m, today=today, **form.cleaned_data
            )
        except ValidationError as exc:
            _into_form(form, exc)
        else:
            messages.success(request, session_saved(saved, today))
            return redirect(_hub_url(anchor=f"mentorship-{pk}"))
    return _page(request, _worker(request), session_forms={pk: form}, status=422)


@login_required
@require_POST
def recommend(request, pk: int):
    m = _mentorship(pk)
    form = RecommendForm(request.POST, prefix=f"r{pk}")
    if form.is_valid():
        try:
            services.recommendation_save(actor=request.user, mentorship=m, **form.cleaned_data)
        except ValidationError as exc:
            _into_form(form, exc)
        else:
            messages.success(
                request, f"Managers will see your recommendation beside {m.mentee.display_name}."
            )
            return redirect(_hub_url(anchor=f"mentorship-{pk}"))
    return _page(request, _worker(request), recommend_forms={pk: form}, status=422)


def mentors(request):
    """Everyone taking mentees now, by name: the public listing."""
    offers = (
        MentorOffer.objects.filter(is_open=True, worker__is_public=True)
        .select_related("worker")
        .prefetch_related("roles")
        .order_by("worker__display_name", "pk")
    )
    return render(request, "mentoring/mentors.html", {"offers": page_of(request, offers)})
