"""Cache invalidation only: every change to what matching reads writes a line to the
index's change log (`IndexChange`), naming the worker or position that changed.

Signals (not services) because admin edits and every service must invalidate alike;
no business logic lives here. The lines are INSERTs inside the writer's own transaction:
they commit or roll back with it, and no writer waits on another for them (see
`version.py`).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from stagedoor.booking.models import Booking
from stagedoor.gigs.models import Position, PositionSkill, Show, StudioProject
from stagedoor.industry.models import Organisation, Role, Venue
from stagedoor.people.models import (
    AvailabilityBlock,
    Credit,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)

from . import version
from .models import Block, FirstCall, IndexChange, RankingWeights

Kind = IndexChange.Kind

# What a saved or deleted row changes in the index: (kind, object id) lines.
WHAT_CHANGED = {
    WorkerProfile: lambda x: [(Kind.WORKER, x.pk)],
    Booking: lambda x: [(Kind.BOOKING, x.worker_id), (Kind.POSITION, x.position_id)],
    Position: lambda x: [(Kind.POSITION, x.pk)],
    PositionSkill: lambda x: [(Kind.POSITION, x.position_id)],
    Show: lambda x: [(Kind.POSITION, p) for p in _positions(show_id=x.pk)],
    StudioProject: lambda x: [(Kind.POSITION, p) for p in _positions(project_id=x.pk)],
    Organisation: lambda x: [(Kind.EVERYTHING, x.pk)],
    Venue: lambda x: [(Kind.EVERYTHING, x.pk)],
    Role: lambda x: [(Kind.EVERYTHING, x.pk)],
    RankingWeights: lambda x: [(Kind.EVERYTHING, x.organisation_id)],
}
for model in (WorkerRole, WorkerSkill, WorkerCertification, UnionMembership, AvailabilityBlock,
              Credit, FirstCall, Block):  # fmt: skip
    WHAT_CHANGED[model] = lambda x: [(Kind.WORKER, x.worker_id)]


def _positions(**parent) -> list[int]:
    return list(Position.objects.filter(**parent).values_list("pk", flat=True))


def logged(sender, instance, **kwargs) -> None:
    version.changed(WHAT_CHANGED[sender](instance))


def position_certs(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # a certification's positions changed
        version.changed([(Kind.POSITION, pk) for pk in pk_set or ()] or [(Kind.EVERYTHING, 0)])
    else:
        version.changed([(Kind.POSITION, instance.pk)])


for model in WHAT_CHANGED:
    post_save.connect(logged, sender=model, dispatch_uid=f"matching-{model.__name__}-save")
    post_delete.connect(logged, sender=model, dispatch_uid=f"matching-{model.__name__}-delete")
m2m_changed.connect(
    position_certs,
    sender=Position.required_certifications.through,
    dispatch_uid="matching-pos-certs",
)
