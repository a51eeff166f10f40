from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join

from stagedoor.core.validation import messages_of
from stagedoor.industry.rules import can_manage

from .models import Booking, PayRules, PayRulesChange
from .pay import rulebook
from .pay.services import pay_rules_update


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["worker", "position", "status", "late_cancellation", "created_at"]
    list_filter = ["status", "late_cancellation"]
    raw_id_fields = ["worker", "position"]


RULE_FIELDS = [rule.name for rule in rulebook.RULES if rule.name != "turnaround_hours"]


class PayRulesAdminForm(forms.ModelForm):
    """The model's fields plus the organisation's rest between workdays, checked by the
    same rules (and the engine) as the page, the API and the command."""

    turnaround_hours = forms.IntegerField(
        label=rulebook.BY_NAME["turnaround_hours"].label,
        required=False,
        help_text="The organisation's; bookings keep this rest too. Empty keeps it as it is.",
    )
    user = None  # set by PayRulesAdmin.get_form

    class Meta:
        model = PayRules
        fields = ["organisation", *RULE_FIELDS, "turnaround_hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["turnaround_hours"] = self.instance.organisation.turnaround_hours

    def organisation(self):
        if self.instance.pk:
            return self.instance.organisation
        return self.cleaned_data.get("organisation")

    def changes(self) -> dict:
        data = self.cleaned_data
        return {n: data[n] for n in rulebook.BY_NAME if data.get(n) is not None}

    def clean(self):
        data = super().clean()
        organisation = self.organisation()
        if self.errors or organisation is None:
            return data
        if not can_manage(self.user, organisation):
            raise ValidationError("Only the organisation's managers can change its pay rules.")
        try:
            rulebook.checked(organisation, rulebook.current(organisation), self.changes())
        except ValidationError as exc:
            for name, texts in messages_of(exc).items():
                for text in texts:
                    self.add_error(name if name in self.fields else None, text)
        return data


@admin.register(PayRules)
class PayRulesAdmin(admin.ModelAdmin):
    """Saved through `pay_rules_update`, so every change is checked and kept in the history,
    as on the page; never deleted here, which would drop the rules without a trace."""

    form = PayRulesAdminForm
    list_display = ["organisation", "min_call_hours", "overtime", "meal_penalty"]
    readonly_fields = ["history"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_readonly_fields(self, request, obj=None):
        return ["organisation", "history"] if obj else ["history"]

    def get_fields(self, request, obj=None):
        return ["organisation", *RULE_FIELDS, "turnaround_hours", "history"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="History")
    def history(self, obj):
        if obj is None or obj.pk is None:
            return "No changes recorded yet."
        rows = PayRulesChange.objects.filter(organisation_id=obj.organisation_id)
        lines = [
            (f"{row.changed_at:%Y-%m-%d %H:%M} UTC ({row.via}): "
             + "; ".join(rulebook.differences(row.before, row.after)),)
            for row in rows
        ]  # fmt: skip
        return format_html_join("", "<p>{}</p>", lines) or "No changes recorded yet."

    def save_model(self, request, obj, form, change):
        organisation = form.organisation()
        pay_rules_update(
            actor=request.user, organisation=organisation, changes=form.changes(), via="admin"
        )
        obj.pk = PayRules.objects.get(organisation=organisation).pk


@admin.register(PayRulesChange)
class PayRulesChangeAdmin(admin.ModelAdmin):
    """The history, read-only: it records what happened."""

    list_display = ["organisation", "changed_at", "changed_by", "via", "what"]
    list_filter = ["via"]

    @admin.display(description="What changed")
    def what(self, obj):
        return "; ".join(rulebook.differences(obj.before, obj.after))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
