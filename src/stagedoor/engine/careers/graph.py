"""The career graph: roles, what each needs, and which roles lead where."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..levels import LEVELS
from .data import (
    INTERCHANGEABLE_SKILL_CATEGORIES,
    SKILL_LEVEL_BY_ROLE_LEVEL,
)


@dataclass(frozen=True)
class SkillNeed:
    """A skill a role needs at `min_level` (1-5).

    `key` is the skill's slug, or a category such as ``audio-console`` when any one of
    the interchangeable `skills` will do.
    """

    key: str
    skills: tuple[str, ...]
    min_level: int


@dataclass(frozen=True)
class CertificationInfo:
    """What it takes to earn a certification."""

    slug: str
    name: str = ""
    prerequisites: tuple[str, ...] = ()
    hours_required: int | None = None
    min_age: int | None = None
    validity_months: int | None = None


@dataclass(frozen=True)
class RoleNode:
    """One role in the progression graph."""

    slug: str
    name: str
    level: str
    department: str
    years_in_role: float
    skills: tuple[SkillNeed, ...] = ()
    certifications: tuple[str, ...] = ()
    leads_to: tuple[str, ...] = ()

    @property
    def skill_slugs(self) -> tuple[str, ...]:
        return tuple(s for need in self.skills for s in need.skills)


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class CareerGraph:
    """Roles by slug with their progression edges, checked for consistency.

    Build it with `CareerGraph.build` (typed nodes) or `graph_from_records`
    (catalog-shaped dicts).
    """

    roles: Mapping[str, RoleNode]
    certifications: Mapping[str, CertificationInfo]
    predecessors: Mapping[str, tuple[str, ...]] = field(repr=False)
    skill_names: Mapping[str, str] = field(default_factory=lambda: _frozen({}), repr=False)

    @classmethod
    def build(
        cls,
        roles: Iterable[RoleNode],
        certifications: Iterable[CertificationInfo] = (),
        skill_names: Mapping[str, str] | None = None,
    ) -> CareerGraph:
        """Index `roles` and `certifications`; a bad reference raises ValueError naming it."""
        by_slug: dict[str, RoleNode] = {}
        for role in roles:
            if role.slug in by_slug:
                raise ValueError(f"roles: duplicate role {role.slug!r}")
            if role.level not in LEVELS:
                raise ValueError(f"level: role {role.slug!r} has unknown level {role.level!r}")
            if role.years_in_role < 0:
                raise ValueError(f"years_in_role: role {role.slug!r} has a negative value")
            by_slug[role.slug] = role
        certs = {c.slug: c for c in certifications}
        preds: dict[str, list[str]] = {slug: [] for slug in by_slug}
        for role in by_slug.values():
            for nxt in role.leads_to:
                if nxt not in by_slug:
                    raise ValueError(f"leads_to: role {role.slug!r} leads to unknown {nxt!r}")
                preds[nxt].append(role.slug)
            for cert in role.certifications:
                certs.setdefault(cert, CertificationInfo(cert))
        for cert in list(certs.values()):
            for pre in cert.prerequisites:
                if pre not in certs:
                    raise ValueError(f"prerequisites: {cert.slug!r} needs unknown {pre!r}")
        _refuse_prerequisite_cycles(certs)
        return cls(
            roles=_frozen(dict(sorted(by_slug.items()))),
            certifications=_frozen(dict(sorted(certs.items()))),
            predecessors=_frozen({k: tuple(sorted(v)) for k, v in sorted(preds.items())}),
            skill_names=_frozen(dict(skill_names or {})),
        )

    def role(self, slug: str, field_name: str) -> RoleNode:
        """The role `slug`, or ValueError("<field_name>: unknown role '<slug>'")."""
        try:
            return self.roles[slug]
        except KeyError:
            raise ValueError(f"{field_name}: unknown role {slug!r}") from None

    def entry_roles(self) -> tuple[str, ...]:
        return tuple(slug for slug, role in self.roles.items() if role.level == "entry")

    def edges(self) -> dict[str, tuple[str, ...]]:
        return {slug: role.leads_to for slug, role in self.roles.items()}

    def certification(self, slug: str) -> CertificationInfo:
        return self.certifications.get(slug) or CertificationInfo(slug)

    def cert_name(self, slug: str) -> str:
        return self.certification(slug).name or slug

    def skill_name(self, slug: str) -> str:
        return self.skill_names.get(slug, slug)


def _refuse_prerequisite_cycles(certs: Mapping[str, CertificationInfo]) -> None:
    state: dict[str, int] = {}  # 1: on the current walk, 2: finished

    def visit(slug: str) -> None:
        state[slug] = 1
        for pre in certs[slug].prerequisites:
            if state.get(pre) == 1:
                raise ValueError(f"prerequisites: {pre!r} is its own prerequisite via {slug!r}")
            if pre not in state:
                visit(pre)
        state[slug] = 2

    for slug in sorted(certs):
        if slug not in state:
            visit(slug)


def expected_skill_level(role_level: str) -> int:
    """The 1-5 level a role expects of the skills it lists (see career_data)."""
    return SKILL_LEVEL_BY_ROLE_LEVEL[role_level]


def _skill_needs(
    skills: Iterable[str], level: int, categories: Mapping[str, str]
) -> tuple[SkillNeed, ...]:
    singles: list[SkillNeed] = []
    families: dict[str, list[str]] = {}
    for slug in skills:
        category = categories.get(slug)
        if category in INTERCHANGEABLE_SKILL_CATEGORIES:
            families.setdefault(category, []).append(slug)
        else:
            singles.append(SkillNeed(slug, (slug,), level))
    for category, members in families.items():
        if len(members) == 1:
            singles.append(SkillNeed(members[0], (members[0],), level))
        else:
            singles.append(SkillNeed(category, tuple(sorted(members)), level))
    return tuple(sorted(singles, key=lambda need: need.key))


def graph_from_records(
    roles: Iterable[Mapping],
    certifications: Iterable[Mapping] = (),
    skills: Iterable[Mapping] = (),
) -> CareerGraph:
    """Build a graph from catalog-shaped dicts (``stagedoor.industry.catalog`` or the same
    shape read from the database).

    Roles list skills without levels: each is expected at `expected_skill_level` of the
    role's career level. When `skills` (with ``category``) are given, a role's desks or
    DAWs of one family become one "any of" need.
    """
    skills = list(skills)
    categories = {s["slug"]: s.get("category", "") for s in skills}
    nodes = [
        RoleNode(
            slug=r["slug"],
            name=r.get("name", r["slug"]),
            level=r["level"],
            department=r.get("department", ""),
            years_in_role=r.get("years_in_role", 0),
            skills=_skill_needs(
                r.get("skills", ()), SKILL_LEVEL_BY_ROLE_LEVEL.get(r["level"], 0), categories
            ),
            certifications=tuple(r.get("certifications", ())),
            leads_to=tuple(r.get("leads_to", ())),
        )
        for r in roles
    ]
    certs = [
        CertificationInfo(
            slug=c["slug"],
            name=c.get("name", ""),
            prerequisites=tuple(c.get("prerequisites", ())),
            hours_required=c.get("hours_required"),
            min_age=c.get("min_age"),
            validity_months=c.get("validity_months"),
        )
        for c in certifications
    ]
    return CareerGraph.build(nodes, certs, {s["slug"]: s.get("name", s["slug"]) for s in skills})


def reachable_from(starts: Iterable[str], edges: Mapping[str, Iterable[str]]) -> set[str]:
    """Every role reachable from any of `starts` (including them) along progression edges."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
