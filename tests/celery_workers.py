"""Start and stop a real `celery worker` process for the tests that need one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def celery_worker(env: dict[str, str], log: Path, *args: str) -> Iterator[subprocess.Popen]:
    """One solo-pool worker with `env`, logging to `log`; extra worker options in `args`."""
    with log.open("w") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "stagedoor", "worker", "--pool=solo",
             "--loglevel=WARNING", "--without-heartbeat", "--without-gossip",
             "--without-mingle", *args],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield worker
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
