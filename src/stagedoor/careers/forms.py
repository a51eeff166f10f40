"""Forms for the navigator, the newcomer start and the income planner. They parse; the
selectors decide what is acceptable, so the web, the API and the CLI refuse alike."""

from __future__ import annotations

import datetime as dt

from django import forms

from stagedoor.core.forms import DateInput
from stagedoor.engine.careers.data import INTERESTS

from .selectors.graph import target_choices
from .selectors.start import AVAILABILITY, DEFAULT_RADIUS_KM

INTEREST_LABELS = {
    "sound": "Sound",
    "light": "Light",
    "rigging": "Rigging",
    "touring": "Touring",
    "venue business": "Venue business",
    "studio": "Studio",
}


class TargetForm(forms.Form):
    target = forms.CharField(label="Role to aim for")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].widget = forms.Select(
            choices=[("", "Choose a role"), *target_choices()]
        )


class StartForm(forms.Form):
    interests = forms.MultipleChoiceField(
        choices=[(k, INTEREST_LABELS.get(k, k)) for k in INTERESTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    city = forms.CharField(
        max_length=120, required=False, help_text="e.g. 'Chicago' or 'Manchester, GB'"
    )
    radius_km = forms.IntegerField(label="Within (km)", initial=DEFAULT_RADIUS_KM, required=False)
    availability = forms.MultipleChoiceField(
        choices=list(AVAILABILITY.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked for any time.",
    )


class MonthInput(forms.DateInput):
    input_type = "month"


class MonthField(forms.DateField):
    """'YYYY-MM' (a month input) read as the first day of that month."""

    widget = MonthInput(format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if isinstance(day, dt.date) else day


class IncomeForm(forms.Form):
    # Shown in the form when the query leaves them out.
    DEFAULTS = {"months": "6", "cushion_months": "0", "offer_weight": "0.5"}

    expenses = forms.DecimalField(
        label="Monthly expenses",
        required=False,
        help_text="Rent, bills, food: what a month costs you.",
    )
    months = forms.IntegerField(label="Months ahead", initial=6, required=False)
    cushion_months = forms.IntegerField(
        label="Reserve (months of expenses)", initial=0, required=False,
        help_text="Kept on top of the gaps.",
    )  # fmt: skip
    offer_weight = forms.DecimalField(
        label="Chance a pending offer becomes work", initial="0.5", required=False,
        help_text="0 to 1; pending offers count at this share.",
    )  # fmt: skip
    tour_start = forms.DateField(label="What if: tour from", widget=DateInput, required=False)
    tour_end = forms.DateField(label="to", widget=DateInput, required=False)
    tour_day_rate = forms.DecimalField(label="at a day rate of", required=False)
    gap_month = MonthField(label="What if: no work in", required=False)

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "expenses": data.get("expenses"),
            "months": data.get("months") or 6,
            "cushion_months": data.get("cushion_months") or 0,
            "offer_weight": data.get("offer_weight"),
            "tour_start": data.get("tour_start"),
            "tour_end": data.get("tour_end"),
            "tour_day_rate": data.get("tour_day_rate"),
            "gap_month": data.get("gap_month"),
        }
