"""Writes for organisations, memberships and venues."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from stagedoor.core.validation import Errors, check_choice, check_timezone
from stagedoor.industry.rules import require_manager

from .enums import MemberRole, OrganisationKind
from .models import Membership, Organisation, Venue


def unique_slug(model, text: str, *, max_length: int = 50) -> str:
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


@transaction.atomic
def organisation_create(*, owner, name: str, kind: str, city: str = "", **fields) -> Organisation:
    """Create an organisation with `owner` as its first member."""
    errors = Errors()
    if not name.strip():
        errors.add("name", "This field is required.")
    check_choice(errors, "kind", kind, OrganisationKind.values)
    errors.raise_if_any()
    org = Organisation.objects.create(
        slug=unique_slug(Organisation, name), name=name.strip(), kind=kind, city=city, **fields
    )
    if owner is not None:
        Membership.objects.create(organisation=org, user=owner, role=MemberRole.OWNER)
    return org


@transaction.atomic
def membership_set(*, actor, organisation: Organisation, user, role: str) -> Membership:
    """Add `user` to the organisation, or change their member role."""
    require_manager(actor, organisation, "change who belongs to it")
    errors = Errors()
    check_choice(errors, "role", role, MemberRole.values)
    errors.raise_if_any()
    membership, _ = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def venue_create(
    *,
    actor,
    organisation: Organisation,
    name: str,
    address: str,
    city: str,
    country: str,
    latitude: float,
    longitude: float,
    timezone: str,
    capacity: int,
    union_local: Organisation | None = None,
    **fields,
) -> Venue:
    require_manager(actor, organisation, "add venues")
    errors = Errors()
    check_timezone(errors, "timezone", timezone)
    if not -90 <= latitude <= 90:
        errors.add("latitude", "Must be between -90 and 90.")
    if not -180 <= longitude <= 180:
        errors.add("longitude", "Must be between -180 and 180.")
    if capacity < 1:
        errors.add("capacity", "Must be at least 1.")
    if union_local is not None and union_local.kind != OrganisationKind.UNION_LOCAL:
        errors.add("union_local", f"{union_local.name} is not a union local.")
    errors.raise_if_any()
    return Venue.objects.create(
        slug=unique_slug(Venue, f"{name} {city}"),
        organisation=organisation,
        name=name,
        address=address,
        city=city,
        country=country,
        latitude=latitude,
        longitude=longitude,
        timezone=timezone,
        capacity=capacity,
        union_local=union_local,
        **fields,
    )
