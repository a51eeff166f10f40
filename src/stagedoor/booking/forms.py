"""The pay rules form: the rules as a manager reads them, every value handed to
`booking.pay.services.pay_rules_update` as typed, so the page refuses what the API and the
command refuse, in the same words."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from stagedoor.core.validation import messages_of

from .pay.rulebook import BY_NAME, MAX_TIERS, RULES


def _input(rule_kind: str) -> forms.Widget:
    step = "1" if rule_kind in {"minutes", "whole", "clock"} else "0.01"
    mode = "numeric" if step == "1" else "decimal"
    return forms.NumberInput(attrs={"step": step, "min": "0", "inputmode": mode})


class PayRulesForm(forms.Form):
    """One field per rule; overtime as up to three tiers of (after hours, multiplier)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.overtime_errors: list[str] = []
        for rule in RULES:
            if rule.name != "overtime":
                self.fields[rule.name] = forms.CharField(
                    label=rule.label, required=False, widget=_input(rule.kind)
                )
                continue
            for n in range(1, MAX_TIERS + 1):
                self.fields[f"overtime_{n}_after"] = forms.CharField(
                    label=f"Tier {n}: after (hours in a workday)",
                    required=False,
                    widget=_input("hours"),
                )
                self.fields[f"overtime_{n}_times"] = forms.CharField(
                    label=f"Tier {n}: pays (times the rate)",
                    required=False,
                    widget=_input("times"),
                )

    @staticmethod
    def initial_from(values: dict) -> dict:
        initial = {name: value for name, value in values.items() if name != "overtime"}
        for n, (after, times) in enumerate(values["overtime"], start=1):
            initial[f"overtime_{n}_after"], initial[f"overtime_{n}_times"] = after, times
        return initial

    def tier_fields(self):
        return [
            (self[f"overtime_{n}_after"], self[f"overtime_{n}_times"])
            for n in range(1, MAX_TIERS + 1)
        ]

    def changes(self) -> dict:
        """Every rule as typed; a tier with both boxes empty is left out."""
        data = self.cleaned_data
        changes = {rule.name: data[rule.name].strip() for rule in RULES if rule.name in data}
        tiers = []
        for n in range(1, MAX_TIERS + 1):
            after = data[f"overtime_{n}_after"].strip()
            times = data[f"overtime_{n}_times"].strip()
            if after or times:
                tiers.append([after, times])
        changes["overtime"] = tiers
        return changes

    def add_refusal(self, exc: ValidationError) -> None:
        """The service's refusal, each message beside its rule."""
        for name, texts in messages_of(exc).items():
            for text in texts:
                if name == "overtime":
                    self.overtime_errors.append(text)
                    self.add_error(None, text)
                elif name in BY_NAME and name in self.fields:
                    self.add_error(name, text)
                else:
                    self.add_error(None, text)
