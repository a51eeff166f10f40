"""Template helpers: the role page's market facts and SVG bar charts."""

from django import template

from stagedoor.careers import charts
from stagedoor.careers.selectors import market
from stagedoor.industry.models import Role

register = template.Library()


@register.inclusion_tag("careers/_market.html")
def role_market(role):
    """Live market facts for a role page (see careers.selectors.market.role_market)."""
    return {"role": role, "market": market.role_market(role)}


@register.inclusion_tag("careers/_bar_chart.html")
def bar_chart(buckets, *, line=None, line_label="", title="", label_format="M"):
    """An SVG bar chart of forecast buckets' expected income, with an expenses line."""
    items = [
        (b.start.strftime("%b" if label_format == "M" else "%d %b"), b.expected) for b in buckets
    ]
    chart = charts.bar_chart(items, line=line, line_label=line_label, title=title)
    return {"chart": chart, "buckets": buckets}


@register.filter
def skill_name(slug: str, graph) -> str:
    return graph.skill_name(slug) if graph is not None else slug


@register.filter
def cert_name(slug: str, graph) -> str:
    return graph.cert_name(slug) if graph is not None else slug


@register.filter
def position(positions: dict, position_id) -> object:
    """The position a plan step names (its subject is the position id)."""
    try:
        return positions.get(int(position_id))
    except (TypeError, ValueError):
        return None


@register.filter
def role_name(slug: str) -> str:
    """A catalog role's name for its slug (the career data names roles by slug)."""
    return Role.objects.filter(slug=slug).values_list("name", flat=True).first() or slug
