"""How a training page writes a session: its days and times in its own zone, where it is
and how far, its price and the seats left (the same words as the plan's links)."""

from django import template

from .. import selectors

register = template.Library()


@register.filter
def session_span(session) -> str:
    return selectors.when_text(session)


@register.filter
def where(near) -> str:
    return selectors.distance_text(near)


@register.filter
def price(course) -> str:
    return selectors.price_text(course)


@register.filter
def seats(near) -> str:
    return selectors.seats_text(near)


@register.filter
def standing(enrolment) -> str:
    """Where the worker stands with a session, naming the provider who decides."""
    return selectors.standing_text(enrolment)


@register.filter
def roster_standing(enrolment) -> str:
    """Where someone stands, in the provider's own words on their roster."""
    return selectors.roster_text(enrolment)
