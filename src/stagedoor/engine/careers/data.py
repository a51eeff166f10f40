"""Trade data the career navigator needs that the role catalog does not hold.

Plain Python with no Django, read by ``stagedoor.engine.careers``. Everything here is a
tunable assumption written down once, so the rules that use it stay data-driven.
"""

from __future__ import annotations

from dataclasses import dataclass

# The catalog lists each role's skills without levels. A role expects its skills at its
# career level's rank + 2 on the 1-5 worker scale: entry 2 (working knowledge), mid 3
# (works unsupervised), senior 4 (advanced) and lead 5 (expert, teaches others).
SKILL_LEVEL_BY_ROLE_LEVEL = {"entry": 2, "mid": 3, "senior": 4, "lead": 5}

# Desks and DAWs come in families that transfer: a role listing four consoles wants
# fluency on one of them, not all four. Skills in these categories are merged into one
# "any of" requirement per role, keyed by the category.
INTERCHANGEABLE_SKILL_CATEGORIES = frozenset({"audio-console", "lighting-console", "daw"})

# Typical documented working hours and credits per year spent in a role, used to turn a
# role's typical years into an experience requirement. Freelance crew work in bursts;
# about a hundred ten-hour calls and a credited show or project every other week.
HOURS_PER_YEAR = 1000
CREDITS_PER_YEAR = 25

# Days of course time (or exam day) to earn each certification: the cheap ones go first
# in a plan. Certifications not listed here count as DEFAULT_COURSE_DAYS.
COURSE_DAYS = {
    "first-aid-cpr": 1,
    "food-hygiene": 1,
    "crowd-safety": 1,
    "dante-level-1": 1,
    "dante-level-2": 1,
    "dante-level-3": 2,
    "mewp": 1,
    "forklift": 1,
    "osha-10": 2,
    "ges-10": 2,
    "osha-30": 4,
    "security-licence": 3,
    "etcp-rigger-arena": 1,
    "etcp-rigger-theatre": 1,
    "etcp-electrician": 1,
    "etcp-ppdt": 1,
}
DEFAULT_COURSE_DAYS = 3

# A newcomer's interests, each mapped to the departments it covers.
INTERESTS = {
    "sound": ("audio", "backline"),
    "light": ("lighting", "video"),
    "rigging": ("rigging", "staging"),
    "touring": ("touring", "production", "backline", "merchandise"),
    "venue business": (
        "box-office",
        "marketing",
        "hospitality",
        "front-of-house-ops",
        "security",
        "merchandise",
    ),
    "studio": ("studio",),
}


@dataclass(frozen=True)
class EntryRoute:
    """A way into the trade for someone with no credits yet."""

    slug: str
    name: str
    departments: tuple[str, ...]
    why: str


_CREW = ("audio", "lighting", "rigging", "staging", "video", "backline", "production")
_VENUE = ("box-office", "marketing", "hospitality", "front-of-house-ops", "security")

# Most broadly useful first; a plan keeps the ones that fit the departments on the path.
ENTRY_ROUTES = (
    EntryRoute(
        "festival-volunteering",
        "Festival volunteering",
        (*_CREW, *_VENUE, "touring", "merchandise"),
        "Festival crews take volunteers every season, and a weekend of site work is the "
        "quickest way to a first credit and a reference.",
    ),
    EntryRoute(
        "local-stagehand-calls",
        "Local stagehand calls",
        ("audio", "lighting", "rigging", "staging", "video"),
        "Union halls and crewing firms send non-members on load-in and load-out calls, "
        "which puts you next to every technical department.",
    ),
    EntryRoute(
        "production-company-internship",
        "Production company internship",
        (*_CREW, "touring"),
        "Rental and production houses train interns in the warehouse and on smaller jobs "
        "before trusting them on a show.",
    ),
    EntryRoute(
        "venue-internship",
        "Venue internship",
        (*_VENUE, "production", "audio", "lighting"),
        "Mid-size venues take interns across the house, from the box office to the tech "
        "crew, so you see how a show night runs end to end.",
    ),
    EntryRoute(
        "club-work",
        "Club work",
        ("audio", "lighting", "security", "box-office", "hospitality", "front-of-house-ops"),
        "Small clubs need hands most nights: working the door or helping the house "
        "engineer builds a track record fast.",
    ),
    EntryRoute(
        "community-theatre",
        "Community theatre",
        ("lighting", "staging", "rigging", "audio", "production"),
        "Community and fringe theatres welcome volunteers for build, rig and running crew, "
        "with less pressure than a concert call.",
    ),
    EntryRoute(
        "studio-assisting",
        "Studio assisting",
        ("studio",),
        "Studios bring in assistants to set up sessions, log takes and look after clients, "
        "and that is where engineers are spotted.",
    ),
)
