"""Forms for timesheets, ratings and pay periods. Times are typed as wall-clock times at
the venue and read in the venue's time zone, whatever the server's zone is."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone

from stagedoor.core.forms import DateInput, DateTimeLocalInput, localize

from .timesheets.services import MAX_DISPUTE_NOTE, MAX_RATING_NOTE

MIN_BREAK_ROWS = 3


class TimesheetForm(forms.Form):
    check_in = forms.DateTimeField(widget=DateTimeLocalInput)
    check_out = forms.DateTimeField(widget=DateTimeLocalInput, required=False)

    def __init__(self, *args, timezone_name: str = "UTC", break_rows: int = MIN_BREAK_ROWS, **kw):
        super().__init__(*args, **kw)
        self.timezone_name = timezone_name
        self.break_rows = max(MIN_BREAK_ROWS, break_rows)
        self.fields["check_in"].help_text = f"Local time ({timezone_name})"
        self.fields["check_out"].help_text = "Leave empty while still on the call"
        for n in range(1, self.break_rows + 1):
            for end in ("start", "end"):
                self.fields[f"break_{n}_{end}"] = forms.DateTimeField(
                    label=f"Break {n} {'starts' if end == 'start' else 'ends'}",
                    widget=DateTimeLocalInput,
                    required=False,
                )

    @staticmethod
    def initial_from(sheet, timezone_name: str) -> dict:
        tz = zoneinfo.ZoneInfo(timezone_name)

        def local(value):
            return value.astimezone(tz).replace(tzinfo=None) if value else None

        initial = {"check_in": local(sheet.check_in), "check_out": local(sheet.check_out)}
        for n, pause in enumerate(sheet.breaks.all(), start=1):
            initial[f"break_{n}_start"] = local(pause.starts_at)
            initial[f"break_{n}_end"] = local(pause.ends_at)
        return initial

    def break_fields(self):
        """(start field, end field) per break row, for the template."""
        return [
            (self[f"break_{n}_start"], self[f"break_{n}_end"])
            for n in range(1, self.break_rows + 1)
        ]

    def _at_venue(self, value):
        if value is None:
            return None
        # Django read the typed time in the server's zone; re-read it at the venue.
        typed = value.astimezone(timezone.get_current_timezone()).replace(tzinfo=None)
        return localize(typed, self.timezone_name)

    def clean(self):
        data = super().clean()
        for name in list(data):
            if isinstance(data[name], dt.datetime):
                data[name] = self._at_venue(data[name])
        for n in range(1, self.break_rows + 1):
            start, end = data.get(f"break_{n}_start"), data.get(f"break_{n}_end")
            if (start is None) != (end is None):
                missing = f"break_{n}_end" if end is None else f"break_{n}_start"
                if missing not in self.errors:
                    self.add_error(missing, "Give both the start and the end of the break.")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        breaks = []
        for n in range(1, self.break_rows + 1):
            start, end = data.get(f"break_{n}_start"), data.get(f"break_{n}_end")
            if start is not None and end is not None:
                breaks.append((start, end))
        return {"check_in": data["check_in"], "check_out": data.get("check_out"), "breaks": breaks}


class DisputeForm(forms.Form):
    note = forms.CharField(
        max_length=MAX_DISPUTE_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What is wrong with the times?",
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(choices=[(n, str(n)) for n in range(1, 6)], coerce=int)
    note = forms.CharField(max_length=MAX_RATING_NOTE, required=False)


class PayPeriodForm(forms.Form):
    """`?from=YYYY-MM-DD&to=YYYY-MM-DD`; the current month when left out."""

    def __init__(self, data=None, *, today: dt.date):
        first = today.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        self.default_from, self.default_to = first, last
        values = {"from": first.isoformat(), "to": last.isoformat()}
        if data is not None:
            values |= {k: data[k] for k in ("from", "to") if data.get(k)}
        super().__init__(values)
        self.fields["from"] = forms.DateField(widget=DateInput, label="From")
        self.fields["to"] = forms.DateField(widget=DateInput, label="To")

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period, or the current month when the dates could not be read."""
        if self.is_valid():
            return self.cleaned_data["from"], self.cleaned_data["to"]
        return self.default_from, self.default_to
