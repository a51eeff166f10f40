"""Signing up an organisation, and invitations to join one: the same services as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status as Reply

from stagedoor.industry import rules, selectors, services
from stagedoor.industry.models import Invitation, Organisation

from .auth import WRITE_AUTH
from .schemas import OrganisationOut

router = Router(tags=["organisations: sign-up and invitations"])


class OrganisationIn(Schema):
    name: str
    kind: str
    country: str
    venue_name: str = ""
    venue_city: str = ""
    venue_address: str = ""
    venue_timezone: str = ""
    venue_capacity: int | None = None


class InvitationIn(Schema):
    email: str
    role: str


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    state: str
    invited_by: str | None
    created_at: dt.datetime
    expires_at: dt.datetime

    @staticmethod
    def resolve_state(obj: Invitation) -> str:
        return obj.state()

    @staticmethod
    def resolve_invited_by(obj: Invitation) -> str | None:
        return obj.invited_by.username if obj.invited_by else None


class InvitationAcceptIn(Schema):
    token: str


class MembershipOut(Schema):
    organisation: str
    role: str

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug


@router.post("/orgs", response={201: OrganisationOut}, auth=WRITE_AUTH)
def sign_up_organisation(request, payload: OrganisationIn):
    """Sign up an organisation with its first venue; the caller becomes its owner."""
    org = services.organisation_sign_up(actor=request.auth, **payload.dict())
    return Reply(201, org)


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


@router.get("/orgs/{slug}/invitations", response=list[InvitationOut], auth=WRITE_AUTH)
def list_invitations(request, slug: str, pending: bool = True):
    """The organisation's invitations (only those still open unless `pending=false`);
    for its owner and managers."""
    org = _organisation(slug)
    rules.require_inviter(request.auth, org)
    found = selectors.pending_invitations(org) if pending else selectors.invitations_of(org)
    return list(found)


@router.post("/orgs/{slug}/invitations", response={201: InvitationOut}, auth=WRITE_AUTH)
def create_invitation(request, slug: str, payload: InvitationIn):
    """Invite someone by email with a role (manager, crew_chief, dispatcher). The link goes
    to them by email, on the address this request came to; it is not returned here."""
    invitation, _ = services.invitation_create(
        actor=request.auth, organisation=_organisation(slug), request=request, **payload.dict()
    )
    return Reply(201, invitation)


@router.delete("/orgs/{slug}/invitations/{invitation_id}", response={204: None}, auth=WRITE_AUTH)
def revoke_invitation(request, slug: str, invitation_id: int):
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        pk=invitation_id,
        organisation__slug=slug,
    )
    services.invitation_revoke(actor=request.auth, invitation=invitation)
    return Reply(204, None)


@router.post("/invitations/accept", response=MembershipOut, auth=WRITE_AUTH)
def accept_invitation(request, payload: InvitationAcceptIn):
    """Accept an invitation with the token from its link (the part after /invitations/)."""
    return services.invitation_accept(actor=request.auth, token=payload.token)
