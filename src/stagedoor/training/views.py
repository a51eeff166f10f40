"""Pages: the public course catalog, a course and its sessions, the worker's training, and
the provider's courses, sessions, roster and completions. Thin views over services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from stagedoor.core.locking import Busy
from stagedoor.core.paging import page_of
from stagedoor.core.places import find_place
from stagedoor.core.validation import messages_of
from stagedoor.industry.models import Organisation

from . import selectors, services
from .forms import CatalogFilter, CourseForm, SessionForm, course_initial, session_initial
from .models import Course, Enrolment, Session
from .rules import can_run_courses, require_provider_manager


def _worker(request):
    return getattr(request.user, "worker", None) if request.user.is_authenticated else None


def _say(request, error: ValidationError) -> None:
    for texts in messages_of(error).values():
        for text in texts:
            messages.error(request, text)


def _into_form(form, error: ValidationError) -> None:
    for name, texts in messages_of(error).items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def catalog(request):
    form = CatalogFilter(request.GET or None)
    home = selectors.home_place(request.user)
    everywhere = request.GET.get("everywhere") == "1"
    place, typed, online, cert = None, "", False, ""
    if form.is_valid():
        typed = form.cleaned_data["near"].strip()
        online = form.cleaned_data["online"]
        cert = form.cleaned_data["certification"].slug if form.cleaned_data["certification"] else ""
        if typed:
            place = find_place(typed)
            if place is None:
                form.add_error("near", "We do not know this city; try 'Chicago, US'.")
    found = selectors.catalog(
        certification=cert,
        place=place if typed else None,
        online_only=online,
        provider=request.GET.get("provider", ""),
        home=None if typed else home,
        everywhere=everywhere,
    )
    # With "Near" empty a worker sees sessions near home (and online ones) unless they ask
    # for every one; the page says which, with the link to the other.
    from_home = home is not None and not typed and not online
    if home is not None:
        form.fields["near"].widget.attrs["placeholder"] = f"{home.home_city} (your home city)"
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("everywhere", None)
    if not everywhere:
        query["everywhere"] = "1"
    return render(
        request,
        "training/catalog.html",
        {
            "form": form,
            "rows": page_of(request, found),
            "place": place,
            "typed": typed,
            "home": home if from_home else None,
            "everywhere": everywhere,
            "radius_km": selectors.CATALOG_RADIUS_KM,
            "other_reach": f"?{query.urlencode()}",
        },
    )


def course(request, slug: str):
    found = get_object_or_404(Course.objects.select_related("provider", "certification"), slug=slug)
    worker = _worker(request)
    rows = selectors.upcoming(course=found, place=worker)
    return render(
        request,
        "training/course.html",
        {"course": found, "rows": rows, "can_run": can_run_courses(request.user, found.provider)},
    )


def session(request, pk: int):
    found = get_object_or_404(selectors.sessions(), pk=pk)
    worker = _worker(request)
    near = selectors.Near(found, selectors.distance(found, worker))
    return render(
        request,
        "training/session.html",
        {
            "s": found,
            "course": found.course,
            "near": near,
            "enrolment": selectors.live_enrolment(worker, found),
            "can_run": can_run_courses(request.user, found.course.provider),
            "started": found.starts_at <= timezone.now(),
            "ended": found.ends_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def sign_up(request, pk: int):
    found = get_object_or_404(Session, pk=pk)
    worker = _worker(request)
    if worker is None:
        messages.error(request, "Set up your crew profile first, then sign up.")
        return redirect(found.get_absolute_url())
    try:
        services.enrolment_create(actor=request.user, worker=worker, session=found)
    except ValidationError as error:
        _say(request, error)
    except Busy:
        messages.error(request, "Someone else is signing up right now: busy, try again.")
    else:
        messages.success(request, "You are signed up. It is in your calendar.")
    return redirect(found.get_absolute_url())


def _mine(request, pk: int) -> Enrolment:
    return get_object_or_404(Enrolment.objects.select_related("session", "worker"), pk=pk)


@login_required
@require_POST
def cancel(request, pk: int):
    enrolment = _mine(request, pk)
    try:
        services.enrolment_cancel(actor=request.user, enrolment=enrolment)
    except ValidationError as error:
        _say(request, error)
    else:
        messages.success(request, "Sign-up cancelled; your seat is free for someone else.")
    return redirect(enrolment.session.get_absolute_url())


@login_required
@require_POST
def claim(request, pk: int):
    enrolment = _mine(request, pk)
    try:
        services.enrolment_claim(actor=request.user, enrolment=enrolment)
    except ValidationError as error:
        _say(request, error)
    else:
        messages.success(request, "Recorded. The provider will confirm it on your profile.")
    return redirect("training:mine")


@login_required
def mine(request):
    worker = _worker(request)
    if worker is None:
        return redirect("accounts:welcome")
    enrolments = list(selectors.worker_enrolments(worker))
    return render(request, "training/mine.html", {"enrolments": enrolments, "now": timezone.now()})


def _provider(request, slug: str) -> Organisation:
    provider = get_object_or_404(Organisation, slug=slug)
    require_provider_manager(request.user, provider, "run its training")
    return provider


def _manage_page(request, provider, *, course_form=None, session_form=None, status=200):
    courses = list(selectors.provider_courses(provider))
    context = {
        "org": provider,
        "courses": courses,
        "sessions": list(selectors.provider_sessions(provider)),
        "recent": list(selectors.provider_sessions(provider, ended=True)),
        "claims": list(selectors.waiting_claims(provider)),
        "course_form": course_form or CourseForm(prefix="course"),
        "session_form": session_form or SessionForm(prefix="session", courses=courses),
    }
    return render(request, "training/manage.html", context, status=status)


@login_required
def manage(request, slug: str):
    return _manage_page(request, _provider(request, slug))


@login_required
@require_POST
def course_add(request, slug: str):
    provider = _provider(request, slug)
    form = CourseForm(request.POST, prefix="course")
    if form.is_valid():
        try:
            services.course_create(actor=request.user, provider=provider, **form.service_fields())
        except ValidationError as error:
            _into_form(form, error)
        else:
            messages.success(request, "Course posted.")
            return redirect("training:manage", provider.slug)
    return _manage_page(request, provider, course_form=form, status=422)


@login_required
@require_POST
def session_add(request, slug: str):
    provider = _provider(request, slug)
    courses = list(selectors.provider_courses(provider))
    form = SessionForm(request.POST, prefix="session", courses=courses)
    if form.is_valid():
        found = next(c for c in courses if c.slug == form.cleaned_data["course"])
        try:
            services.session_create(actor=request.user, course=found, **form.service_fields())
        except ValidationError as error:
            _into_form(form, error)
        else:
            messages.success(request, "Session scheduled.")
            return redirect("training:manage", provider.slug)
    return _manage_page(request, provider, session_form=form, status=422)


@login_required
def roster(request, pk: int):
    found = get_object_or_404(selectors.sessions(), pk=pk)
    require_provider_manager(request.user, found.course.provider, "see who signed up")
    return render(
        request,
        "training/roster.html",
        {
            "s": found,
            "course": found.course,
            "enrolments": list(selectors.roster(found)),
            "started": found.starts_at <= timezone.now(),
            "ended": found.ends_at <= timezone.now(),
        },
    )


def _decide(request, pk: int, service, done: str):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("session__course__provider", "worker"), pk=pk
    )
    try:
        service(actor=request.user, enrolment=enrolment)
    except ValidationError as error:
        _say(request, error)
    except PermissionDenied:
        raise
    else:
        messages.success(request, done.format(name=enrolment.worker.display_name))
    return redirect("training:roster", enrolment.session_id)


@login_required
@require_POST
def confirm(request, pk: int):
    return _decide(
        request, pk, services.enrolment_confirm, "Confirmed: {name}'s profile shows it as verified."
    )


@login_required
@require_POST
def decline(request, pk: int):
    return _decide(request, pk, services.enrolment_decline, "Not confirmed for {name}.")


@login_required
def course_edit(request, slug: str, course: str):
    provider = _provider(request, slug)
    found = get_object_or_404(Course.objects.select_related("provider"), slug=course)
    if found.provider_id != provider.pk:
        raise PermissionDenied(f"{found.title} is not one of {provider.name}'s courses.")
    if request.method == "POST":
        form = CourseForm(request.POST, prefix="course")
        if form.is_valid():
            try:
                services.course_update(actor=request.user, course=found, **form.service_fields())
            except ValidationError as error:
                _into_form(form, error)
            else:
                messages.success(request, f"{found.title}: saved.")
                return redirect("training:manage", provider.slug)
    else:
        form = CourseForm(prefix="course", initial=course_initial(found))
    return render(
        request,
        "training/edit.html",
        {"org": provider, "form": form, "what": found.title, "action": request.path},
        status=422 if form.errors else 200,
    )


@login_required
def session_edit(request, pk: int):
    found = get_object_or_404(Session.objects.select_related("course__provider"), pk=pk)
    provider = found.course.provider
    require_provider_manager(request.user, provider, "change its sessions")
    courses = [found.course]
    if request.method == "POST":
        form = SessionForm(request.POST, prefix="session", courses=courses)
        if form.is_valid():
            fields = form.service_fields()
            if not fields["online"] and fields["city"] == found.city and not found.online:
                # Same city: keep the exact spot it had (the street), not the city's centre.
                fields.update(latitude=found.latitude, longitude=found.longitude)
            try:
                services.session_update(actor=request.user, session=found, **fields)
            except ValidationError as error:
                _into_form(form, error)
            except Busy:
                form.add_error(None, "Someone is signing up right now: busy, try again.")
            else:
                messages.success(request, "Session saved.")
                return redirect("training:manage", provider.slug)
    else:
        form = SessionForm(prefix="session", courses=courses, initial=session_initial(found))
    return render(
        request,
        "training/edit.html",
        {
            "org": provider,
            "form": form,
            "what": f"{found.course.title}, {selectors.when_text(found)}",
            "action": request.path,
        },
        status=422 if form.errors else 200,
    )
