"""The "demo-data" task kind: builds the demo world in the background (core.tasks)."""

from __future__ import annotations


def demo_data(progress, **params) -> dict:
    from .world import build_demo_world

    return build_demo_world(progress, **params)
