"""Keeping Python's cycle collector off what a web process holds for its whole life.

A web process holds a few hundred thousand long-lived objects: Django and the libraries
loaded in gunicorn's master, the cities' gazetteer, the title classifier and the matching
index (about 650,000 in all in the national world). Python's full collection walks every
one of them; measured, it took 130-300 ms, and a request that met it waited as long: the
load benchmark's slowest requests. `gc.freeze()` moves the objects alive now into a
generation the collector never walks (they are still freed when nothing refers to them).

gunicorn's configuration (stagedoor.gunicorn_conf) freezes in the master after loading and
turns `settled` on in each web process, which then freezes again after building something
it keeps (the title classifier, a whole matching index). Anywhere else (tests, Celery,
commands) `settled` does nothing.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)

_on = {"freeze": False}


def freeze_after_builds() -> None:
    """From now on in this process, `settled` freezes what is alive (gunicorn's workers)."""
    _on["freeze"] = True
    gc.freeze()


def settled(what: str) -> None:
    """`what` (a long-lived structure) is built: keep the collector off it, when turned on."""
    if _on["freeze"]:
        gc.freeze()
        log.debug("%s built; %d objects kept off the cycle collector", what, gc.get_freeze_count())
