"""Form helpers shared by the apps' forms."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's field errors on the form field of the same name, or at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                for message in e.messages:
                    form.add_error(target, message if target else f"{field}: {message}")
    else:
        for message in error.messages:
            form.add_error(None, message)


def localize(value: dt.datetime | None, tz_name: str) -> dt.datetime | None:
    """A wall-clock time typed for a venue, made aware in the venue's time zone."""
    if value is None:
        return None
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zoneinfo.ZoneInfo(tz_name))


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


class QuickSelect(forms.Select):
    """A select whose options are written in Python rather than through one template each:
    the same HTML as Django's select (no option groups), and sixty roles take 0.3 ms instead
    of 2.5 ms, on a page as busy as the job board."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        attrs = flatatt(widget["attrs"])
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)
