"""Pages: sign up an organisation, its members and invitations, accepting an invitation."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from stagedoor.core.forms import add_service_errors
from stagedoor.core.paging import page_of
from stagedoor.core.validation import messages_of

from . import rules, selectors, services
from .forms import InvitationForm, OrganisationSignUpForm
from .models import Invitation, Organisation


def _first_in(request) -> dict:
    """Where to log in or sign up, each coming back to this page afterwards."""
    back = urlencode({"next": request.get_full_path()})
    return {"login_url": f"{reverse('login')}?{back}", "join_url": f"/join/?{back}"}


def organisation_new(request):
    if not request.user.is_authenticated:
        return render(request, "orgs/sign_in_first.html", _first_in(request))
    form = OrganisationSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_sign_up(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{org.name} is signed up. Invite the people you work with.")
            return redirect("orgs:members", slug=org.slug)
    return render(request, "orgs/new.html", {"form": form})


def members(request, slug: str):
    org = get_object_or_404(Organisation, slug=slug)
    if not rules.is_member(request.user, org):
        raise PermissionDenied("Only the organisation's members see who belongs to it.")
    inviter = rules.can_invite(request.user, org)
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not inviter:
            raise PermissionDenied("Only the organisation's owner and managers can invite people.")
        if form.is_valid():
            try:
                invitation, _ = services.invitation_create(
                    actor=request.user, organisation=org, request=request, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Invitation sent to {invitation.email}.")
                return redirect("orgs:members", slug=org.slug)
    context = {
        "organisation": org,
        "memberships": page_of(request, selectors.members_of(org)),
        "invitations": page_of(request, selectors.pending_invitations(org), param="waiting")
        if inviter
        else None,
        "can_invite": inviter,
        "invitation_days": settings.STAGEDOOR_INVITATION_DAYS,
        "form": form,
    }
    return render(request, "orgs/members.html", context, status=422 if form.errors else 200)


@require_POST
def invitation_revoke(request, slug: str, pk: int):
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"), pk=pk, organisation__slug=slug
    )
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in messages_of(exc).values() for m in ms))
    else:
        messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("orgs:members", slug=slug)


def invitation(request, token: str):
    found = services.invitation_by_token(token)
    context = {"invitation": found, "state": found.state() if found else None, **_first_in(request)}
    if found is not None and request.user.is_authenticated:
        context["already"] = (
            selectors.memberships_of(request.user).filter(organisation=found.organisation).first()
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.invitation_accept(actor=request.user, token=token)
        except ValidationError as exc:
            context["error"] = " ".join(m for ms in messages_of(exc).values() for m in ms)
            return render(request, "orgs/invitation.html", context, status=422)
        org = membership.organisation
        messages.success(
            request, f"You joined {org.name} as {membership.get_role_display().lower()}."
        )
        return redirect("orgs:members", slug=org.slug)
    status = 200 if found is not None and found.state() == "pending" else 410
    if found is None:
        status = 404
    return render(request, "orgs/invitation.html", context, status=status)
