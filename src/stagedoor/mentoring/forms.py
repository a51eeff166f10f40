"""Forms only read the input; the services decide what is allowed and name the field."""

from __future__ import annotations

from django import forms

from stagedoor.industry.models import Role

from .enums import MAX_MENTEES, Cadence, Mode


def _role_choices(roles=None):
    roles = roles if roles is not None else Role.objects.order_by("name")
    return [(r.slug, r.name) for r in roles]


class OfferForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles you mentor toward", widget=forms.CheckboxSelectMultiple, required=False
    )
    capacity = forms.IntegerField(
        label="Mentees at once", min_value=1, max_value=MAX_MENTEES, initial=1
    )
    mode = forms.ChoiceField(label="How you meet", choices=Mode.choices, initial=Mode.EITHER)
    cadence = forms.ChoiceField(label="How often", choices=Cadence.choices, initial=Cadence.MONTHLY)
    known_for = forms.CharField(
        label="What you do, in a few words",
        max_length=80,
        required=False,
        help_text="e.g. Rigs arenas",
    )
    note = forms.CharField(label="A note for newcomers", max_length=300, required=False)
    is_open = forms.BooleanField(label="Taking mentees now", required=False, initial=True)

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = _role_choices(roles)


class RequestForm(forms.Form):
    target = forms.ChoiceField(label="The role you are aiming for")
    mode = forms.ChoiceField(label="How you would meet", choices=Mode.choices, initial=Mode.EITHER)
    cadence = forms.ChoiceField(label="How often", choices=Cadence.choices, initial=Cadence.MONTHLY)
    note = forms.CharField(label="A note for your mentor", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "Choose a role"), *_role_choices()]


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.TimeField(
        label="Time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Optional; a session planned ahead goes in both your calendars",
    )
    minutes = forms.IntegerField(label="Minutes", min_value=5, max_value=600, initial=60)
    covered = forms.CharField(label="What you covered", max_length=300)


class RecommendForm(forms.Form):
    role = forms.ChoiceField(label="Recommend them for")
    text = forms.CharField(label="What you would tell a crew boss", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices()
