"""Writes for organisations, memberships and venues."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from stagedoor.core import outbox
from stagedoor.core.http import absolute_url
from stagedoor.core.locking import lock_rows
from stagedoor.core.places import countries, find_place
from stagedoor.core.validation import Errors, check_choice, check_timezone, refuse
from stagedoor.industry.rules import require_inviter, require_manager

from .enums import INVITABLE_ROLES, MemberRole, OrganisationKind
from .models import Invitation, Membership, Organisation, Venue

# Addresses under /orgs/ that are pages, not organisations.
RESERVED_SLUGS = {Organisation: frozenset({"new"})}


def unique_slug(model, text: str, *, max_length: int = 50) -> str:
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 2
    reserved = RESERVED_SLUGS.get(model, frozenset())
    while slug in reserved or model.objects.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


@transaction.atomic
def organisation_create(*, owner, name: str, kind: str, city: str = "", **fields) -> Organisation:
    """Create an organisation with `owner` as its first member."""
    errors = Errors()
    if not name.strip():
        errors.add("name", "This field is required.")
    check_choice(errors, "kind", kind, OrganisationKind.values)
    errors.raise_if_any()
    org = Organisation.objects.create(
        slug=unique_slug(Organisation, name), name=name.strip(), kind=kind, city=city, **fields
    )
    if owner is not None:
        Membership.objects.create(organisation=org, user=owner, role=MemberRole.OWNER)
    return org


@transaction.atomic
def membership_set(*, actor, organisation: Organisation, user, role: str) -> Membership:
    """Add `user` to the organisation, or change their member role."""
    require_manager(actor, organisation, "change who belongs to it")
    errors = Errors()
    check_choice(errors, "role", role, MemberRole.values)
    errors.raise_if_any()
    membership, _ = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def venue_create(
    *,
    actor,
    organisation: Organisation,
    name: str,
    address: str,
    city: str,
    country: str,
    latitude: float,
    longitude: float,
    timezone: str,
    capacity: int,
    union_local: Organisation | None = None,
    **fields,
) -> Venue:
    require_manager(actor, organisation, "add venues")
    errors = Errors()
    check_timezone(errors, "timezone", timezone)
    if not -90 <= latitude <= 90:
        errors.add("latitude", "Must be between -90 and 90.")
    if not -180 <= longitude <= 180:
        errors.add("longitude", "Must be between -180 and 180.")
    if capacity < 1:
        errors.add("capacity", "Must be at least 1.")
    if union_local is not None and union_local.kind != OrganisationKind.UNION_LOCAL:
        errors.add("union_local", f"{union_local.name} is not a union local.")
    errors.raise_if_any()
    return Venue.objects.create(
        slug=unique_slug(Venue, f"{name} {city}"),
        organisation=organisation,
        name=name,
        address=address,
        city=city,
        country=country,
        latitude=latitude,
        longitude=longitude,
        timezone=timezone,
        capacity=capacity,
        union_local=union_local,
        **fields,
    )


def _signed_in(actor) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied("Log in first.")


@transaction.atomic
def organisation_sign_up(
    *,
    actor,
    name: str,
    kind: str,
    country: str,
    venue_name: str = "",
    venue_city: str = "",
    venue_address: str = "",
    venue_timezone: str = "",
    venue_capacity: int | None = None,
) -> Organisation:
    """A signed-in person signs up an organisation and becomes its owner, with its first
    venue (or studio). The venue's city gives its coordinates and, unless one is named, its
    time zone. A union local may sign up without a venue: it dispatches to others'."""
    _signed_in(actor)
    errors = Errors()
    if not name.strip():
        errors.add("name", "Give the organisation's name.")
    check_choice(errors, "kind", kind, OrganisationKind.values)
    country = (country or "").strip().upper()
    if country not in countries():
        errors.add("country", f"'{country}' is not a country code (e.g. US, GB, DE).")
    needs_venue = kind != OrganisationKind.UNION_LOCAL or venue_name.strip()
    place = None
    if needs_venue:
        if not venue_name.strip():
            errors.add("venue_name", "Give the name of your first venue or studio.")
        if not venue_city.strip():
            errors.add("venue_city", "Give the city the venue is in.")
        elif country in countries():
            place = find_place(f"{venue_city.strip()}, {country}")
            if place is None:
                errors.add(
                    "venue_city",
                    f"We could not find {venue_city.strip()} in {countries()[country]}; "
                    "check the spelling or give a larger town nearby.",
                )
        if venue_timezone:
            check_timezone(errors, "venue_timezone", venue_timezone)
        if venue_capacity is None or venue_capacity < 1:
            errors.add("venue_capacity", "Give how many people the venue holds (at least 1).")
    errors.raise_if_any()
    city = place.name if place else ""
    org = organisation_create(owner=actor, name=name, kind=kind, city=city, country=country)
    if needs_venue:
        venue_create(
            actor=actor,
            organisation=org,
            name=venue_name.strip(),
            address=venue_address.strip(),
            city=place.name,
            region=place.region if place.region.isalpha() else "",
            country=country,
            latitude=place.latitude,
            longitude=place.longitude,
            timezone=venue_timezone or place.timezone,
            capacity=venue_capacity,
        )
    return org


def invitation_link(token: str, request=None) -> str:
    """The address an invitee opens, on the site the inviter is using."""
    return absolute_url(reverse("orgs:invitation", args=[token]), request)


def _invitation_email(invitation: Invitation, link: str) -> tuple[str, str]:
    org, who = invitation.organisation, invitation.invited_by
    inviter = (who.get_full_name() or who.username) if who else "Stagedoor"
    end = invitation.expires_at.astimezone(dt.UTC)
    until = f"{end.day} {end:%B %Y} (UTC)"
    subject = f"{inviter} invites you to join {org.name} on Stagedoor"
    body = (
        f"{inviter} invites you to join {org.name} on Stagedoor as "
        f"{invitation.get_role_display().lower()}.\n\n"
        f"To accept, open this link and log in or create an account:\n{link}\n\n"
        f"The link works until {until}. If you were not expecting this, ignore this email."
    )
    return subject, body


@transaction.atomic
def invitation_create(
    *, actor, organisation: Organisation, email: str, role: str, request=None
) -> tuple[Invitation, str]:
    """Invite `email` to the organisation with a member role and email them the link.
    Returns the invitation and its token (the link's secret, kept only as a digest). A new
    invitation to the same address replaces a pending one."""
    require_inviter(actor, organisation)
    errors = Errors()
    email = (email or "").strip()
    try:
        validate_email(email)
    except DjangoValidationError:
        errors.add("email", f"'{email}' is not an email address.")
    check_choice(errors, "role", role, [r.value for r in INVITABLE_ROLES])
    if not errors:
        email = email.lower()
        users = get_user_model().objects.filter(email__iexact=email)
        if organisation.membership_set.filter(user__in=users).exists():
            errors.add("email", f"{email} already belongs to {organisation.name}.")
    errors.raise_if_any()
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation,
        email=email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=now,
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        digest=Invitation.digest_of(token),
        invited_by=actor,
        expires_at=now + dt.timedelta(days=settings.STAGEDOOR_INVITATION_DAYS),
    )
    subject, body = _invitation_email(invitation, invitation_link(token, request))
    outbox.email_later(subject, body, [email], key=f"invitation:{invitation.pk}")
    return invitation, token


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: its link stops working."""
    require_inviter(actor, invitation.organisation)
    lock_rows((Invitation, [invitation.pk]))
    invitation.refresh_from_db()
    state = invitation.state()
    if state != "pending":
        refuse("invitation", f"This invitation was already {state}.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


# Accepting never lowers a role someone already has there.
_ROLE_RANK = {
    MemberRole.CREW_CHIEF: 0,
    MemberRole.DISPATCHER: 1,
    MemberRole.MANAGER: 2,
    MemberRole.OWNER: 3,
}

_REFUSALS = {
    "accepted": "This invitation has already been used.",
    "revoked": "This invitation was withdrawn. Ask {org} for a new one.",
    "expired": "This invitation expired. Ask {org} for a new one.",
}


def invitation_by_token(token: str) -> Invitation | None:
    if not token:
        return None
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(digest=Invitation.digest_of(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, actor, token: str) -> Membership:
    """The signed-in person accepts the invitation whose link carries `token` and joins
    the organisation with its role. Any account may accept: the link is the proof."""
    _signed_in(actor)
    invitation = invitation_by_token(token)
    if invitation is None:
        refuse("token", "This invitation link is not valid. Check that you copied all of it.")
    lock_rows((Invitation, [invitation.pk]))
    invitation.refresh_from_db()
    state = invitation.state()
    if state != "pending":
        refuse("token", _REFUSALS[state].format(org=invitation.organisation.name))
    membership = Membership.objects.filter(organisation=invitation.organisation, user=actor).first()
    if membership is None:
        membership = Membership.objects.create(
            organisation=invitation.organisation, user=actor, role=invitation.role
        )
    elif _ROLE_RANK[invitation.role] > _ROLE_RANK[membership.role]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
