"""Field checks against the catalog, shared by the services of the apps above."""

from __future__ import annotations

from stagedoor.core.validation import Errors

from .models import Certification, Role, Skill

# How a refusal names what was not found, per catalog model.
_UNKNOWN = {
    Role: "is not a role in the catalog",
    Skill: "is not a known skill",
    Certification: "is not a known certification",
}


def catalog_entry(errors: Errors, field: str, model, slug):
    """The role, skill or certification with `slug`; None and a field error naming it when
    the catalog has none."""
    found = model.objects.filter(slug=slug).first()
    if found is None:
        errors.add(field, f"'{slug}' {_UNKNOWN[model]}.")
    return found
