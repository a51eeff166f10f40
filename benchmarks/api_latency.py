"""Time the candidates endpoint against PostgreSQL with the demo world (run by __main__)."""

from __future__ import annotations

import json
import os
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagedoor.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
                         dbname="postgres", autocommit=True) as conn:  # fmt: skip
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from stagedoor.api.models import ApiToken
    from stagedoor.demo.world import build_demo_world
    from stagedoor.gigs.models import Position
    from stagedoor.people.models import WorkerProfile

    call_command("migrate", verbosity=0)
    build_demo_world()
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    _, key = ApiToken.issue(user=admin, name="bench")
    client = Client()
    ids = list(Position.objects.order_by("pk").values_list("pk", flat=True))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    client.get(f"/api/positions/{ids[0]}/candidates", **headers)  # build the index once
    times = []
    for i in range(300):
        t = time.perf_counter()
        response = client.get(f"/api/positions/{ids[i % len(ids)]}/candidates?k=20", **headers)
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, response.content
    times.sort()
    print(json.dumps({
        "requests": len(times), "workers": WorkerProfile.objects.count(),
        "p50_ms": 1000 * times[len(times) // 2], "p99_ms": 1000 * times[int(len(times) * 0.99) - 1],
    }))  # fmt: skip


if __name__ == "__main__":
    main()
