"""Writes for worker profiles. A worker changes only their own profile (admins any)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from stagedoor.core.places import find_place
from stagedoor.core.validation import (
    Errors,
    check_aware,
    check_choice,
    check_currency,
    check_money,
    refuse,
)
from stagedoor.engine.months import add_months
from stagedoor.industry.checks import catalog_entry
from stagedoor.industry.enums import Level
from stagedoor.industry.models import Certification, Organisation, Role, Skill
from stagedoor.industry.services import unique_slug

from .models import (
    AvailabilityBlock,
    Credit,
    PortfolioLink,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)
from .rules import may_set_goal

PROFILE_FIELDS = (
    "display_name",
    "headline",
    "bio",
    "home_city",
    "latitude",
    "longitude",
    "travel_radius_km",
    "willing_to_tour",
    "day_rate",
    "hourly_rate",
    "currency",
    "show_rates",
    "phone",
    "is_public",
)


def require_self(actor, worker: WorkerProfile) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Log in to change a profile.")
    if actor.pk != worker.user_id and not actor.is_superuser:
        raise PermissionDenied("Workers can change only their own profile.")


def _refuse_null(errors: Errors, given: dict[str, Any]) -> None:
    # null from the API means "empty" only where the column can be; text is "" instead
    for name, value in given.items():
        nullable = name not in PROFILE_FIELDS or WorkerProfile._meta.get_field(name).null
        if value is None and not nullable:
            errors.add(name, "Give a value; this field cannot be null.")


def _check_profile(errors: Errors, data: dict[str, Any]) -> None:
    if not (data.get("display_name") or "").strip():
        errors.add("display_name", "This field is required.")
    radius = data.get("travel_radius_km")
    if not isinstance(radius, int) or radius < 0 or radius > 20000:
        errors.add("travel_radius_km", "Give a distance in kilometres from 0 to 20000.")
    for name in ("day_rate", "hourly_rate"):
        if data.get(name) not in (None, ""):
            data[name] = check_money(errors, name, data[name])
        else:
            data[name] = None
    check_currency(errors, "currency", data.get("currency"))


def _locate(errors: Errors, data: dict[str, Any], city_changed: bool) -> None:
    """Fill coordinates from the typed city unless the caller gave them."""
    if not (data.get("home_city") or "").strip():
        errors.add("home_city", "This field is required.")
        return
    if city_changed and (data.get("latitude") is None or data.get("longitude") is None):
        place = find_place(data["home_city"])
        if place is None:
            errors.add(
                "home_city", f"No city called '{data['home_city']}' is known; try 'City, CC'."
            )
            return
        data["latitude"], data["longitude"] = place.latitude, place.longitude
        data["home_city"] = place.name
        data.setdefault("country", place.country)
    for name, bound in (("latitude", 90), ("longitude", 180)):
        value = data.get(name)
        if value is None or not -bound <= float(value) <= bound:
            errors.add(name, f"Must be between -{bound} and {bound}.")


@transaction.atomic
def profile_create(*, user, display_name: str, home_city: str, **fields: Any) -> WorkerProfile:
    """Give a user a worker profile (on sign-up, by the demo data or an admin)."""
    errors = Errors()
    data = {
        "display_name": display_name,
        "home_city": home_city,
        "travel_radius_km": 50,
        "currency": "USD",
    } | fields
    _refuse_unknown_profile(errors, data)
    _refuse_null(errors, fields)
    _locate(errors, data, city_changed=True)
    _check_profile(errors, data)
    errors.raise_if_any()
    return WorkerProfile.objects.create(
        user=user, slug=unique_slug(WorkerProfile, display_name), **data
    )


def _refuse_unknown_profile(errors: Errors, data: dict[str, Any]) -> None:
    for name in data:
        if name not in PROFILE_FIELDS and name != "country":
            errors.add(name, "This field cannot be set on a profile.")


def _goal(errors: Errors, actor, worker: WorkerProfile, role: str | None) -> Role | None:
    """The catalog role a goal names (None or "" for no goal), refused unless the actor is
    the worker themselves."""
    if not may_set_goal(actor, worker):
        raise PermissionDenied("Only the worker chooses the role they aim for.")
    if role in (None, ""):
        return None
    if not isinstance(role, str):
        errors.add("goal_role", "Give the role's key from the catalog, or null for no goal.")
        return None
    return catalog_entry(errors, "goal_role", Role, role)


@transaction.atomic
def goal_set(*, actor, worker: WorkerProfile, role: str | None) -> WorkerProfile:
    """Make `role` (a catalog role's key) the role the worker aims for; None clears it."""
    require_self(actor, worker)
    errors = Errors()
    goal = _goal(errors, actor, worker, role)
    errors.raise_if_any()
    if worker.goal_role_id != (goal.pk if goal else None):
        worker.goal_role = goal
        worker.save(update_fields=["goal_role"])
    return worker


@transaction.atomic
def profile_update(*, actor, worker: WorkerProfile, **changes: Any) -> WorkerProfile:
    """Change a worker's own profile. Typing a new city finds its coordinates; `goal_role`
    is a catalog role's key (or None), and only the worker may change it."""
    require_self(actor, worker)
    errors = Errors()
    goal_given = "goal_role" in changes
    goal_key = changes.pop("goal_role", None)
    goal = _goal(errors, actor, worker, goal_key) if goal_given else None
    _refuse_unknown_profile(errors, changes)
    _refuse_null(errors, changes)
    data = {name: getattr(worker, name) for name in PROFILE_FIELDS} | changes
    city_changed = "home_city" in changes and changes["home_city"] != worker.home_city
    if city_changed and "latitude" not in changes:
        data["latitude"] = data["longitude"] = None
    _locate(errors, data, city_changed)
    _check_profile(errors, data)
    errors.raise_if_any()
    for name, value in data.items():
        setattr(worker, name, value)
    if goal_given:
        worker.goal_role = goal
    worker.save()
    return worker


@transaction.atomic
def worker_role_set(
    *, actor, worker: WorkerProfile, role: str, level: str, years: int = 0, is_primary=False
) -> WorkerRole:
    require_self(actor, worker)
    errors = Errors()
    role_obj = catalog_entry(errors, "role", Role, role)
    check_choice(errors, "level", level, Level.values)
    if not isinstance(years, int) or not 0 <= years <= 70:
        errors.add("years", "Give whole years from 0 to 70.")
    errors.raise_if_any()
    if is_primary:
        worker.roles.update(is_primary=False)
    obj, _ = WorkerRole.objects.update_or_create(
        worker=worker,
        role=role_obj,
        defaults={"level": level, "years": years, "is_primary": is_primary},
    )
    return obj


@transaction.atomic
def worker_skill_set(*, actor, worker: WorkerProfile, skill: str, level: int) -> WorkerSkill:
    require_self(actor, worker)
    errors = Errors()
    skill_obj = catalog_entry(errors, "skill", Skill, skill)
    if not isinstance(level, int) or not 1 <= level <= 5:
        errors.add("level", "Rate the skill from 1 (basic) to 5 (expert).")
    errors.raise_if_any()
    obj, _ = WorkerSkill.objects.update_or_create(
        worker=worker, skill=skill_obj, defaults={"level": level}
    )
    return obj


@transaction.atomic
def worker_certification_add(
    *,
    actor,
    worker: WorkerProfile,
    certification: str,
    issued_on: dt.date,
    expires_on: dt.date | None = None,
    credential_id: str = "",
) -> WorkerCertification:
    """Record a certification; expiry defaults from the certification's validity period."""
    require_self(actor, worker)
    errors = Errors()
    cert = catalog_entry(errors, "certification", Certification, certification)
    if not isinstance(issued_on, dt.date):
        errors.add("issued_on", "Give the issue date (YYYY-MM-DD).")
    errors.raise_if_any()
    if expires_on is None and cert.validity_months:
        expires_on = add_months(issued_on, cert.validity_months)
    if expires_on is not None and expires_on <= issued_on:
        errors.add("expires_on", "A certification must expire after it was issued.")
    errors.raise_if_any()
    obj, _ = WorkerCertification.objects.update_or_create(
        worker=worker,
        certification=cert,
        issued_on=issued_on,
        defaults={"expires_on": expires_on, "credential_id": credential_id},
    )
    return obj


@transaction.atomic
def availability_add(
    *,
    actor,
    worker: WorkerProfile,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str = "",
) -> AvailabilityBlock:
    require_self(actor, worker)
    errors = Errors()
    if kind not in AvailabilityBlock.Kind.values:
        errors.add("kind", "Choose available or unavailable.")
    check_aware(errors, "starts_at", starts_at)
    check_aware(errors, "ends_at", ends_at)
    if not errors and ends_at <= starts_at:
        errors.add("ends_at", "The block must end after it starts.")
    errors.raise_if_any()
    return AvailabilityBlock.objects.create(
        worker=worker, kind=kind, starts_at=starts_at, ends_at=ends_at, reason=reason
    )


@transaction.atomic
def union_membership_set(
    *, actor, worker: WorkerProfile, local: Organisation, card_number: str, status: str
) -> UnionMembership:
    require_self(actor, worker)
    errors = Errors()
    if local.kind != "union_local":
        errors.add("local", f"{local.name} is not a union local.")
    if not card_number.strip():
        errors.add("card_number", "This field is required.")
    if status not in UnionMembership.Status.values:
        errors.add("status", f"'{status}' is not a membership status.")
    errors.raise_if_any()
    obj, _ = UnionMembership.objects.update_or_create(
        worker=worker, local=local, defaults={"card_number": card_number, "status": status}
    )
    return obj


@transaction.atomic
def credit_add(
    *,
    actor,
    worker: WorkerProfile,
    title: str,
    role: str,
    date: dt.date,
    organisation: Organisation | None = None,
) -> Credit:
    """A worker's own claim of a credit; it stays unverified until the employer confirms."""
    require_self(actor, worker)
    errors = Errors()
    role_obj = catalog_entry(errors, "role", Role, role)
    if not title.strip():
        errors.add("title", "This field is required.")
    errors.raise_if_any()
    return Credit.objects.create(
        worker=worker, title=title, role=role_obj, date=date, organisation=organisation
    )


@transaction.atomic
def portfolio_link_add(*, actor, worker: WorkerProfile, label: str, url: str) -> PortfolioLink:
    require_self(actor, worker)
    errors = Errors()
    if not url.startswith(("https://", "http://")):
        errors.add("url", "Give a full web address starting with https://.")
    if not label.strip():
        errors.add("label", "This field is required.")
    errors.raise_if_any()
    return PortfolioLink.objects.create(worker=worker, label=label, url=url)


@transaction.atomic
def profile_item_remove(*, actor, worker: WorkerProfile, kind: str, item_id: int) -> None:
    """Remove one role, skill, certification, availability block or link from a profile."""
    require_self(actor, worker)
    managers = {
        "role": worker.roles,
        "skill": worker.skills,
        "certification": worker.certifications,
        "availability": worker.availability,
        "link": worker.links,
    }
    if kind not in managers:
        refuse("kind", f"'{kind}' is not a profile section.")
    managers[kind].filter(pk=item_id).delete()
