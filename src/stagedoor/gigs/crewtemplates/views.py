"""Pages: a show's "Save as template", "Apply a template" and "Copy to every stop of the
tour"; an organisation's templates, each to change, apply or delete. Managers only: the
services refuse anyone else (403), and the pages offer nothing to them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from stagedoor.core.forms import add_service_errors
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import can_manage

from ..models import CrewTemplate, CrewTemplateLine, Show
from . import selectors, services
from .forms import ApplyTemplateForm, ApplyToShowForm, LineForm, RenameForm, SaveTemplateForm


def show_tools(show: Show, *, save_form=None, apply_form=None, copy_errors=()) -> dict:
    """The context of the template tools on a show's page (see `_show_tools.html`)."""
    org = show.organisation
    return {
        "save_form": save_form or SaveTemplateForm(prefix="save"),
        "apply_form": apply_form or ApplyTemplateForm(prefix="apply", organisation=org),
        "copy_errors": list(copy_errors),
        "has_templates": selectors.templates_of(org).exists(),
    }


def _show(slug: str) -> Show:
    return get_object_or_404(
        Show.objects.select_related("organisation", "venue", "tour"), slug=slug
    )


def _require_manager_page(user, organisation) -> None:
    if not can_manage(user, organisation):
        raise PermissionDenied("Only the organisation's managers use crew-call templates.")


def _tools_page(request, show: Show, **forms):
    _require_manager_page(request.user, show.organisation)
    context = {"show": show} | show_tools(show, **forms)
    return render(request, "gigs/crewtemplates/show_tools.html", context)


@login_required
def show_page(request, slug: str):
    return _tools_page(request, _show(slug))


def _field_messages(exc: ValidationError) -> list[str]:
    return [text for texts in exc.message_dict.values() for text in texts]


@login_required
@require_POST
def show_save(request, slug: str):
    show = _show(slug)
    form = SaveTemplateForm(request.POST, prefix="save")
    if form.is_valid():
        try:
            template = services.crew_template_save(
                actor=request.user, show=show, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            count = template.lines.count()
            messages.success(
                request,
                f"Saved the crew call as the template '{template.name}' "
                f"({count} call{'' if count == 1 else 's'}).",
            )
            return redirect(show.get_absolute_url())
    return _tools_page(request, show, save_form=form)


@login_required
@require_POST
def show_apply(request, slug: str):
    show = _show(slug)
    form = ApplyTemplateForm(request.POST, prefix="apply", organisation=show.organisation)
    if form.is_valid():
        template = form.cleaned_data["template"]
        try:
            created = services.crew_template_apply(actor=request.user, template=template, show=show)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Added {len(created)} call{'' if len(created) == 1 else 's'} "
                f"from '{template.name}'.",
            )
            return redirect(show.get_absolute_url())
    return _tools_page(request, show, apply_form=form)


@login_required
@require_POST
def show_copy_to_tour(request, slug: str):
    show = _show(slug)
    try:
        result = services.crew_copy_to_tour(actor=request.user, show=show)
    except ValidationError as exc:
        return _tools_page(request, show, copy_errors=_field_messages(exc))
    messages.success(request, result.words())
    return redirect(show.get_absolute_url())


def _org(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


@login_required
def org_templates(request, org_slug: str):
    org = _org(org_slug)
    _require_manager_page(request.user, org)
    templates = list(selectors.templates_of(org))
    shows = list(selectors.shows_to_apply_to(org))
    rows = [
        (t, ApplyToShowForm(prefix=f"t{t.pk}", organisation=org, shows=shows)) for t in templates
    ]
    return render(request, "gigs/crewtemplates/list.html", {"org": org, "rows": rows})


def _template(pk: int) -> CrewTemplate:
    return get_object_or_404(CrewTemplate.objects.select_related("organisation"), pk=pk)


@login_required
@require_POST
def template_apply(request, pk: int):
    template = _template(pk)
    form = ApplyToShowForm(request.POST, prefix=f"t{pk}", organisation=template.organisation)
    if form.is_valid():
        show = form.cleaned_data["show"]
        try:
            created = services.crew_template_apply(actor=request.user, template=template, show=show)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Added {len(created)} call{'' if len(created) == 1 else 's'} "
                f"from '{template.name}'.",
            )
            return redirect(show.get_absolute_url())
    _require_manager_page(request.user, template.organisation)
    return render(
        request,
        "gigs/crewtemplates/apply.html",
        {"template": template, "form": form, "org": template.organisation},
    )


def _edit_page(request, template: CrewTemplate, *, rename=None, bad_line=None):
    template = selectors.template_detail(template.pk)
    lines = []
    for line in template.lines.all():
        if bad_line is not None and bad_line.prefix == f"l{line.pk}":
            lines.append((line, bad_line))
        else:
            lines.append(
                (line, LineForm(prefix=f"l{line.pk}", initial=LineForm.initial_from(line)))
            )
    context = {
        "template": template,
        "org": template.organisation,
        "rename": rename or RenameForm(initial={"name": template.name}),
        "lines": lines,
    }
    return render(request, "gigs/crewtemplates/edit.html", context)


@login_required
def template_edit(request, pk: int):
    template = _template(pk)
    if request.method != "POST":
        _require_manager_page(request.user, template.organisation)
        return _edit_page(request, template)
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            services.crew_template_rename(
                actor=request.user, template=template, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Template renamed.")
            return redirect("gigs:crew-template", pk=template.pk)
    _require_manager_page(request.user, template.organisation)
    return _edit_page(request, template, rename=form)


@login_required
@require_POST
def line_update(request, pk: int, line_pk: int):
    line = get_object_or_404(
        CrewTemplateLine.objects.select_related("template__organisation"),
        pk=line_pk,
        template_id=pk,
    )
    form = LineForm(request.POST, prefix=f"l{line.pk}")
    if form.is_valid():
        try:
            services.crew_template_line_update(
                actor=request.user, line=line, **form.service_fields()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved {line.display_title}.")
            return redirect("gigs:crew-template", pk=pk)
    _require_manager_page(request.user, line.template.organisation)
    return _edit_page(request, line.template, bad_line=form)


@login_required
@require_POST
def line_delete(request, pk: int, line_pk: int):
    line = get_object_or_404(
        CrewTemplateLine.objects.select_related("template__organisation", "role"),
        pk=line_pk,
        template_id=pk,
    )
    try:
        services.crew_template_line_delete(actor=request.user, line=line)
    except ValidationError as exc:
        for text in _field_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, f"Removed {line.display_title} from the template.")
    return redirect("gigs:crew-template", pk=pk)


@login_required
@require_POST
def template_delete(request, pk: int):
    template = _template(pk)
    services.crew_template_delete(actor=request.user, template=template)
    messages.success(request, f"Deleted the template '{template.name}'.")
    return redirect("gigs:crew-templates", org_slug=template.organisation.slug)


urlpatterns = [
    path("manage/shows/<slug:slug>/templates/", show_page, name="show-templates"),
    path("manage/shows/<slug:slug>/templates/save/", show_save, name="show-template-save"),
    path("manage/shows/<slug:slug>/templates/apply/", show_apply, name="show-template-apply"),
    path("manage/shows/<slug:slug>/copy-to-tour/", show_copy_to_tour, name="show-copy-tour"),
    path("manage/orgs/<slug:org_slug>/templates/", org_templates, name="crew-templates"),
    path("manage/templates/<int:pk>/", template_edit, name="crew-template"),
    path("manage/templates/<int:pk>/apply/", template_apply, name="crew-template-apply"),
    path("manage/templates/<int:pk>/delete/", template_delete, name="crew-template-delete"),
    path(
        "manage/templates/<int:pk>/lines/<int:line_pk>/",
        line_update,
        name="crew-template-line",
    ),
    path(
        "manage/templates/<int:pk>/lines/<int:line_pk>/delete/",
        line_delete,
        name="crew-template-line-delete",
    ),
]
