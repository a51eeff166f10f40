from django import template

from stagedoor.gigs.crewtemplates.times import span_words

register = template.Library()


@register.filter
def template_span(line) -> str:
    """A template line's times on the show day's clock (`span_words`)."""
    return span_words(line.start_minutes, line.end_minutes)
