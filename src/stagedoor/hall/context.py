"""The menu's hall links: a dispatcher's desk, a registrant's own page."""

from __future__ import annotations


def hall_links(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .models import Registrant
    from .selectors import locals_dispatched_by

    desk = locals_dispatched_by(user).first() if not user.is_superuser else None
    return {
        "hall_desk": desk,
        "hall_registrant": Registrant.objects.filter(worker__user=user).exists(),
    }
