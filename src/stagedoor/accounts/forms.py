"""Forms for joining and onboarding. They parse; the services decide what is acceptable,
so the pages, the API and the demo refuse alike."""

from __future__ import annotations

from django import forms

from stagedoor.core.forms import DateInput
from stagedoor.industry.models import Role


class SignUpForm(forms.Form):
    email = forms.CharField(
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        help_text="We send a link to confirm it. You log in with it too.",
    )
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not a common password, not only digits.",
    )
    username = forms.CharField(
        max_length=150,
        required=False,
        label="Username (optional)",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
        help_text="Leave empty to log in with your email.",
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ResendForm(forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class PlaceForm(forms.Form):
    display_name = forms.CharField(
        max_length=120, label="Your name", help_text="As crew chiefs and call sheets show it."
    )
    home_city = forms.CharField(
        max_length=120, label="Home city", help_text="e.g. 'Chicago' or 'Manchester, GB'"
    )
    travel_radius_km = forms.IntegerField(
        label="How far you travel for a call (km)", min_value=0, max_value=20000, initial=50
    )
    willing_to_tour = forms.BooleanField(required=False, label="I'd go on tour")


class RatesForm(forms.Form):
    # A plain form, not the model's: the service says what a rate may be, in its words.
    day_rate = forms.DecimalField(
        required=False,
        label="Your day rate",
        help_text="What you ask for a day's call. Leave empty if you're not sure yet.",
    )
    hourly_rate = forms.DecimalField(required=False, label="Your hourly rate")
    currency = forms.CharField(
        max_length=3, label="Currency", help_text="Three letters, e.g. USD, GBP, EUR."
    )
    show_rates = forms.BooleanField(
        required=False,
        label="Show my rates on my public profile",
        help_text="Managers who staff crew see them either way.",
    )


class AwayForm(forms.Form):
    """A stretch of days, in the worker's own time zone, they can or cannot work."""

    kind = forms.ChoiceField(
        label="These days I'm",
        choices=[("unavailable", "not free to work"), ("available", "free to work")],
        initial="unavailable",
    )
    first_day = forms.DateField(label="From", widget=DateInput)
    last_day = forms.DateField(label="To (the last day)", widget=DateInput)
    reason = forms.CharField(
        required=False, max_length=200, label="Why (only you see this)", help_text="Optional"
    )


def role_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalog's roles by department (in the department's words), A to Z in each: a
    menu a newcomer can read without knowing what the roles are called."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for role in Role.objects.order_by("name"):
        groups.setdefault(role.get_department_display(), []).append((role.slug, role.name))
    return sorted(groups.items())


class GoalForm(forms.Form):
    """The role a new worker is aiming for (optional): Start here then shows the path to it."""

    goal_role = forms.ChoiceField(
        required=False,
        label="What work are you aiming for?",
        help_text="Optional. Start here then shows your path to it; change it any time.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal_role"].choices = [("", "Not sure yet"), *role_groups()]
