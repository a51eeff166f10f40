"""How stale the matching index gets under the load benchmark's writes (issue 22: "the index
never stale by more than a second").

Run by `benchmarks/load.py` beside the Locust mix, in its own process with the world's
environment: `python -m benchmarks.staleness CONFIG SECONDS OUT`. Over and over until
SECONDS have passed, it takes an open call of one of the run's managers and the best crew
member the candidates endpoint lists for it, and then, on its own database connection:

1. the worker marks the call's hours off (`people.services.availability_add`, committed);
   the probe asks the candidates endpoint again and again until a reply leaves them out;
2. the block is deleted (as the admin does); the probe asks until a reply lists them again.

Every gunicorn process patches its index from the change log before it answers, so a
request begun after the commit should never show the old state. For each change the probe
records the lag (commit to the end of the first reply that shows it: one request's latency
under load, at least) and every reply begun after the commit that still showed the old state,
with how long after the commit it began: that is the staleness the issue bounds. A change
whose reply never came within `WAIT` (the worker booked or the call filled meanwhile by the
mix) is counted as unresolved, not as stale. Writes JSON to OUT.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
import urllib.request
from pathlib import Path

from .load import HOST, _django

WAIT = 10.0  # seconds to wait for a change to show before calling it unresolved


def _listed(host: str, position: int, token: str) -> tuple[list[str] | None, float, float]:
    """The workers the candidates endpoint lists (None if it failed: Locust's table counts
    the server's errors), and when the request began and ended."""
    request = urllib.request.Request(
        f"{host}/api/positions/{position}/candidates?k=20",
        headers={"Authorization": f"Bearer {token}"},
    )
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            rows = json.loads(reply.read())
    except OSError:
        return None, began, time.perf_counter()
    return [r["worker"] for r in rows], began, time.perf_counter()


def _until(host: str, position: int, token: str, slug: str, *, listed: bool, since: float) -> dict:
    """Ask until `slug` is (or is no longer) listed; the lag and the stale replies."""
    stale, deadline = [], since + WAIT
    while time.perf_counter() < deadline:
        workers, began, ended = _listed(host, position, token)
        if workers is None:
            continue
        if (slug in workers) == listed:
            return {"lag_ms": (ended - since) * 1000, "stale_ms": stale}
        if began > since:
            stale.append((began - since) * 1000)
    return {"lag_ms": None, "stale_ms": stale}


def probe(config: dict, seconds: float, host: str = HOST) -> dict:
    from django.db import close_old_connections

    from stagedoor.gigs.models import Position
    from stagedoor.people.models import AvailabilityBlock, WorkerProfile
    from stagedoor.people.services import availability_add

    rng = random.Random(22)
    token = config["admin_token"]
    calls = [p for m in config["managers"] for p in m["positions"]]
    changes, stop = [], time.perf_counter() + seconds
    while calls and time.perf_counter() < stop:
        close_old_connections()
        position = Position.objects.get(pk=rng.choice(calls))
        workers, _, _ = _listed(host, position.pk, token)
        if not workers:
            continue
        worker = WorkerProfile.objects.select_related("user").get(slug=workers[0])
        block = availability_add(
            actor=worker.user,
            worker=worker,
            kind=AvailabilityBlock.Kind.UNAVAILABLE,
            starts_at=position.call_start - dt.timedelta(hours=1),
            ends_at=position.call_end + dt.timedelta(hours=1),
            reason="load benchmark probe",
        )
        try:
            off = _until(
                host, position.pk, token, worker.slug, listed=False, since=time.perf_counter()
            )
        finally:
            block.delete()
        back = _until(host, position.pk, token, worker.slug, listed=True, since=time.perf_counter())
        changes += [off, back]
    lags = sorted(c["lag_ms"] for c in changes if c["lag_ms"] is not None)
    stale = [s for c in changes for s in c["stale_ms"]]
    return {
        "changes": len(changes),
        "unresolved": sum(c["lag_ms"] is None for c in changes),
        "lag_p50_ms": lags[len(lags) // 2] if lags else None,
        "lag_max_ms": lags[-1] if lags else None,
        "stale_replies": len(stale),
        "stale_max_ms": max(stale, default=0.0),
    }


def main(argv: list[str]) -> None:
    _django()
    config = json.loads(Path(argv[0]).read_text())
    Path(argv[2]).write_text(json.dumps(probe(config, float(argv[1]))))


if __name__ == "__main__":
    main(sys.argv[1:])
