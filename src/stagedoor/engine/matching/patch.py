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


def _hits(idx: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which of `rows` (sorted) the sorted `idx` holds."""
    if not len(idx):
        return np.zeros(len(rows), dtype=bool)
    at = np.searchsorted(idx, rows)
    return (at < len(idx)) & (idx[np.minimum(at, len(idx) - 1)] == rows)


def _patch_table(table: dict, rows: np.ndarray, fresh: dict, at: np.ndarray, valued: bool):
    """A per-organisation table without `rows`, plus `fresh`'s entries (its rows mapped
    through `at`), each organisation's worker rows kept sorted. Organisations none of
    `rows` appear in keep their arrays (found by binary search, not a scan)."""
    out = {}
    for org, entry in table.items():
        idx = entry[0] if valued else entry
        hit = _hits(idx, rows)
        if not hit.any():
            out[org] = entry
            continue
        keep = ~np.isin(idx, rows[hit])
        if keep.any():
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


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")


def _patched_column(old: np.ndarray, rows, values, extra: int, blank, axis: int = 0):
    """`old` with its `rows` (along `axis`) set to `values`, grown by `extra` blank rows:
    `old` itself, shared, when that changes nothing; else a copy (never `old` in place)."""
    if extra == 0 and _same(np.take(old, rows, axis=axis), values):
        return old
    out = _grow(old, extra, blank, axis=axis)
    if axis == 0:
        out[rows] = values
    else:
        out[:, rows] = values
    return out


def _busy(w: WorkerIndex, fresh: WorkerIndex, rows: np.ndarray, at: np.ndarray, n: int):
    """The busy intervals (CSR by worker row) with the changed rows' spans replaced by
    fresh's: the untouched spans between them are copied over as they are, in row order."""
    ptr, fptr, n_old = w.busy_ptr, fresh.busy_ptr, w.size
    fresh_of = dict(zip(at.tolist(), range(len(at)), strict=True))
    names = ("busy_start", "busy_end", "busy_booking")
    pieces = {name: [] for name in names}
    counts = np.zeros(n, dtype=I64)
    counts[:n_old] = np.diff(ptr)
    prev = 0
    for r in rows.tolist():
        stop = int(ptr[min(r, n_old)])
        j = fresh_of.get(r)
        for name in names:
            pieces[name].append(getattr(w, name)[prev:stop])
            if j is not None:
                pieces[name].append(getattr(fresh, name)[fptr[j] : fptr[j + 1]])
        counts[r] = 0 if j is None else fptr[j + 1] - fptr[j]
        prev = int(ptr[r + 1]) if r < n_old else stop
    changes = {name: np.concatenate([*pieces[name], getattr(w, name)[prev:]]) for name in names}
    if n == n_old and all(_same(changes[x], getattr(w, x)) for x in names):
        return {name: getattr(w, name) for name in (*names, "busy_ptr")}
    changes["busy_ptr"] = np.zeros(n + 1, dtype=I64)
    np.cumsum(counts, out=changes["busy_ptr"][1:])
    return changes


def patch_workers(w: WorkerIndex, fresh: WorkerIndex, ids) -> WorkerIndex | None:
    """`w` with the workers `ids` replaced by their rows in `fresh` (built from the same
    catalog with only those workers; a worker of `ids` missing from it was deleted).
    None when a patch can't keep the index exact (a new currency, a new id below the
    largest): build afresh then.

    Only what changes is copied: a column or matrix whose changed rows hold what they held
    already is shared with `w` (a skill's level copies the skill matrix alone, a booking
    none of them), and the busy intervals are spliced, not sorted again."""
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
    slot = np.searchsorted(rows, at)  # where each of fresh's rows sits among `rows`

    changes = {"ids": np.concatenate([w.ids, new_ids]) if extra else w.ids}
    code = np.array([w.currencies.index(c) for c in fresh.currencies] or [0], dtype=np.int16)
    for name, blank in BLANK.items():
        old = getattr(w, name)
        values = np.full(len(rows), blank, dtype=old.dtype)
        new = getattr(fresh, name)
        values[slot] = code[new] if name == "currency" and len(at) else new
        changes[name] = _patched_column(old, rows, values, extra, blank)
    for name, (blank, sentinel) in MATRICES.items():
        old = getattr(w, name)
        last = old.shape[0] if sentinel is None else old.shape[0] - 1
        values = np.full((old.shape[0], len(rows)), blank, dtype=old.dtype)
        if sentinel is not None:
            values[last] = sentinel
        values[:last, slot] = getattr(fresh, name)[:last]
        changes[name] = _patched_column(old, rows, values, extra, blank, axis=1)
        if sentinel is not None and changes[name] is not old:
            changes[name][last, n_old:] = sentinel

    changes |= _busy(w, fresh, rows, at, n)

    role_level = changes["role_level"]
    if role_level is w.role_level and not extra:
        changes["role_members"] = w.role_members
    else:
        known_rows = rows[rows < n_old]
        touched = np.flatnonzero(
            (role_level[:, rows] >= 0).any(axis=1) | (w.role_level[:, known_rows] >= 0).any(axis=1)
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
