"""Who may see and change shows, tours, studio projects and their calls.

A published show or project is public. A draft or a cancelled one is seen by the members
of its organisation, crew chiefs included (they help plan the day and read the show as it
takes shape), and by nobody else; only managers change it. The pages, the API and the CLI
ask these predicates, never a copy of them.
"""

from __future__ import annotations

from stagedoor.industry.rules import can_manage, is_member

from .models import Status


def can_see(user, parent) -> bool:
    """Whether `user` may read `parent` (a show or a studio project)."""
    return parent.status == Status.PUBLISHED or is_member(user, parent.organisation)


def can_change(user, parent) -> bool:
    return can_manage(user, parent.organisation)
