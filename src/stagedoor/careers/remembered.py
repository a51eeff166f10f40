"""The role a reader's career plan aims for, remembered for the visit: the plan page notes it
and other pages (asking for a mentor) start from it instead of an empty choice. Kept in the
session, so it follows a visitor who opens a plan and then logs in."""

from __future__ import annotations

PLAN_KEY = "career_plan_role"


def remember_plan(request, role: str) -> None:
    """Note `role` (a catalog role's key) as the plan the reader has just opened."""
    if request.session.get(PLAN_KEY) != role:
        request.session[PLAN_KEY] = role


def planned_role(request) -> str:
    """The role of the last plan the reader opened on this visit, or ''."""
    return request.session.get(PLAN_KEY, "")
