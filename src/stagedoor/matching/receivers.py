"""Cache invalidation only: any change to what matching reads gets a new index token.

Signals (not services) because admin edits and every service must invalidate alike;
no business logic lives here. The token changes after commit (see `version.py`), so no
writer holds a lock on it.
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
from .models import Block, FirstCall, RankingWeights

WATCHED = (
    WorkerProfile, WorkerRole, WorkerSkill, WorkerCertification, UnionMembership,
    AvailabilityBlock, Credit, Booking, Position, PositionSkill, Show, StudioProject,
    Organisation, Venue, Role, FirstCall, Block, RankingWeights,
)  # fmt: skip


def bump(**kwargs) -> None:
    version.changed()


for model in WATCHED:
    post_save.connect(bump, sender=model, dispatch_uid=f"matching-{model.__name__}-save")
    post_delete.connect(bump, sender=model, dispatch_uid=f"matching-{model.__name__}-delete")
m2m_changed.connect(
    bump, sender=Position.required_certifications.through, dispatch_uid="matching-pos-certs"
)
