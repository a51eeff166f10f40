"""Signals other apps listen to; gigs itself knows nothing about who listens.

`show_changed(show=...)` is sent inside the service's transaction after a show or one of
its positions was changed; listeners that do work should wait for the commit.
"""

import django.dispatch

show_changed = django.dispatch.Signal()
