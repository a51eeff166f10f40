"""Sentences that say why a worker ranks where they do, or why they are excluded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..levels import LEVELS
from .kernel import (
    COMPONENTS,
    NO_DAY,
    Evaluation,
    PositionIndex,
    WorkerIndex,
    asking_rate,
)

UNITS = ("hour", "day", "flat")


@dataclass(frozen=True)
class Reason:
    component: str
    points: float  # contribution to the score out of 100
    text: str


def day_text(day: int) -> str:
    return dt.date.fromordinal(int(day)).strftime("%Y-%m")


def _money(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def reasons(
    w: WorkerIndex, p: PositionIndex, ev: Evaluation, row: int, *, to_worker: bool = False
) -> list[Reason]:
    """One sentence per component for pair `row` of an evaluation, best contribution first.

    Managers read them about the worker ("asks 280 USD/day, you pay 385"); with `to_worker`
    the worker reads them about the call ("pays 385 USD/day; you ask 280")."""
    wi, pi = int(ev.wi[row]), int(ev.pi[row])
    weights = p.weights[pi]
    points = 100.0 * ev.components[row] * weights / weights.sum()
    hours = f"worked {w.hours_30d[wi]:.0f} h in the last 30 days"
    texts = {
        "fit": _fit_text(w, p, ev, row, to_worker),
        "reputation": _reputation_text(w, wi, to_worker),
        "reliability": _reliability_text(w, wi),
        "familiarity": _familiarity_text(w, p, wi, pi, to_worker),
        "distance": _distance_text(p, ev, row),
        "cost": _cost_text(w, p, wi, pi, to_worker),
        "fairness": f"you {hours}" if to_worker else hours,
    }
    out = [Reason(name, float(points[i]), texts[name]) for i, name in enumerate(COMPONENTS)]
    return sorted(out, key=lambda r: -r.points)


def _fit_text(w: WorkerIndex, p: PositionIndex, ev: Evaluation, row: int, to_worker=False) -> str:
    wi, pi = int(ev.wi[row]), int(ev.pi[row])
    role = w.role_names[int(p.role[pi])]
    held = LEVELS[int(ev.rank[row])] if ev.rank[row] >= 0 else "no"
    you = "you are " if to_worker else ""
    parts = [f"{you}{held} {role} (needs {LEVELS[int(p.level[pi])]})"]
    for sid, smin in zip(p.skill_ids[pi], p.skill_min[pi], strict=True):
        if sid < len(w.skill_names):
            parts.append(f"{w.skill_names[sid]} {w.skill_level[sid, wi]}/5 (needs {smin})")
    for cid in p.cert_ids[pi]:
        if cid < len(w.cert_names):
            to = w.cert_to[cid, wi]
            until = "no expiry" if to == NO_DAY else f"valid to {day_text(to)}"
            parts.append(f"{w.cert_names[cid]} {until}")
    return "; ".join(parts)


def _reputation_text(w: WorkerIndex, wi: int, to_worker: bool = False) -> str:
    n = int(w.rating_count[wi])
    if n == 0:
        return "no ratings yet (counted as average)"
    you = "you are " if to_worker else ""
    return f"{you}rated {w.rating_sum[wi] / n:.1f}/5 over {n} verified credit{'s' * (n != 1)}"


def _reliability_text(w: WorkerIndex, wi: int) -> str:
    done, ns, late = int(w.completed[wi]), int(w.no_shows[wi]), int(w.late_cancels[wi])
    if ns == 0 and late == 0:
        return f"no no-shows or late cancellations in {done} booking{'s' * (done != 1)}"
    return f"{ns} no-show{'s' * (ns != 1)}, {late} late cancellation{'s' * (late != 1)} in {done + ns + late} bookings"  # noqa: E501


def _familiarity_text(
    w: WorkerIndex, p: PositionIndex, wi: int, pi: int, to_worker: bool = False
) -> str:
    org = int(p.org[pi])
    them = "them" if to_worker else "you"
    their = "their" if to_worker else "your"
    parts = []
    worked = w.org_worked.get(org)
    if worked is not None:
        at = np.searchsorted(worked[0], wi)
        if at < len(worked[0]) and worked[0][at] == wi:
            n = int(worked[1][at])
            parts.append(f"{'you ' if to_worker else ''}worked {n} show{'s' * (n != 1)} for {them}")
    first = w.org_first_call.get(org)
    if first is not None:
        at = np.searchsorted(first[0], wi)
        if at < len(first[0]) and first[0][at] == wi:
            parts.append(f"on {their} first-call list (#{int(first[1][at])})")
    if to_worker:
        return "; ".join(parts) or "you have not worked for them yet"
    return "; ".join(parts) or "has not worked for you yet"


def _distance_text(p: PositionIndex, ev: Evaluation, row: int) -> str:
    pi = int(ev.pi[row])
    if p.remote[pi]:
        return "remote work: no travel"
    d = ev.distance_km[row]
    if np.isnan(d):
        return "no location to measure"
    return f"{d:.0f} km from the venue"


def _cost_text(w: WorkerIndex, p: PositionIndex, wi: int, pi: int, to_worker=False) -> str:
    unit = UNITS[int(p.pay_unit[pi])]
    pay, cur = p.pay[pi], w.currencies[int(p.currency[pi])]
    ask = asking_rate(w, p, np.array([wi]), np.array([pi]))[0]
    if unit == "flat":
        return f"flat fee of {_money(pay)} {cur}"
    if to_worker:
        if np.isnan(ask):
            return f"pays {_money(pay)} {cur}/{unit}; you have no {cur} {unit} rate to compare"
        return f"pays {_money(pay)} {cur}/{unit}; you ask {_money(ask)}"
    if np.isnan(ask):
        return f"no {cur} {unit} rate to compare with your {_money(pay)} {cur}/{unit}"
    return f"asks {_money(ask)} {cur}/{unit}, you pay {_money(pay)}"


def _radius_text(w: WorkerIndex, p: PositionIndex, ev: Evaluation, row: int) -> str:
    wi, pi = int(ev.wi[row]), int(ev.pi[row])
    away, radius = f"{ev.distance_km[row]:,.0f}", f"{w.radius_km[wi]:,.0f}"
    if p.touring[pi]:
        return f"lives {away} km away, beyond their {radius} km radius, and does not tour"
    if w.will_tour[wi]:
        # Willing to tour, but touring only lifts the radius for the tour's own crew.
        return f"lives {away} km away; this is a local call and their radius is {radius} km"
    return f"lives {away} km away, beyond their {radius} km radius"


def why_not_texts(w: WorkerIndex, p: PositionIndex, ev: Evaluation, row: int) -> list[str]:
    """The hard rules that exclude pair `row`, as sentences (empty when eligible)."""
    wi, pi = int(ev.wi[row]), int(ev.pi[row])
    role = w.role_names[int(p.role[pi])]
    out = []
    f = {name: bool(mask[row]) for name, mask in ev.failures.items()}
    if f["role"]:
        out.append(f"does not work as {role}")
    if f["level"]:
        out.append(
            f"is {LEVELS[int(ev.rank[row])]} {role}; the position needs {LEVELS[int(p.level[pi])]}"
        )
    if f["skills"]:
        for sid, smin in zip(p.skill_ids[pi], p.skill_min[pi], strict=True):
            if sid < len(w.skill_names) and w.skill_level[sid, wi] < smin:
                out.append(f"{w.skill_names[sid]} at {w.skill_level[sid, wi]}/5, needs {smin}")
    if f["certifications"]:
        for cid in p.cert_ids[pi]:
            if cid >= len(w.cert_names):
                continue
            frm, to = w.cert_from[cid, wi], w.cert_to[cid, wi]
            if frm == NO_DAY:
                out.append(f"no {w.cert_names[cid]}")
            elif to < p.end_day[pi]:
                out.append(f"{w.cert_names[cid]} expired {dt.date.fromordinal(int(to))}")
            elif frm > p.start_day[pi]:
                out.append(f"{w.cert_names[cid]} not valid until {dt.date.fromordinal(int(frm))}")
    if f["union"]:
        out.append("not a union member in good standing")
    if f["unavailable"]:
        out.append("marked unavailable during the call")
    if f["booked"]:
        out.append("booked on another call that overlaps or leaves less than the turnaround")
    if f["radius"]:
        out.append(_radius_text(w, p, ev, row))
    if f["blocked"]:
        out.append("blocked by your organisation")
    return out
