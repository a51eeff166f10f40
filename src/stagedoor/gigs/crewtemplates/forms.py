"""Forms of the crew-call template pages; the services check everything again."""

from __future__ import annotations

import datetime as dt

from django import forms

from stagedoor.core.forms import TimeInput

from .selectors import shows_to_apply_to, templates_of
from .times import DAY, day_words


def show_choice_label(show) -> str:
    name = f"{show.artist}: {show.title}" if show.title else show.artist
    return f"{show.date:%a} {show.date.day} {show.date:%b %Y} · {name} at {show.venue.name}"


class SaveTemplateForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        label="Template name",
        help_text="e.g. 'Arena load-in and show'",
    )


class ApplyTemplateForm(forms.Form):
    """On a show's page: which of the organisation's templates to post there."""

    template = forms.ModelChoiceField(
        queryset=None, empty_label="Choose a template", label="Template to apply"
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates_of(organisation)


class ApplyToShowForm(forms.Form):
    """On a template's card: which show to post it to. `shows` (read once for a page of
    cards) defaults to the organisation's shows still to come."""

    show = forms.ChoiceField(label="Show")

    def __init__(self, *args, organisation, shows=None, **kwargs):
        super().__init__(*args, **kwargs)
        shows = list(shows if shows is not None else shows_to_apply_to(organisation))
        self.shows = {show.slug: show for show in shows}
        self.fields["show"].choices = [("", "Choose a show")] + [
            (show.slug, show_choice_label(show)) for show in shows
        ]

    def clean_show(self):
        return self.shows[self.cleaned_data["show"]]


class RenameForm(forms.Form):
    name = forms.CharField(max_length=120, label="Template name")


DAYS = [(days, day_words(days)) for days in range(-3, 4)]


class LineForm(forms.Form):
    """One call of a template: its headcount, times on the show day's wall clock and pay."""

    headcount = forms.IntegerField(min_value=1, label="People")
    start_day = forms.TypedChoiceField(choices=DAYS, coerce=int, initial=0, label="Day")
    start = forms.TimeField(widget=TimeInput, label="Starts")
    end = forms.TimeField(
        widget=TimeInput, label="Ends", help_text="Earlier than the start: the next day"
    )
    pay_amount = forms.DecimalField(min_value=0, decimal_places=2, max_digits=13, label="Pay")

    @staticmethod
    def initial_from(line) -> dict:
        day, start = divmod(line.start_minutes, DAY)
        end = line.end_minutes % DAY
        return {
            "headcount": line.headcount,
            "start_day": day,
            "start": dt.time(start // 60, start % 60),
            "end": dt.time(end // 60, end % 60),
            "pay_amount": line.pay_amount,
        }

    def service_fields(self) -> dict:
        data = self.cleaned_data
        start = data["start_day"] * DAY + data["start"].hour * 60 + data["start"].minute
        end = data["start_day"] * DAY + data["end"].hour * 60 + data["end"].minute
        if end <= start:
            end += DAY
        return {
            "headcount": data["headcount"],
            "start_minutes": start,
            "end_minutes": end,
            "pay_amount": data["pay_amount"],
        }
