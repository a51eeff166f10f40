from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors, check_in_window, messages_of

from . import services
from .models import (
    CrewTemplate,
    CrewTemplateLine,
    Position,
    PositionSkill,
    Show,
    StudioProject,
    Tour,
)
from .signals import position_changed, show_changed

# The admin keeps the same promises as the pages and the API: a booked call's headcount
# and times are checked (with the locks) by the service's own check, and deletes go
# through the same rule (a call with a record is cancelled, not deleted).
CHECKED_FIELDS = ("headcount", "call_start", "call_end")


class PositionSkillInline(admin.TabularInline):
    model = PositionSkill
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = [
        "role",
        "crew",
        "headcount",
        "call_start",
        "call_end",
        "pay_amount",
        "pay_unit",
        "currency",
    ]
    readonly_fields = ["headcount", "call_start", "call_end"]
    can_delete = False  # delete a call from its own page, where the rule is asked

    def has_add_permission(self, request, obj=None):
        return False  # add calls from their own page too, where every field is checked


def _refuse_deletes(request, delete):
    try:
        delete()
    except ValidationError as exc:
        for field_messages in messages_of(exc).values():
            for message in field_messages:
                messages.error(request, message)
        return False
    return True


class GuardedDelete:
    """delete_model/delete_queryset through the service's rule, one object at a time."""

    whole = "call"

    def _delete_one(self, request, obj) -> None:
        raise NotImplementedError

    def _positions(self, obj) -> list[Position]:
        return [obj] if isinstance(obj, Position) else list(obj.positions.all())

    def has_delete_permission(self, request, obj=None):
        """No delete button on an object with a record (the delete itself asks again)."""
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None:
            return True
        try:
            services.check_deletable(self._positions(obj), whole=self.whole)
        except ValidationError:
            return False
        return True

    def delete_model(self, request, obj):
        _refuse_deletes(request, lambda: self._delete_one(request, obj))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            _refuse_deletes(request, lambda obj=obj: self._delete_one(request, obj))


class WindowedDatesForm(forms.ModelForm):
    """Dates set in the admin stay in the window the services keep (a year back, five
    years ahead); a date already stored and left alone is not asked again."""

    dated_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        errors = Errors()
        for name in self.dated_fields:
            if name in self.changed_data and name not in self.errors:
                check_in_window(errors, name, cleaned.get(name))
        for name, field_messages in errors.by_field.items():
            for message in field_messages:
                self.add_error(name, message)
        return cleaned


class PositionAdminForm(WindowedDatesForm):
    """The admin's form (ModelAdmin.get_form gives it the model and fields): a new call's
    times are kept in the window; a change is asked of the service's own check."""

    dated_fields = ("call_start", "call_end")

    def clean(self):
        if not self.instance.pk:
            return super().clean()
        cleaned = forms.ModelForm.clean(self)
        if self.errors:
            return cleaned
        # changeform_view runs in one transaction: the lock taken here is held until save.
        lock_rows((Position, [self.instance.pk]))
        saved = Position.objects.get(pk=self.instance.pk)
        changes = {
            name: cleaned[name]
            for name in CHECKED_FIELDS
            if name in cleaned and cleaned[name] != getattr(saved, name)
        }
        if changes:
            try:
                services.position_check_update(saved, changes)
            except ValidationError as exc:
                for field, field_messages in messages_of(exc).items():
                    for message in field_messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned


class ShowAdminForm(WindowedDatesForm):
    dated_fields = ("date", "doors_at", "show_at", "curfew_at")


class ProjectAdminForm(WindowedDatesForm):
    dated_fields = ("deadline",)


@admin.register(Show)
class ShowAdmin(GuardedDelete, admin.ModelAdmin):
    form = ShowAdminForm
    list_display = ["artist", "venue", "date", "status", "organisation"]
    # Organisations are searched by name, not listed: a national pool has thousands.
    list_filter = ["status"]
    search_fields = ["artist", "title", "organisation__name"]
    date_hierarchy = "date"
    inlines = [PositionInline]
    whole = "show"

    def _delete_one(self, request, obj):
        services.show_delete(actor=request.user, show=obj)


@admin.register(Tour)
class TourAdmin(admin.ModelAdmin):
    list_display = ["name", "artist", "organisation", "status"]


@admin.register(StudioProject)
class StudioProjectAdmin(GuardedDelete, admin.ModelAdmin):
    form = ProjectAdminForm
    list_display = ["title", "organisation", "deadline", "remote_allowed", "status"]
    inlines = [PositionInline]
    whole = "project"

    def _delete_one(self, request, obj):
        services.project_delete(actor=request.user, project=obj)


@admin.register(Position)
class PositionAdmin(GuardedDelete, admin.ModelAdmin):
    form = PositionAdminForm
    list_display = ["__str__", "show", "project", "crew", "call_start", "pay_amount", "currency"]
    list_filter = ["role", "crew"]
    inlines = [PositionSkillInline]
    filter_horizontal = ["required_certifications"]

    def _delete_one(self, request, obj):
        services.position_delete(actor=request.user, position=obj)

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            saved = Position.objects.get(pk=obj.pk)
            before = {
                n: getattr(saved, n) for n in CHECKED_FIELDS if getattr(saved, n) != getattr(obj, n)
            }
        super().save_model(request, obj, form, change)
        if before:
            position_changed.send(sender=Position, position=obj, before=before)
            if obj.show is not None:
                show_changed.send(sender=Position, show=obj.show, position=obj, before=before)


admin.site.register(PositionSkill)


class CrewTemplateLineInline(admin.TabularInline):
    model = CrewTemplateLine
    extra = 0
    fields = ["role", "title", "headcount", "crew", "start_minutes", "end_minutes", "pay_amount"]
    readonly_fields = fields


@admin.register(CrewTemplate)
class CrewTemplateAdmin(admin.ModelAdmin):
    """Read-only: templates are saved, changed and applied by the organisation's managers
    on their pages, the API or the CLI, where the services check who may."""

    list_display = ["name", "organisation", "created_at"]
    search_fields = ["name", "organisation__name"]
    readonly_fields = ["organisation", "name", "created_at"]
    inlines = [CrewTemplateLineInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
