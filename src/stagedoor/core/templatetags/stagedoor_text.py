"""`core.text` for templates, so a page marks an overnight call the way every text does."""

from django import template

from stagedoor.core.text import day_marker as marker_text

register = template.Library()


@register.filter
def day_marker(position) -> str:
    """' (+1 day)' after a call's end time when it ends on a later day in the venue's zone
    (`call_start`, `call_end` and `timezone_name` of a crew call), else ''."""
    return marker_text(position.call_start, position.call_end, position.timezone_name)
