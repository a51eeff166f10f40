from __future__ import annotations

from django import forms

from stagedoor.core.forms import localize
from stagedoor.core.places import find_place
from stagedoor.industry.models import Role

from .enums import Kind


class FilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "Every kind"), *Kind.choices])
    near = forms.CharField(required=False, max_length=120, label="Near (city)")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class EventForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices)
    title = forms.CharField(max_length=200)
    starts_at = forms.DateTimeField(widget=DateTimeInput, label="Starts (local time)")
    ends_at = forms.DateTimeField(widget=DateTimeInput, label="Ends (local time)")
    online = forms.BooleanField(required=False, label="Online")
    venue_name = forms.CharField(required=False, max_length=200, label="Venue")
    city = forms.CharField(required=False, max_length=120)
    url = forms.URLField(required=False, assume_scheme="https", label="Web page")
    topics = forms.CharField(required=False, max_length=300)
    roles = forms.ModelMultipleChoiceField(
        queryset=Role.objects.order_by("name"), to_field_name="slug", required=False, label="Suits"
    )
    national = forms.BooleanField(required=False, label="Worth travelling to from anywhere")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def service_data(self, zone: str) -> dict:
        data = dict(self.cleaned_data)
        # The clock time typed is the event's own (its city's zone), whatever the site's zone.
        place = find_place(data.get("city") or "") if not data.get("online") else None
        zone = place.timezone if place else zone
        for name in ("starts_at", "ends_at"):
            data[name] = localize(data[name].replace(tzinfo=None), zone)
        data["roles"] = [r.slug for r in data["roles"]]
        data["timezone"] = zone
        return data


class ImportForm(forms.Form):
    file = forms.FileField(required=False, label="An .ics file")
    url = forms.URLField(required=False, assume_scheme="https", label="or a feed's address")
    kind = forms.ChoiceField(
        choices=Kind.choices, initial=Kind.MEETUP, label="Kind, where the feed does not say"
    )
