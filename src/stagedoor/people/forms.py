from django import forms

from stagedoor.core.forms import DateInput, DateTimeLocalInput
from stagedoor.industry.enums import Level
from stagedoor.industry.models import Certification, Role, Skill

from .models import AvailabilityBlock, WorkerProfile
from .services import PROFILE_FIELDS


class ProfileForm(forms.ModelForm):
    # Chosen by the role's key, as the API and the career plan name it; left out of
    # Meta.fields so the view hands the service the key, never the row.
    goal_role = forms.ModelChoiceField(
        Role.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label="The role I'm aiming for",
        empty_label="No goal yet",
        help_text="Your career plan for it opens from Start here, Today and Careers.",
    )

    class Meta:
        model = WorkerProfile
        # The profile's fields as the service takes them; the coordinates come from the city.
        fields = [f for f in PROFILE_FIELDS if f not in ("latitude", "longitude")]
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"home_city": "Type a city, e.g. 'Austin' or 'Manchester, GB'"}


class RoleForm(forms.Form):
    role = forms.ModelChoiceField(Role.objects.order_by("name"), to_field_name="slug")
    level = forms.ChoiceField(choices=Level.choices)
    years = forms.IntegerField(min_value=0, max_value=70, initial=1)
    is_primary = forms.BooleanField(required=False, label="Main role")


class SkillForm(forms.Form):
    skill = forms.ModelChoiceField(Skill.objects.order_by("name"), to_field_name="slug")
    level = forms.IntegerField(min_value=1, max_value=5, initial=3, help_text="1 basic – 5 expert")


class CertificationForm(forms.Form):
    certification = forms.ModelChoiceField(
        Certification.objects.order_by("name"), to_field_name="slug"
    )
    issued_on = forms.DateField(widget=DateInput)
    expires_on = forms.DateField(
        widget=DateInput, required=False, help_text="Left empty: from the usual validity"
    )


class AvailabilityForm(forms.Form):
    kind = forms.ChoiceField(choices=AvailabilityBlock.Kind.choices)
    starts_at = forms.DateTimeField(widget=DateTimeLocalInput)
    ends_at = forms.DateTimeField(widget=DateTimeLocalInput)
    reason = forms.CharField(required=False, max_length=200)
