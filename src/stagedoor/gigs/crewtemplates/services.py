"""Writes for crew-call templates; every one checks that the actor manages the organisation
(`industry.rules.require_manager`) and runs in one transaction, so a refusal saves nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stagedoor.core.locking import lock_rows
from stagedoor.core.text import local_time
from stagedoor.core.validation import Errors, messages_of, refuse
from stagedoor.industry.rules import require_manager

from ..models import CrewTemplate, CrewTemplateLine, Position, Show, Status
from ..services import MAX_HEADCOUNT, position_create, position_requirements
from .times import DAY, at_show_day, minutes_from_show_day

MAX_NAME = 120


def _live_calls(show: Show) -> list[Position]:
    return list(
        show.positions.filter(cancelled_at__isnull=True, engagement=False)
        .select_related("role")
        .prefetch_related("skill_needs__skill", "required_certifications")
        .order_by("call_start", "pk")
    )


def _check_name(errors: Errors, organisation, name: str, *, exclude: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        errors.add("name", "Give the template a name, e.g. 'Arena load-in and show'.")
    elif len(name) > MAX_NAME:
        errors.add("name", f"At most {MAX_NAME} characters.")
    elif (
        CrewTemplate.objects.filter(organisation=organisation, name__iexact=name)
        .exclude(pk=exclude)
        .exists()
    ):
        errors.add("name", f"{organisation.name} already has a template called '{name}'.")
    return name


@transaction.atomic
def crew_template_save(*, actor, show: Show, name: str) -> CrewTemplate:
    """Keep `show`'s live (not cancelled) crew call as a template of its organisation; its
    times are kept as wall-clock offsets from the show day at the venue."""
    require_manager(actor, show.organisation, "save its crew calls as templates")
    errors = Errors()
    name = _check_name(errors, show.organisation, name)
    calls = _live_calls(show)
    if not calls:
        errors.add("show", "This show has no crew call to save: add its calls first.")
    errors.raise_if_any()
    try:
        with transaction.atomic():
            template = CrewTemplate.objects.create(organisation=show.organisation, name=name)
    except IntegrityError:  # saved under the same name a moment ago
        refuse("name", f"{show.organisation.name} already has a template called '{name}'.")
    zone = show.venue.timezone
    lines = []
    for order, call in enumerate(calls):
        skills, certs = position_requirements(call)
        lines.append(
            CrewTemplateLine(
                template=template,
                order=order,
                role=call.role,
                title=call.title,
                level=call.level,
                headcount=call.headcount,
                crew=call.crew,
                start_minutes=minutes_from_show_day(call.call_start, show.date, zone),
                end_minutes=minutes_from_show_day(call.call_end, show.date, zone),
                pay_amount=call.pay_amount,
                pay_unit=call.pay_unit,
                currency=call.currency,
                union_required=call.union_required,
                required_skills=skills,
                required_certifications=certs,
                notes=call.notes,
            )
        )
    CrewTemplateLine.objects.bulk_create(lines)
    return template


@transaction.atomic
def crew_template_rename(*, actor, template: CrewTemplate, name: str) -> CrewTemplate:
    require_manager(actor, template.organisation, "change its crew-call templates")
    errors = Errors()
    template.name = _check_name(errors, template.organisation, name, exclude=template.pk)
    errors.raise_if_any()
    template.save(update_fields=["name"])
    return template


@transaction.atomic
def crew_template_line_update(
    *,
    actor,
    line: CrewTemplateLine,
    headcount: int,
    start_minutes: int,
    end_minutes: int,
    pay_amount: Decimal | str,
) -> CrewTemplateLine:
    """Change a line's headcount, times (minutes from midnight on the show day) and pay."""
    require_manager(actor, line.template.organisation, "change its crew-call templates")
    errors = Errors()
    if not isinstance(headcount, int) or isinstance(headcount, bool) or headcount < 1:
        errors.add("headcount", "At least one person is needed.")
    elif headcount > MAX_HEADCOUNT:
        errors.add("headcount", f"At most {MAX_HEADCOUNT} people in one crew call.")
    for field, value in (("start_minutes", start_minutes), ("end_minutes", end_minutes)):
        if not isinstance(value, int) or not -7 * DAY <= value <= 8 * DAY:
            errors.add(field, "Give a time within a week of the show day.")
    if not errors and end_minutes <= start_minutes:
        errors.add("end_minutes", "The call must end after it starts.")
    try:
        amount = Decimal(str(pay_amount))
        if not amount.is_finite() or amount < 0:
            raise InvalidOperation
    except InvalidOperation:
        errors.add("pay_amount", "Give the pay as an amount of zero or more, e.g. 28.00.")
    errors.raise_if_any()
    line.headcount, line.start_minutes, line.end_minutes = headcount, start_minutes, end_minutes
    line.pay_amount = amount.quantize(Decimal("0.01"))
    line.save()
    return line


@transaction.atomic
def crew_template_line_delete(*, actor, line: CrewTemplateLine) -> None:
    template = line.template
    require_manager(actor, template.organisation, "change its crew-call templates")
    if template.lines.count() <= 1:
        refuse("line", "A template keeps at least one call; delete the template instead.")
    line.delete()


@transaction.atomic
def crew_template_delete(*, actor, template: CrewTemplate) -> None:
    """Delete a template; calls already posted from it stay as they are."""
    require_manager(actor, template.organisation, "delete its crew-call templates")
    template.delete()


def _check_target(errors: Errors, show: Show, organisation, field: str = "show") -> None:
    if show.organisation_id != organisation.pk:
        errors.add(field, f"That show is not one of {organisation.name}'s shows.")
    elif show.status == Status.CANCELLED:
        errors.add(field, "That show is cancelled; calls cannot be added to it.")


def _call_fields(source, *, day, zone: str, start: int, end: int, skills, certs) -> dict:
    """position_create's arguments for a call like `source` (a template line or a call) at
    `start`..`end` minutes of wall clock from midnight on `day` in `zone`."""
    return {
        "role": source.role,
        "title": source.title,
        "level": source.level,
        "headcount": source.headcount,
        "crew": source.crew,
        "call_start": at_show_day(day, start, zone),
        "call_end": at_show_day(day, end, zone),
        "pay_amount": source.pay_amount,
        "pay_unit": source.pay_unit,
        "currency": source.currency,
        "union_required": source.union_required,
        "required_skills": dict(skills),
        "required_certifications": list(certs),
        "notes": source.notes,
    }


def _create_all(actor, show: Show, items: list[tuple[str, dict]]) -> list[Position]:
    """Create every call through position_create; gather every refusal, each prefixed with
    the call it is about, and raise them together so the caller's transaction saves none."""
    errors = Errors()
    created = []
    for label, fields in items:
        try:
            created.append(position_create(actor=actor, show=show, **fields))
        except ValidationError as exc:
            for field, messages in messages_of(exc).items():
                for message in messages:
                    errors.add(field, f"{label}: {message}")
    errors.raise_if_any()
    return created


@transaction.atomic
def crew_template_apply(*, actor, template: CrewTemplate, show: Show) -> list[Position]:
    """Post every line of `template` as a crew call of `show`, at that show's date in its
    venue's local time. All or nothing: one refused line (named in the message) posts none."""
    require_manager(actor, template.organisation, "apply its crew-call templates")
    errors = Errors()
    _check_target(errors, show, template.organisation)
    errors.raise_if_any()
    lock_rows((Show, [show.pk]))
    zone = show.venue.timezone
    items = []
    for number, line in enumerate(template.lines.select_related("role"), start=1):
        fields = _call_fields(
            line,
            day=show.date,
            zone=zone,
            start=line.start_minutes,
            end=line.end_minutes,
            skills=line.required_skills,
            certs=line.required_certifications,
        )
        when = local_time(fields["call_start"], zone)
        items.append((f"Line {number} ({line.display_title} × {line.headcount}, {when})", fields))
    return _create_all(actor, show, items)


@dataclass(frozen=True)
class TourCopy:
    """What copying a crew call to a tour did: calls posted, calls left out because the
    same call was already there, stops that got calls and stops that had them all."""

    created: int
    skipped: int
    stops_changed: int
    stops_skipped: int

    def words(self) -> str:
        calls = "call" if self.created == 1 else "calls"
        stops = "stop" if self.stops_changed == 1 else "stops"
        text = f"Copied {self.created} {calls} to {self.stops_changed} {stops}."
        if self.skipped:
            same = "call was" if self.skipped == 1 else "calls were"
            text += f" {self.skipped} {same} already there and left as they are"
            if self.stops_skipped:
                had = "stop" if self.stops_skipped == 1 else "stops"
                text += f" ({self.stops_skipped} {had} already had the whole crew call)"
            text += "."
        return text


IDENTICAL = (
    "role",
    "title",
    "level",
    "headcount",
    "crew",
    "call_start",
    "call_end",
    "pay_amount",
    "pay_unit",
    "currency",
)


@transaction.atomic
def crew_copy_to_tour(*, actor, show: Show) -> TourCopy:
    """Copy `show`'s live crew call to every other stop of its tour, each at the same wall-
    clock times relative to that stop's show day in its venue's zone. A stop that already
    has an identical live call keeps it and is not given a second; cancelled stops are left
    out. All or nothing: a refused call (named with its stop) copies none."""
    require_manager(actor, show.organisation, "copy its crew calls")
    errors = Errors()
    if show.tour_id is None:
        errors.add("show", "This show is not a stop of a tour.")
    calls = _live_calls(show)
    if not calls:
        errors.add("show", "This show has no crew call to copy.")
    errors.raise_if_any()
    stops = list(
        Show.objects.select_related("venue")
        .filter(tour_id=show.tour_id)
        .exclude(pk=show.pk)
        .exclude(status=Status.CANCELLED)
        .order_by("tour_order", "pk")
    )
    if not stops:
        refuse("show", "The tour has no other stop to copy to (cancelled stops are left out).")
    # Two copies at once would both find a stop without the call; the stop's row settles it.
    lock_rows((Show, [s.pk for s in stops]))
    src_zone = show.venue.timezone
    offsets = [
        (
            call,
            minutes_from_show_day(call.call_start, show.date, src_zone),
            minutes_from_show_day(call.call_end, show.date, src_zone),
        )
        for call in calls
    ]
    created = skipped = changed = whole = 0
    for stop in stops:
        zone = stop.venue.timezone
        items = []
        for call, start, end in offsets:
            skills, certs = position_requirements(call)
            fields = _call_fields(
                call, day=stop.date, zone=zone, start=start, end=end, skills=skills, certs=certs
            )
            same = {name: fields[name] for name in IDENTICAL}
            if stop.positions.filter(cancelled_at__isnull=True, **same).exists():
                skipped += 1
                continue
            when = local_time(fields["call_start"], zone)
            label = f"{stop.venue.name}, {call.display_title} ({when})"
            items.append((label, fields))
        if not items:
            whole += 1
            continue
        try:
            created += len(_create_all(actor, stop, items))
        except ValidationError as exc:
            for field, messages in messages_of(exc).items():
                for message in messages:
                    errors.add(field, message)
            continue
        changed += 1
    errors.raise_if_any()
    return TourCopy(created=created, skipped=skipped, stops_changed=changed, stops_skipped=whole)
