"""The link to another page of a list, for `_pager.html`: the page's other filters kept,
and the list's own page parameter set (a page with two lists pages each by its own)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param: str = "page") -> str:
    query = context["request"].GET.copy()
    query[param or "page"] = number
    return f"?{query.urlencode()}"
