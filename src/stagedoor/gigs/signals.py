"""Signals other apps listen to; gigs itself knows nothing about who listens.

`show_changed(show=...)` is sent inside the service's transaction after a show or one of
its positions was changed (then also `position=` and `before=`, the old values of its
headcount and times that changed); listeners that do work should wait for the commit.

The two guards below are how an app above gigs (booking) keeps its promises on gigs'
writes without gigs importing it: the gigs services send them inside their transaction,
after the position row is locked and the fields are checked, and refuse the write if a
receiver added an error. Receivers lock what else they read (`core.locking.lock_rows`).

- `position_changing(position=..., changes=..., errors=...)`: `position` still holds the
  saved values, `changes` the checked new ones (only the fields that change).
- `position_deleting(positions=[...], errors=..., whole="call" | "show" | "project")`.
- `position_changed(position=..., before={...})` after the save, with the old values of
  the fields that changed (booking tells the booked crew about a new time).
"""

import django.dispatch

show_changed = django.dispatch.Signal()
position_changing = django.dispatch.Signal()
position_changed = django.dispatch.Signal()
position_deleting = django.dispatch.Signal()
