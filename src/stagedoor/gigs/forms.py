from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone

from stagedoor.core.forms import DateInput, DateTimeLocalInput, TimeInput, localize
from stagedoor.industry.enums import Level, PayUnit
from stagedoor.industry.models import Certification, Role, Skill, Venue

from .models import Crew, Status


class ShowForm(forms.Form):
    venue = forms.ModelChoiceField(queryset=Venue.objects.order_by("city", "name"))
    artist = forms.CharField(max_length=160)
    title = forms.CharField(max_length=200, required=False, help_text="Tour or event name")
    date = forms.DateField(widget=DateInput, help_text="Show day")
    doors = forms.TimeField(required=False, widget=TimeInput, help_text="Venue local time")
    show_time = forms.TimeField(
        label="Show", required=False, widget=TimeInput, help_text="Venue local time"
    )
    curfew = forms.TimeField(
        required=False, widget=TimeInput, help_text="After midnight counts as the next day"
    )
    status = forms.ChoiceField(choices=Status.choices, initial=Status.DRAFT)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    catering_notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    labour_budget = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=13,
        decimal_places=2,
        help_text="Optional: what the crew may cost, in the currency the crew calls pay in",
    )

    @staticmethod
    def initial_from(show) -> dict:
        tz = zoneinfo.ZoneInfo(show.venue.timezone)

        def local_time(value):
            return value.astimezone(tz).time() if value else None

        return {
            "venue": show.venue,
            "artist": show.artist,
            "title": show.title,
            "date": show.date,
            "doors": local_time(show.doors_at),
            "show_time": local_time(show.show_at),
            "curfew": local_time(show.curfew_at),
            "status": show.status,
            "notes": show.notes,
            "catering_notes": show.catering_notes,
            "labour_budget": show.labour_budget,
        }

    def service_fields(self) -> dict:
        """The cleaned form as the keyword arguments of show_create/show_update."""
        data = self.cleaned_data
        venue, day = data["venue"], data["date"]
        tz = zoneinfo.ZoneInfo(venue.timezone)
        doors = data.get("doors")

        def at(time_of_day):
            if time_of_day is None:
                return None
            day_of = day
            # A curfew or show time earlier than doors is after midnight.
            if doors is not None and time_of_day < doors:
                day_of = day + dt.timedelta(days=1)
            return dt.datetime.combine(day_of, time_of_day, tzinfo=tz)

        return {
            "venue": venue,
            "artist": data["artist"],
            "title": data["title"],
            "date": day,
            "doors_at": at(doors),
            "show_at": at(data.get("show_time")),
            "curfew_at": at(data.get("curfew")),
            "status": data["status"],
            "notes": data["notes"],
            "catering_notes": data["catering_notes"],
            "labour_budget": data.get("labour_budget"),
        }


class PositionForm(forms.Form):
    role = forms.ModelChoiceField(
        queryset=Role.objects.order_by("name"), to_field_name="slug", empty_label="Choose a role"
    )
    level = forms.ChoiceField(
        choices=Level.choices, initial=Level.ENTRY, help_text="Lowest career level that may fill it"
    )
    title = forms.CharField(
        max_length=160,
        required=False,
        help_text="Optional, e.g. 'Load-in'",
        # As the manager types, the job boards' classifier suggests the role it reads.
        widget=forms.TextInput(
            attrs={
                "hx-get": reverse_lazy("boards:suggest-role"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#role-hint",
                "autocomplete": "off",
            }
        ),
    )
    headcount = forms.IntegerField(initial=1)
    call_start = forms.DateTimeField(widget=DateTimeLocalInput, help_text="Venue local time")
    call_end = forms.DateTimeField(widget=DateTimeLocalInput, help_text="Venue local time")
    pay_amount = forms.DecimalField(decimal_places=2, max_digits=13, label="Pay")
    pay_unit = forms.ChoiceField(choices=PayUnit.choices, initial=PayUnit.DAY)
    currency = forms.CharField(max_length=3, initial="USD")
    union_required = forms.BooleanField(required=False, label="Union membership required")
    crew = forms.ChoiceField(
        choices=[(Crew.LOCAL, Crew.LOCAL.label), (Crew.TOURING, Crew.TOURING.label)],
        initial=Crew.LOCAL,
        required=False,  # left out, a call is for local crew, as the model says
        widget=forms.RadioSelect,
        label="Who is this call for?",
        help_text="Touring crew are offered the call wherever the stop is, if they are "
        "willing to tour; local crew only within their travel radius.",
    )
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label="Required skills",
    )
    skill_level = forms.IntegerField(
        min_value=1, max_value=5, initial=3, label="Minimum level for those skills (1-5)"
    )
    certifications = forms.ModelMultipleChoiceField(
        queryset=Certification.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label="Required certifications",
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, timezone_name: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone_name = timezone_name
        # Form values are wall-clock times at the venue, not in the server's zone.
        for name in ("call_start", "call_end"):
            self.fields[name].help_text = f"Local time ({timezone_name})"

    @staticmethod
    def initial_from(position) -> dict:
        tz = zoneinfo.ZoneInfo(position.timezone_name)
        needs = list(position.skill_needs.all())
        return {
            "role": position.role,
            "level": position.level,
            "title": position.title,
            "headcount": position.headcount,
            "call_start": position.call_start.astimezone(tz).replace(tzinfo=None),
            "call_end": position.call_end.astimezone(tz).replace(tzinfo=None),
            "pay_amount": position.pay_amount,
            "pay_unit": position.pay_unit,
            "currency": position.currency,
            "union_required": position.union_required,
            "crew": position.crew,
            "skills": [n.skill for n in needs],
            "skill_level": max((n.min_level for n in needs), default=3),
            "certifications": list(position.required_certifications.all()),
            "notes": position.notes,
        }

    def _clean_local(self, name: str):
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        # Django read the typed wall-clock time in the server's zone; re-read it at the venue.
        typed = value.astimezone(timezone.get_current_timezone()).replace(tzinfo=None)
        return localize(typed, self.timezone_name)

    def clean_call_start(self):
        return self._clean_local("call_start")

    def clean_call_end(self):
        return self._clean_local("call_end")

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "role": data["role"].slug,
            "level": data["level"],
            "title": data["title"],
            "headcount": data["headcount"],
            "call_start": data["call_start"],
            "call_end": data["call_end"],
            "pay_amount": data["pay_amount"],
            "pay_unit": data["pay_unit"],
            "currency": data["currency"].strip().upper(),
            "union_required": data["union_required"],
            "crew": data["crew"] or Crew.LOCAL,
            "required_skills": {s.slug: data["skill_level"] for s in data["skills"]},
            "required_certifications": [c.slug for c in data["certifications"]],
            "notes": data["notes"],
        }
