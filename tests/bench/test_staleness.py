"""The load benchmark's staleness probe, checked small against a live server over a tiny
national world: each change it makes shows on the candidates endpoint, and no reply begun
after a commit shows the old state (issue 22: the index is never stale by more than a second).
"""

import pytest
from benchmarks.load import prepare
from benchmarks.staleness import probe

from stagedoor.demo.national import build_national
from stagedoor.people.models import AvailabilityBlock
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.bench]


def test_every_change_shows_and_no_reply_after_it_is_stale(live_server, tmp_path):
    import json

    build_national(workers=300, organisations=20, shows=60, positions=900)
    UserFactory(username="root", is_superuser=True, is_staff=True)
    config = tmp_path / "load.json"
    prepare(config)
    found = probe(json.loads(config.read_text()), seconds=2.0, host=live_server.url)
    assert found["changes"] >= 2 and found["changes"] % 2 == 0  # each block, then its removal
    assert found["unresolved"] == 0
    assert (found["stale_replies"], found["stale_max_ms"]) == (0, 0.0)
    assert found["lag_max_ms"] is not None
    # The probe clears every block it made.
    assert not AvailabilityBlock.objects.filter(reason="load benchmark probe").exists()
