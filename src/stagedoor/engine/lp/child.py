"""Linear programs solved by HiGHS (interior point) in a process of their own.

HiGHS and OR-Tools clash when loaded into one process, so this module imports neither
OR-Tools nor anything that does, and `solve_lps` and `LpJob` run HiGHS in a freshly
spawned child, which imports this module (and `colgen` for a `HeadcountBound`) only.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np


@dataclass
class LinearProgram:
    """max or min c.x subject to row_lo <= A x <= row_hi, col_lo <= x <= col_hi (A in CSR)."""

    c: np.ndarray
    col_lo: np.ndarray
    col_hi: np.ndarray
    row_starts: np.ndarray  # int64[R + 1]
    row_index: np.ndarray  # int32[nnz]
    row_value: np.ndarray  # float[nnz]
    row_lo: np.ndarray
    row_hi: np.ndarray
    maximize: bool


def _solve_one(lp: LinearProgram, time_limit: float, duals: bool = False):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    inf = highspy.kHighsInf
    n = len(lp.c)
    h.addVars(n, lp.col_lo.astype(np.float64), lp.col_hi.astype(np.float64))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), lp.c.astype(np.float64))
    rows = len(lp.row_lo)
    if rows:
        h.addRows(
            rows,
            np.where(np.isfinite(lp.row_lo), lp.row_lo, -inf).astype(np.float64),
            np.where(np.isfinite(lp.row_hi), lp.row_hi, inf).astype(np.float64),
            len(lp.row_index),
            lp.row_starts[:-1].astype(np.int32),
            lp.row_index.astype(np.int32),
            lp.row_value.astype(np.float64),
        )
    h.changeObjectiveSense(
        highspy.ObjSense.kMaximize if lp.maximize else highspy.ObjSense.kMinimize
    )
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None  # a bound is only a bound when the LP was solved to optimality
    value = float(h.getInfo().objective_function_value)
    if duals:  # (value, row duals): any duals, not only optimal ones, price a bound
        return value, np.asarray(h.getSolution().row_dual, dtype=np.float64)
    return value


def _solve_item(item, time_limit: float, duals: bool = False):
    """A LinearProgram, or any picklable object whose `solve(time_limit)` gives a bound
    (lp.colgen.HeadcountBound); either must be OR-Tools-free to run here."""
    if isinstance(item, LinearProgram):
        return _solve_one(item, time_limit, duals)
    return item.solve(time_limit)


def _solve_all(lps: list, time_limit: float) -> list[float | None]:
    # HiGHS prints a banner from C++ before any option can silence it: this child's
    # standard output is nobody's, so point it at /dev/null.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    return [_solve_item(lp, time_limit) for lp in lps]


def solve_lps(lps: list, *, time_limit: float = 60.0) -> list[float | None]:
    """Optimal values (None where HiGHS did not reach optimality), in a spawned process;
    items other than LinearProgram give their own `solve(time_limit)` (see `_solve_item`)."""
    if not lps:
        return []
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(_solve_all, lps, time_limit).result()


def _job_main(lps: list[LinearProgram], time_limit: float, conn, duals: bool = False) -> None:
    import time

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    deadline = time.monotonic() + time_limit
    for i, lp in enumerate(lps):  # each as it is solved: the caller may stop waiting
        left = deadline - time.monotonic()
        conn.send((i, _solve_item(lp, left, duals) if left > 0.05 else None))
    conn.close()


class LpJob:
    """LPs solving in a spawned process while the caller gets on with other work.

    `result(timeout)` waits at most `timeout` seconds, keeps the LPs solved by then (None
    for the others) and ends the process; `time_limit` bounds the whole batch. With
    `duals`, each solved LP gives (value, row duals). A thread takes each answer as it
    comes, so a large one never holds the child up on a full pipe.
    """

    def __init__(self, lps: list[LinearProgram], *, time_limit: float = 60.0, duals=False):
        self._n = len(lps)
        self._values: list | None = None if lps else []
        self._got: list = [None] * self._n
        self._done = threading.Event()
        if not lps:
            self._done.set()
            return
        ctx = multiprocessing.get_context("spawn")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_job_main, args=(lps, time_limit, send, duals))
        self._proc.start()
        send.close()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            for _ in range(self._n):
                i, value = self._recv.recv()
                self._got[i] = value
        except (EOFError, OSError):
            pass
        self._done.set()

    def result(self, timeout: float | None = None) -> list:
        if self._values is None:
            self._done.wait(timeout)
            self._values = list(self._got)
            self.cancel()
        return self._values

    def peek(self) -> list | None:
        """The values if the LPs are done by now, else None (and they go on solving)."""
        if self._values is None and not self._done.is_set():
            return None
        return self.result()

    def cancel(self) -> None:
        proc = getattr(self, "_proc", None)
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join()
            self._reader.join(5.0)  # the child gone, its end of the pipe is closed: EOF
            self._recv.close()
            self._proc = None


def csr(rows: list[np.ndarray], n_cols: int, values: list[np.ndarray] | None = None):
    """CSR arrays from a list of column-index arrays (coefficients 1 unless given)."""
    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(r) for r in rows])
    index = np.concatenate(rows).astype(np.int32) if rows else np.zeros(0, dtype=np.int32)
    if values is None:
        value = np.ones(len(index), dtype=np.float64)
    else:
        value = np.concatenate(values).astype(np.float64) if values else np.zeros(0)
    assert index.size == 0 or index.max() < n_cols
    return starts, index, value
