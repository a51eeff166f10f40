"""Writes for shows, tours, studio projects and positions (crew calls).

Every function checks the actor's permission and every field before touching the
database, and runs in one transaction: bad input is refused whole, never half-saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import (
    Errors,
    check_aware,
    check_choice,
    check_currency,
    check_in_window,
    check_money,
    refuse,
)
from stagedoor.industry.checks import catalog_entry
from stagedoor.industry.enums import Level, PayUnit
from stagedoor.industry.models import Certification, Organisation, Role, Skill, Venue
from stagedoor.industry.rules import require_manager
from stagedoor.industry.services import unique_slug

from .models import Crew, Interest, Position, PositionSkill, Show, Status, StudioProject, Tour
from .rules import is_open_call
from .signals import position_changed, position_changing, position_deleting, show_changed

SHOW_FIELDS = (
    "venue",
    "artist",
    "title",
    "date",
    "doors_at",
    "show_at",
    "curfew_at",
    "status",
    "notes",
    "catering_notes",
    "tour",
    "tour_order",
    "labour_budget",
)
POSITION_FIELDS = (
    "role",
    "level",
    "title",
    "headcount",
    "call_start",
    "call_end",
    "pay_amount",
    "pay_unit",
    "currency",
    "union_required",
    "crew",
    "required_skills",
    "required_certifications",
    "notes",
)
MAX_HEADCOUNT = 500


def _refuse_unknown(errors: Errors, changes: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for name in changes:
        if name not in allowed:
            errors.add(name, "This field cannot be changed here.")


SHOW_DATES = ("date", "doors_at", "show_at", "curfew_at")


def _check_dates(errors: Errors, data: dict[str, Any], names) -> None:
    """The window applies to the dates being set: an old call can still get a new note."""
    for name in names:
        if name not in errors.by_field:
            check_in_window(errors, name, data.get(name))


def _check_show(errors: Errors, organisation: Organisation, data: dict[str, Any]) -> None:
    if not (data.get("artist") or "").strip():
        errors.add("artist", "This field is required.")
    if not isinstance(data.get("venue"), Venue):
        errors.add("venue", "Choose a venue.")
    if not isinstance(data.get("date"), dt.date) or isinstance(data.get("date"), dt.datetime):
        errors.add("date", "Give the show day as a date (YYYY-MM-DD).")
    for name in ("doors_at", "show_at", "curfew_at"):
        if data.get(name) is not None:
            check_aware(errors, name, data[name])
    if errors:
        return
    doors, show, curfew = data.get("doors_at"), data.get("show_at"), data.get("curfew_at")
    if doors and show and show < doors:
        errors.add("show_at", "The show cannot start before doors open.")
    if show and curfew and curfew <= show:
        errors.add("curfew_at", "Curfew must be after the show starts.")
    check_choice(errors, "status", data.get("status", Status.DRAFT), Status.values)
    tour = data.get("tour")
    if tour is not None:
        if tour.organisation_id != organisation.pk:
            errors.add("tour", "The tour belongs to another organisation.")
        if data.get("tour_order") is None:
            errors.add("tour_order", "Give the stop's place in the tour.")
    if data.get("labour_budget") is not None:
        data["labour_budget"] = check_money(errors, "labour_budget", data["labour_budget"])


@transaction.atomic
def show_create(
    *,
    actor,
    organisation: Organisation,
    venue: Venue,
    artist: str,
    date: dt.date,
    title: str = "",
    doors_at: dt.datetime | None = None,
    show_at: dt.datetime | None = None,
    curfew_at: dt.datetime | None = None,
    status: str = Status.DRAFT,
    notes: str = "",
    catering_notes: str = "",
    tour: Tour | None = None,
    tour_order: int | None = None,
    labour_budget: Decimal | None = None,
) -> Show:
    """Create a show for `organisation`; only its managers may. `labour_budget` (optional)
    is in the currency the show's crew calls pay in."""
    require_manager(actor, organisation, "create shows")
    data = dict(locals())
    del data["actor"], data["organisation"]
    errors = Errors()
    _check_show(errors, organisation, data)
    _check_dates(errors, data, SHOW_DATES)
    errors.raise_if_any()
    slug = unique_slug(Show, f"{artist} {venue.city} {date:%Y-%m-%d}", max_length=80)
    return Show.objects.create(slug=slug, organisation=organisation, **data)


@transaction.atomic
def show_update(*, actor, show: Show, **changes: Any) -> Show:
    """Change fields of a show; only managers of its organisation may."""
    require_manager(actor, show.organisation, "change its shows")
    errors = Errors()
    _refuse_unknown(errors, changes, SHOW_FIELDS)
    data = {name: getattr(show, name) for name in SHOW_FIELDS} | changes
    _check_show(errors, show.organisation, data)
    _check_dates(errors, data, [n for n in SHOW_DATES if n in changes])
    status = changes.get("status", show.status)
    if (status == Status.CANCELLED) != (show.status == Status.CANCELLED):
        # Cancelling must cancel the bookings and tell the crew, which booking's
        # show_cancel does; a cancelled show's calls stay cancelled.
        errors.add(
            "status",
            "Use Cancel the show on the staffing board (or POST /api/shows/<slug>/cancel, "
            "`stagedoor cancel show`): it cancels the bookings with a reason and tells the crew."
            if status == Status.CANCELLED
            else "A cancelled show stays cancelled; add a new show instead.",
        )
    errors.raise_if_any()
    if "labour_budget" in changes:
        changes["labour_budget"] = data["labour_budget"]  # checked and made a Decimal
    for name, value in changes.items():
        setattr(show, name, value)
    show.save()
    show_changed.send(sender=Show, show=show)
    return show


@transaction.atomic
def tour_create(*, actor, organisation: Organisation, artist: str, name: str) -> Tour:
    require_manager(actor, organisation, "create tours")
    errors = Errors()
    for field, value in (("artist", artist), ("name", name)):
        if not value.strip():
            errors.add(field, "This field is required.")
    errors.raise_if_any()
    return Tour.objects.create(
        slug=unique_slug(Tour, f"{artist} {name}"),
        organisation=organisation,
        artist=artist,
        name=name,
    )


@transaction.atomic
def project_create(
    *,
    actor,
    organisation: Organisation,
    title: str,
    deliverables: str,
    deadline: dt.date,
    description: str = "",
    remote_allowed: bool = False,
    venue: Venue | None = None,
    status: str = Status.DRAFT,
) -> StudioProject:
    require_manager(actor, organisation, "create studio projects")
    errors = Errors()
    if not title.strip():
        errors.add("title", "This field is required.")
    if not deliverables.strip():
        errors.add("deliverables", "Say what is handed over at the end.")
    check_choice(errors, "status", status, Status.values)
    _check_dates(errors, {"deadline": deadline}, ["deadline"])
    errors.raise_if_any()
    return StudioProject.objects.create(
        slug=unique_slug(StudioProject, title, max_length=80),
        organisation=organisation,
        title=title,
        deliverables=deliverables,
        deadline=deadline,
        description=description,
        remote_allowed=remote_allowed,
        venue=venue,
        status=status,
    )


def _resolve_position(errors: Errors, data: dict[str, Any]) -> dict[str, Any]:
    """Check every position field; return resolved values (Role, Decimal, skills...)."""
    out: dict[str, Any] = {}
    role = data.get("role")
    if isinstance(role, Role):
        out["role"] = role
    else:
        out["role"] = catalog_entry(errors, "role", Role, role)
    level = data.get("level")
    if level is None:
        data["level"] = out["role"].level if out["role"] else None
    else:
        check_choice(errors, "level", level, Level.values)
    headcount = data.get("headcount")
    if not isinstance(headcount, int) or isinstance(headcount, bool):
        errors.add("headcount", "Must be a whole number.")
    elif headcount < 1:
        errors.add("headcount", "At least one person is needed.")
    elif headcount > MAX_HEADCOUNT:
        errors.add("headcount", f"At most {MAX_HEADCOUNT} people in one crew call.")
    check_aware(errors, "call_start", data.get("call_start"))
    check_aware(errors, "call_end", data.get("call_end"))
    times_ok = "call_start" not in errors.by_field and "call_end" not in errors.by_field
    if times_ok and data["call_end"] <= data["call_start"]:
        errors.add("call_end", "The call must end after it starts.")
    out["pay_amount"] = check_money(errors, "pay_amount", data.get("pay_amount"))
    check_choice(errors, "pay_unit", data.get("pay_unit"), PayUnit.values)
    check_choice(errors, "crew", data.get("crew"), Crew.values)
    check_currency(errors, "currency", data.get("currency"))

    skills = data.get("required_skills") or {}
    known_skills = {s.slug: s for s in Skill.objects.filter(slug__in=list(skills))}
    out["required_skills"] = {}
    for slug, level in skills.items():
        if slug not in known_skills:
            errors.add("required_skills", f"'{slug}' is not a known skill.")
        elif not isinstance(level, int) or not 1 <= level <= 5:
            errors.add("required_skills", f"Minimum level for '{slug}' must be 1 to 5.")
        else:
            out["required_skills"][known_skills[slug]] = level
    certs = list(data.get("required_certifications") or [])
    known_certs = {c.slug: c for c in Certification.objects.filter(slug__in=certs)}
    for slug in certs:
        if slug not in known_certs:
            errors.add("required_certifications", f"'{slug}' is not a known certification.")
    out["required_certifications"] = list(known_certs.values())
    return out


def _save_requirements(position: Position, resolved: dict[str, Any]) -> None:
    position.skill_needs.all().delete()
    PositionSkill.objects.bulk_create(
        PositionSkill(position=position, skill=skill, min_level=level)
        for skill, level in resolved["required_skills"].items()
    )
    position.required_certifications.set(resolved["required_certifications"])


@transaction.atomic
def position_create(
    *,
    actor,
    role: str | Role,
    headcount: int,
    call_start: dt.datetime,
    call_end: dt.datetime,
    pay_amount: Decimal | int | str,
    pay_unit: str,
    currency: str,
    show: Show | None = None,
    project: StudioProject | None = None,
    title: str = "",
    level: str | None = None,
    union_required: bool = False,
    crew: str = Crew.LOCAL,
    required_skills: dict[str, int] | None = None,
    required_certifications: list[str] | None = None,
    notes: str = "",
    engagement: bool = False,
) -> Position:
    """Add a crew call to a show or a studio project; only its organisation's managers may.
    `engagement` marks a touring engagement's call spanning days (see `Position`)."""
    errors = Errors()
    if (show is None) == (project is None):
        errors.add("show", "A position belongs to exactly one show or studio project.")
        errors.raise_if_any()
    parent = show or project
    require_manager(actor, parent.organisation, "add positions to its shows")
    data = {name: value for name, value in locals().items() if name in POSITION_FIELDS}
    resolved = _resolve_position(errors, data)
    _check_dates(errors, data, ("call_start", "call_end"))
    errors.raise_if_any()
    position = Position.objects.create(
        show=show,
        project=project,
        role=resolved["role"],
        level=data["level"],
        title=title,
        headcount=headcount,
        call_start=call_start,
        call_end=call_end,
        pay_amount=resolved["pay_amount"],
        pay_unit=pay_unit,
        currency=currency,
        union_required=union_required,
        crew=crew,
        notes=notes,
        engagement=engagement,
    )
    _save_requirements(position, resolved)
    return position


def position_requirements(position: Position) -> tuple[dict[str, int], list[str]]:
    skills = {need.skill.slug: need.min_level for need in position.skill_needs.all()}
    return skills, [c.slug for c in position.required_certifications.all()]


@transaction.atomic
def position_update(*, actor, position: Position, **changes: Any) -> Position:
    """Change a crew call; only managers of the organisation that posted it may.

    The call's row is locked before anything is checked, and the apps that promise things
    about it (booking: no call over its headcount, no booked worker double-booked) check
    the change against the locked state through `position_changing`, as an accept does.
    """
    require_manager(actor, position.organisation, "change its positions")
    lock_rows((Position, [position.pk]))
    position = Position.objects.select_related(
        "show__organisation", "show__venue", "project__organisation", "project__venue", "role"
    ).get(pk=position.pk)
    data, resolved = position_check_update(position, changes)
    before = {
        name: getattr(position, name)
        for name in ("headcount", "call_start", "call_end")
        if data[name] != getattr(position, name)
    }
    for name in ("title", "level", "headcount", "call_start", "call_end", "pay_unit", "currency"):
        setattr(position, name, data[name])
    position.role = resolved["role"]
    position.pay_amount = resolved["pay_amount"]
    position.union_required = data["union_required"]
    position.crew = data["crew"]
    position.notes = data["notes"]
    position.save()
    _save_requirements(position, resolved)
    if before:
        position_changed.send(sender=Position, position=position, before=before)
    if position.show is not None:
        show_changed.send(sender=Position, show=position.show, position=position, before=before)
    return position


def position_check_update(position: Position, changes: dict[str, Any]):
    """Check `changes` to `position` (locked by the caller); raise every problem at once,
    else return the new field values and the resolved catalog entries. The admin's form
    asks this too, so it refuses what the page and the API refuse."""
    errors = Errors()
    _refuse_unknown(errors, changes, POSITION_FIELDS)
    skills, certs = position_requirements(position)
    current = {name: getattr(position, name) for name in (*POSITION_FIELDS[:-3], "notes")}
    current |= {"required_skills": skills, "required_certifications": certs}
    data = current | changes
    resolved = _resolve_position(errors, data)
    _check_dates(errors, data, [n for n in ("call_start", "call_end") if n in changes])
    errors.raise_if_any()
    changed = {
        name: data[name]
        for name in ("headcount", "call_start", "call_end")
        if data[name] != getattr(position, name)
    }
    if changed:
        position_changing.send(sender=Position, position=position, changes=changed, errors=errors)
    errors.raise_if_any()
    return data, resolved


@transaction.atomic
def position_delete(*, actor, position: Position) -> None:
    """Remove a crew call nobody has been offered, booked or timed on; one with a record
    is refused with a pointer to cancelling, which keeps it."""
    require_manager(actor, position.organisation, "remove its positions")
    lock_rows((Position, [position.pk]))
    check_deletable([position], whole="call")
    position.delete()


@transaction.atomic
def show_delete(*, actor, show: Show) -> None:
    """Remove a show whose calls have no record (see `position_delete`)."""
    require_manager(actor, show.organisation, "remove its shows")
    positions = list(show.positions.order_by("pk"))
    lock_rows((Position, [p.pk for p in positions]))
    check_deletable(positions, whole="show")
    show.delete()


@transaction.atomic
def project_delete(*, actor, project: StudioProject) -> None:
    require_manager(actor, project.organisation, "remove its studio projects")
    positions = list(project.positions.order_by("pk"))
    lock_rows((Position, [p.pk for p in positions]))
    check_deletable(positions, whole="project")
    project.delete()


def check_deletable(positions: list[Position], *, whole: str) -> None:
    """Refuse (on the field `position`, or `show`/`project`) if any app keeps a record of
    these calls; the caller holds their row locks."""
    errors = Errors()
    if positions:
        position_deleting.send(sender=Position, positions=positions, errors=errors, whole=whole)
    errors.raise_if_any()


def interest_set(*, actor, position: Position, interested: bool) -> bool:
    """Say (or take back) that the actor, a worker, is interested in an open call. Saying it
    twice is saying it once. Returns whether the worker is now interested."""
    worker = getattr(actor, "worker", None) if getattr(actor, "is_authenticated", False) else None
    if worker is None:
        refuse("worker", "Only crew with a worker profile can say they are interested in a call.")
    with transaction.atomic():
        if not interested:
            Interest.objects.filter(worker=worker, position=position).delete()
            return False
        if not is_open_call(position):
            refuse("position", "This call is no longer open.")
        Interest.objects.get_or_create(worker=worker, position=position)
    return True
