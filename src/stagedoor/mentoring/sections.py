"""What mentoring adds to other pages: the career plan's "Your mentor" (the next and last
session, and a link to log one) or, before a match, "Find a mentor" (the best suggestions
near the worker, with reasons); and the mentor's recommendation beside a candidate on
Find crew."""

from __future__ import annotations

from django.urls import reverse

from stagedoor.careers.pathways import Link, PathContext, Section
from stagedoor.core.text import day

from . import selectors
from .enums import Mode, Status

SUGGESTIONS_IN_PLAN = 3


def _hub(**query) -> str:
    url = reverse("mentoring:hub")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _when(session) -> str:
    return day(session.held_on) + (f", {session.at:%H:%M}" if session.at else "")


def plan_section(context: PathContext) -> Section | None:
    """The plan's mentoring step: "Your mentor" once one has accepted, else "Find a mentor"."""
    if context.worker is None:
        return None
    mine = [m for m in selectors.as_mentee(context.worker) if m.status == Status.ACTIVE]
    return your_mentor(context, mine) if mine else find_a_mentor(context)


def your_mentor(context: PathContext, mine) -> Section:
    """The worker's mentorships as a plan step: next session, last session, log one."""
    links = []
    for m in mine:
        mentor = m.offer.worker.display_name
        coming, last = selectors.next_and_last(m, context.today)
        if coming is not None:
            text = f"Next session with {mentor}: {_when(coming)}, {coming.covered}"
        else:
            text = f"Plan your next session with {mentor}, your mentor toward {m.target.name}"
        if last is not None:
            detail = f"Last session {day(last.held_on)}: {last.covered} ({last.minutes} min)"
        elif coming is not None:
            detail = "Your first session together."
        else:
            detail = "No session held yet."
        links.append(Link(text=text, url=_hub() + f"#mentorship-{m.pk}", detail=detail))
        links.append(Link(text=f"Log a session with {mentor}", url=_hub() + f"#log-{m.pk}"))
    return Section(
        key="your-mentor",
        title="Your mentor",
        intro="Meeting your mentor is a step on your way: log each session you hold.",
        links=tuple(links),
        order=30,
    )


def find_a_mentor(context: PathContext) -> Section | None:
    """Before a match: the best mentors toward the plan's target near the worker."""
    if not context.role:
        return None
    request = selectors.open_request(context.worker, context.role)
    found = selectors.suggestions(
        worker=context.worker,
        target=context.role,
        mode=request.mode if request else Mode.EITHER,
        cadence=request.cadence if request else "monthly",
        k=SUGGESTIONS_IN_PLAN,
        route=context.route or None,
    )
    links = tuple(
        Link(
            text=f"{s.offer.worker.display_name}: {s.text}",
            url=_hub(target=context.role) + f"#mentor-{s.offer.pk}",
            distance_km=s.suggestion.distance_km,
            online=not s.suggestion.in_person,
            tag="Asked" if s.asked else "",
        )
        for s in found
    )
    return Section(
        key="find-a-mentor",
        title="Find a mentor",
        intro="Someone who does the work can show you the way in. Ask one of them:",
        links=links,
        empty="Nobody offers mentoring toward this role near you yet.",
        more_url=_hub(target=context.role),
        more_text="Ask for a mentor",
        order=30,
    )


def _title(rec) -> str:
    mentor = rec.mentorship.offer.worker
    primary = next((r for r in mentor.roles.all() if r.is_primary), None)
    what = primary.role.name.lower() if primary else rec.mentorship.offer.known_for.lower()
    return f"{mentor.display_name}, {what}" if what else mentor.display_name


def mentor_notes(position, worker_ids) -> dict[int, list[str]]:
    """For Find crew: "Recommended by Dana Whitfield, head rigger: ..." beside the mentee."""
    found = selectors.recommendations_for(worker_ids)
    role_id = getattr(position, "role_id", None)
    notes: dict[int, list[str]] = {}
    for worker_id, recs in found.items():
        # the recommendation for this call's role first
        recs = sorted(recs, key=lambda r: (r.role_id != role_id, -r.updated_at.timestamp()))
        notes[worker_id] = [
            f"Recommended by {_title(r)}, for {r.role.name}: {r.text}" for r in recs
        ]
    return notes
