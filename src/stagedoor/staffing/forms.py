"""The date-range form of an organisation's auto-staff page."""

from __future__ import annotations

from django import forms

from .models import StaffingRun


class StaffingRunForm(forms.Form):
    date_from = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}))
    objective = forms.ChoiceField(
        label="Aim", choices=StaffingRun.Objective.choices, initial="fill"
    )
    time_limit = forms.FloatField(
        label="Look for a better plan for up to (seconds)", initial=10, min_value=1, max_value=600
    )
    seed = forms.IntegerField(
        label="Plan number (the same number gives the same plan again)",
        initial=0,
        min_value=0,
        required=False,
    )
    max_hours_day = forms.IntegerField(label="Max hours a day", required=False)
    max_hours_week = forms.IntegerField(label="Max hours a week", required=False)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["seed"] = data["seed"] or 0
        return data
