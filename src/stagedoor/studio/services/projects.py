"""A studio project with its brief and deliverables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from stagedoor.core.locking import lock_rows
from stagedoor.core.validation import Errors, check_choice, check_currency, check_in_window
from stagedoor.gigs.models import StudioProject
from stagedoor.gigs.services import project_create
from stagedoor.industry.models import Organisation, Role
from stagedoor.industry.rules import require_manager

from ..enums import Kind
from ..models import Brief, Deliverable, Quote
from ..rules import require_runs

MAX_REVISIONS = 20


def _amount(errors: Errors, field: str, value) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        errors.add(field, f"'{value}' is not an amount of money.")
        return None
    if not amount.is_finite() or amount < 0:
        errors.add(field, "Give an amount of zero or more.")
        return None
    return amount.quantize(Decimal("0.01"))


def _whole(errors: Errors, field: str, value, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors.add(field, f"'{value}' is not a whole number.")
        return None
    if not low <= number <= high:
        errors.add(field, f"Give a number from {low} to {high}.")
        return None
    return number


def _check_deliverable(errors: Errors, data: dict, deadline, prefix: str = "") -> dict:
    out = {}
    check_choice(errors, f"{prefix}kind", data.get("kind"), Kind.values)
    out["kind"] = data.get("kind")
    title = (data.get("title") or "").strip()
    if not title and out["kind"] in Kind.values:
        title = Kind(out["kind"]).label
    out["title"] = title
    out["quantity"] = _whole(errors, f"{prefix}quantity", data.get("quantity", 1), 1, 1000)
    out["revisions_included"] = _whole(
        errors, f"{prefix}revisions_included", data.get("revisions_included", 2), 0, MAX_REVISIONS
    )
    out["budget"] = _amount(errors, f"{prefix}budget", data.get("budget"))
    due = data.get("due_on")
    if not isinstance(due, dt.date) or isinstance(due, dt.datetime):
        errors.add(f"{prefix}due_on", "Give a due date (YYYY-MM-DD).")
    elif deadline and due > deadline:
        errors.add(
            f"{prefix}due_on",
            f"Due {due.isoformat()}, after the project's deadline ({deadline.isoformat()}).",
        )
    out["due_on"] = due
    return out


def _summary(project: StudioProject) -> str:
    return "\n".join(
        f"{d.title} ({d.quantity})" if d.quantity > 1 else d.title
        for d in project.studio_deliverables.all()
    )


@transaction.atomic
def studio_project_create(
    *,
    actor,
    organisation: Organisation,
    title: str,
    deadline: dt.date,
    role: Role | None,
    currency: str,
    deliverables: list[dict],
    genres: str = "",
    description: str = "",
    remote_allowed: bool = True,
    open_to_quotes: bool = False,
) -> StudioProject:
    """A project hired by deliverable: who the studio hires (`role`), the budget currency,
    and at least one deliverable ({kind, title, quantity, due_on, revisions_included,
    budget}). A deliverable due after the deadline is refused, naming it
    (`deliverables.1.due_on`), and nothing is saved."""
    require_manager(actor, organisation, "create studio projects")
    errors = Errors()
    if not (title or "").strip():
        errors.add("title", "This field is required.")
    if not isinstance(deadline, dt.date) or isinstance(deadline, dt.datetime):
        errors.add("deadline", "Give the deadline as a date (YYYY-MM-DD).")
        deadline = None
    else:
        check_in_window(errors, "deadline", deadline)
    if role is None:
        errors.add("role", "Say who you are hiring (a role).")
    check_currency(errors, "currency", currency)
    if not deliverables:
        errors.add("deliverables", "List at least one deliverable.")
    checked = [
        _check_deliverable(errors, d, deadline, f"deliverables.{n}.")
        for n, d in enumerate(deliverables, start=1)
    ]
    errors.raise_if_any()
    project = project_create(
        actor=actor,
        organisation=organisation,
        title=title,
        deliverables="\n".join(d["title"] for d in checked),
        deadline=deadline,
        description=description,
        remote_allowed=remote_allowed,
        status="published",
    )
    Brief.objects.create(
        project=project,
        role=role,
        currency=currency,
        genres=", ".join(g.strip().lower() for g in genres.split(",") if g.strip()),
        open_to_quotes=open_to_quotes,
    )
    Deliverable.objects.bulk_create(
        Deliverable(project=project, order=n, **d) for n, d in enumerate(checked)
    )
    return project


@transaction.atomic
def deliverable_add(*, actor, project: StudioProject, **data) -> Deliverable:
    """One more deliverable, while nobody is hired yet (a hired person quoted the list)."""
    require_runs(actor, project, "change its deliverables")
    lock_rows((StudioProject, [project.pk]))
    errors = Errors()
    if Quote.objects.filter(project=project, status="accepted").exists():
        errors.add("project", "Someone is hired on these deliverables; agree changes with them.")
    checked = _check_deliverable(errors, data, project.deadline)
    errors.raise_if_any()
    order = project.studio_deliverables.count()
    deliverable = Deliverable.objects.create(project=project, order=order, **checked)
    project.deliverables = _summary(project)
    project.save(update_fields=["deliverables"])
    return deliverable
