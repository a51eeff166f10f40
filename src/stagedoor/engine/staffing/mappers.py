"""Where a run's independent parts are solved: here, one after another, or in a pool."""

from __future__ import annotations

from collections.abc import Callable, Iterable

Progress = Callable[[int, int, str], None]


def sequential_map(fn, tasks: Iterable, progress: Progress | None = None):
    tasks = list(tasks)
    out = []
    for i, task in enumerate(tasks):
        out.append(fn(task))
        if progress:
            progress(i + 1, len(tasks), f"Solved part {i + 1} of {len(tasks)}")
    return out


def process_pool_map(processes: int):
    """A mapper that solves parts in `processes` spawned processes (one machine)."""

    def mapper(fn, tasks, progress: Progress | None = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        tasks = list(tasks)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
            futures = [pool.submit(fn, t) for t in tasks]
            out = []
            for i, f in enumerate(futures):
                out.append(f.result())
                if progress:
                    progress(i + 1, len(tasks), f"Solved part {i + 1} of {len(tasks)}")
            return out

    return mapper
