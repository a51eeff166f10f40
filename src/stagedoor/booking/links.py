"""Where booking pages live, for notification links and redirects: one place per address."""

from __future__ import annotations

from django.urls import reverse


def board_url(position) -> str:
    """The staffing board of the position's show or studio project."""
    if position.show_id:
        return reverse("booking:board", args=[position.show.slug])
    return reverse("booking:project-board", args=[position.project.slug])


def inbox_url() -> str:
    return reverse("booking:inbox")


def schedule_url() -> str:
    return reverse("booking:schedule")


def timesheet_url(booking) -> str:
    return reverse("booking:timesheet", args=[booking.pk])


def callsheet_path(show) -> str:
    return reverse("booking:callsheet", args=[show.slug])
