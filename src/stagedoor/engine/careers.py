"""The career graph over roles: which roles lead where. Pure Python, no Django."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping


def reachable_from(starts: Iterable[str], edges: Mapping[str, Iterable[str]]) -> set[str]:
    """Every role reachable from any of `starts` (including them) along progression edges."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
