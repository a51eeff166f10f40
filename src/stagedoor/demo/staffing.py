"""The demo's booking workflow: pay rules, crew chiefs, offers in Will's inbox, a booking.

Made through the booking services, so the demo shows exactly what a manager's clicks make.
Runs once: a second demo-data run finds the offers and changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from stagedoor.booking import services
from stagedoor.booking.models import Booking, Notification, Offer, PayRules
from stagedoor.industry.models import Organisation
from stagedoor.industry.rules import managers_of
from stagedoor.matching import selectors as matching
from stagedoor.people.models import WorkerProfile

# Pay rules by country, after the shape of common crew agreements: a 4-hour minimum call,
# time and a half and double time, meal penalties, a rest period between calls.
RULES = {
    "US": {"overtime": [["8", "1.5"], ["12", "2"]], "meal_penalty": Decimal("15.00"),
           "meal_penalty_interval_minutes": 30, "min_call_hours": Decimal("4")},
    "GB": {"overtime": [["10", "1.5"]], "meal_penalty": Decimal("10.00"),
           "meal_penalty_interval_minutes": 0, "min_call_hours": Decimal("4")},
    "DE": {"overtime": [["10", "1.25"], ["12", "1.5"]], "meal_penalty": Decimal("0"),
           "meal_penalty_interval_minutes": 0, "min_call_hours": Decimal("5")},
}  # fmt: skip


def _manager(org: Organisation):
    managers = managers_of(org)
    return managers[0] if managers else None


@transaction.atomic
def save_staffing() -> dict[str, int]:
    if Offer.objects.exists():
        return {"offers": 0}
    for org in Organisation.objects.all():
        country = org.venues.values_list("country", flat=True).first() or "US"
        PayRules.objects.get_or_create(organisation=org, defaults=RULES.get(country, RULES["US"]))
    # The first booked stagehand on each show leads its crew.
    seen = set()
    for booking in Booking.objects.select_related("position__show").order_by("pk"):
        show = booking.position.show_id
        if show and show not in seen:
            seen.add(show)
            booking.is_crew_chief = True
            booking.save(update_fields=["is_crew_chief"])
    will = WorkerProfile.objects.filter(user__username="will.worker").first()
    made = 0
    if will is not None:
        gigs = matching.gigs(worker=will, k=12)
        booked_calls = []
        for gig in gigs:
            position = gig.position
            manager = _manager(position.organisation)
            if manager is None or any(
                position.call_start < end and position.call_end > start
                for start, end in booked_calls
            ):
                continue
            offer = services.offer_send(
                actor=manager,
                position=position,
                worker=will,
                message="You came recommended by the crew chief. Can you make it?",
            )
            made += 1
            if made == 1:
                services.offer_accept(actor=will.user, offer=offer)
            booked_calls.append((position.call_start, position.call_end))
            if made == 4:
                break
    # Demo data is not emailed: mark these as sent before the queued emails run.
    Notification.objects.update(emailed_at=timezone.now())
    return {"offers": made}
