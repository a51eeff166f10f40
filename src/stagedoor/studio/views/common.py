"""What the studio pages share: running a service from a form, and its refusals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from stagedoor.core.forms import add_service_errors
from stagedoor.core.locking import Busy
from stagedoor.core.validation import messages_of
from stagedoor.gigs.models import StudioProject


def project_of(slug: str) -> StudioProject:
    return get_object_or_404(
        StudioProject.objects.select_related("organisation", "brief__role").filter(
            brief__isnull=False
        ),
        slug=slug,
    )


def run(request, form, fn, **kwargs):
    """Call the service; put its refusal on the form (or in a message without one).
    Returns the result, or None when refused."""
    try:
        return fn(**kwargs)
    except Busy as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        if form is not None:
            add_service_errors(form, exc)
        else:
            for texts in messages_of(exc).values():
                for text in texts:
                    messages.error(request, text)
    return None
