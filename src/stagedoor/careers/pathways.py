"""Things a person can act on from their career plan and "Start here": training sessions,
volunteer calls and internships, mentors, industry events.

The apps that offer them sit above careers and register from their `AppConfig.ready()`:

- `register_step_links(name, fn)`: `fn(context)` returns `{(step.kind, step.subject): [Link]}`,
  links shown under a plan step (a missing OSHA 10 step gets its next sessions nearby);
- `register_plan_section(name, fn)` and `register_start_section(name, fn)`: `fn(context)`
  returns a `Section` (or None) shown after the plan's steps, or in the newcomer's start.

Careers names none of those apps: it reads every registered source here, in name order, and
a source that fails is logged and left out (one app's bug never takes the plan page down).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    """Where the person is: their home city, or the city they typed into "Start here"."""

    label: str
    latitude: float
    longitude: float
    radius_km: int


@dataclass(frozen=True)
class PathContext:
    """What a source needs to suggest something. `worker` is None for a visitor; `role` is
    the target role's slug (None on "Start here", which has `start_roles` instead)."""

    user: object | None
    worker: object | None
    role: str | None
    place: Place | None
    today: dt.date
    steps: tuple = ()  # the plan's steps (engine.careers.plan.Step)
    start_roles: tuple[str, ...] = ()  # entry roles "Start here" offers
    route: tuple[str, ...] = ()  # role slugs on the path, first to target


@dataclass(frozen=True)
class Link:
    """One thing to act on. `text` is the whole line in the reader's words; `when` and
    `distance_km` let the page sort and say "4 km" without parsing the text."""

    text: str
    url: str
    detail: str = ""
    when: dt.datetime | None = None
    distance_km: float | None = None
    online: bool = False
    tag: str = ""  # a short label shown beside the text: "Paid", "Unpaid", "Online"


@dataclass(frozen=True)
class Section:
    key: str  # the HTML id of the section
    title: str
    links: tuple[Link, ...]
    intro: str = ""
    empty: str = ""  # said when there are no links; the section is hidden when both are empty
    more_url: str = ""
    more_text: str = ""
    order: int = 50  # sections show in this order, then by key


StepLinks = Callable[[PathContext], dict[tuple[str, str], list[Link]]]
SectionSource = Callable[[PathContext], "Section | None"]

_STEP_LINKS: dict[str, StepLinks] = {}
_PLAN_SECTIONS: dict[str, SectionSource] = {}
_START_SECTIONS: dict[str, SectionSource] = {}


def register_step_links(name: str, fn: StepLinks) -> None:
    _STEP_LINKS[name] = fn


def register_plan_section(name: str, fn: SectionSource) -> None:
    _PLAN_SECTIONS[name] = fn


def register_start_section(name: str, fn: SectionSource) -> None:
    _START_SECTIONS[name] = fn


def _safely(name: str, fn, context, default):
    try:
        return fn(context)
    except Exception:
        log.exception("career plan source %s failed", name)
        return default


def step_links(context: PathContext) -> dict[tuple[str, str], list[Link]]:
    merged: dict[tuple[str, str], list[Link]] = {}
    for name in sorted(_STEP_LINKS):
        for key, links in (_safely(name, _STEP_LINKS[name], context, {}) or {}).items():
            merged.setdefault(key, []).extend(links)
    return merged


def _sections(registry: dict[str, SectionSource], context: PathContext) -> list[Section]:
    found = [_safely(name, registry[name], context, None) for name in sorted(registry)]
    shown = [s for s in found if s is not None and (s.links or s.empty)]
    return sorted(shown, key=lambda s: (s.order, s.key))


def plan_sections(context: PathContext) -> list[Section]:
    return _sections(_PLAN_SECTIONS, context)


def start_sections(context: PathContext) -> list[Section]:
    return _sections(_START_SECTIONS, context)


@dataclass
class StepView:
    """A plan step with the links registered for it (what the template loops over)."""

    step: object
    links: list[Link] = field(default_factory=list)


def with_links(steps, links: dict[tuple[str, str], list[Link]]) -> list[StepView]:
    return [StepView(s, links.get((s.kind, s.subject), [])) for s in steps]


def _user(user):
    return user if user is not None and user.is_authenticated else None


def plan_context(user, nav, today: dt.date) -> PathContext:
    """The context for a navigator's plan (`careers.selectors.navigator.Navigator`)."""
    worker = nav.worker
    place = None
    if worker is not None:
        place = Place(worker.home_city, worker.latitude, worker.longitude, worker.travel_radius_km)
    return PathContext(
        user=_user(user),
        worker=worker,
        role=nav.role.slug,
        place=place,
        today=today,
        steps=tuple(nav.plan.steps),
        route=tuple(step.role for step in nav.plan.path.steps),
    )


def start_context(user, worker, start, today: dt.date) -> PathContext:
    """The context for a newcomer's start (`careers.selectors.start.Start`)."""
    where = start.place
    return PathContext(
        user=_user(user),
        worker=worker,
        role=None,
        place=Place(where.label, where.latitude, where.longitude, start.radius_km),
        today=today,
        start_roles=tuple(option.start.role for option in start.options),
    )


def link_out(link: Link) -> dict:
    """A link as the API gives it."""
    return {
        "text": link.text,
        "url": link.url,
        "detail": link.detail,
        "when": link.when,
        "distance_km": link.distance_km,
        "online": link.online,
        "tag": link.tag,
    }


def section_out(section: Section) -> dict:
    return {
        "key": section.key,
        "title": section.title,
        "intro": section.intro,
        "links": [link_out(link) for link in section.links],
        "more_url": section.more_url,
    }


__all__ = [
    "Link",
    "PathContext",
    "Place",
    "Section",
    "StepView",
    "link_out",
    "plan_context",
    "plan_sections",
    "register_plan_section",
    "register_start_section",
    "register_step_links",
    "section_out",
    "start_context",
    "start_sections",
    "step_links",
    "with_links",
]
