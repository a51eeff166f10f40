"""A worker's own profile through the API: the same people services as /me/profile/ and
the onboarding steps (roles, skills, certifications, rates, time away)."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from stagedoor.people import services
from stagedoor.people.models import WorkerProfile
from stagedoor.people.selectors import worker_detail

from .auth import WRITE_AUTH
from .schemas import WorkerOut

router = Router(tags=["crew"])


class ProfilePatch(Schema):
    display_name: str | None = None
    headline: str | None = None
    bio: str | None = None
    home_city: str | None = None
    travel_radius_km: int | None = None
    willing_to_tour: bool | None = None
    day_rate: Decimal | None = None
    hourly_rate: Decimal | None = None
    currency: str | None = None
    show_rates: bool | None = None
    phone: str | None = None
    is_public: bool | None = None
    goal_role: str | None = Field(
        None,
        description="The catalog key of the role you are aiming for (as /api/roles gives it); "
        "null clears it",
    )


class MyProfileOut(WorkerOut):
    goal_role: str | None = Field(
        None, description="The catalog key of the role you are aiming for, or null"
    )
    goal_role_name: str | None = Field(None, description="That role's name, or null")

    @staticmethod
    def resolve_goal_role(obj) -> str | None:
        return obj.goal_role.slug if obj.goal_role else None

    @staticmethod
    def resolve_goal_role_name(obj) -> str | None:
        return obj.goal_role.name if obj.goal_role else None


class RoleIn(Schema):
    role: str
    level: str
    years: int = 0
    is_primary: bool = False


class SkillIn(Schema):
    skill: str
    level: int


class CertificationIn(Schema):
    certification: str
    issued_on: dt.date
    expires_on: dt.date | None = None
    credential_id: str = ""


class AvailabilityIn(Schema):
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str = ""


class CreatedOut(Schema):
    id: int


def _own(request) -> WorkerProfile:
    worker = WorkerProfile.objects.filter(user=request.auth).first()
    if worker is None:
        raise Http404("You have no worker profile yet; start at /api/accounts/onboarding/place.")
    return worker


def _detail(worker: WorkerProfile) -> WorkerProfile:
    return worker_detail(worker.slug, public_only=False)


@router.get("/me/profile", response=MyProfileOut, auth=WRITE_AUTH)
def my_profile(request):
    return _detail(_own(request))


@router.patch("/me/profile", response=MyProfileOut, auth=WRITE_AUTH)
def update_profile(request, payload: ProfilePatch):
    worker = _own(request)
    services.profile_update(actor=request.auth, worker=worker, **payload.dict(exclude_unset=True))
    return _detail(worker)


@router.post("/me/profile/roles", response={201: CreatedOut}, auth=WRITE_AUTH)
def add_role(request, payload: RoleIn):
    obj = services.worker_role_set(actor=request.auth, worker=_own(request), **payload.dict())
    return Reply(201, {"id": obj.pk})


@router.post("/me/profile/skills", response={201: CreatedOut}, auth=WRITE_AUTH)
def add_skill(request, payload: SkillIn):
    obj = services.worker_skill_set(actor=request.auth, worker=_own(request), **payload.dict())
    return Reply(201, {"id": obj.pk})


@router.post("/me/profile/certifications", response={201: CreatedOut}, auth=WRITE_AUTH)
def add_certification(request, payload: CertificationIn):
    obj = services.worker_certification_add(
        actor=request.auth, worker=_own(request), **payload.dict()
    )
    return Reply(201, {"id": obj.pk})


@router.post("/me/profile/availability", response={201: CreatedOut}, auth=WRITE_AUTH)
def add_availability(request, payload: AvailabilityIn):
    obj = services.availability_add(actor=request.auth, worker=_own(request), **payload.dict())
    return Reply(201, {"id": obj.pk})
