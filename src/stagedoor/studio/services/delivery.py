"""Delivery: the hired person hands a deliverable over, the studio sends it back for a
revision round (counted against the rounds included) or approves it; the last approval
makes the project a verified credit for everyone on it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from stagedoor.booking.models import Booking
from stagedoor.booking.services.notify import notify, notify_many
from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors
from stagedoor.industry.rules import managers_of
from stagedoor.people.models import Credit

from .. import messages
from ..enums import DeliveryStatus, EventKind
from ..models import Brief, Deliverable, DeliveryEvent
from ..rules import accepted_quote, require_hired, require_runs


def _locked(deliverable: Deliverable) -> Deliverable:
    lock_rows((Deliverable, [deliverable.pk]))
    deliverable.refresh_from_db()
    return deliverable


@transaction.atomic
def deliverable_deliver(*, actor, deliverable: Deliverable, note: str = "", link: str = ""):
    """The hired person hands the deliverable over (first time or after a revision)."""
    hired = require_hired(actor, deliverable.project)
    deliverable = _locked(deliverable)
    errors = Errors()
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            errors.add("link", f"'{link}' is not a web address (https://...).")
    if deliverable.status not in (DeliveryStatus.WAITING, DeliveryStatus.REVISION):
        errors.add(
            "status", f"'{deliverable.title}' is {deliverable.get_status_display().lower()}."
        )
    errors.raise_if_any()
    deliverable.status = DeliveryStatus.DELIVERED
    deliverable.save(update_fields=["status"])
    DeliveryEvent.objects.create(
        deliverable=deliverable,
        kind=EventKind.DELIVERED,
        round=deliverable.revisions_used,
        note=note,
        link=link,
        by=actor,
    )
    notify_many(
        managers_of(deliverable.project.organisation),
        **messages.delivery_arrived(
            deliverable, who=hired.worker.display_name, note=note, link=link
        ),
    )
    return deliverable


@transaction.atomic
def deliverable_revise(*, actor, deliverable: Deliverable, note: str = "", extra: bool = False):
    """Send a delivered deliverable back for a revision round. Past the rounds included
    it is refused unless the studio asks for it as an extra round, which is flagged so."""
    require_runs(actor, deliverable.project, "ask for revisions")
    deliverable = _locked(deliverable)
    errors = Errors()
    if deliverable.status != DeliveryStatus.DELIVERED:
        errors.add("status", f"'{deliverable.title}' is not waiting for review.")
    elif deliverable.revisions_used >= deliverable.revisions_included and not extra:
        errors.add(
            "extra",
            f"All {deliverable.revisions_included} included revision rounds of "
            f"'{deliverable.title}' are used; ask for an extra round (charged as extra) "
            "or approve it.",
        )
    errors.raise_if_any()
    beyond = deliverable.revisions_used >= deliverable.revisions_included
    deliverable.revisions_used += 1
    if beyond:
        deliverable.extra_revisions += 1
    deliverable.status = DeliveryStatus.REVISION
    deliverable.save(update_fields=["status", "revisions_used", "extra_revisions"])
    DeliveryEvent.objects.create(
        deliverable=deliverable,
        kind=EventKind.REVISION,
        round=deliverable.revisions_used,
        extra=beyond,
        note=note,
        by=actor,
    )
    hired = accepted_quote(deliverable.project)
    notify(hired.worker.user, **messages.revision_asked(deliverable, extra=beyond, note=note))
    return deliverable


def _credit_everyone(project, brief: Brief, actor, today) -> None:
    quote = accepted_quote(project)
    people = {quote.worker_id: brief.role_id}
    booked = Booking.objects.filter(
        position__project=project,
        status__in=[Booking.Status.CONFIRMED, Booking.Status.COMPLETED],
    ).values_list("worker_id", "position__role_id")
    for worker_id, role_id in booked:
        people.setdefault(worker_id, role_id)
    for worker_id, role_id in sorted(people.items()):
        Credit.objects.update_or_create(
            worker_id=worker_id,
            title=project.title,
            organisation=project.organisation,
            defaults={
                "role_id": role_id,
                "date": today,
                "verified": True,
                "verified_by": actor,
            },
        )


@transaction.atomic
def deliverable_approve(*, actor, deliverable: Deliverable, note: str = "") -> Deliverable:
    """Approve a delivered deliverable: its milestone is earned today; when it is the last,
    the project is approved and everyone on it gets a verified credit."""
    project = deliverable.project
    require_runs(actor, project, "approve deliveries")
    lock_rows((Brief, [project.brief.pk]), (Deliverable, [deliverable.pk]))
    deliverable.refresh_from_db()
    if deliverable.status != DeliveryStatus.DELIVERED:
        errors = Errors()
        errors.add("status", f"'{deliverable.title}' is not waiting for review.")
        errors.raise_if_any()
    today = timezone.localdate()
    deliverable.status = DeliveryStatus.APPROVED
    deliverable.save(update_fields=["status"])
    DeliveryEvent.objects.create(
        deliverable=deliverable,
        kind=EventKind.APPROVED,
        round=deliverable.revisions_used,
        note=note,
        by=actor,
    )
    deliverable.milestone.earned_on = today
    deliverable.milestone.save(update_fields=["earned_on"])
    left = project.studio_deliverables.exclude(status=DeliveryStatus.APPROVED).exists()
    if not left:
        brief = Brief.objects.get(project=project)
        brief.approved_at = timezone.now()
        brief.save(update_fields=["approved_at"])
        _credit_everyone(project, brief, actor, today)
    hired = accepted_quote(project)
    notify(
        hired.worker.user, **messages.deliverable_approved(deliverable, last=not left, note=note)
    )
    return deliverable
