"""Writes for mentoring: offers, requests, asking a mentor, the mentor's answer, sessions
and recommendations. Each checks its input (refusals name the field) and its permission;
the answer locks the mentor's offer before counting their mentees, so two accepts at once
never go past the mentor's capacity."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from stagedoor.booking.services.notify import notify
from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors, check_choice, refuse
from stagedoor.industry.models import Role
from stagedoor.people.models import WorkerProfile

from . import messages
from .enums import MAX_MENTEES, OPEN_STATUSES, Cadence, Mode, Status
from .models import MentorOffer, MentorRequest, MentorSession, Mentorship, Recommendation
from .rules import require_mentor, require_side
from .selectors import mentorable_roles

LOG_DAYS_BACK = 366
LOG_DAYS_AHEAD = 180
MAX_MINUTES = 600


def _require_self(actor, worker: WorkerProfile, action: str) -> None:
    if actor is None or getattr(actor, "pk", None) != worker.user_id:
        raise PermissionDenied(f"Not yours: only {worker.display_name} can {action}.")


def _text(errors: Errors, name: str, value, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        errors.add(name, "This field is required.")
    elif len(value) > limit:
        errors.add(name, f"At most {limit} characters.")
    return value


def _roles(errors: Errors, name: str, slugs) -> list[Role]:
    slugs = [s for s in (slugs or []) if s]
    found = {r.slug: r for r in Role.objects.filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        errors.add(name, f"Unknown role: {', '.join(unknown)}.")
    return [found[s] for s in dict.fromkeys(slugs) if s in found]


@transaction.atomic
def mentor_offer_save(
    *,
    actor,
    worker: WorkerProfile,
    roles: list[str],
    capacity: int,
    mode: str = Mode.EITHER,
    cadence: str = Cadence.MONTHLY,
    known_for: str = "",
    note: str = "",
    is_open: bool = True,
) -> MentorOffer:
    """Offer to mentor (or change the offer): toward roles the worker holds at mid level or
    above or has verified credits in. Lowering the capacity never ends a mentorship."""
    _require_self(actor, worker, "offer to mentor")
    errors = Errors()
    chosen = _roles(errors, "roles", roles)
    if not chosen and "roles" not in errors.by_field:
        errors.add("roles", "Choose at least one role you mentor toward.")
    allowed = set(mentorable_roles(worker).values_list("slug", flat=True))
    beyond = [r.name for r in chosen if r.slug not in allowed]
    if beyond:
        errors.add(
            "roles",
            f"You can mentor toward roles you hold at mid level or above, or have verified "
            f"credits in; not {', '.join(beyond)}.",
        )
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_MENTEES:
        errors.add("capacity", f"Between 1 and {MAX_MENTEES} mentees at once.")
    check_choice(errors, "mode", mode, Mode.values)
    check_choice(errors, "cadence", cadence, Cadence.values)
    known_for = _text(errors, "known_for", known_for, 80)
    note = _text(errors, "note", note, 300)
    errors.raise_if_any()
    offer, _ = MentorOffer.objects.update_or_create(
        worker=worker,
        defaults={
            "capacity": capacity,
            "mode": mode,
            "cadence": cadence,
            "known_for": known_for,
            "note": note,
            "is_open": bool(is_open),
        },
    )
    offer.roles.set(chosen)
    return offer


@transaction.atomic
def mentor_request_save(
    *,
    actor,
    worker: WorkerProfile,
    target: str,
    mode: str = Mode.EITHER,
    cadence: str = Cadence.MONTHLY,
    note: str = "",
) -> MentorRequest:
    """Ask for a mentor toward `target` (one request per target; asking again updates it)."""
    _require_self(actor, worker, "ask for a mentor")
    errors = Errors()
    role = Role.objects.filter(slug=target).first() if target else None
    if role is None:
        errors.add(
            "target",
            "Choose the role you are aiming for." if not target else f"Unknown role: {target}.",
        )
    check_choice(errors, "mode", mode, Mode.values)
    check_choice(errors, "cadence", cadence, Cadence.values)
    note = _text(errors, "note", note, 300)
    errors.raise_if_any()
    request, _ = MentorRequest.objects.update_or_create(
        worker=worker, target=role, defaults={"mode": mode, "cadence": cadence, "note": note}
    )
    return request


@transaction.atomic
def mentorship_ask(
    *, actor, request: MentorRequest, offer: MentorOffer, note: str = ""
) -> Mentorship:
    """The newcomer asks a mentor; the mentor is told. One open ask per pair; a closed or
    full offer is refused."""
    _require_self(actor, request.worker, "ask a mentor for this request")
    lock_rows((MentorOffer, [offer.pk]))
    offer.refresh_from_db()
    errors = Errors()
    note = _text(errors, "note", note, 300)
    if offer.worker_id == request.worker_id:
        errors.add("mentor", "You cannot be your own mentor.")
    elif not offer.is_open:
        errors.add("mentor", f"{offer.worker.display_name} is not taking mentees now.")
    elif offer.mentorships.filter(status=Status.ACTIVE).count() >= offer.capacity:
        errors.add("mentor", f"{offer.worker.display_name} has no room for another mentee.")
    elif Mentorship.objects.filter(
        offer=offer, mentee=request.worker, status__in=OPEN_STATUSES
    ).exists():
        errors.add("mentor", f"You already asked {offer.worker.display_name}.")
    errors.raise_if_any()
    try:
        with transaction.atomic():
            mentorship = Mentorship.objects.create(
                offer=offer,
                mentee=request.worker,
                request=request,
                target=request.target,
                note=note,
            )
    except IntegrityError:
        refuse("mentor", f"You already asked {offer.worker.display_name}.")
    notify(offer.worker.user, **messages.asked(mentorship))
    return mentorship


@transaction.atomic
def mentorship_answer(*, actor, mentorship: Mentorship, accept: bool) -> Mentorship:
    """The mentor accepts or declines an ask. Accepting locks the offer, then counts the
    active mentees: capacity is never exceeded, whoever accepts at the same moment."""
    require_mentor(actor, mentorship, "answer this request")
    lock_rows((MentorOffer, [mentorship.offer_id]), (Mentorship, [mentorship.pk]))
    mentorship.refresh_from_db()
    offer = MentorOffer.objects.get(pk=mentorship.offer_id)
    if mentorship.status != Status.ASKED:
        refuse("status", f"Already answered: {mentorship.get_status_display().lower()}.")
    if accept:
        taken = offer.mentorships.filter(status=Status.ACTIVE).count()
        if taken >= offer.capacity:
            refuse(
                "capacity",
                f"You mentor {taken} of {offer.capacity} already; raise how many mentees you "
                "take, or decline.",
            )
    mentorship.status = Status.ACTIVE if accept else Status.DECLINED
    mentorship.answered_at = timezone.now()
    mentorship.save(update_fields=["status", "answered_at"])
    notify(mentorship.mentee.user, **messages.answered(mentorship, accept))
    return mentorship


@transaction.atomic
def mentorship_end(*, actor, mentorship: Mentorship) -> Mentorship:
    """Either side ends an active mentorship (or the mentee withdraws an ask)."""
    require_side(actor, mentorship, "end this mentorship")
    lock_rows((Mentorship, [mentorship.pk]))
    mentorship.refresh_from_db()
    if mentorship.status not in OPEN_STATUSES:
        refuse("status", "This mentorship has already ended.")
    mentorship.status = Status.ENDED
    mentorship.save(update_fields=["status"])
    return mentorship


@transaction.atomic
def session_log(
    *,
    actor,
    mentorship: Mentorship,
    held_on: dt.date | None,
    minutes: int | None,
    covered: str,
    at: dt.time | None = None,
    today: dt.date | None = None,
) -> MentorSession:
    """Either side logs a session held (or plans the next one: a date still ahead)."""
    require_side(actor, mentorship, "log a session")
    today = today or timezone.localdate()
    errors = Errors()
    if mentorship.status != Status.ACTIVE:
        errors.add("mentorship", "Sessions are logged once the mentor has accepted.")
    if held_on is None:
        errors.add("held_on", "Give the session's date.")
    elif (
        not today - dt.timedelta(days=LOG_DAYS_BACK)
        <= held_on
        <= today + dt.timedelta(days=LOG_DAYS_AHEAD)
    ):
        errors.add("held_on", "Give a date within the last year or the next six months.")
    if not isinstance(minutes, int) or not 5 <= minutes <= MAX_MINUTES:
        errors.add("minutes", f"Between 5 and {MAX_MINUTES} minutes.")
    covered = _text(errors, "covered", covered, 300, required=True)
    errors.raise_if_any()
    return MentorSession.objects.create(
        mentorship=mentorship,
        held_on=held_on,
        at=at,
        minutes=minutes,
        covered=covered,
        logged_by=actor,
    )


@transaction.atomic
def recommendation_save(*, actor, mentorship: Mentorship, role: str, text: str) -> Recommendation:
    """The mentor recommends their mentee for a role; Find crew shows it to managers."""
    require_mentor(actor, mentorship, "recommend this mentee")
    errors = Errors()
    if mentorship.status not in (Status.ACTIVE, Status.ENDED):
        errors.add("mentorship", "You can recommend someone you have mentored.")
    found = Role.objects.filter(slug=role).first() if role else None
    if found is None:
        errors.add(
            "role",
            "Choose the role you recommend them for." if not role else f"Unknown role: {role}.",
        )
    text = _text(errors, "text", text, 300, required=True)
    errors.raise_if_any()
    rec, _ = Recommendation.objects.update_or_create(
        mentorship=mentorship, role=found, defaults={"text": text}
    )
    return rec
