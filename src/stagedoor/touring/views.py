"""The tour manager's itinerary builder and the day sheets: thin views over the services
and selectors."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from stagedoor.core.locking import Busy
from stagedoor.core.validation import messages_of
from stagedoor.gigs.models import Tour

from . import calendar, exports, selectors, services
from .forms import BudgetForm, DayForm, EngageForm, LegForm
from .models import TourBudget, TourDay, TravelLeg
from .rules import can_plan, require_planner, require_reader

ICS = "text/calendar; charset=utf-8"


def _tour(slug: str) -> Tour:
    return get_object_or_404(Tour.objects.select_related("organisation"), slug=slug)


def _into_form(form, error: ValidationError) -> None:
    for name, texts in messages_of(error).items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def _plan_page(
    request, tour, *, day_form=None, leg_forms=None, budget_form=None, engage_form=None, status=200
):
    require_planner(request.user, tour)
    days = selectors.itinerary(tour)
    leg_forms = leg_forms or {}
    budget = TourBudget.objects.filter(tour=tour).first()
    cost = selectors.labour_cost(actor=request.user, tour=tour)
    context = {
        "tour": tour,
        "days": [(d, leg_forms.get(d.pk) or LegForm(prefix=f"leg{d.pk}")) for d in days],
        "day_form": day_form or DayForm(),
        "budget_form": budget_form
        or BudgetForm(
            initial={"amount": budget.amount, "currency": budget.currency} if budget else {}
        ),
        "cost": cost,
        "cost_lines": cost.by_currency(),
        "engagements": selectors.engagements(tour),
        "engage_form": engage_form or EngageForm(),
    }
    return render(request, "touring/plan.html", context, status=status)


@login_required
@require_GET
def plan(request, slug: str):
    return _plan_page(request, _tour(slug))


@login_required
@require_POST
def day_add(request, slug: str):
    tour = _tour(slug)
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            services.tour_day_save(
                actor=request.user,
                tour=tour,
                date=form.cleaned_data["date"],
                **form.service_fields(),
            )
        except ValidationError as error:
            _into_form(form, error)
        except Busy:
            form.add_error(None, "Someone else is changing this tour: busy, try again.")
        else:
            messages.success(request, "Day added to the itinerary; the touring party was told.")
            return redirect("touring:plan", tour.slug)
    return _plan_page(request, tour, day_form=form, status=422)


@login_required
@require_POST
def day_delete(request, slug: str, pk: int):
    tour = _tour(slug)
    day = get_object_or_404(TourDay, tour=tour, pk=pk)
    services.tour_day_delete(actor=request.user, day=day)
    messages.success(request, "Day taken off the itinerary.")
    return redirect("touring:plan", tour.slug)


@login_required
@require_POST
def leg_add(request, slug: str, pk: int):
    tour = _tour(slug)
    day = get_object_or_404(TourDay, tour=tour, pk=pk)
    form = LegForm(request.POST, prefix=f"leg{day.pk}")
    if form.is_valid():
        try:
            services.travel_leg_add(actor=request.user, day=day, **form.service_fields())
        except ValidationError as error:
            _into_form(form, error)
        except Busy:
            form.add_error(None, "Someone else is changing this tour: busy, try again.")
        else:
            messages.success(request, "Travel added; the touring party was told.")
            return redirect("touring:plan", tour.slug)
    return _plan_page(request, tour, leg_forms={day.pk: form}, status=422)


@login_required
@require_POST
def leg_delete(request, slug: str, pk: int):
    tour = _tour(slug)
    leg = get_object_or_404(TravelLeg, day__tour=tour, pk=pk)
    services.travel_leg_delete(actor=request.user, leg=leg)
    messages.success(request, "Travel taken off.")
    return redirect("touring:plan", tour.slug)


@login_required
@require_POST
def budget_set(request, slug: str):
    tour = _tour(slug)
    form = BudgetForm(request.POST)
    if form.is_valid():
        try:
            services.tour_budget_set(
                actor=request.user,
                tour=tour,
                amount=form.cleaned_data["amount"],
                currency=form.cleaned_data["currency"].upper(),
            )
        except ValidationError as error:
            _into_form(form, error)
        else:
            messages.success(request, "Labour budget saved.")
            return redirect("touring:plan", tour.slug)
    return _plan_page(request, tour, budget_form=form, status=422)


@login_required
@require_POST
def engage(request, slug: str):
    tour = _tour(slug)
    form = EngageForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["role"] = data["role"].slug
        data["currency"] = data["currency"].upper()
        try:
            engagement = services.engagement_create(actor=request.user, tour=tour, **data)
        except ValidationError as error:
            _into_form(form, error)
        except Busy:
            form.add_error(None, "Someone else is changing this tour: busy, try again.")
        else:
            name = engagement.worker.display_name
            messages.success(request, f"Offer sent to {name}; once accepted they are booked.")
            return redirect("touring:plan", tour.slug)
    return _plan_page(request, tour, engage_form=form, status=422)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Http404("No such day.") from None


def _sheet(request, slug: str, date: str):
    tour = _tour(slug)
    sheet = selectors.day_sheet(actor=request.user, tour=tour, date=_date(date))
    if sheet is None:
        raise Http404("The itinerary has no such day.")
    return tour, sheet


@never_cache
@login_required
@require_GET
def daysheet(request, slug: str, date: str):
    tour, sheet = _sheet(request, slug, date)
    return render(request, "touring/daysheet.html", {"sheet": sheet, "tour": tour})


@never_cache
@login_required
@require_GET
def daysheet_pdf(request, slug: str, date: str):
    tour, sheet = _sheet(request, slug, date)
    pdf = exports.daysheet_pdf(sheet, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="day-sheet-{tour.slug}-{date}.pdf"'
    return response


@never_cache
@login_required
@require_GET
def itinerary_ics(request, slug: str):
    tour = _tour(slug)
    require_reader(request.user, tour)
    response = HttpResponse(calendar.tour_ical(tour), ICS)
    response["Content-Disposition"] = f'attachment; filename="{tour.slug}-itinerary.ics"'
    return response


@never_cache
@login_required
@require_GET
def itinerary_csv(request, slug: str):
    tour = _tour(slug)
    require_reader(request.user, tour)
    response = HttpResponse(
        exports.itinerary_csv(selectors.itinerary(tour)), "text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{tour.slug}-itinerary.csv"'
    return response


@login_required
@require_GET
def itinerary_page(request, slug: str):
    """The itinerary for the touring party: every day, linking to its day sheet."""
    tour = _tour(slug)
    require_reader(request.user, tour)
    context = {
        "tour": tour,
        "days": selectors.itinerary(tour),
        "plans": can_plan(request.user, tour),
    }
    return render(request, "touring/itinerary.html", context)
