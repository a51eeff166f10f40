"""Forms of the hall's pages: sending a call, the emergency override, the list filters."""

from __future__ import annotations

from django import forms

from .models import GROUP_NAMES, Registrant
from .selectors import STATUS_WORDS


class CallRequestForm(forms.Form):
    by_name = forms.ModelMultipleChoiceField(
        queryset=Registrant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Ask for by name (the local honours its cap, in this order)",
    )
    needs = forms.MultipleChoiceField(
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Specialties the call needs",
    )

    def __init__(self, *args, classification=None, **kwargs):
        super().__init__(*args, **kwargs)
        if classification is not None:
            self.fields["by_name"].queryset = (
                Registrant.objects.filter(entries__classification=classification)
                .select_related("worker")
                .order_by("worker__display_name")
            )
            self.fields["by_name"].label_from_instance = lambda r: r.worker.display_name
            self.fields["needs"].choices = [(s, s) for s in classification.specialties]


class EmergencyForm(forms.Form):
    registrant = forms.ModelChoiceField(queryset=Registrant.objects.none(), label="Offer to")
    reason = forms.CharField(
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why the list order is set aside (kept on the record)",
    )

    def __init__(self, *args, local=None, **kwargs):
        super().__init__(*args, **kwargs)
        if local is not None:
            self.fields["registrant"].queryset = (
                Registrant.objects.filter(local=local)
                .select_related("worker")
                .order_by("worker__display_name")
            )
            self.fields["registrant"].label_from_instance = lambda r: r.worker.display_name


class ListFilterForm(forms.Form):
    classification = forms.ChoiceField(required=False, label="List")
    group = forms.ChoiceField(required=False, label="Group")
    status = forms.ChoiceField(
        required=False, choices=[("", "Everyone"), *STATUS_WORDS.items()], label="Standing"
    )
    q = forms.CharField(required=False, label="Name")

    def __init__(self, *args, classifications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].choices = [("", "Every list")] + [
            (str(c.pk), c.name) for c in classifications
        ]
        self.fields["group"].choices = [("", "Every group")] + [
            (str(i), f"Group {name}") for i, name in enumerate(GROUP_NAMES[:3])
        ]
