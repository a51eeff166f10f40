from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from stagedoor.core.forms import add_service_errors
from stagedoor.core.http import or_404
from stagedoor.industry.models import Role

from . import selectors, services
from .forms import AvailabilityForm, CertificationForm, ProfileForm, RoleForm, SkillForm
from .models import WorkerProfile
from .rules import may_see_rates

PAGE_SIZE = 30


def crew(request):
    role = request.GET.get("role") or None
    workers = selectors.worker_public_list(role=role)
    page = Paginator(workers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/crew.html",
        {
            "page": page,
            "workers": page.object_list,
            "roles": Role.objects.order_by("name"),
            "role": role,
        },
    )


def profile(request, slug: str):
    worker = or_404(WorkerProfile, "No such profile", selectors.worker_detail, slug)
    context = {"worker": worker, "show_rates": may_see_rates(request.user, worker)}
    return render(request, "people/profile.html", context)


SECTION_FORMS = {
    "role": (RoleForm, services.worker_role_set),
    "skill": (SkillForm, services.worker_skill_set),
    "certification": (CertificationForm, services.worker_certification_add),
    "availability": (AvailabilityForm, services.availability_add),
}


def _own_worker(request) -> WorkerProfile:
    # request.user.worker raises WorkerProfile.DoesNotExist too, so it stays inside the try.
    try:
        return selectors.worker_detail(request.user.worker.slug, public_only=False)
    except WorkerProfile.DoesNotExist as exc:
        raise Http404("You have no worker profile") from exc


@login_required
def edit(request):
    if not hasattr(request.user, "worker"):
        # No profile yet: the onboarding steps make one.
        return redirect("accounts:welcome")
    worker = _own_worker(request)
    initial = ProfileForm(instance=worker).initial
    initial["goal_role"] = worker.goal_role.slug if worker.goal_role else None
    form = ProfileForm(request.POST or None, instance=None, initial=initial)
    section_forms = {name: cls(prefix=name) for name, (cls, _) in SECTION_FORMS.items()}
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        goal = changes["goal_role"]
        changes["goal_role"] = goal.slug if goal else None
        try:
            services.profile_update(actor=request.user, worker=worker, **changes)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Profile saved.")
            return redirect("people:edit")
    return render(
        request, "people/edit.html", {"worker": worker, "form": form, "sections": section_forms}
    )


@login_required
@require_POST
def edit_section(request, section: str):
    if section not in SECTION_FORMS or not hasattr(request.user, "worker"):
        raise Http404("No such section")
    worker = request.user.worker
    form_class, service = SECTION_FORMS[section]
    form = form_class(request.POST, prefix=section)
    if form.is_valid():
        values = {k: (v.slug if hasattr(v, "slug") else v) for k, v in form.cleaned_data.items()}
        try:
            service(actor=request.user, worker=worker, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        for field, errors in form.errors.items():
            label = form.fields[field].label or field if field in form.fields else section
            messages.error(request, f"{section.title()} not added. {label}: {' '.join(errors)}")
    else:
        messages.success(request, f"{section.title()} saved.")
    return redirect("people:edit")


@login_required
@require_POST
def remove_item(request, section: str, pk: int):
    if not hasattr(request.user, "worker"):
        raise Http404("You have no worker profile")
    services.profile_item_remove(
        actor=request.user, worker=request.user.worker, kind=section, item_id=pk
    )
    messages.success(request, "Removed.")
    return redirect("people:edit")
