"""Real traffic for `benchmarks/load.py`: who uses Stagedoor, in what proportions.

Run by the load benchmark (`locust -f benchmarks/locustfile.py --headless ...`) against
gunicorn on 127.0.0.1 with LOAD_CONFIG naming the JSON it prepared: the logins (session
cookies and API tokens it made for crew and managers), open calls, postings and search words.
The load benchmark names the user classes to run: Visitor, Worker and Manager for the mix,
CandidatesOnly for the candidates endpoint alone (the issue's baseline measure);
LOAD_MAX_REQUESTS stops the run after that many requests, whatever the time.

The user classes weigh like the trade's traffic: most are visitors reading the job board, then
crew checking Today and Gigs for you, then managers staffing calls; crew answer offers.
Every request is named by its kind, so the report reads per kind, not per URL.
"""

from __future__ import annotations

import json
import os
import random
from collections import deque
from pathlib import Path

from locust import HttpUser, between, events, task

CONFIG = json.loads(Path(os.environ.get("LOAD_CONFIG", "benchmarks/results/load.json")).read_text())
# A request slower than this counts as an error, not as one that never ended.
TIMEOUT = float(os.environ.get("LOAD_TIMEOUT", "30"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
_seen = {"requests": 0}
# Offers a manager sent to crew this run holds logins for: a worker picks one up and answers.
OFFERED: deque[tuple[str, int]] = deque(maxlen=5000)


@events.request.add_listener
def _bounded(**kwargs) -> None:
    _seen["requests"] += 1
    if MAX_REQUESTS and _seen["requests"] >= MAX_REQUESTS:
        from locust.runners import Runner

        runner: Runner | None = getattr(_env, "runner", None)
        if runner is not None and runner.state not in ("stopping", "stopped", "quitting"):
            runner.quit()


_env = None


@events.init.add_listener
def _keep_environment(environment, **kwargs) -> None:
    global _env
    _env = environment


class Visitor(HttpUser):
    """Someone looking for work: searches the board, reads a posting or two."""

    weight = 60
    wait_time = between(0.5, 2.0)

    @task(3)
    def search(self) -> None:
        words = random.choice(CONFIG["search_words"])
        params = {"q": words}
        if random.random() < 0.4:
            params["city"] = random.choice(CONFIG["cities"])
        self.client.get("/jobs/", params=params, name="Job search", timeout=TIMEOUT)

    @task(1)
    def browse(self) -> None:
        self.client.get("/jobs/", name="Job board", timeout=TIMEOUT)

    @task(4)
    def read(self) -> None:
        self.client.get(
            f"/jobs/{random.choice(CONFIG['postings'])}/", name="Job posting", timeout=TIMEOUT
        )


class _Signed(HttpUser):
    abstract = True
    kind = "workers"

    def on_start(self) -> None:
        self.me = random.choice(CONFIG[self.kind])
        # Set on the jar as a plain cookie: the server marks its own Secure, but this is
        # loopback HTTP and only the name and value matter to Django.
        self.client.cookies.set("sessionid", self.me["session"])
        self.bearer = {"Authorization": f"Bearer {self.me['token']}"}


class Worker(_Signed):
    """Crew: opens Today and Gigs for you, answers offers."""

    weight = 25
    wait_time = between(1.0, 3.0)
    kind = "workers"

    @task(4)
    def today(self) -> None:
        self.client.get("/me/", name="Today", timeout=TIMEOUT)

    @task(3)
    def gigs(self) -> None:
        self.client.get("/me/gigs/", name="Gigs for you", timeout=TIMEOUT)

    @task(2)
    def answer(self) -> None:
        offer = None
        for _ in range(len(OFFERED)):
            slug, offer_id = OFFERED.popleft()
            if slug in CONFIG["token_of"]:
                offer = (slug, offer_id)
                break
        if offer is None:
            with self.client.get(
                "/api/me/offers",
                headers=self.bearer,
                name="My offers",
                catch_response=True,
                timeout=TIMEOUT,
            ) as r:
                pending = r.json() if r.status_code == 200 else []
                r.success() if r.status_code == 200 else r.failure(r.status_code)
            if not pending:
                return
            offer = (self.me["slug"], pending[0]["id"])
            token = self.me["token"]
        else:
            token = CONFIG["token_of"][offer[0]]
        with self.client.post(
            f"/api/offers/{offer[1]}/accept",
            headers={"Authorization": f"Bearer {token}"},
            name="Accept offer",
            catch_response=True,
            timeout=TIMEOUT,
        ) as r:
            # 422/409: someone else filled the seat or the worker is busy then; the rules
            # held, which is what the invariants check afterwards. Anything else is an error.
            if r.status_code in (201, 409, 422):
                r.success()
            else:
                r.failure(f"{r.status_code}")


class Manager(_Signed):
    """A production or venue manager: Find crew on an open call, then sends an offer."""

    weight = 15
    wait_time = between(1.0, 3.0)
    kind = "managers"

    @task(3)
    def find_crew(self) -> None:
        position = random.choice(self.me["positions"])
        self.client.get(f"/manage/positions/{position}/crew/", name="Find crew", timeout=TIMEOUT)

    @task(3)
    def offer(self) -> None:
        position = random.choice(self.me["positions"])
        with self.client.get(
            f"/api/positions/{position}/candidates?k=20",
            headers=self.bearer,
            name="Candidates (API)",
            catch_response=True,
            timeout=TIMEOUT,
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
                return
            found = [c["worker"] for c in r.json() if not c["offered"]]
        if not found:
            return
        known = [s for s in found if s in CONFIG["token_of"]]
        slug = known[0] if known else random.choice(found[:5])
        with self.client.post(
            f"/api/positions/{position}/offers",
            json={"worker": slug},
            headers=self.bearer,
            name="Send offer",
            catch_response=True,
            timeout=TIMEOUT,
        ) as r:
            if r.status_code == 201:
                r.success()
                if known:
                    OFFERED.append((slug, r.json()["id"]))
            elif r.status_code in (409, 422):
                r.success()  # an offer already out, or the call filled: refused by the rules
            else:
                r.failure(f"{r.status_code}")


class CandidatesOnly(HttpUser):
    """The issue's baseline: the candidates endpoint, back to back, nothing else."""

    wait_time = between(0, 0)

    def on_start(self) -> None:
        self.bearer = {"Authorization": f"Bearer {CONFIG['admin_token']}"}

    @task
    def candidates(self) -> None:
        position = random.choice(CONFIG["all_positions"])
        self.client.get(
            f"/api/positions/{position}/candidates?k=20",
            headers=self.bearer,
            name="Candidates (API)",
            timeout=TIMEOUT,
        )
