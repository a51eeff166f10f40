"""The provider's course and session forms, and the catalog's filter."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms

from stagedoor.core.places import find_place
from stagedoor.core.validation import known_timezones
from stagedoor.industry.models import Certification

from .enums import CourseKind


def _certs():
    return Certification.objects.order_by("name")


class CatalogFilter(forms.Form):
    certification = forms.ModelChoiceField(
        queryset=_certs(), required=False, to_field_name="slug", empty_label="Any course"
    )
    near = forms.CharField(label="Near", required=False, max_length=120)
    online = forms.BooleanField(label="Online only", required=False)


class CourseForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label="What it is", choices=CourseKind.choices)
    certification = forms.ModelChoiceField(
        queryset=_certs(), required=False, to_field_name="slug", label="Leads to"
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    prerequisites = forms.ModelMultipleChoiceField(
        queryset=_certs(), required=False, to_field_name="slug", label="Asks first for"
    )
    hours_required = forms.IntegerField(
        label="Documented hours asked for first", required=False, min_value=0
    )
    price = forms.DecimalField(label="Price (0 for free)", min_value=0, decimal_places=2)
    currency = forms.CharField(max_length=3, initial="USD")
    duration_hours = forms.DecimalField(label="Length in hours", min_value=0.5, decimal_places=1)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["certification"] = data["certification"].slug if data["certification"] else None
        data["prerequisites"] = [c.slug for c in data["prerequisites"]]
        data["currency"] = data["currency"].upper()
        return data


class SessionForm(forms.Form):
    course = forms.ChoiceField()
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end_time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    online = forms.BooleanField(required=False)
    city = forms.CharField(required=False, max_length=120, help_text="e.g. Chicago, US")
    address = forms.CharField(required=False, max_length=250)
    timezone = forms.CharField(
        label="Time zone",
        required=False,
        max_length=64,
        help_text="For online sessions, e.g. America/Chicago",
    )
    seats = forms.IntegerField(min_value=1, max_value=10000)

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [(c.slug, c.title) for c in courses]

    def clean(self):
        data = super().clean()
        place = None
        if not data.get("online"):
            place = find_place(data.get("city") or "")
            if place is None:
                self.add_error("city", "We do not know this city; try 'Chicago, US'.")
        zone = place.timezone if place else (data.get("timezone") or "")
        if not place and zone not in known_timezones():
            self.add_error("timezone", "Give an IANA time zone, e.g. America/Chicago.")
            return data
        if self.errors:
            return data
        tz = zoneinfo.ZoneInfo(zone)
        data["place"] = place
        data["zone"] = zone
        data["starts_at"] = dt.datetime.combine(data["start_date"], data["start_time"], tz)
        data["ends_at"] = dt.datetime.combine(data["end_date"], data["end_time"], tz)
        return data

    def service_fields(self) -> dict:
        d = self.cleaned_data
        place = d["place"]
        return {
            "starts_at": d["starts_at"],
            "ends_at": d["ends_at"],
            "timezone_name": d["zone"],
            "seats": d["seats"],
            "online": d["online"],
            "city": place.name if place else "",
            "address": d["address"],
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
        }


def course_initial(course) -> dict:
    """A course's fields as the course form shows them, to change it."""
    return {
        "title": course.title,
        "kind": course.kind,
        "certification": course.certification.slug if course.certification_id else None,
        "description": course.description,
        "prerequisites": [c.slug for c in course.prerequisites.all()],
        "hours_required": course.hours_required,
        "price": course.price,
        "currency": course.currency,
        "duration_hours": course.duration_hours,
    }


def session_initial(session) -> dict:
    """A session's fields as the session form shows them: its days and times in its zone."""
    tz = zoneinfo.ZoneInfo(session.timezone)
    start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    return {
        "course": session.course.slug,
        "start_date": start.date(),
        "start_time": start.time().replace(tzinfo=None),
        "end_date": end.date(),
        "end_time": end.time().replace(tzinfo=None),
        "online": session.online,
        "city": session.city,
        "address": session.address,
        "timezone": session.timezone,
        "seats": session.seats,
    }
