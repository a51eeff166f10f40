"""Template helpers for pages outside the booking app that link into it."""

from django import template

from stagedoor.booking.callsheets.rules import callsheet_access
from stagedoor.booking.messages import ordinal as ordinal_text
from stagedoor.booking.messages import pay_kind as pay_kind_text
from stagedoor.gigs.labels import engagement_words

register = template.Library()


@register.filter
def callsheet_visible(show, user) -> bool:
    """Whether `user` may open the show's call sheet (managers, booked crew, crew chiefs)."""
    return callsheet_access(user, show).may_see


@register.filter
def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th': how holds are ranked."""
    return ordinal_text(number)


@register.filter
def pay_kind(kind: str) -> str:
    """'meal-penalty' -> 'Meal penalty': a pay line's kind in words."""
    return pay_kind_text(kind)


@register.filter
def engagement(position):
    """A touring engagement's words (`.name`: 'the Lanterns Tour, London leg'; `.days`:
    '13-20 Dec' with an en dash), or None for any other call: pages name the tour, not
    a midnight start."""
    return engagement_words(position)
