"""Every write on openings: post, change and close an opening; apply, say "I'm interested",
withdraw; accept, decline and mark completed (which gives the worker a verified credit).
Each locks the opening's row, then checks, so places are never over-filled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from stagedoor.booking.models import Notification
from stagedoor.booking.services.notify import notify, notify_many
from stagedoor.core.locking import lock_rows
from stagedoor.core.nearby import today_in
from stagedoor.core.places import find_place
from stagedoor.core.text import day
from stagedoor.core.validation import Errors, check_choice, check_currency, refuse
from stagedoor.industry.enums import Level
from stagedoor.industry.models import Role, Skill, Venue
from stagedoor.industry.rules import managers_of, require_manager
from stagedoor.people.models import Credit

from .enums import PERSON_WORD, TAKING_A_PLACE, ApplicationStatus, Kind, PayUnit, Status
from .models import Application, Opportunity
from .rules import require_applicant, require_opening_manager
from .selectors import dates_words, places_taken

LEVELS = [level.value for level in Level]
TEXT_FIELDS = ("title", "work_for", "teaches", "how_to_apply")
MAX_PLACES = 500


def _date(errors: Errors, data: dict, field: str, required: bool = True) -> dt.date | None:
    value = data.get(field)
    if value in (None, ""):
        if required:
            errors.add(field, "This field is required.")
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.add(field, f"'{value}' is not a date (YYYY-MM-DD).")
        return None


def _slugs(errors: Errors, field: str, model, slugs) -> list:
    slugs = list(dict.fromkeys(s for s in (slugs or []) if s))
    found = {row.slug: row for row in model.objects.filter(slug__in=slugs)}
    for slug in slugs:
        if slug not in found:
            errors.add(field, f"'{slug}' is not in the catalog.")
    return [found[s] for s in slugs if s in found]


def _cleaned(organisation, data: dict, opportunity: Opportunity | None) -> tuple[dict, list, list]:
    errors = Errors()
    fields: dict = {}
    for name in TEXT_FIELDS:
        fields[name] = str(data.get(name) or "").strip()
    if not fields["title"]:
        errors.add("title", "Give the opening a title.")
    for name, longest in (
        ("title", 160),
        ("work_for", 160),
        ("teaches", 5000),
        ("how_to_apply", 5000),
    ):
        if len(fields[name]) > longest:
            errors.add(name, f"At most {longest:,} characters.")
    if not fields["teaches"]:
        errors.add("teaches", "Say what a newcomer learns: it is why they come.")
    kind = data.get("kind")
    check_choice(errors, "kind", kind, Kind.values)
    fields["kind"] = kind
    roles = _slugs(errors, "target_roles", Role, data.get("target_roles"))
    if not roles and "target_roles" not in errors.by_field:
        errors.add("target_roles", "Name at least one role it leads toward.")
    skills = _slugs(errors, "skills", Skill, data.get("skills"))
    paid = bool(data.get("paid"))
    fields.update(paid=paid, pay_amount=None, pay_unit="", currency="")
    if paid:
        try:
            amount = Decimal(str(data.get("pay_amount")))
            if not amount.is_finite() or amount <= 0 or amount >= Decimal("1e8"):
                raise InvalidOperation
            fields["pay_amount"] = amount.quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors.add("pay_amount", "A paid opening says how much: an amount above zero.")
        check_choice(errors, "pay_unit", data.get("pay_unit"), PayUnit.values)
        check_currency(errors, "currency", data.get("currency"))
        fields.update(pay_unit=data.get("pay_unit") or "", currency=data.get("currency") or "")
    fields["remote"] = bool(data.get("remote"))
    venue = data.get("venue") or None
    if isinstance(venue, str):
        found = Venue.objects.filter(slug=venue).first()
        if found is None:
            errors.add("venue", f"'{venue}' is not a venue.")
        venue = found
    fields.update(venue=venue, city="", latitude=None, longitude=None)
    city = str(data.get("city") or "").strip()
    place = find_place(city) if city else None
    if fields["remote"]:
        home = find_place(organisation.city or "")
        fields["timezone"] = home.timezone if home else "UTC"
    elif venue:
        fields.update(
            city=venue.city,
            latitude=venue.latitude,
            longitude=venue.longitude,
            timezone=venue.timezone,
        )
    elif not city:
        errors.add("city", "Say where it is (a city or a venue), or mark it online.")
    elif place is None:
        errors.add("city", f"We do not know a city called '{city}'. Try 'Chicago' or 'Berlin, DE'.")
    else:
        fields.update(
            city=place.name,
            latitude=place.latitude,
            longitude=place.longitude,
            timezone=place.timezone,
        )
    starts, ends = _date(errors, data, "starts_on"), _date(errors, data, "ends_on")
    if starts and ends and ends < starts:
        errors.add("ends_on", "It cannot end before it starts.")
    deadline = _date(errors, data, "deadline", required=False)
    if deadline and ends and deadline > ends:
        errors.add("deadline", "The deadline to apply falls after the opening has ended.")
    fields.update(starts_on=starts, ends_on=ends, deadline=deadline)
    try:
        places = int(data.get("places") or 0)
    except (TypeError, ValueError):
        places = 0
    if not 1 <= places <= MAX_PLACES:
        errors.add("places", f"Between 1 and {MAX_PLACES} places.")
    elif opportunity is not None and places < places_taken(opportunity):
        errors.add("places", f"{places_taken(opportunity)} people already hold a place.")
    fields["places"] = places
    errors.raise_if_any()
    return fields, roles, skills


def _new_slug(title: str) -> str:
    base = slugify(title)[:60] or "opening"
    slug, n = base, 2
    while Opportunity.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def opportunity_save(
    *, actor, organisation, data: dict, opportunity: Opportunity | None = None
) -> Opportunity:
    """Post a new opening for `organisation`, or change `opportunity` (its managers only)."""
    require_manager(actor, organisation, "post openings for it")
    if opportunity is not None:
        lock_rows((Opportunity, [opportunity.pk]))
    fields, roles, skills = _cleaned(organisation, data, opportunity)
    if opportunity is None:
        opportunity = Opportunity(organisation=organisation, slug=_new_slug(fields["title"]))
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.save()
    opportunity.target_roles.set(roles)
    opportunity.skills.set(skills)
    return opportunity


@transaction.atomic
def opportunity_close(*, actor, opportunity: Opportunity) -> Opportunity:
    require_opening_manager(actor, opportunity, "close this opening")
    lock_rows((Opportunity, [opportunity.pk]))
    opportunity.status = Status.CLOSED
    opportunity.save(update_fields=["status", "updated_at"])
    return opportunity


def _words(opportunity: Opportunity) -> str:
    return f"{opportunity.title} ({opportunity.organisation.name})"


@transaction.atomic
def application_apply(
    *,
    actor,
    opportunity: Opportunity,
    note: str = "",
    interested: bool = False,
    now: dt.datetime | None = None,
) -> Application:
    """Apply for a place (or only say "I'm interested"). Refused once the deadline has
    passed, the opening is closed, or the worker has applied already."""
    worker = require_applicant(actor)
    lock_rows((Opportunity, [opportunity.pk]))
    opportunity.refresh_from_db()
    today = today_in(opportunity.timezone, now or timezone.now())
    if opportunity.status != Status.OPEN or opportunity.ends_on < today:
        refuse("opportunity", "This opening is closed.")
    if opportunity.deadline and today > opportunity.deadline:
        refuse("opportunity", f"Applications closed on {day(opportunity.deadline)}.")
    note = (note or "").strip()
    if len(note) > 2000:
        refuse("note", "Keep the note under 2,000 characters.")
    found = Application.objects.filter(opportunity=opportunity, worker=worker).first()
    status = ApplicationStatus.INTERESTED if interested else ApplicationStatus.APPLIED
    again = found is not None and found.status != ApplicationStatus.WITHDRAWN
    if again and (found.status != ApplicationStatus.INTERESTED or interested):
        said = (
            "said you are interested" if found.status == ApplicationStatus.INTERESTED else "applied"
        )
        refuse("opportunity", f"You have {said} already.")
    if found is None:
        found = Application(opportunity=opportunity, worker=worker)
    found.status, found.note = status, note
    found.save()
    if not interested:
        notify_many(
            managers_of(opportunity.organisation),
            kind=Notification.Kind.STAFFING,
            subject=f"New application: {_words(opportunity)}",
            body=f"{worker.display_name} applied.\n\n{note}".strip(),
            url=opportunity.get_absolute_url() + "applicants/",
        )
    return found


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    worker = require_applicant(actor)
    if application.worker_id != worker.pk:
        refuse("application", "That is not your application.")
    lock_rows((Opportunity, [application.opportunity_id]))
    application.refresh_from_db()
    if application.status == ApplicationStatus.COMPLETED:
        refuse("application", "It is done and on your credits; it cannot be withdrawn.")
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def application_decide(*, actor, application: Application, accept: bool) -> Application:
    """Accept (while a place is free) or decline an applicant; the worker is told."""
    opportunity = application.opportunity
    require_opening_manager(actor, opportunity, "decide on applicants")
    lock_rows((Opportunity, [opportunity.pk]))
    application.refresh_from_db()
    if application.status not in (ApplicationStatus.APPLIED, ApplicationStatus.INTERESTED):
        refuse(
            "application",
            f"This application is {application.get_status_display().lower()} already.",
        )
    if accept and places_taken(opportunity) >= opportunity.places:
        refuse("application", f"All {opportunity.places} places are taken.")
    application.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
    application.decided_at, application.decided_by = timezone.now(), actor
    application.save(update_fields=["status", "decided_at", "decided_by"])
    subject = (
        f"You have a place: {_words(opportunity)}"
        if accept
        else f"Not this time: {_words(opportunity)}"
    )
    body = (
        f"{opportunity.organisation.name} accepted you. It runs {dates_words(opportunity)}; "
        "it is in your calendar."
        if accept
        else f"{opportunity.organisation.name} has filled its places. "
        "Other ways in are on your career plan."
    )
    notify(
        application.worker.user,
        kind=Notification.Kind.STAFFING,
        subject=subject,
        body=body,
        url=opportunity.get_absolute_url(),
    )
    return application


@transaction.atomic
def application_complete(
    *, actor, application: Application, role: Role | None = None, on: dt.date | None = None
) -> Application:
    """Mark an accepted person as having done it: a verified credit on their profile, as
    for any other work ("Volunteer, Lakefront Sound Festival")."""
    opportunity = application.opportunity
    require_opening_manager(actor, opportunity, "mark work as done")
    lock_rows((Opportunity, [opportunity.pk]))
    application.refresh_from_db()
    if application.status != ApplicationStatus.ACCEPTED:
        refuse("application", "Only an accepted person can be marked as having completed it.")
    # By default the credit is for the most junior role it leads toward: the one worked.
    roles = sorted(opportunity.target_roles.all(), key=lambda r: (LEVELS.index(r.level), r.name))
    if role is not None and role not in roles:
        refuse("role", f"{role.name} is not a role this opening leads toward.")
    today = today_in(opportunity.timezone, timezone.now())
    for_whom = opportunity.work_for or opportunity.organisation.name
    credit = Credit.objects.create(
        worker=application.worker,
        title=f"{PERSON_WORD[opportunity.kind]}, {for_whom}",
        role=role or roles[0],
        date=on or min(opportunity.ends_on, today),
        organisation=opportunity.organisation,
        verified=True,
        verified_by=actor,
    )
    application.status, application.credit = ApplicationStatus.COMPLETED, credit
    application.save(update_fields=["status", "credit"])
    notify(
        application.worker.user,
        kind=Notification.Kind.STAFFING,
        subject=f"On your credits: {credit.title}",
        body=f"{opportunity.organisation.name} confirmed you completed it: a verified credit.",
        url=opportunity.get_absolute_url(),
    )
    return application


__all__ = [
    "TAKING_A_PLACE",
    "application_apply",
    "application_complete",
    "application_decide",
    "application_withdraw",
    "opportunity_close",
    "opportunity_save",
]
