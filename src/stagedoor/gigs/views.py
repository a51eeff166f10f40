from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from stagedoor.core.forms import add_service_errors
from stagedoor.core.http import or_404
from stagedoor.core.paging import page_of
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage

from . import rules, selectors, services
from .crewtemplates.views import show_tools
from .forms import PositionForm, ShowForm
from .models import Position, Show, StudioProject, Tour

PAGE_SIZE = 25


def shows(request):
    page = Paginator(selectors.show_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "gigs/shows.html", {"page": page, "shows": page.object_list})


def show(request, slug: str):
    obj = or_404(Show, "No such show", selectors.show_detail, slug)
    if not rules.can_see(request.user, obj):
        raise Http404("No such show")
    manager = can_manage(request.user, obj.organisation)
    return render(
        request,
        "gigs/show.html",
        {
            "show": obj,
            "positions": obj.positions.all(),
            "can_manage": manager,
            "hosts": rules.hosts_show(request.user, obj),
            **(show_tools(obj) if manager else {}),
        },
    )


def tour(request, slug: str):
    obj = or_404(Tour, "No such tour", selectors.tour_detail, slug)
    return render(
        request,
        "gigs/tour.html",
        {"tour": obj, "can_manage": can_manage(request.user, obj.organisation)},
    )


def projects(request):
    page = page_of(request, selectors.project_list())
    return render(request, "gigs/projects.html", {"page": page, "projects": page})


def project(request, slug: str):
    obj = or_404(StudioProject, "No such project", selectors.project_detail, slug)
    if not rules.can_see(request.user, obj):
        raise Http404("No such project")
    return render(
        request,
        "gigs/project.html",
        {
            "project": obj,
            "positions": obj.positions.all(),
            "can_manage": can_manage(request.user, obj.organisation),
        },
    )


@login_required
def show_new(request, org_slug: str):
    org = get_object_or_404(Organisation, slug=org_slug)
    if not can_manage(request.user, org):
        raise PermissionDenied("Only the organisation's managers can create shows.")
    form = ShowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.show_create(
                actor=request.user, organisation=org, **form.service_fields()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Show created: {created.artist}. Now add its crew call.")
            return redirect("gigs:show-edit", slug=created.slug)
    return render(request, "gigs/show_form.html", {"form": form, "org": org, "show": None})


@login_required
def show_edit(request, slug: str):
    obj = get_object_or_404(Show.objects.select_related("venue", "organisation"), slug=slug)
    if not can_manage(request.user, obj.organisation):
        raise PermissionDenied("Only the organisation's managers can change its shows.")
    form = ShowForm(request.POST or None, initial=ShowForm.initial_from(obj))
    if request.method == "POST" and form.is_valid():
        try:
            services.show_update(actor=request.user, show=obj, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Show saved.")
            return redirect("gigs:show-edit", slug=obj.slug)
    positions = selectors.positions_with_requirements().filter(show=obj)
    return render(
        request,
        "gigs/show_form.html",
        {"form": form, "org": obj.organisation, "show": obj, "positions": positions},
    )


def _position_form_page(request, *, show: Show, position: Position | None):
    tz = show.venue.timezone
    initial = PositionForm.initial_from(position) if position else {"currency": "USD"}
    form = PositionForm(request.POST or None, initial=initial, timezone_name=tz)
    if request.method == "POST" and form.is_valid():
        try:
            if position is None:
                services.position_create(actor=request.user, show=show, **form.service_fields())
            else:
                services.position_update(
                    actor=request.user, position=position, **form.service_fields()
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Position saved.")
            return redirect("gigs:show-edit", slug=show.slug)
    return render(
        request, "gigs/position_form.html", {"form": form, "show": show, "position": position}
    )


@login_required
def position_new(request, slug: str):
    obj = get_object_or_404(Show.objects.select_related("venue", "organisation"), slug=slug)
    if not can_manage(request.user, obj.organisation):
        raise PermissionDenied("Only the organisation's managers can add positions.")
    return _position_form_page(request, show=obj, position=None)


@login_required
def position_edit(request, pk: int):
    position = get_object_or_404(
        selectors.positions_with_requirements().select_related("show__venue", "show__organisation"),
        pk=pk,
        show__isnull=False,
    )
    if not can_manage(request.user, position.organisation):
        raise PermissionDenied("Only the organisation's managers can change positions.")
    return _position_form_page(request, show=position.show, position=position)


@login_required
@require_POST
def position_delete(request, pk: int):
    position = get_object_or_404(Position.objects.select_related("show"), pk=pk, show__isnull=False)
    show_slug = position.show.slug
    try:
        services.position_delete(actor=request.user, position=position)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, "Position removed.")
    return redirect("gigs:show-edit", slug=show_slug)
