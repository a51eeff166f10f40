"""The studio's notices: a quote or a delivery for the studio's managers; a revision asked
for, a quote accepted, a deliverable approved for the person hired. One function each,
returning the keyword arguments of `booking.services.notify.notify` (the words live here,
not in `booking.messages`, which may not import the studio: it stands below it)."""

from __future__ import annotations

from django.urls import reverse

from stagedoor.booking.models import Notification
from stagedoor.core.text import day, money

from .selectors import price_words


def _rounds(n: int) -> str:
    return "no revision rounds" if n == 0 else f"{n} revision round{'s' if n != 1 else ''}"


def _with_note(text: str, note: str) -> str:
    return f"{text}\n\n{note.strip()}" if note and note.strip() else text


def quote_arrived(quote, *, replaced: bool) -> dict:
    """To the studio's managers: someone quoted (or changed their quote)."""
    project, who = quote.project, quote.worker.display_name
    did = "changed their quote" if replaced else "quoted"
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"{who} {did} for {project.title}",
        "body": _with_note(
            f"{who} asks {price_words(quote.price, quote.currency, quote.unit)}, ready "
            f"{quote.turnaround_days} days after you hire them, with "
            f"{_rounds(quote.revisions_included)} included. Compare the quotes side by side "
            "before you hire.",
            quote.note,
        ),
        "url": reverse("studio:compare", kwargs={"slug": project.slug}),
    }


def delivery_arrived(deliverable, *, who: str, note: str, link: str) -> dict:
    """To the studio's managers: the person hired handed a deliverable over."""
    project = deliverable.project
    after = (
        f" after revision round {deliverable.revisions_used}" if deliverable.revisions_used else ""
    )
    body = (
        f"{who} delivered '{deliverable.title}' for {project.title}{after}. Review it: "
        "approve it, or ask for a revision."
    )
    if link:
        body += f"\n\nWhere to find it: {link}"
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"Delivered: {deliverable.title} ({project.title})",
        "body": _with_note(body, note),
        "url": reverse("studio:project", kwargs={"slug": project.slug}),
    }


def revision_asked(deliverable, *, extra: bool, note: str) -> dict:
    """To the person hired: the studio sent a deliverable back."""
    project = deliverable.project
    if extra:
        rounds = (
            f"an extra round beyond the {deliverable.revisions_included} included, charged as extra"
        )
    else:
        rounds = f"round {deliverable.revisions_used} of {deliverable.revisions_included}"
    return {
        "kind": Notification.Kind.STAFFING,
        "subject": f"Revision asked: {deliverable.title} ({project.title})",
        "body": _with_note(
            f"{project.organisation.name} asks for a revision of '{deliverable.title}' for "
            f"{project.title} ({rounds}). Deliver it again when it is ready.",
            note,
        ),
        "url": reverse("studio:work", kwargs={"slug": project.slug}),
    }


def quote_accepted(quote, *, total, deliverables) -> dict:
    """To the person hired: their quote is accepted."""
    project = quote.project
    due = "; ".join(f"'{d.title}' by {day(d.due_on)}" for d in deliverables)
    asked = (
        money(quote.price, quote.currency)  # "for the project for ..." reads twice
        if quote.unit == "project"
        else price_words(quote.price, quote.currency, quote.unit)
    )
    return {
        "kind": Notification.Kind.CONFIRMED,
        "subject": f"Hired: {project.title}",
        "body": (
            f"{project.organisation.name} accepted your quote of {asked} for {project.title}: "
            f"{money(total, quote.currency)} in all, paid as each deliverable is approved. "
            f"Due: {due}."
        ),
        "url": reverse("studio:work", kwargs={"slug": project.slug}),
    }


def deliverable_approved(deliverable, *, last: bool, note: str) -> dict:
    """To the person hired: a deliverable is approved and its milestone earned."""
    project, milestone = deliverable.project, deliverable.milestone
    body = (
        f"{project.organisation.name} approved '{deliverable.title}' for {project.title}: "
        f"you earned {money(milestone.amount, milestone.currency)}."
    )
    if last:
        body += " That was the last deliverable: the project is done and credited to you."
    return {
        "kind": Notification.Kind.CONFIRMED,
        "subject": f"Approved: {deliverable.title} ({project.title})",
        "body": _with_note(body, note),
        "url": reverse("studio:work", kwargs={"slug": project.slug}),
    }
