"""The OpenAPI schema tells the truth: one schema per name, the documented response the
one the endpoint returns, and every error answer documented in the shape it comes in."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections import defaultdict

import pytest
from ninja import Schema

import stagedoor.api
from stagedoor.industry.models import Role
from tests.factories import WorkerFactory

pytestmark = pytest.mark.django_db


def test_every_schema_name_names_one_schema():
    # ninja files schemas under their class name: two classes of one name share one entry,
    # and an endpoint was documented with the other's fields.
    by_name = defaultdict(set)
    for module in pkgutil.iter_modules(stagedoor.api.__path__):
        loaded = importlib.import_module(f"stagedoor.api.{module.name}")
        for value in vars(loaded).values():
            ours = isinstance(value, type) and value.__module__.startswith("stagedoor.api")
            if ours and issubclass(value, Schema):
                by_name[value.__name__].add(f"{value.__module__}.{value.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def test_worker_profile_credits_are_documented_as_returned(client):
    worker = WorkerFactory(slug="ada")
    worker.credits.create(
        title="Mara Quinn tour", role=Role.objects.get(slug="stagehand"), date=dt.date(2026, 5, 1)
    )
    schema = client.get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    worker_out = components["WorkerOut"]
    ref = worker_out["properties"]["credits"]["items"]["$ref"]
    credit = components[ref.rsplit("/", 1)[1]]
    assert sorted(credit["properties"]) == ["date", "role", "title", "verified"]
    body = client.get("/api/workers/ada").json()
    assert sorted(body) == sorted(worker_out["properties"])
    assert body["credits"] == [
        {"title": "Mara Quinn tour", "role": "stagehand", "date": "2026-05-01", "verified": False}
    ]


def test_every_operation_documents_its_errors(client):
    schema = client.get("/api/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404", "409", "413", "422", "429"} <= codes, (path, method)
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
