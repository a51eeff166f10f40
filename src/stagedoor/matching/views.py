from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse

from stagedoor.core.http import or_404, render_partial
from stagedoor.gigs.models import Position
from stagedoor.industry.rules import can_manage
from stagedoor.people.models import WorkerProfile

from . import selectors
from .forms import CrewFilterForm
from .notes import with_notes


def _find_workers(text: str) -> list[WorkerProfile]:
    exact = list(WorkerProfile.objects.filter(slug=text))
    if exact:
        return exact
    return list(
        WorkerProfile.objects.filter(Q(display_name__icontains=text)).order_by("display_name")[:10]
    )


def _dispatches_for(user, position) -> bool:
    parent = position.show or position.project
    venue = getattr(parent, "venue", None)
    local = venue.union_local if venue is not None and venue.union_local_id else None
    return position.union_required and local is not None and can_manage(user, local)


@login_required
def find_crew(request, pk: int):
    position = or_404(Position, "No such position", selectors.load_position, pk)
    try:
        # The one permission check of the page: the desk answers every read below.
        desk = selectors.CrewDesk(actor=request.user, position=position)
    except PermissionDenied:
        if _dispatches_for(request.user, position):
            # The hall's dispatcher fills a union call from the lists, in list order, not
            # from the employer's ranking: Find crew opens the call's hall request.
            return redirect(reverse("hall:call", args=[position.pk]))
        raise
    form = CrewFilterForm(request.GET or None)
    filters, k, why = selectors.CrewFilters(), 20, None
    matches: list[WorkerProfile] = []
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.CrewFilters(
            first_call_only=data["first_call_only"],
            max_km=data["max_km"],
            union_only=data["union_only"],
        )
        k = data["k"] or 20
        if data["why_not"]:
            matches = _find_workers(data["why_not"].strip())
            if len(matches) == 1:
                why = desk.why_not(matches[0])
    crew = desk.candidates(k=k, filters=filters)
    with_notes(position, crew)
    context = {
        "position": position,
        "parent": position.show or position.project,
        "form": form,
        "candidates": crew,
        "also_interested": desk.interested_not_eligible(crew),
        "why": why,
        "matches": matches,
        # The Offer and Hold buttons come back here, filters kept (the htmx request's own
        # path is the filtered list too).
        "here": request.get_full_path(),
    }
    return render_partial(request, "matching/_candidates.html", "matching/find_crew.html", context)
