"""Forms for signing up an organisation and inviting its members."""

from __future__ import annotations

from django import forms

from stagedoor.core.places import countries

from .enums import INVITABLE_ROLES, OrganisationKind


class OrganisationSignUpForm(forms.Form):
    name = forms.CharField(
        label="Organisation name",
        max_length=160,
        error_messages={"required": "Give your organisation's name."},
    )
    kind = forms.ChoiceField(label="What you do", choices=OrganisationKind.choices)
    country = forms.ChoiceField(
        label="Country", error_messages={"required": "Choose the country you work in."}
    )
    venue_name = forms.CharField(
        label="Your first venue or studio",
        max_length=160,
        required=False,
        help_text="A union local can leave the venue empty.",
    )
    venue_address = forms.CharField(label="Street address", max_length=250, required=False)
    venue_city = forms.CharField(label="City", max_length=120, required=False)
    venue_capacity = forms.IntegerField(
        label="How many people it holds", min_value=1, required=False
    )
    venue_timezone = forms.CharField(
        label="Time zone",
        max_length=64,
        required=False,
        help_text="Leave empty to use the city's, e.g. America/Chicago.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Choose a country"), *countries().items()]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Their email", error_messages={"required": "Give the email to send the link to."}
    )
    role = forms.ChoiceField(
        label="Their role", choices=[(r.value, r.label) for r in INVITABLE_ROLES]
    )
