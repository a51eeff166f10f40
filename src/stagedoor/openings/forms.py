"""The openings' forms: filters on the list, an application, and posting an opening."""

from __future__ import annotations

from django import forms

from stagedoor.core.forms import DateInput
from stagedoor.industry.models import Role, Skill, Venue

from .enums import Kind, PayUnit

PAID_CHOICES = [("", "Paid or unpaid"), ("paid", "Paid only"), ("unpaid", "Unpaid only")]


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        required=False, choices=[("", "Every kind"), *Kind.choices], label="Kind"
    )
    pay = forms.ChoiceField(required=False, choices=PAID_CHOICES, label="Pay")
    near = forms.CharField(required=False, max_length=120, label="Near (city)")


class ApplyForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="A short note",
        help_text="Why you want it, and when you are free.",
    )


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices)
    title = forms.CharField(max_length=160)
    work_for = forms.CharField(
        max_length=160, required=False, label="What it is for", help_text="e.g. the festival's name"
    )
    teaches = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What they learn")
    target_roles = forms.ModelMultipleChoiceField(
        queryset=Role.objects.order_by("name"), to_field_name="slug", label="Leads toward"
    )
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label="Skills it teaches",
    )
    paid = forms.BooleanField(required=False, label="Paid")
    pay_amount = forms.DecimalField(
        required=False, min_value=0, max_digits=10, decimal_places=2, label="Pay"
    )
    pay_unit = forms.ChoiceField(required=False, choices=[("", "—"), *PayUnit.choices], label="Per")
    currency = forms.CharField(required=False, max_length=3, initial="USD")
    remote = forms.BooleanField(required=False, label="Online")
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.none(), required=False, to_field_name="slug"
    )
    city = forms.CharField(required=False, max_length=120, help_text="If not at one of your venues")
    starts_on = forms.DateField(widget=DateInput, label="Starts")
    ends_on = forms.DateField(widget=DateInput, label="Ends")
    deadline = forms.DateField(widget=DateInput, required=False, label="Apply by")
    places = forms.IntegerField(min_value=1, max_value=500, initial=1)
    how_to_apply = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="How to apply"
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["venue"].queryset = Venue.objects.filter(
                organisation=organisation
            ).order_by("name")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["target_roles"] = [r.slug for r in data["target_roles"]]
        data["skills"] = [s.slug for s in data["skills"]]
        data["venue"] = data["venue"].slug if data["venue"] else None
        return data


def initial_of(opportunity) -> dict:
    names = [
        "kind",
        "title",
        "work_for",
        "teaches",
        "paid",
        "pay_amount",
        "pay_unit",
        "currency",
        "remote",
        "city",
        "starts_on",
        "ends_on",
        "deadline",
        "places",
        "how_to_apply",
    ]
    initial = {name: getattr(opportunity, name) for name in names}
    initial["target_roles"] = list(opportunity.target_roles.values_list("slug", flat=True))
    initial["skills"] = list(opportunity.skills.values_list("slug", flat=True))
    initial["venue"] = opportunity.venue.slug if opportunity.venue_id else None
    return initial
