from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from stagedoor.industry import selectors
from stagedoor.industry.models import Role

from .pagination import Pages
from .schemas import CertificationOut, OrganisationOut, RoleOut, SkillOut, VenueOut

router = Router(tags=["catalog and organisations"])


@router.get("/roles", response=list[RoleOut])
@paginate(Pages, page_size=100)
def list_roles(request, department: str | None = None, level: str | None = None):
    roles = Role.objects.prefetch_related("skills", "certifications", "leads_to").order_by("slug")
    if department:
        roles = roles.filter(department=department)
    if level:
        roles = roles.filter(level=level)
    return roles


@router.get("/roles/{slug}", response=RoleOut)
def get_role(request, slug: str):
    return get_object_or_404(
        Role.objects.prefetch_related("skills", "certifications", "leads_to"), slug=slug
    )


@router.get("/skills", response=list[SkillOut])
@paginate(Pages, page_size=100)
def list_skills(request, category: str | None = None):
    skills = selectors.skill_list()
    return skills.filter(category=category) if category else skills


@router.get("/certifications", response=list[CertificationOut])
@paginate(Pages, page_size=100)
def list_certifications(request):
    return selectors.certification_list()


@router.get("/organisations", response=list[OrganisationOut])
@paginate(Pages, page_size=50)
def list_organisations(request, kind: str | None = None):
    orgs = selectors.organisation_list()
    return orgs.filter(kind=kind) if kind else orgs


@router.get("/organisations/{slug}", response=OrganisationOut)
def get_organisation(request, slug: str):
    return get_object_or_404(selectors.organisation_list(), slug=slug)


@router.get("/venues", response=list[VenueOut])
@paginate(Pages, page_size=50)
def list_venues(request, city: str | None = None):
    venues = selectors.venue_list()
    return venues.filter(city__iexact=city) if city else venues


@router.get("/venues/{slug}", response=VenueOut)
def get_venue(request, slug: str):
    return get_object_or_404(selectors.venue_list(), slug=slug)
