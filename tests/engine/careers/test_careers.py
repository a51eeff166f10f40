"""The career navigator's engine: paths, gaps and plans on hand-built graphs, a Hypothesis
check of the path search against brute force, and the shipped catalog's progression data.
Plain pytest, no database."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stagedoor.engine.careers import (
    CareerGraph,
    CertificationInfo,
    ExperienceGap,
    ExpiringCertification,
    GapReport,
    HeldCertification,
    HeldRole,
    Opening,
    PathStep,
    RoleExperience,
    RoleNode,
    SkillGap,
    SkillNeed,
    WorkerSnapshot,
    career_path,
    gap_analysis,
    graph_from_records,
    next_steps,
    reachable_from,
    start_here,
)
from stagedoor.industry import catalog


def need(key: str, level: int, *skills: str) -> SkillNeed:
    return SkillNeed(key, skills or (key,), level)


def node(slug, level="mid", years=1, leads=(), *, skills=(), certs=(), dept="audio"):
    return RoleNode(slug, slug.title(), level, dept, years, tuple(skills), tuple(certs), leads)


def refused(text: str):
    return pytest.raises(ValueError, match=f"^{re.escape(text)}$")


# --- Building the graph ------------------------------------------------------------------


def test_build_indexes_roles_and_their_predecessors():
    graph = CareerGraph.build(
        [
            node("b", leads=("d",)),
            node("a", "entry", leads=("b", "c")),
            node("c", leads=("d",)),
            node("d", "senior", 0),
        ]
    )
    assert list(graph.roles) == ["a", "b", "c", "d"]
    assert dict(graph.predecessors) == {"a": (), "b": ("a",), "c": ("a",), "d": ("b", "c")}
    assert graph.entry_roles() == ("a",)


def test_build_refuses_bad_references_naming_the_field():
    with refused("leads_to: role 'a' leads to unknown 'zz'"):
        CareerGraph.build([node("a", leads=("zz",))])
    with refused("level: role 'a' has unknown level 'junior'"):
        CareerGraph.build([node("a", "junior")])
    with refused("roles: duplicate role 'a'"):
        CareerGraph.build([node("a"), node("a")])
    with refused("prerequisites: 'x' needs unknown 'y'"):
        CareerGraph.build([], [CertificationInfo("x", prerequisites=("y",))])
    with refused("prerequisites: 'x' is its own prerequisite via 'y'"):
        CareerGraph.build(
            [], [CertificationInfo("x", prerequisites=("y",)), CertificationInfo("y", "", ("x",))]
        )


def test_records_expect_skills_at_the_roles_career_level_and_merge_desk_families():
    skills = [
        {"slug": "digico-sd", "name": "DiGiCo", "category": "audio-console"},
        {"slug": "avid-s6l", "name": "S6L", "category": "audio-console"},
        {"slug": "pro-tools", "name": "Pro Tools", "category": "daw"},
        {"slug": "mixing", "name": "Mixing", "category": "audio"},
    ]
    roles = [
        {"slug": "e", "level": "entry", "skills": ["mixing"], "leads_to": ["m"]},
        {"slug": "m", "level": "mid", "skills": ["mixing", "pro-tools"], "leads_to": ["s"]},
        {"slug": "s", "level": "senior", "skills": ["digico-sd", "avid-s6l", "mixing"]},
        {"slug": "l", "level": "lead", "skills": ["mixing"]},
    ]
    graph = graph_from_records(roles, [], skills)
    assert {slug: role.skills for slug, role in graph.roles.items()} == {
        "e": (need("mixing", 2),),
        "m": (need("mixing", 3), need("pro-tools", 3)),
        "s": (need("audio-console", 4, "avid-s6l", "digico-sd"), need("mixing", 4)),
        "l": (need("mixing", 5),),
    }
    # Without categories nothing is merged.
    bare = graph_from_records(roles[2:3])
    assert bare.roles["s"].skills == (
        need("avid-s6l", 4),
        need("digico-sd", 4),
        need("mixing", 4),
    )


# --- Paths -------------------------------------------------------------------------------

# a, e (entry) -> b, c (mid) -> d (senior); every route to d takes three years.
TIED = CareerGraph.build(
    [
        node("a", "entry", 1, ("c", "b"), skills=[need("lift", 2)], certs=["osha-10"]),
        node("e", "entry", 1, ("c",)),
        node("b", "mid", 2, ("d",), skills=[need("lift", 3), need("patch", 3)]),
        node("c", "mid", 2, ("d",)),
        node("d", "senior", 0, skills=[need("mix", 4)], certs=["osha-10", "dante-level-2"]),
        node("island", "mid", 3),
    ]
)


def test_ties_go_to_the_route_whose_slugs_sort_first():
    path = career_path(TIED, [], "d")
    assert path.roles == ("a", "b", "d")
    assert path.total_years == 3
    assert path.reason == ""


def test_each_step_says_how_long_it_takes_and_what_it_teaches():
    assert career_path(TIED, [], "d").steps == (
        PathStep("a", "A", 1, ("lift",), ("osha-10",)),
        PathStep("b", "B", 2, ("patch",), ()),
        PathStep("d", "D", 0, ("mix",), ("dante-level-2",)),
    )


def test_multi_source_starts_from_every_held_role():
    assert career_path(TIED, ["c", "b"], "d").roles == ("b", "d")
    assert career_path(TIED, ["c"], "d").roles == ("c", "d")
    assert career_path(TIED, ["e"], "d").roles == ("e", "c", "d")


def test_fewer_steps_lose_to_fewer_years():
    graph = CareerGraph.build(
        [
            node("x", "entry", 5, ("t",)),
            node("y", "entry", 1, ("z",)),
            node("z", "mid", 1, ("t",)),
            node("t", "senior", 0),
        ]
    )
    path = career_path(graph, [], "t")
    assert (path.roles, path.total_years) == (("y", "z", "t"), 2)
    assert career_path(graph, ["x"], "t").roles == ("x", "t")


def test_a_held_target_is_a_one_step_path():
    path = career_path(TIED, ["b", "d"], "d")
    assert (path.roles, path.total_years, path.reason) == (
        ("d",),
        0,
        "You already hold this role.",
    )


def test_held_roles_that_lead_nowhere_near_fall_back_to_entry_level():
    path = career_path(TIED, ["island"], "d")
    assert path.roles == ("a", "b", "d")
    assert path.reason == "None of your roles leads here, so the route starts at entry level."


def test_an_unreachable_target_gives_an_empty_path_with_a_reason():
    path = career_path(TIED, [], "island")
    assert (path.steps, path.reason) == (
        (),
        "No progression leads from any entry-level role to 'island'.",
    )


def test_unknown_roles_are_refused_naming_the_field():
    with refused("target: unknown role 'x'"):
        career_path(TIED, [], "x")
    with refused("from_roles: unknown role 'nope'"):
        career_path(TIED, ["a", "nope"], "d")
    with refused("target: unknown role 'x'"):
        gap_analysis(TIED, WorkerSnapshot(), "x")
    with refused("target: unknown role 'x'"):
        next_steps(TIED, WorkerSnapshot(), "x")


def _brute_force(graph: CareerGraph, sources, target):
    """Every simple path from a source to the target; the least (years, slugs) wins."""
    best = None

    def walk(path, years):
        nonlocal best
        if path[-1] == target:
            if best is None or (years, path) < best:
                best = (years, path)
            return
        for nxt in graph.roles[path[-1]].leads_to:
            if nxt not in path:
                walk((*path, nxt), years + graph.roles[path[-1]].years_in_role)

    for source in sources:
        walk((source,), 0)
    return best


@st.composite
def graphs(draw):
    n = draw(st.integers(2, 7))
    slugs = [f"r{i}" for i in range(n)]
    edges = {s: draw(st.lists(st.sampled_from(slugs), unique=True, max_size=3)) for s in slugs}
    roles = [
        RoleNode(
            slug,
            slug,
            draw(st.sampled_from(["entry", "mid"])),
            "audio",
            draw(st.integers(0, 3)),
            leads_to=tuple(t for t in edges[slug] if t != slug),
        )
        for slug in slugs
    ]
    held = draw(st.lists(st.sampled_from(slugs), unique=True, max_size=3))
    return CareerGraph.build(roles), held, draw(st.sampled_from(slugs))


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_path_search_matches_brute_force(case):
    graph, held, target = case
    path = career_path(graph, held, target)
    if target in held:
        assert path.roles == (target,)
        return
    expected = _brute_force(graph, held, target) if held else None
    if expected is None:
        expected = _brute_force(graph, graph.entry_roles(), target)
    if expected is None:
        assert (path.steps, path.total_years) == ((), 0)
    else:
        assert (path.total_years, path.roles) == expected
        assert all(b in graph.roles[a].leads_to for a, b in pairwise(path.roles))


# --- Gap analysis ------------------------------------------------------------------------

FOH = CareerGraph.build(
    [
        node("tech", "mid", 2, ("foh",)),
        node("monitors", "mid", 3, ("foh",)),
        node(
            "foh",
            "senior",
            0,
            skills=[
                need("audio-console", 4, "avid-s6l", "digico-sd"),
                need("comms", 3),
                need("mixing", 4),
            ],
            certs=["dante-level-2", "first-aid-cpr", "osha-10"],
        ),
        node("studio", "mid", 4, ("foh",)),
    ]
)


def test_gap_names_skills_certifications_expiry_and_experience():
    profile = WorkerSnapshot(
        roles=(HeldRole("tech", "mid", 3),),
        skills={"mixing": 2, "digico-sd": 3, "avid-s6l": 1, "comms": 3},
        certifications=(
            HeldCertification("osha-10"),
            HeldCertification("first-aid-cpr", date(2026, 6, 1)),
        ),
        experience=(
            RoleExperience("tech", credits=40, hours=1500),
            RoleExperience("foh", credits=2, hours=20),
            RoleExperience("lx", credits=90, hours=4000),
        ),
    )
    assert gap_analysis(FOH, profile, "foh", date(2026, 7, 1)) == GapReport(
        target="foh",
        skills=(
            SkillGap("mixing", ("mixing",), have=2, need=4, best="mixing"),
            SkillGap("audio-console", ("avid-s6l", "digico-sd"), have=3, need=4, best="digico-sd"),
        ),
        missing_certifications=("dante-level-2",),
        expiring_certifications=(ExpiringCertification("first-aid-cpr", date(2026, 6, 1)),),
        # The shortest feeding stint is two years (tech): 2,000 hours and 50 credits.
        experience=ExperienceGap(
            roles=("foh", "monitors", "studio", "tech"),
            hours=1520,
            credits=42,
            need_hours=2000,
            need_credits=50,
        ),
    )


def test_a_card_valid_on_the_call_day_is_not_expiring_and_a_lapsed_one_is_missing():
    profile = WorkerSnapshot(
        certifications=(
            HeldCertification("first-aid-cpr", date(2026, 7, 1)),
            HeldCertification("osha-10", date(2026, 1, 1)),
            HeldCertification("dante-level-2", date(2025, 1, 1)),
            HeldCertification("dante-level-2", date(2027, 1, 1)),
        )
    )
    gap = gap_analysis(FOH, profile, "foh", date(2026, 7, 1), today=date(2026, 3, 1))
    assert (gap.missing_certifications, gap.expiring_certifications) == (("osha-10",), ())
    # Without today, nothing has lapsed yet; osha-10 runs out before the call.
    gap = gap_analysis(FOH, profile, "foh", date(2026, 7, 1))
    assert (gap.missing_certifications, gap.expiring_certifications) == (
        (),
        (ExpiringCertification("osha-10", date(2026, 1, 1)),),
    )


def test_a_worker_who_meets_everything_is_ready():
    profile = WorkerSnapshot(
        skills={"mixing": 5, "avid-s6l": 4, "comms": 3},
        certifications=tuple(HeldCertification(c) for c in FOH.roles["foh"].certifications),
        experience=(RoleExperience("monitors", credits=50, hours=2000),),
    )
    gap = gap_analysis(FOH, profile, "foh", date(2026, 7, 1))
    assert (gap.skills, gap.is_ready) == ((), True)
    assert gap_analysis(FOH, WorkerSnapshot(), "foh").is_ready is False


def test_an_entry_level_target_asks_for_no_experience():
    exp = gap_analysis(TIED, WorkerSnapshot(), "a").experience
    assert (exp.roles, exp.need_hours, exp.need_credits) == (("a",), 0, 0)


# --- Next steps --------------------------------------------------------------------------

RIGGING = CareerGraph.build(
    [
        node(
            "hand",
            "entry",
            2,
            ("rig",),
            dept="staging",
            skills=[need("lift", 2)],
            certs=["osha-10"],
        ),
        node(
            "rig",
            "mid",
            4,
            ("head",),
            dept="rigging",
            skills=[need("knots", 3), need("lift", 3)],
            certs=["osha-10", "etcp-rigger-arena", "mewp"],
        ),
        node(
            "head",
            "lead",
            0,
            dept="rigging",
            skills=[need("knots", 5), need("motors", 4)],
            certs=["etcp-rigger-arena", "osha-30", "first-aid-cpr"],
        ),
        node("box", "entry", 1, dept="box-office"),
    ],
    [
        CertificationInfo("osha-10", "OSHA 10"),
        CertificationInfo("osha-30", "OSHA 30"),
        CertificationInfo("mewp", "MEWP"),
        CertificationInfo("first-aid-cpr", "First aid"),
        CertificationInfo(
            "etcp-rigger-arena", "ETCP Arena", ("osha-10",), hours_required=3000, min_age=21
        ),
    ],
)


def kinds(plan):
    return [(step.kind, step.subject) for step in plan.steps]


def test_a_newcomers_plan_puts_cheap_tickets_first_and_etcp_after_the_hours():
    plan = next_steps(RIGGING, WorkerSnapshot(), "head")
    assert plan.path.roles == ("hand", "rig", "head")
    assert kinds(plan) == [
        # Earliest role on the path first, then the shorter course.
        ("certification", "osha-10"),
        ("certification", "mewp"),
        ("certification", "first-aid-cpr"),
        ("certification", "osha-30"),
        ("entry-route", "festival-volunteering"),
        ("entry-route", "local-stagehand-calls"),
        ("entry-route", "production-company-internship"),
        ("entry-route", "community-theatre"),
        ("skill", "knots"),
        ("skill", "motors"),
        ("skill", "lift"),
        ("experience", "head"),
        ("hours", "etcp-rigger-arena"),
        ("gated-certification", "etcp-rigger-arena"),
    ]
    why = {(s.kind, s.subject): s.why for s in plan.steps}
    assert why["certification", "osha-10"] == (
        "Take OSHA 10 (about 2 days): you need it to work as Hand or Rig, "
        "and it comes before ETCP Arena."
    )
    assert why["skill", "knots"] == "Learn knots: Head asks for 5/5."
    assert why["experience", "head"] == (
        "Build up about 4,000 more documented hours and 100 more credits as Rig, "
        "the usual stint before stepping up to Head."
    )
    assert why["hours", "etcp-rigger-arena"] == (
        "Document about 3,000 more hours of relevant work, "
        "since ETCP Arena needs 3,000 documented hours."
    )
    assert why["gated-certification", "etcp-rigger-arena"] == (
        "Then go for ETCP Arena, which needs 3,000 documented hours."
    )


def test_with_enough_hours_etcp_is_taken_now_right_after_osha_10():
    profile = WorkerSnapshot(
        roles=(HeldRole("rig", "mid", 4),),
        skills={"knots": 5, "motors": 4, "lift": 3},
        certifications=(HeldCertification("mewp", date(2030, 1, 1)),),
        experience=(RoleExperience("hand", 30, 1000), RoleExperience("rig", 100, 4000)),
        age=30,
    )
    plan = next_steps(RIGGING, profile, "head")
    assert plan.path.roles == ("rig", "head")
    assert kinds(plan) == [
        ("certification", "osha-10"),
        ("certification", "etcp-rigger-arena"),
        ("certification", "first-aid-cpr"),
        ("certification", "osha-30"),
    ]


def test_under_age_waits_even_with_the_hours():
    profile = WorkerSnapshot(
        certifications=(HeldCertification("osha-10"),),
        skills={"knots": 4},
        experience=(RoleExperience("rig", 80, 5000),),
        age=20,
    )
    plan = next_steps(RIGGING, profile, "head")
    assert dict((s.subject, s.why) for s in plan.steps if s.kind == "skill")["knots"] == (
        "Practise knots from 4/5 to 5/5: Head asks for 5/5."
    )
    assert kinds(plan)[-1:] == [("gated-certification", "etcp-rigger-arena")]
    assert plan.steps[-1].why == "Then go for ETCP Arena, which takes candidates aged 21 or over."


def test_renewals_come_first_and_positions_on_the_path_furthest_along_first():
    profile = WorkerSnapshot(
        roles=(HeldRole("hand", "entry", 1),),
        skills={"lift": 3, "knots": 5, "motors": 4},
        certifications=(
            HeldCertification("osha-10"),
            HeldCertification("osha-30"),
            HeldCertification("mewp"),
            HeldCertification("etcp-rigger-arena", date(2026, 5, 1)),
            HeldCertification("first-aid-cpr", date(2026, 4, 1)),
        ),
        experience=(RoleExperience("rig", 100, 4000),),
    )
    openings = [
        Opening(7, "hand", "Load-in crew", date(2026, 4, 2)),
        Opening(3, "rig", "", date(2026, 4, 9)),
        Opening(2, "rig", "", date(2026, 4, 9)),
        Opening(1, "rig", "", date(2026, 4, 3)),
        Opening(9, "box", "Box office"),
        Opening(5, "head", "Arena head rigger"),
    ]
    plan = next_steps(RIGGING, profile, "head", next_call_date=date(2026, 5, 2), openings=openings)
    assert kinds(plan) == [
        ("renew", "first-aid-cpr"),
        ("renew", "etcp-rigger-arena"),
        ("position", "5"),
        ("position", "1"),
        ("position", "2"),
        ("position", "3"),
        ("position", "7"),
    ]
    assert plan.steps[0].why == (
        "Renew First aid before 2026-04-01: it lapses ahead of your next call on 2026-05-02."
    )
    assert plan.steps[2].why == (
        "Apply for Arena head rigger: you qualify, and it is the role you are aiming for."
    )
    assert plan.steps[3].why == (
        "Apply for the Rig position: you qualify, and credits as Rig count toward the path."
    )


def test_prerequisites_win_over_course_length_and_slug():
    graph = CareerGraph.build(
        [node("t", "entry", 0, certs=["a-advanced", "first-aid-cpr"])],
        [CertificationInfo("a-advanced", prerequisites=("b-basic",)), CertificationInfo("b-basic")],
    )
    worker = WorkerSnapshot(experience=(RoleExperience("t", credits=1),))
    # Left to course length and slug, a-advanced would come before b-basic.
    assert kinds(next_steps(graph, worker, "t")) == [
        ("certification", "first-aid-cpr"),
        ("certification", "b-basic"),
        ("certification", "a-advanced"),
    ]


# --- Start here --------------------------------------------------------------------------

REAL = graph_from_records(catalog.ROLES, catalog.CERTIFICATIONS, catalog.SKILLS)


def test_start_here_matches_interests_to_entry_roles():
    assert [s.role for s in start_here(REAL, ["sound"])] == ["stagehand"]
    assert [s.role for s in start_here(REAL, ["studio"])] == ["studio-assistant"]
    # A lighting role of its own first, then the stagehand's road into lighting and video.
    light = start_here(REAL, ["Light"])
    assert [(s.role, s.leads_to) for s in light] == [
        ("spot-operator", ("lighting-tech",)),
        ("stagehand", ("lighting-tech", "spot-operator", "video-tech")),
    ]
    assert light[1].why == (
        "Stagehand takes newcomers and is the usual way up to Lighting Technician, "
        "Spot Operator or Video Technician."
    )
    both = start_here(REAL, ["sound", "light", "rigging"])
    assert [(s.role, s.interests) for s in both] == [
        ("stagehand", ("light", "rigging", "sound")),
        ("spot-operator", ("light",)),
    ]


def test_start_here_without_interests_lists_every_entry_role_and_refuses_unknown_ones():
    assert [s.role for s in start_here(REAL, [])] == sorted(REAL.entry_roles())
    with refused("interests: unknown interest 'cooking'"):
        start_here(REAL, ["sound", "cooking"])


# --- The shipped catalog -----------------------------------------------------------------


def test_every_catalog_role_is_reachable_from_an_entry_level_role():
    assert reachable_from(REAL.entry_roles(), REAL.edges()) == set(REAL.roles)
    no_path = [slug for slug in REAL.roles if not career_path(REAL, [], slug).steps]
    assert no_path == []


def test_the_catalog_route_into_front_of_house():
    # The catalog has no entry-level audio role: stagehands move up to audio tech (A2).
    path = career_path(REAL, [], "foh-engineer")
    assert (path.roles, path.total_years) == (("stagehand", "audio-tech", "foh-engineer"), 5)
    assert career_path(REAL, ["stagehand"], "foh-engineer").roles == path.roles
    assert career_path(REAL, ["monitor-engineer"], "foh-engineer").roles == (
        "monitor-engineer",
        "foh-engineer",
    )


def test_a_catalog_newcomer_aiming_for_head_rigger_takes_osha_10_before_etcp():
    plan = next_steps(REAL, WorkerSnapshot(age=19), "head-rigger")
    certs = [s.subject for s in plan.steps if s.kind.endswith("certification")]
    assert plan.path.roles == ("stagehand", "rigger", "head-rigger")
    assert certs == ["ges-10", "osha-10", "mewp", "first-aid-cpr", "osha-30", "etcp-rigger-arena"]
