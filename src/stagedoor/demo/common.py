"""What the demo's planners share: the seed, the catalog as they read it, pay and progress.

Planning is pure and deterministic (one seeded RNG per planner), so a second run plans the
same world and, finding every entity already saved (matched by its natural key), changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.utils import timezone

from stagedoor.core.models import SiteSetting
from stagedoor.industry.models import Certification, Role

from . import cast

SEED = 20261121

UNION_ROLES = {"stagehand", "rigger", "lighting-tech", "audio-tech", "spot-operator", "carpenter"}


class ProgressLike(Protocol):
    def start(self, total: int, message: str = "") -> None: ...
    def advance(self, steps: int = 1, message: str | None = None) -> None: ...


class NoProgress:
    def start(self, total: int, message: str = "") -> None:
        pass

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        pass


def demo_anchor() -> dt.date:
    """The day the demo's eight weeks start from, fixed at the first run."""
    setting = SiteSetting.objects.filter(key="demo_anchor").first()
    if setting:
        return dt.date.fromisoformat(setting.value)
    anchor = timezone.localdate()
    SiteSetting.objects.create(key="demo_anchor", value=anchor.isoformat())
    return anchor


class Catalog:
    """The catalog as the planner needs it, read once."""

    def __init__(self) -> None:
        self.roles = {r.slug: r for r in Role.objects.prefetch_related("skills", "certifications")}
        self.certs = {c.slug: c for c in Certification.objects.all()}

    def skills_of(self, role: str, category: str | None = None) -> list[str]:
        return [
            s.slug
            for s in sorted(self.roles[role].skills.all(), key=lambda s: s.slug)
            if category is None or s.category == category
        ]

    def certs_of(self, role: str) -> list[str]:
        return sorted(c.slug for c in self.roles[role].certifications.all())


def money(value: float) -> Decimal:
    return (Decimal(str(value)) / 5).quantize(Decimal("1"), ROUND_HALF_UP) * 5


def pay_for(catalog: Catalog, role: str, currency: str, rng: random.Random) -> tuple[Decimal, str]:
    r = catalog.roles[role]
    low, high = r.pay_low or 20, r.pay_high or 40
    value = rng.uniform(low, (low + high) / 2 + (high - low) / 4) * cast.FX[currency]
    return money(value), r.pay_unit
