"""A run's independent parts solved elsewhere: a process pool, or real Celery workers."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from stagedoor.celery import app
from stagedoor.engine.staffing import PartTask, check_plan, process_pool_map, solve, solve_part
from stagedoor.engine.staffing.wire import (
    part_from_wire,
    part_to_wire,
    result_from_wire,
    result_to_wire,
)
from stagedoor.staffing.parts import PARTS_QUEUE, celery_map, part_mapper
from tests.booking.test_celery_worker import redis_answers, reset_pools
from tests.celery_workers import celery_worker

H = 3600
REDIS_URL = "redis://127.0.0.1:6379/13"


def three_cities(seed: int = 5):
    """Three cities' weeks with no worker in common: three independent parts."""
    rng = np.random.default_rng(seed)
    starts, ends, heads, pos, wrk = [], [], [], [], []
    for city in range(3):
        for _ in range(12):
            s = int(rng.integers(0, 7 * 24)) * H
            starts.append(s)
            ends.append(s + int(rng.integers(3, 9)) * H)
            heads.append(int(rng.integers(1, 3)))
        for p in range(city * 12, city * 12 + 12):
            for w in rng.choice(8, size=4, replace=False):
                pos.append(p)
                wrk.append(city * 8 + int(w))
    from stagedoor.engine.staffing import StaffingProblem

    return StaffingProblem(
        start=starts, end=ends, headcount=heads, n_workers=24, pair_pos=pos, pair_worker=wrk,
        pair_score=rng.uniform(0, 100, len(pos)), turnaround=np.full(36, 10 * H),
    )  # fmt: skip


def test_parts_survive_json():
    problem = three_cities()
    task = PartTask(problem, "fill", 1.0, 0, 1, True)
    wire = json.loads(json.dumps(part_to_wire(task)))
    again = part_from_wire(wire)
    assert part_to_wire(again) == part_to_wire(task)
    result = solve_part(again)
    back = result_from_wire(json.loads(json.dumps(result_to_wire(result))))
    assert back.chosen.tolist() == result.chosen.tolist()
    assert back.status == result.status


def test_process_pool_gives_the_same_plan():
    problem = three_cities()
    here = solve(problem, objective="headcount", time_limit=3, with_bound=False)
    pooled = solve(
        problem, objective="headcount", time_limit=3, with_bound=False,
        map_parts=process_pool_map(2),
    )  # fmt: skip
    assert here.parts == pooled.parts == 3
    assert pooled.chosen.tolist() == here.chosen.tolist()
    assert check_plan(problem, pooled.chosen) == []


def test_part_mapper_follows_settings(settings):
    settings.STAGEDOOR_STAFFING_PROCESSES = 1
    assert part_mapper().__name__ == "sequential_map"
    settings.STAGEDOOR_STAFFING_PROCESSES = 2
    assert part_mapper().__name__ == "mapper"
    settings.STAGEDOOR_STAFFING_PARTS = "celery"  # but no broker: stays local
    assert part_mapper().__name__ == "mapper"


def forget_backend() -> None:
    # The result backend is built on first use and cached per thread, whatever the
    # configuration says afterwards.
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def staffing_worker(tmp_path):
    """Celery on Redis (broker and results) with one worker on the staffing queue."""
    saved = (app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend)
    app.conf.task_always_eager = False
    app.conf.broker_url = app.conf.result_backend = REDIS_URL
    reset_pools()
    forget_backend()
    env = os.environ | {"CELERY_BROKER_URL": REDIS_URL, "CELERY_RESULT_BACKEND": REDIS_URL}
    try:
        with celery_worker(env, tmp_path / "worker.log", "-Q", PARTS_QUEUE):
            yield tmp_path / "worker.log"
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend = saved
        reset_pools()
        forget_backend()


@pytest.mark.integration
@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_celery_workers_solve_the_parts(staffing_worker):
    problem = three_cities()
    here = solve(problem, objective="headcount", time_limit=3, with_bound=False)
    seen = []
    remote = solve(
        problem, objective="headcount", time_limit=3, with_bound=False,
        map_parts=lambda fn, tasks, progress: celery_map(fn, tasks, progress, timeout=120),
        progress=lambda done, total, message: seen.append((done, total)),
    )  # fmt: skip
    assert remote.chosen.tolist() == here.chosen.tolist(), staffing_worker.read_text()
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert check_plan(problem, remote.chosen) == []
