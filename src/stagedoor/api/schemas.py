import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from stagedoor.people.rules import may_see_rates


class SkillOut(Schema):
    slug: str
    name: str
    category: str
    description: str


class CertificationOut(Schema):
    slug: str
    name: str
    issuer: str
    description: str
    validity_months: int | None
    min_age: int | None
    hours_required: int | None
    prerequisites: list[str]

    @staticmethod
    def resolve_prerequisites(obj) -> list[str]:
        return [c.slug for c in obj.prerequisites.all()]


class RoleOut(Schema):
    slug: str
    name: str
    department: str
    setting: str
    level: str
    summary: str
    responsibilities: list[str]
    skills: list[str]
    certifications: list[str]
    hired_by: list[str]
    onet_code: str
    esco: str
    aliases: list[str]
    leads_to: list[str]
    years_in_role: int
    pay_unit: str
    pay_low: int
    pay_high: int

    @staticmethod
    def resolve_skills(obj) -> list[str]:
        return [s.slug for s in obj.skills.all()]

    @staticmethod
    def resolve_certifications(obj) -> list[str]:
        return [c.slug for c in obj.certifications.all()]

    @staticmethod
    def resolve_leads_to(obj) -> list[str]:
        return [r.slug for r in obj.leads_to.all()]


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    city: str
    country: str
    website: str
    description: str
    jurisdiction: str


class VenueOut(Schema):
    slug: str
    name: str
    organisation: str = Field(..., alias="organisation.slug")
    address: str
    city: str
    country: str
    latitude: float
    longitude: float
    timezone: str
    capacity: int
    union_local: str | None

    @staticmethod
    def resolve_union_local(obj) -> str | None:
        return obj.union_local.slug if obj.union_local_id else None


class PositionOut(Schema):
    id: int
    show: str | None
    project: str | None
    role: str = Field(..., alias="role.slug")
    level: str
    title: str
    headcount: int
    call_start: dt.datetime
    call_end: dt.datetime
    pay_amount: Decimal
    pay_unit: str
    currency: str
    union_required: bool
    crew: str = Field(
        ..., description="touring (travels with the tour) or local (hired in each city)"
    )
    required_skills: dict[str, int]
    required_certifications: list[str]
    notes: str
    cancelled_at: dt.datetime | None
    cancel_reason: str

    @staticmethod
    def resolve_show(obj) -> str | None:
        return obj.show.slug if obj.show_id else None

    @staticmethod
    def resolve_project(obj) -> str | None:
        return obj.project.slug if obj.project_id else None

    @staticmethod
    def resolve_required_skills(obj) -> dict[str, int]:
        return {n.skill.slug: n.min_level for n in obj.skill_needs.all()}

    @staticmethod
    def resolve_required_certifications(obj) -> list[str]:
        return [c.slug for c in obj.required_certifications.all()]


class ShowOut(Schema):
    id: int
    slug: str
    organisation: str = Field(..., alias="organisation.slug")
    venue: str = Field(..., alias="venue.slug")
    artist: str
    title: str
    date: dt.date
    doors_at: dt.datetime | None
    show_at: dt.datetime | None
    curfew_at: dt.datetime | None
    status: str
    tour: str | None
    tour_order: int | None
    notes: str
    labour_budget: Decimal | None = Field(
        None, description="What the crew may cost, in the currency the crew calls pay in"
    )

    @staticmethod
    def resolve_tour(obj) -> str | None:
        return obj.tour.slug if obj.tour_id else None


class ShowDetailOut(ShowOut):
    positions: list[PositionOut]

    @staticmethod
    def resolve_positions(obj) -> list:
        return list(obj.positions.all())


class ShowIn(Schema):
    organisation: str = Field(..., description="Organisation slug")
    venue: str = Field(..., description="Venue slug")
    artist: str
    title: str = ""
    date: dt.date
    doors_at: dt.datetime | None = Field(None, description="ISO 8601 with a UTC offset")
    show_at: dt.datetime | None = None
    curfew_at: dt.datetime | None = None
    status: str = "draft"
    notes: str = ""
    labour_budget: Decimal | None = Field(
        None, description="Optional: what the crew may cost, in the currency the calls pay in"
    )


class ShowPatch(Schema):
    venue: str | None = None
    artist: str | None = None
    title: str | None = None
    date: dt.date | None = None
    doors_at: dt.datetime | None = None
    show_at: dt.datetime | None = None
    curfew_at: dt.datetime | None = None
    status: str | None = None
    notes: str | None = None
    labour_budget: Decimal | None = Field(None, description="null removes the budget")


class PositionIn(Schema):
    show: str | None = Field(None, description="Show slug (or give project)")
    project: str | None = Field(None, description="Studio project slug")
    role: str = Field(..., description="Role slug from /api/roles")
    level: str | None = Field(None, description="entry, mid, senior or lead; default the role's")
    title: str = ""
    headcount: int = 1
    call_start: dt.datetime = Field(..., description="ISO 8601 with a UTC offset")
    call_end: dt.datetime
    pay_amount: Decimal
    pay_unit: str = Field(..., description="hour, day or flat")
    currency: str = Field(..., description="ISO 4217 code")
    union_required: bool = False
    crew: str = Field(
        "local", description="touring (travels with the tour) or local (hired in each city)"
    )
    required_skills: dict[str, int] = {}
    required_certifications: list[str] = []
    notes: str = ""


class PositionPatch(Schema):
    role: str | None = None
    level: str | None = None
    title: str | None = None
    headcount: int | None = None
    call_start: dt.datetime | None = None
    call_end: dt.datetime | None = None
    pay_amount: Decimal | None = None
    pay_unit: str | None = None
    currency: str | None = None
    union_required: bool | None = None
    crew: str | None = None
    required_skills: dict[str, int] | None = None
    required_certifications: list[str] | None = None
    notes: str | None = None


class WorkerRoleOut(Schema):
    role: str = Field(..., alias="role.slug")
    level: str
    years: int


class WorkerSkillOut(Schema):
    skill: str = Field(..., alias="skill.slug")
    level: int


class WorkerCertificationOut(Schema):
    certification: str = Field(..., alias="certification.slug")
    issued_on: dt.date
    expires_on: dt.date | None


class CreditOut(Schema):
    title: str
    role: str = Field(..., alias="role.slug")
    date: dt.date
    verified: bool


class WorkerListOut(Schema):
    slug: str
    display_name: str
    headline: str
    home_city: str
    country: str
    willing_to_tour: bool
    roles: list[WorkerRoleOut]

    @staticmethod
    def resolve_roles(obj) -> list:
        return list(obj.roles.all())


class RatesOut(Schema):
    day_rate: Decimal | None
    hourly_rate: Decimal | None
    currency: str


class WorkerOut(WorkerListOut):
    bio: str
    travel_radius_km: int
    skills: list[WorkerSkillOut]
    certifications: list[WorkerCertificationOut]
    credits: list[CreditOut]
    rates: RatesOut | None = Field(
        None,
        description="The worker's day and hourly rates, as their profile page shows them: "
        "to everyone when the worker chose to show them, else only to the worker and to "
        "managers; null otherwise",
    )

    @staticmethod
    def resolve_rates(obj, context) -> dict | None:
        request = (context or {}).get("request")
        if not may_see_rates(getattr(request, "user", None), obj):
            return None
        return {"day_rate": obj.day_rate, "hourly_rate": obj.hourly_rate, "currency": obj.currency}

    @staticmethod
    def resolve_skills(obj) -> list:
        return list(obj.skills.all())

    @staticmethod
    def resolve_certifications(obj) -> list:
        return list(obj.certifications.all())

    @staticmethod
    def resolve_credits(obj) -> list:
        return list(obj.credits.all())
