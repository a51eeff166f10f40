"""At login, remember in the session whether the menu shows the hall: a dispatcher's desk,
a registrant's own page. Pages then read the session they load anyway, at no query."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import Registrant
from .selectors import locals_dispatched_by


@receiver(user_logged_in, dispatch_uid="hall-menu-links")
def remember_hall_links(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    desk = None if user.is_superuser else locals_dispatched_by(user).first()
    request.session["hall_desk"] = desk.slug if desk else ""
    request.session["hall_registrant"] = Registrant.objects.filter(worker__user=user).exists()
