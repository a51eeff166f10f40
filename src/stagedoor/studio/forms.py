"""Forms for studio pages: they only read input; the services check it."""

from __future__ import annotations

from django import forms

from stagedoor.core.forms import DateInput
from stagedoor.industry.models import Organisation, Role
from stagedoor.people.models import PortfolioLink

from .enums import Kind, Unit

UNIT_CHOICES = [
    (Unit.SONG, "Per song"),
    (Unit.PROJECT, "For the whole project"),
    (Unit.DAY, "Per day"),
]


class ProjectForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="Studio")
    title = forms.CharField(max_length=200, label="Project")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    deadline = forms.DateField(widget=DateInput)
    role = forms.ModelChoiceField(Role.objects.order_by("name"), label="Who you are hiring")
    currency = forms.CharField(max_length=3, initial="USD", help_text="e.g. USD, EUR, GBP")
    genres = forms.CharField(max_length=200, required=False, help_text="e.g. indie, rock")
    open_to_quotes = forms.BooleanField(
        required=False, label="Anyone in the role may quote, not only the people I ask"
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class DeliverableForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, label="What")
    title = forms.CharField(max_length=200, required=False, help_text="e.g. Ten song mixes")
    quantity = forms.IntegerField(
        min_value=1, initial=1, label="How many", help_text="Songs, cues or minutes"
    )
    due_on = forms.DateField(widget=DateInput, label="Due")
    revisions_included = forms.IntegerField(min_value=0, initial=2, label="Revision rounds")
    budget = forms.DecimalField(min_value=0, decimal_places=2, max_digits=13)


class InviteForm(forms.Form):
    workers = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Who to ask"
    )

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].queryset = workers


class QuoteForm(forms.Form):
    price = forms.DecimalField(decimal_places=2, max_digits=13)
    unit = forms.ChoiceField(choices=UNIT_CHOICES, label="Priced")
    currency = forms.CharField(max_length=3)
    turnaround_days = forms.IntegerField(label="Turnaround (days)")
    revisions_included = forms.IntegerField(label="Revision rounds included")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DeliverForm(forms.Form):
    link = forms.URLField(
        required=False, assume_scheme="https", label="Where to get it", help_text="A download link"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReviewForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    extra = forms.BooleanField(required=False, label="As an extra round, beyond those included")


class PortfolioForm(forms.Form):
    label = forms.CharField(max_length=120)
    url = forms.URLField(label="Link", assume_scheme="https")
    kind = forms.ChoiceField(choices=PortfolioLink.Kind.choices, label="Type")
    genres = forms.CharField(max_length=200, required=False, help_text="e.g. indie, rock")
