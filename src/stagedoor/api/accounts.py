"""Joining through the API: sign up, confirm the emailed link, and onboarding progress.
The profile itself is written through the /me/profile endpoints (api.profile)."""

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from ninja.responses import Status as Reply

from stagedoor.accounts import selectors, services
from stagedoor.accounts.rules import STEPS, link_for
from stagedoor.people.selectors import worker_detail

from .auth import WRITE_AUTH
from .schemas import WorkerOut

router = Router(tags=["joining"])


class SignUpIn(Schema):
    email: str
    password: str
    username: str = ""
    next: str = ""


class SignUpOut(Schema):
    username: str
    email: str
    detail: str


class ConfirmIn(Schema):
    token: str


class ConfirmOut(Schema):
    username: str
    confirmed_now: bool


class NewLinkIn(Schema):
    email: str = ""
    token: str = ""


class DetailOut(Schema):
    detail: str


class OnboardingStepOut(Schema):
    number: int
    title: str


class OnboardingOut(Schema):
    furthest_step: int
    resume_step: int
    finished: bool
    next: str
    has_profile: bool
    steps: list[OnboardingStepOut]


class PlaceIn(Schema):
    display_name: str
    home_city: str
    travel_radius_km: int = 50
    willing_to_tour: bool = False


@router.post("/accounts/signup", response={201: SignUpOut})
def signup(request, payload: SignUpIn):
    """Make an inactive account and email a confirmation link (on this request's host)."""
    user = services.signup_create(
        email=payload.email,
        password=payload.password,
        username=payload.username,
        next_url=payload.next,
        link_for=link_for(request),
    )
    detail = f"We sent a link to {user.email}; following it confirms the address."
    return Reply(201, {"username": user.username, "email": user.email, "detail": detail})


@router.post("/accounts/confirm", response=ConfirmOut)
def confirm(request, payload: ConfirmIn):
    """Activate the account a confirmation link's token names (422 on `token` when the
    link has expired or was altered)."""
    user, confirmed_now = services.signup_confirm(token=payload.token)
    return {"username": user.username, "confirmed_now": confirmed_now}


@router.post("/accounts/new-link", response={202: DetailOut})
def new_link(request, payload: NewLinkIn):
    """Mail a new link to an unconfirmed sign-up, named by address or by an old link. The
    answer is the same whether or not one exists."""
    services.signup_resend(link_for=link_for(request), email=payload.email, token=payload.token)
    detail = "If that address signed up and is not confirmed yet, a new link is on its way."
    return Reply(202, {"detail": detail})


def _onboarding(user) -> dict:
    onboarding = selectors.onboarding_of(user)
    return {
        "furthest_step": onboarding.furthest_step if onboarding else 0,
        "resume_step": selectors.resume_step(onboarding),
        "finished": bool(onboarding and onboarding.finished_at),
        "next": onboarding.next_url if onboarding else "",
        "has_profile": hasattr(user, "worker"),
        "steps": [s._asdict() for s in STEPS],
    }


@router.get("/accounts/onboarding", response=OnboardingOut, auth=WRITE_AUTH)
def onboarding(request):
    return _onboarding(request.auth)


@router.post("/accounts/onboarding/place", response={201: WorkerOut}, auth=WRITE_AUTH)
def onboarding_place(request, payload: PlaceIn):
    """Step 1: name, home city and travel radius; makes the worker profile the first time."""
    worker = services.onboarding_place_set(actor=request.auth, **payload.dict())
    services.onboarding_step_done(actor=request.auth, step=1)
    return Reply(201, worker_detail(worker.slug, public_only=False))


@router.post("/accounts/onboarding/steps/{step}", response=OnboardingOut, auth=WRITE_AUTH)
def onboarding_step(request, step: int):
    """Mark a step saved or skipped, as "Skip for now" and "Save and continue" do."""
    if step > 1 and not hasattr(request.auth, "worker"):
        raise PermissionDenied("Start with step 1: your name and where you work.")
    services.onboarding_step_done(actor=request.auth, step=step)
    request.auth.refresh_from_db()
    return _onboarding(request.auth)
