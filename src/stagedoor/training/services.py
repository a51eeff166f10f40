"""Writes: providers post courses and sessions; workers sign up, cancel and say they
completed; the provider confirms (a verified certification on the profile) or declines.
Seats are guarded by locking the session row before counting (lock, then check)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from stagedoor.core.locking import lock_rows
from stagedoor.core.outbox import email_later
from stagedoor.core.text import in_zone
from stagedoor.core.validation import Errors, check_currency, check_timezone, refuse
from stagedoor.engine.months import add_months
from stagedoor.industry.models import Certification, Organisation
from stagedoor.people.models import WorkerCertification, WorkerProfile

from .enums import CourseKind, EnrolmentStatus
from .models import Course, Enrolment, Session
from .rules import require_provider_manager, require_self
from .selectors import held_certifications, relevant_hours, seats_taken, when_text


def _unique_slug(title: str, provider: Organisation) -> str:
    base = slugify(f"{provider.slug} {title}")[:45] or "course"
    slug, n = base, 1
    while Course.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _course_fields(
    errors: Errors,
    *,
    title: str,
    kind: str,
    certification: str | None,
    description: str,
    prerequisites,
    hours_required: int | None,
    price,
    currency: str,
    duration_hours,
) -> dict:
    """The course's fields checked, each bad one named in `errors`."""
    title = (title or "").strip()
    if not title:
        errors.add("title", "Give the course a title.")
    if kind not in CourseKind.values:
        errors.add("kind", "Choose a certification course or a programme.")
    cert = None
    if certification:
        cert = Certification.objects.filter(slug=certification).first()
        if cert is None:
            errors.add("certification", f"No certification called '{certification}'.")
    elif kind == CourseKind.CERTIFICATION:
        errors.add("certification", "Name the certification the course leads to.")
    pres = list(Certification.objects.filter(slug__in=list(prerequisites)))
    unknown = sorted(set(prerequisites) - {p.slug for p in pres})
    if unknown:
        errors.add("prerequisites", f"No certification called {', '.join(unknown)}.")
    try:
        price = Decimal(str(price if price not in (None, "") else 0))
        if price < 0 or price != price.quantize(Decimal("0.01")):
            errors.add("price", "Give the price as an amount of at least 0, to the cent.")
    except InvalidOperation:
        errors.add("price", f"'{price}' is not an amount.")
    check_currency(errors, "currency", currency)
    duration = Decimal(1)
    try:
        duration = Decimal(str(duration_hours))
        if duration <= 0 or duration > 9999:
            errors.add("duration_hours", "Give the length in hours, more than 0.")
    except InvalidOperation:
        errors.add("duration_hours", f"'{duration_hours}' is not a number of hours.")
    if hours_required is not None and hours_required < 0:
        errors.add("hours_required", "Hours cannot be negative.")
    return {
        "title": title,
        "kind": kind,
        "certification": cert,
        "description": (description or "").strip(),
        "hours_required": hours_required or None,
        "price": price,
        "currency": currency,
        "duration_hours": duration.quantize(Decimal("0.1")) if duration.is_finite() else duration,
        "prerequisites": pres,
    }


@transaction.atomic
def course_create(
    *,
    actor,
    provider: Organisation,
    title: str,
    kind: str,
    certification: str | None = None,
    description: str = "",
    prerequisites: list[str] | tuple[str, ...] = (),
    hours_required: int | None = None,
    price: Decimal | str | int = 0,
    currency: str = "USD",
    duration_hours: Decimal | str | int | float = 1,
) -> Course:
    """A course the provider runs: a certification course (naming the catalog
    certification it leads to) or a programme. Refuses bad fields by name."""
    require_provider_manager(actor, provider, "post courses")
    errors = Errors()
    fields = _course_fields(
        errors,
        title=title,
        kind=kind,
        certification=certification,
        description=description,
        prerequisites=prerequisites,
        hours_required=hours_required,
        price=price,
        currency=currency,
        duration_hours=duration_hours,
    )
    errors.raise_if_any()
    pres = fields.pop("prerequisites")
    course = Course.objects.create(
        provider=provider, slug=_unique_slug(fields["title"], provider), **fields
    )
    course.prerequisites.set(pres)
    return course


@transaction.atomic
def course_update(
    *,
    actor,
    course: Course,
    title: str,
    kind: str,
    certification: str | None = None,
    description: str = "",
    prerequisites: list[str] | tuple[str, ...] = (),
    hours_required: int | None = None,
    price: Decimal | str | int = 0,
    currency: str = "USD",
    duration_hours: Decimal | str | int | float = 1,
) -> Course:
    """The provider's managers change a course. Its address stays, so links already sent
    keep working; sign-ups keep the seats they have."""
    require_provider_manager(actor, course.provider, "change its courses")
    errors = Errors()
    fields = _course_fields(
        errors,
        title=title,
        kind=kind,
        certification=certification,
        description=description,
        prerequisites=prerequisites,
        hours_required=hours_required,
        price=price,
        currency=currency,
        duration_hours=duration_hours,
    )
    errors.raise_if_any()
    pres = fields.pop("prerequisites")
    for name, value in fields.items():
        setattr(course, name, value)
    course.save(update_fields=list(fields))
    course.prerequisites.set(pres)
    return course


def _session_fields(
    errors: Errors,
    *,
    starts_at,
    ends_at,
    timezone_name: str,
    seats: int,
    online: bool,
    city: str,
    address: str,
    latitude: float | None,
    longitude: float | None,
    now: dt.datetime,
) -> dict:
    check_timezone(errors, "timezone", timezone_name)
    aware = True
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value is None or timezone.is_naive(value):
            errors.add(name, "Give a date and time with its zone.")
            aware = False
    if aware:
        if starts_at <= now:
            errors.add("starts_at", "A session must start in the future.")
        if ends_at <= starts_at:
            errors.add("ends_at", "A session must end after it starts.")
    if seats is None or seats < 1 or seats > 10000:
        errors.add("seats", "Give the number of seats, at least 1.")
    if not online:
        if not (city or "").strip():
            errors.add("city", "Give the city, or mark the session online.")
        if latitude is None or longitude is None:
            errors.add("city", "Give where the session is (latitude and longitude).")
        elif not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            errors.add("latitude", "Not a place on Earth.")
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "timezone": timezone_name,
        "online": online,
        "city": "" if online else (city or "").strip(),
        "address": "" if online else (address or "").strip(),
        "latitude": None if online else latitude,
        "longitude": None if online else longitude,
        "seats": seats,
    }


@transaction.atomic
def session_create(
    *,
    actor,
    course: Course,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    timezone_name: str,
    seats: int,
    online: bool = False,
    city: str = "",
    address: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    now: dt.datetime | None = None,
) -> Session:
    """A dated session of `course`, in person at a place or online, with `seats` seats."""
    require_provider_manager(actor, course.provider, "schedule sessions")
    errors = Errors()
    fields = _session_fields(
        errors,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone_name=timezone_name,
        seats=seats,
        online=online,
        city=city,
        address=address,
        latitude=latitude,
        longitude=longitude,
        now=now or timezone.now(),
    )
    errors.raise_if_any()
    return Session.objects.create(course=course, **fields)


@transaction.atomic
def session_update(
    *,
    actor,
    session: Session,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    timezone_name: str,
    seats: int,
    online: bool = False,
    city: str = "",
    address: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    now: dt.datetime | None = None,
) -> Session:
    """The provider's managers move a session, change its place or its seats, until it
    starts. The session row is locked before the seats are counted, so it never ends up
    with fewer seats than people signed up."""
    require_provider_manager(actor, session.course.provider, "change its sessions")
    now = now or timezone.now()
    lock_rows((Session, [session.pk]))
    session = Session.objects.select_related("course__provider").get(pk=session.pk)
    if session.starts_at <= now:
        refuse("session", "This session has started; it can no longer be changed.")
    errors = Errors()
    fields = _session_fields(
        errors,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone_name=timezone_name,
        seats=seats,
        online=online,
        city=city,
        address=address,
        latitude=latitude,
        longitude=longitude,
        now=now,
    )
    taken = seats_taken(session)
    if seats is not None and seats < taken:
        errors.add("seats", f"{taken} people have signed up; keep at least {taken} seats.")
    errors.raise_if_any()
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=list(fields))
    return session


def _check_prerequisites(worker: WorkerProfile, course: Course, today: dt.date) -> None:
    held = held_certifications(worker, today)
    missing = [p.name for p in course.prerequisites.all() if p.slug not in held]
    if missing:
        refuse("session", f"{course.title} asks for {' and '.join(missing)} first.")
    needed = course.hours_required
    if needed and course.certification_id:
        have = relevant_hours(worker, course.certification.slug)
        if have < needed:
            refuse(
                "session",
                f"{course.title} asks for {needed:,} documented hours; you have {have:,.0f}.",
            )


@transaction.atomic
def enrolment_create(
    *, actor, worker: WorkerProfile, session: Session, now: dt.datetime | None = None
) -> Enrolment:
    """Sign the worker up for `session`. Refused when the session has started, when the
    worker is already on it, when a prerequisite is missing, or when it is full: the
    session row is locked before the seats are counted, so two last sign-ups never both
    get the last seat."""
    require_self(actor, worker, "sign up for training")
    now = now or timezone.now()
    lock_rows((Session, [session.pk]))
    session = Session.objects.select_related("course__provider", "course__certification").get(
        pk=session.pk
    )
    if session.starts_at <= now:
        refuse("session", "This session has already started.")
    live = Enrolment.objects.filter(worker=worker, session=session).exclude(
        status=EnrolmentStatus.CANCELLED
    )
    if live.exists():
        refuse("session", "You are already signed up for this session.")
    _check_prerequisites(worker, session.course, timezone.localdate(now))
    if seats_taken(session) >= session.seats:
        refuse("session", "This session is full.")
    enrolment = Enrolment.objects.create(worker=worker, session=session)
    if worker.user.email:
        email_later(
            to=[worker.user.email],
            subject=f"You are signed up: {session.course.title}",
            body=(
                f"{session.course.title} with {session.course.provider.name}\n"
                f"{when_text(session)}\n"
                f"{'Online' if session.online else session.address or session.city}\n"
            ),
        )
    return enrolment


@transaction.atomic
def enrolment_cancel(*, actor, enrolment: Enrolment, now: dt.datetime | None = None) -> Enrolment:
    """The worker gives their seat back, up to the session's start."""
    require_self(actor, enrolment.worker, "cancel this sign-up")
    now = now or timezone.now()
    lock_rows((Session, [enrolment.session_id]))
    enrolment = Enrolment.objects.select_related("session").get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.ENROLLED:
        refuse("enrolment", "Only a sign-up that has not been completed can be cancelled.")
    if enrolment.session.starts_at <= now:
        refuse("enrolment", "The session has started; it can no longer be cancelled.")
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save(update_fields=["status"])
    return enrolment


@transaction.atomic
def enrolment_claim(*, actor, enrolment: Enrolment, now: dt.datetime | None = None) -> Enrolment:
    """The worker says they completed the session; the provider is asked to confirm."""
    require_self(actor, enrolment.worker, "record this completion")
    now = now or timezone.now()
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("session")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != EnrolmentStatus.ENROLLED:
        refuse("enrolment", "Only a session you are signed up for can be recorded as completed.")
    if enrolment.session.ends_at > now:
        refuse("enrolment", "You can record it once the session has ended.")
    enrolment.status = EnrolmentStatus.CLAIMED
    enrolment.claimed_at = now
    enrolment.save(update_fields=["status", "claimed_at"])
    return enrolment


def _expiry(cert: Certification, issued: dt.date) -> dt.date | None:
    return add_months(issued, cert.validity_months) if cert.validity_months else None


@transaction.atomic
def enrolment_confirm(*, actor, enrolment: Enrolment, now: dt.datetime | None = None) -> Enrolment:
    """The provider confirms the worker completed: for a certification course, a verified
    certification on their profile, issued on the session's last day (in its zone) and
    valid for the catalog's validity. A completion can be confirmed once the session has
    ended, whether or not the worker recorded it first."""
    session = enrolment.session
    provider = session.course.provider
    require_provider_manager(actor, provider, "confirm completions")
    now = now or timezone.now()
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("worker", "session__course__certification")
        .get(pk=enrolment.pk)
    )
    if enrolment.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.CLAIMED):
        refuse("enrolment", "Only a sign-up not yet decided can be confirmed.")
    if enrolment.session.ends_at > now:
        refuse("enrolment", "A completion can be confirmed once the session has ended.")
    cert = enrolment.session.course.certification
    if cert is not None:
        issued = in_zone(enrolment.session.ends_at, enrolment.session.timezone).date()
        enrolment.certification = WorkerCertification.objects.create(
            worker=enrolment.worker,
            certification=cert,
            issued_on=issued,
            expires_on=_expiry(cert, issued),
            verified_by=provider,
        )
    enrolment.status = EnrolmentStatus.CONFIRMED
    enrolment.decided_at = now
    enrolment.decided_by = actor if getattr(actor, "pk", None) else None
    enrolment.save(update_fields=["status", "decided_at", "decided_by", "certification"])
    return enrolment


@transaction.atomic
def enrolment_decline(*, actor, enrolment: Enrolment, now: dt.datetime | None = None) -> Enrolment:
    """The provider says the worker did not complete the course."""
    require_provider_manager(actor, enrolment.session.course.provider, "decline completions")
    enrolment = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
    if enrolment.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.CLAIMED):
        refuse("enrolment", "Only a sign-up not yet decided can be declined.")
    enrolment.status = EnrolmentStatus.DECLINED
    enrolment.decided_at = now or timezone.now()
    enrolment.decided_by = actor if getattr(actor, "pk", None) else None
    enrolment.save(update_fields=["status", "decided_at", "decided_by"])
    return enrolment
