"""Patch changed workers and positions into built indexes, without rebuilding. No Django.

Both functions return new index objects and leave the ones given untouched: a thread may
still be ranking with those. Changed rows are overwritten, new ones appended, deleted ones
emptied: a worker with no role and no row anywhere, a position no worker's level reaches
(a tombstone: the kernel's rules exclude it, and ranking ties break on ids, not rows).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .build import I64
from .kernel import NO_DAY, PositionIndex, WorkerIndex

CLOSED_LEVEL = np.int8(127)  # above every level rank: nobody qualifies for a closed row
# Per-worker columns and what an emptied (deleted) worker holds in them.
BLANK = {
    "lat": np.nan, "lon": np.nan, "radius_km": 0.0, "will_tour": False, "union_good": False,
    "day_rate": np.nan, "hour_rate": np.nan, "currency": 0, "rating_sum": 0.0,
    "rating_count": 0.0, "completed": 0, "no_shows": 0, "late_cancels": 0, "hours_30d": 0.0,
}  # fmt: skip
# Per-worker matrices (one column per worker) and the blank column's rows, sentinel last.
MATRICES = {"role_level": (-1, None), "skill_level": (0, 5), "cert_from": (NO_DAY, -1),
            "cert_to": (-1, NO_DAY)}  # fmt: skip


def _grow(a: np.ndarray, extra: int, fill, axis: int = 0) -> np.ndarray:
    if extra == 0:
        return a.copy()
    shape = list(a.shape)
    shape[axis] = extra
    return np.concatenate([a, np.full(shape, fill, dtype=a.dtype)], axis=axis)


def _patch_table(table: dict, rows: np.ndarray, fresh: dict, at: np.ndarray, valued: bool):
    """A per-organisation table without `rows`, plus `fresh`'s entries (its rows mapped
    through `at`), each organisation's worker rows kept sorted."""
    out = {}
    for org, entry in table.items():
        idx = entry[0] if valued else entry
        keep = ~np.isin(idx, rows)
        if keep.all():
            out[org] = entry
        elif keep.any():
            out[org] = (idx[keep], entry[1][keep]) if valued else idx[keep]
    for org, entry in fresh.items():
        idx = at[entry[0] if valued else entry]
        old = out.get(org)
        if old is None:
            old_idx, old_val = np.zeros(0, dtype=I64), np.zeros(0)
        else:
            old_idx, old_val = old if valued else (old, np.zeros(len(old)))
        merged = np.concatenate([old_idx, idx])
        order = np.argsort(merged, kind="stable")
        if valued:
            out[org] = (merged[order], np.concatenate([old_val, entry[1]])[order])
        else:
            out[org] = merged[order]
    return out


def patch_workers(w: WorkerIndex, fresh: WorkerIndex, ids) -> WorkerIndex | None:
    """`w` with the workers `ids` replaced by their rows in `fresh` (built from the same
    catalog with only those workers; a worker of `ids` missing from it was deleted).
    None when a patch can't keep the index exact (a new currency, a new id below the
    largest): build afresh then."""
    if any(c not in w.currencies for c in fresh.currencies):
        return None
    ids = np.asarray(sorted(ids), dtype=I64)
    n_old = w.size
    at_old = np.searchsorted(w.ids, ids)
    known = (at_old < n_old) & (w.ids[np.minimum(at_old, max(n_old - 1, 0))] == ids)
    if n_old == 0:
        known = np.zeros(len(ids), dtype=bool)
    new_ids = fresh.ids[~np.isin(fresh.ids, w.ids)]
    if len(new_ids) and n_old and new_ids.min() <= w.ids[-1]:
        return None
    extra = len(new_ids)
    n = n_old + extra
    # The row of each changed worker in the patched index, and of each of fresh's rows.
    row_of = dict(zip(w.ids[at_old[known]].tolist(), at_old[known].tolist(), strict=True))
    row_of |= {int(x): n_old + i for i, x in enumerate(new_ids)}
    rows = np.array(sorted(row_of.values()), dtype=I64)
    at = np.array([row_of[int(x)] for x in fresh.ids], dtype=I64)

    changes = {"ids": np.concatenate([w.ids, new_ids])}
    for name, blank in BLANK.items():
        col = _grow(getattr(w, name), extra, blank)
        col[rows] = blank
        changes[name] = col
    for name, (blank, sentinel) in MATRICES.items():
        m = _grow(getattr(w, name), extra, blank, axis=1)
        last = m.shape[0] if sentinel is None else m.shape[0] - 1
        m[:last, rows] = blank
        if sentinel is not None:
            m[last, n_old:] = sentinel
        m[:last, at] = getattr(fresh, name)[:last]
        changes[name] = m
    for name in BLANK:
        if name != "currency":
            changes[name][at] = getattr(fresh, name)
    code = np.array([w.currencies.index(c) for c in fresh.currencies] or [0], dtype=np.int16)
    changes["currency"][at] = code[fresh.currency] if len(at) else 0

    # Busy intervals (CSR by worker row): drop the changed workers', add fresh's.
    counts = np.diff(w.busy_ptr)
    owner = np.repeat(np.arange(n_old, dtype=I64), counts)
    keep = ~np.isin(owner, rows)
    fresh_owner = at[np.repeat(np.arange(fresh.size, dtype=I64), np.diff(fresh.busy_ptr))]
    owner = np.concatenate([owner[keep], fresh_owner])
    start = np.concatenate([w.busy_start[keep], fresh.busy_start])
    order = np.lexsort((start, owner))
    changes["busy_start"] = start[order]
    changes["busy_end"] = np.concatenate([w.busy_end[keep], fresh.busy_end])[order]
    changes["busy_booking"] = np.concatenate([w.busy_booking[keep], fresh.busy_booking])[order]
    ptr = np.zeros(n + 1, dtype=I64)
    np.cumsum(np.bincount(owner, minlength=n), out=ptr[1:])
    changes["busy_ptr"] = ptr

    role_level = changes["role_level"]
    touched = np.flatnonzero(
        (role_level[:, rows] >= 0).any(axis=1)
        | np.array([np.isin(m, rows).any() for m in w.role_members], dtype=bool)
    )
    members = list(w.role_members)
    for r in touched:
        members[r] = np.flatnonzero(role_level[r] >= 0)
    changes["role_members"] = members
    changes["org_worked"] = _patch_table(w.org_worked, rows, fresh.org_worked, at, True)
    changes["org_first_call"] = _patch_table(w.org_first_call, rows, fresh.org_first_call, at, True)
    changes["org_blocked"] = _patch_table(w.org_blocked, rows, fresh.org_blocked, at, False)
    return replace(w, **changes)


def _pad_to(a: np.ndarray, width: int, fill) -> np.ndarray:
    if a.shape[1] >= width:
        return a
    return np.concatenate([a, np.full((a.shape[0], width - a.shape[1]), fill, a.dtype)], axis=1)


def patch_positions(p: PositionIndex, specs: list, rows: dict, fresh: PositionIndex,
                    fresh_specs: list, changed, workers: WorkerIndex,
                    ) -> tuple[PositionIndex, list, dict]:  # fmt: skip
    """`p` with the positions `changed` closed, and `fresh`'s rows (those of them still
    open, built against `workers`) appended. Returns the index, its spec per row (None
    where closed) and the position id -> row map."""
    specs, rows = list(specs), dict(rows)
    level = p.level.copy()
    for pid in changed:
        r = rows.pop(pid, None)
        if r is not None:
            specs[r] = None
            level[r] = CLOSED_LEVEL
    skill, cert = len(workers.skill_names), len(workers.cert_names)  # the sentinel ids
    padding = {"skill_ids": skill, "skill_min": 0, "fit_skill_ids": skill, "fit_skill_min": 0,
               "fit_skill_valid": False, "cert_ids": cert}  # fmt: skip
    columns = {}
    for name, value in vars(p).items():
        base, new = (level if name == "level" else value), getattr(fresh, name)
        if name in padding:
            width = max(base.shape[1], new.shape[1])
            base, new = _pad_to(base, width, padding[name]), _pad_to(new, width, padding[name])
        columns[name] = np.concatenate([base, new], axis=0)
    for s in fresh_specs:
        rows[s.id] = len(specs)
        specs.append(s)
    return replace(p, **columns), specs, rows
