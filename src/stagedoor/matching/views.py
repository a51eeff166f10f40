from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from stagedoor.core.http import or_404, render_partial
from stagedoor.gigs.models import Position
from stagedoor.industry.rules import can_manage
from stagedoor.people.models import WorkerProfile

from . import selectors
from .forms import CrewFilterForm


def _find_workers(text: str) -> list[WorkerProfile]:
    exact = list(WorkerProfile.objects.filter(slug=text))
    if exact:
        return exact
    return list(
        WorkerProfile.objects.filter(Q(display_name__icontains=text)).order_by("display_name")[:10]
    )


@login_required
def find_crew(request, pk: int):
    position = or_404(Position, "No such position", selectors.load_position, pk)
    if not can_manage(request.user, position.organisation):
        raise PermissionDenied("Only the organisation's managers can see its crew.")
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
                why = selectors.why_not(actor=request.user, position=position, worker=matches[0])
    crew = selectors.candidates(actor=request.user, position=position, k=k, filters=filters)
    context = {
        "position": position,
        "parent": position.show or position.project,
        "form": form,
        "candidates": crew,
        "also_interested": selectors.interested_not_eligible(
            actor=request.user, position=position, listed=crew
        ),
        "why": why,
        "matches": matches,
        # The Offer and Hold buttons come back here, filters kept (the htmx request's own
        # path is the filtered list too).
        "here": request.get_full_path(),
    }
    return render_partial(request, "matching/_candidates.html", "matching/find_crew.html", context)
