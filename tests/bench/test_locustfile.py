"""The load benchmark's traffic, checked small: every user class imports and every task's
requests answer (through Django's test client, against a tiny national world). No load run."""

import importlib
import json
import sys

import pytest
from benchmarks.load import prepare
from django.test import Client

from stagedoor.booking.models import Booking, Offer
from stagedoor.demo.national import broken_invariants, build_national
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.bench]


class Reply:
    """What a task's `with client.get(..., catch_response=True) as r` sees."""

    def __init__(self, response, log: list, name: str) -> None:
        self.response, self.status_code = response, response.status_code
        self.log, self.name = log, name

    def json(self):
        return json.loads(self.response.content)

    def success(self) -> None:
        self.log.append((self.name, "ok", self.status_code))

    def failure(self, why) -> None:
        self.log.append((self.name, "failed", why))

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


class Cookies:
    def __init__(self, client: Client) -> None:
        self.client = client

    def set(self, name: str, value: str) -> None:
        self.client.cookies[name] = value


class DjangoSession:
    """Locust's HTTP session, answered by Django's test client instead of a socket."""

    def __init__(self, log: list) -> None:
        self.django, self.log = Client(), log
        self.cookies = Cookies(self.django)

    def _send(self, method, path, name, headers, catch_response, **kwargs):
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        response = getattr(self.django, method)(path, headers=headers, **kwargs)
        reply = Reply(response, self.log, name)
        if not catch_response:
            reply.success() if response.status_code < 400 else reply.failure(response.status_code)
        return reply

    def get(self, path, params=None, headers=None, name=None, catch_response=False, timeout=None):
        return self._send("get", path, name, headers, catch_response, data=params or {})

    def post(self, path, json=None, headers=None, name=None, catch_response=False, timeout=None):
        return self._send(
            "post",
            path,
            name,
            headers,
            catch_response,
            data=json or {},
            content_type="application/json",
        )


@pytest.fixture
def locustfile(tmp_path, monkeypatch):
    build_national(workers=300, organisations=20, shows=60, positions=900)
    UserFactory(username="root", is_superuser=True, is_staff=True)
    config = tmp_path / "load.json"
    prepare(config)
    monkeypatch.setenv("LOAD_CONFIG", str(config))
    # Locust patches the standard library for gevent on import; the test process keeps its own.
    monkeypatch.setenv("LOCUST_SKIP_MONKEY_PATCH", "1")
    sys.modules.pop("benchmarks.locustfile", None)
    yield importlib.import_module("benchmarks.locustfile"), json.loads(config.read_text())
    sys.modules.pop("benchmarks.locustfile", None)


def _user(cls, log):
    user = cls.__new__(cls)  # a Locust user without a running Environment
    user.client = DjangoSession(log)
    if hasattr(user, "on_start"):
        user.on_start()
    return user


def test_every_task_of_every_user_class_answers_against_a_tiny_world(locustfile):
    module, config = locustfile
    assert config["managers"] and config["workers"] and config["postings"]
    log: list = []
    for cls in (module.Visitor, module.Worker, module.Manager, module.CandidatesOnly):
        user = _user(cls, log)
        for fn in dict.fromkeys(cls.tasks):  # each task once, in declaration order
            fn(user)
    # A manager offers a call to crew this run holds a login for; a worker accepts it.
    offers_before = Offer.objects.count()
    manager = _user(module.Manager, log)
    for _ in range(10):
        manager.offer()
    assert Offer.objects.count() > offers_before
    worker = _user(module.Worker, log)
    for _ in range(10):
        worker.answer()
    assert Booking.objects.filter(offer__isnull=False).exists()
    failed = [entry for entry in log if entry[1] != "ok"]
    assert failed == []
    assert {name for name, _, _ in log} >= {
        "Job search",
        "Job board",
        "Job posting",
        "Today",
        "Gigs for you",
        "Find crew",
        "Candidates (API)",
        "Send offer",
        "Accept offer",
    }
    assert {status for _, _, status in log} <= {200, 201, 409, 422}
    assert broken_invariants() == {"over_filled_calls": 0, "double_bookings": 0}


def test_the_user_mix_weighs_like_the_trade(locustfile):
    module, _ = locustfile
    weights = {c.__name__: c.weight for c in (module.Visitor, module.Worker, module.Manager)}
    assert weights == {"Visitor": 60, "Worker": 25, "Manager": 15}
