"""The last career plan a reader opened, remembered for the visit. A worker's chosen goal
(`WorkerProfile.goal_role`) comes first wherever a page starts from a role; this is the
fallback for a reader with no goal: asking for a mentor starts from the plan she was just
reading instead of an empty choice. Kept in the session, so it follows a visitor who opens
a plan and then logs in."""

from __future__ import annotations

PLAN_KEY = "career_plan_role"


def remember_plan(request, role: str) -> None:
    """Note `role` (a catalog role's key) as the plan the reader has just opened."""
    if request.session.get(PLAN_KEY) != role:
        request.session[PLAN_KEY] = role


def planned_role(request) -> str:
    """The role of the last plan the reader opened on this visit, or ''."""
    return request.session.get(PLAN_KEY, "")
