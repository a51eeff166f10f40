"""The career navigator's engine: the role progression graph, shortest career paths, a
worker's gap to a target role, the next steps to close it, and where newcomers start.

Pure Python on frozen dataclasses; never imports Django. The Django side loads the
catalog and the worker into a `CareerGraph` and a `WorkerSnapshot` and calls these.
"""

from .gap import (
    ExperienceGap,
    ExpiringCertification,
    GapReport,
    HeldCertification,
    HeldRole,
    RoleExperience,
    SkillGap,
    WorkerSnapshot,
    gap_analysis,
)
from .graph import (
    CareerGraph,
    CertificationInfo,
    RoleNode,
    SkillNeed,
    expected_skill_level,
    graph_from_records,
    reachable_from,
)
from .path import CareerPath, PathStep, career_path
from .plan import STEP_KINDS, CareerPlan, Opening, StartRole, Step, next_steps, start_here

__all__ = [
    "STEP_KINDS",
    "CareerGraph",
    "CareerPath",
    "CareerPlan",
    "CertificationInfo",
    "ExperienceGap",
    "ExpiringCertification",
    "GapReport",
    "HeldCertification",
    "HeldRole",
    "Opening",
    "PathStep",
    "RoleExperience",
    "RoleNode",
    "SkillGap",
    "SkillNeed",
    "StartRole",
    "Step",
    "WorkerSnapshot",
    "career_path",
    "expected_skill_level",
    "gap_analysis",
    "graph_from_records",
    "next_steps",
    "reachable_from",
    "start_here",
]
