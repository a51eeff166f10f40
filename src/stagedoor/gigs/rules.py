"""Who may see and change shows, tours, studio projects and their calls.

A published show or project is public. A draft or a cancelled one is seen by the members
of its organisation, crew chiefs included (they help plan the day and read the show as it
takes shape), and by nobody else; only managers change it.

The managers of the organisation that owns the venue host every show in their building,
whoever runs it: they read a published or cancelled show, its staffing board and its call
sheet, never change them. Another company's drafts stay with that company: a draft is a
plan not yet made public (the date may still move, the booking may fall through), and the
venue learns of it when the company publishes it, as everyone does. The pages, the API and the CLI
ask these predicates, never a copy of them.
"""

from __future__ import annotations

from django.utils import timezone

from stagedoor.industry.rules import can_manage, can_manage_venue, is_member

from .models import Status


def hosts_show(user, parent) -> bool:
    """Whether `user` manages the venue of `parent` while another organisation runs it,
    and the show is no longer that organisation's draft: the read-only venue view."""
    venue = getattr(parent, "venue", None)
    if venue is None or parent.status == Status.DRAFT:
        return False
    if venue.organisation_id == parent.organisation_id:
        return False
    return can_manage_venue(user, venue)


def can_see(user, parent) -> bool:
    """Whether `user` may read `parent` (a show or a studio project)."""
    return (
        parent.status == Status.PUBLISHED
        or is_member(user, parent.organisation)
        or hosts_show(user, parent)
    )


def can_change(user, parent) -> bool:
    return can_manage(user, parent.organisation)


def is_open_call(position) -> bool:
    """Whether crew can still answer `position`: not cancelled, not started, and its show or
    project published (the calls the job board lists)."""
    parent = position.show or position.project
    return (
        position.cancelled_at is None
        and position.call_start >= timezone.now()
        and parent.status == Status.PUBLISHED
    )
