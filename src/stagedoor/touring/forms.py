"""The itinerary builder's forms: a day (with its hotel) and a travel leg. Times are typed
as wall-clock times in the zone named beside them; the services check the rest."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms

from stagedoor.core.validation import known_timezones
from stagedoor.industry.models import Role
from stagedoor.people.models import WorkerProfile

from .enums import DayKind, RateUnit, TravelMode


def aware(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A wall-clock time from a form, read in `zone` (None when either is missing)."""
    if value is None or zone not in known_timezones():
        return None
    return value.replace(tzinfo=zoneinfo.ZoneInfo(zone))


LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class DayForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(choices=DayKind.choices, label="What kind of day")
    city = forms.CharField(max_length=120)
    timezone = forms.CharField(
        max_length=64,
        label="Time zone",
        help_text="Where the party is that day, e.g. Europe/Berlin",
    )
    per_diem = forms.DecimalField(required=False, min_value=0, decimal_places=2, label="Per diem")
    per_diem_currency = forms.CharField(required=False, max_length=3, label="Per diem currency")
    hotel_name = forms.CharField(required=False, max_length=160, label="Hotel")
    hotel_address = forms.CharField(required=False, max_length=300, label="Hotel address")
    hotel_check_in = forms.DateTimeField(
        required=False, widget=LOCAL, label="Check-in (local time)"
    )
    hotel_confirmation = forms.CharField(required=False, max_length=80, label="Confirmation")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("date")
        data["per_diem"] = data["per_diem"] or 0
        data["per_diem_currency"] = (data["per_diem_currency"] or "").upper()
        data["hotel_check_in"] = aware(data["hotel_check_in"], data["timezone"])
        return data


class LegForm(forms.Form):
    mode = forms.ChoiceField(choices=TravelMode.choices, label="By")
    depart_place = forms.CharField(max_length=160, label="From")
    depart_at = forms.DateTimeField(widget=LOCAL, label="Departs (local time there)")
    depart_zone = forms.CharField(max_length=64, label="Departure time zone")
    arrive_place = forms.CharField(max_length=160, label="To")
    arrive_at = forms.DateTimeField(widget=LOCAL, label="Arrives (local time there)")
    arrive_zone = forms.CharField(max_length=64, label="Arrival time zone")
    carrier = forms.CharField(required=False, max_length=120)
    reference = forms.CharField(required=False, max_length=80, label="Booking reference")

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["depart_at"] = aware(data["depart_at"], data["depart_zone"])
        data["arrive_at"] = aware(data["arrive_at"], data["arrive_zone"])
        return data


class BudgetForm(forms.Form):
    amount = forms.DecimalField(min_value=0, decimal_places=2, label="Labour budget")
    currency = forms.CharField(max_length=3)


class EngageForm(forms.Form):
    worker = forms.ModelChoiceField(
        queryset=WorkerProfile.objects.filter(willing_to_tour=True).order_by("display_name"),
        help_text="Crew who say they will tour",
    )
    role = forms.ModelChoiceField(queryset=Role.objects.order_by("name"), to_field_name="slug")
    first_day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    rate_amount = forms.DecimalField(min_value=0, decimal_places=2, label="Tour rate")
    rate_unit = forms.ChoiceField(choices=RateUnit.choices, label="Paid")
    currency = forms.CharField(max_length=3)
    travel_day_share = forms.DecimalField(
        initial=1,
        min_value=0,
        max_value=1,
        decimal_places=2,
        label="A travel day pays",
        help_text="Share of a show day: 1 is a full day, 0.5 half",
    )
    day_off_share = forms.DecimalField(
        initial=0.5,
        min_value=0,
        max_value=1,
        decimal_places=2,
        label="A day off pays",
        help_text="Share of a show day: 0 is unpaid",
    )
