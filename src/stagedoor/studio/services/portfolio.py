"""A person's portfolio links: what a studio listens to, watches or reads when comparing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from stagedoor.core.validation import Errors, check_choice
from stagedoor.people.models import PortfolioLink

from ..rules import worker_of

MAX_LINKS = 20


@transaction.atomic
def portfolio_link_add(
    *, actor, label: str, url: str, kind: str, genres: str = ""
) -> PortfolioLink:
    worker = worker_of(actor)
    if worker is None:
        raise PermissionDenied("Only someone with a crew profile has a portfolio.")
    errors = Errors()
    if not (label or "").strip():
        errors.add("label", "Name the piece of work.")
    try:
        URLValidator(schemes=["http", "https"])(url or "")
    except ValidationError:
        errors.add("url", f"'{url}' is not a web address (https://...).")
    check_choice(errors, "kind", kind, PortfolioLink.Kind.values)
    if worker.links.count() >= MAX_LINKS:
        errors.add("url", f"At most {MAX_LINKS} links; remove one first.")
    errors.raise_if_any()
    tidy = ", ".join(g.strip().lower() for g in (genres or "").split(",") if g.strip())
    return PortfolioLink.objects.create(
        worker=worker, label=label.strip(), url=url, kind=kind, genres=tidy
    )


@transaction.atomic
def portfolio_link_delete(*, actor, link: PortfolioLink) -> None:
    if link.worker.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("Only its owner may remove a portfolio link.")
    link.delete()
