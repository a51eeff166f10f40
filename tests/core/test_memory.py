"""Long-lived objects kept off the cycle collector only where gunicorn turns it on.

Run in a fresh interpreter each: a freeze in the test process would keep every object the
rest of the suite makes off the collector."""

import json
import subprocess
import sys

SCRIPT = """
import gc, json
from stagedoor.core import memory
kept = [[i] for i in range(50_000)]
memory.settled("before")
before = gc.get_freeze_count()
memory.freeze_after_builds()
turned_on = gc.get_freeze_count()
more = [[i] for i in range(50_000)]
memory.settled("after")
after = gc.get_freeze_count()
gc.unfreeze()
print(json.dumps([before, turned_on, after]))
"""


def test_settled_freezes_only_once_turned_on():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, env=None
    )
    before, turned_on, after = json.loads(out.stdout)
    assert before == 0
    assert turned_on >= 50_000
    assert after - turned_on >= 50_000
