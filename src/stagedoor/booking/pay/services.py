"""Changing an organisation's pay rules: the one write every face (page, API, command,
admin) calls, checked by the engine and kept in the rules' history."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from stagedoor.core.locking import lock_rows
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import require_manager

from ..models import PayRules, PayRulesChange
from . import rulebook

VIA = ("page", "api", "cli", "admin")


def pay_rules_update(
    *, actor, organisation: Organisation, changes: Mapping[str, object], via: str
) -> PayRulesChange | None:
    """Set the rules named in `changes` (rule name -> value, see `rulebook`) for
    `organisation`; the others stay. Managers only. Refused as a whole, naming each field
    and the reason, when a value does not read or the engine refuses the resulting rules.
    Returns the history row, or None when nothing changed (and nothing is written)."""
    require_manager(actor, organisation, "change its pay rules")
    if via not in VIA:
        raise ValueError(f"via must be one of {VIA}, not {via!r}")
    with transaction.atomic():
        # One change at a time per organisation, so each history row's "before" is what
        # the previous change left.
        lock_rows((Organisation, [organisation.pk]))
        organisation = Organisation.objects.get(pk=organisation.pk)
        stored = PayRules.objects.filter(organisation=organisation).first()
        before = rulebook.snapshot(organisation, stored)
        after = rulebook.checked(organisation, before, changes)
        if after == before:
            return None
        stored = stored or PayRules(organisation=organisation)
        for name, value in after.items():
            if name != "turnaround_hours":
                setattr(stored, name, value)
        stored.save()
        if after["turnaround_hours"] != before["turnaround_hours"]:
            organisation.turnaround_hours = after["turnaround_hours"]
            organisation.save(update_fields=["turnaround_hours"])
        return PayRulesChange.objects.create(
            organisation=organisation,
            changed_by=actor if getattr(actor, "pk", None) is not None else None,
            via=via,
            before=before,
            after=after,
        )
