"""Who may do what on a studio project: the studio's managers run it; a person quotes when
asked or when the project is open to quotes; the accepted person delivers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from stagedoor.industry.rules import can_manage
from stagedoor.people.models import WorkerProfile

from .enums import QuoteStatus
from .models import Brief, Quote


def worker_of(user) -> WorkerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return WorkerProfile.objects.filter(user_id=user.pk).first()


def runs(user, project) -> bool:
    return can_manage(user, project.organisation)


def require_runs(user, project, action: str) -> None:
    if not runs(user, project):
        raise PermissionDenied(f"Only {project.organisation.name}'s managers may {action}.")


def accepted_quote(project) -> Quote | None:
    return Quote.objects.filter(project=project, status=QuoteStatus.ACCEPTED).first()


def may_quote(worker: WorkerProfile | None, brief: Brief) -> bool:
    """Asked to, or the project is open to quotes and nobody is hired yet."""
    if worker is None or accepted_quote(brief.project) is not None:
        return False
    mine = Quote.objects.filter(project=brief.project, worker=worker).first()
    if mine is not None:
        return mine.status in (QuoteStatus.INVITED, QuoteStatus.SUBMITTED)
    return brief.open_to_quotes


def require_hired(user, project) -> Quote:
    quote = accepted_quote(project)
    if quote is None or quote.worker.user_id != getattr(user, "pk", None):
        raise PermissionDenied("Only the person hired for this project may deliver its work.")
    return quote
