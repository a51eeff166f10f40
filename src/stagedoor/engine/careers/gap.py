"""What stands between a worker and a target role: skills, certifications, experience."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from .data import CREDITS_PER_YEAR, HOURS_PER_YEAR
from .graph import CareerGraph, SkillNeed


@dataclass(frozen=True)
class HeldRole:
    role: str
    level: str = "entry"
    years: float = 0


@dataclass(frozen=True)
class HeldCertification:
    certification: str
    expires_on: date | None = None


@dataclass(frozen=True)
class RoleExperience:
    """Documented credits and hours a worker has in one role."""

    role: str
    credits: int = 0
    hours: float = 0


@dataclass(frozen=True)
class WorkerSnapshot:
    """Everything the navigator needs to know about one worker (or an empty visitor)."""

    roles: tuple[HeldRole, ...] = ()
    skills: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    certifications: tuple[HeldCertification, ...] = ()
    experience: tuple[RoleExperience, ...] = ()
    age: int | None = None

    @property
    def role_slugs(self) -> tuple[str, ...]:
        return tuple(sorted({r.role for r in self.roles}))

    @property
    def total_credits(self) -> int:
        return sum(e.credits for e in self.experience)

    def hours_in(self, roles: set[str] | frozenset[str]) -> float:
        return sum(e.hours for e in self.experience if e.role in roles)

    def credits_in(self, roles: set[str] | frozenset[str]) -> int:
        return sum(e.credits for e in self.experience if e.role in roles)

    def skill_level(self, need: SkillNeed) -> tuple[int, str]:
        """The best level held among `need`'s interchangeable skills, and which skill."""
        neg_level, slug = min((-self.skills.get(s, 0), s) for s in need.skills)
        return -neg_level, slug


@dataclass(frozen=True)
class SkillGap:
    """A skill (or family of interchangeable skills) below the level a role expects.

    `best` is the held skill closest to the need, or the first alternative if none is held.
    """

    key: str
    skills: tuple[str, ...]
    have: int
    need: int
    best: str

    @property
    def shortfall(self) -> int:
        return self.need - self.have


@dataclass(frozen=True)
class ExpiringCertification:
    certification: str
    expires_on: date


@dataclass(frozen=True)
class ExperienceGap:
    """Documented experience in the target and the roles that lead to it.

    The typical requirement is the shortest typical stint in a feeding role, turned into
    hours and credits at career_data's per-year rates; an entry-level role with no feeding
    role needs none.
    """

    roles: tuple[str, ...]
    hours: float
    credits: int
    need_hours: float
    need_credits: int

    @property
    def missing_hours(self) -> float:
        return max(0, self.need_hours - self.hours)

    @property
    def missing_credits(self) -> int:
        return max(0, self.need_credits - self.credits)


@dataclass(frozen=True)
class GapReport:
    target: str
    skills: tuple[SkillGap, ...]
    missing_certifications: tuple[str, ...]
    expiring_certifications: tuple[ExpiringCertification, ...]
    experience: ExperienceGap

    @property
    def is_ready(self) -> bool:
        exp = self.experience
        return not (
            self.skills
            or self.missing_certifications
            or self.expiring_certifications
            or exp.missing_hours
            or exp.missing_credits
        )


def valid_certifications(profile: WorkerSnapshot, today: date | None) -> dict[str, date | None]:
    """Held certification -> latest expiry (None: never), leaving out lapsed ones."""
    held: dict[str, date | None] = {}
    for cert in profile.certifications:
        if today is not None and cert.expires_on is not None and cert.expires_on < today:
            continue
        if cert.certification in held:
            current = held[cert.certification]
            if current is None or cert.expires_on is None:
                held[cert.certification] = None
            else:
                held[cert.certification] = max(current, cert.expires_on)
        else:
            held[cert.certification] = cert.expires_on
    return held


def skill_gaps(profile: WorkerSnapshot, needs: tuple[SkillNeed, ...]) -> tuple[SkillGap, ...]:
    """Needs the worker falls short of, largest shortfall first, then by key."""
    gaps = []
    for need in needs:
        have, best = profile.skill_level(need)
        if have < need.min_level:
            gaps.append(SkillGap(need.key, need.skills, have, need.min_level, best))
    return tuple(sorted(gaps, key=lambda g: (-g.shortfall, g.key)))


def experience_gap(graph: CareerGraph, profile: WorkerSnapshot, target: str) -> ExperienceGap:
    feeders = graph.predecessors[target]
    counted = frozenset({target, *feeders})
    years = min((graph.roles[f].years_in_role for f in feeders), default=0)
    return ExperienceGap(
        roles=tuple(sorted(counted)),
        hours=profile.hours_in(counted),
        credits=profile.credits_in(counted),
        need_hours=years * HOURS_PER_YEAR,
        need_credits=round(years * CREDITS_PER_YEAR),
    )


def gap_analysis(
    graph: CareerGraph,
    profile: WorkerSnapshot,
    target: str,
    next_call_date: date | None = None,
    *,
    today: date | None = None,
) -> GapReport:
    """Compare a worker with what `target` needs.

    Skills come back largest shortfall first. A certification counts as missing when it
    is not held or (given `today`) has lapsed; a held one the target needs is flagged as
    expiring when it runs out before `next_call_date` (valid through its expiry day).
    Unknown target raises ValueError("target: unknown role ...").
    """
    role = graph.role(target, "target")
    held = valid_certifications(profile, today)
    missing = tuple(sorted(c for c in role.certifications if c not in held))
    expiring = []
    if next_call_date is not None:
        for cert in sorted(role.certifications):
            expires = held.get(cert)
            if cert in held and expires is not None and expires < next_call_date:
                expiring.append(ExpiringCertification(cert, expires))
    expiring.sort(key=lambda e: (e.expires_on, e.certification))
    return GapReport(
        target=target,
        skills=skill_gaps(profile, role.skills),
        missing_certifications=missing,
        expiring_certifications=tuple(expiring),
        experience=experience_gap(graph, profile, target),
    )
