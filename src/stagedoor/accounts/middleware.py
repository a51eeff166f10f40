"""Someone who joined as crew and has no profile yet is sent to build one, instead of meeting
a "not allowed" page on the crew pages (Today, Gigs for you, schedule, pay, income)."""

from django.contrib import messages
from django.shortcuts import redirect

from stagedoor.people.models import WorkerProfile

# The pages that only make sense with a crew profile. The inbox and the calendar serve
# managers too, and the profile page already opens onboarding itself.
CREW_PAGES = frozenset({"/me/", "/me/gigs/", "/me/schedule/", "/me/pay/", "/me/income/"})


def _has_profile(user) -> bool:
    try:
        return user.worker is not None
    except WorkerProfile.DoesNotExist:  # the missing profile is remembered on the user too
        return False


class ProfileFirstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and request.path in CREW_PAGES
            and user is not None
            and user.is_authenticated
            and not user.is_superuser
            # The profile first, read onto the user: these pages read it next, so crew (who
            # have one) pay no query here, and only someone without one asks about teams.
            and not _has_profile(user)
            and not user.memberships.exists()
        ):
            messages.info(request, "Set up your crew profile first: five short steps.")
            return redirect(f"/welcome/?next={request.path}")
        return self.get_response(request)
