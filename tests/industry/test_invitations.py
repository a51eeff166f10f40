"""Organisations sign up and invite their members: the services and the pages."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stagedoor.core.validation import messages_of
from stagedoor.industry import services
from stagedoor.industry.models import Invitation, Membership, Organisation, Venue
from tests.factories import OrganisationFactory, UserFactory, manager_of

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+/invitations/([\w-]+)/")


@pytest.fixture
def org():
    return OrganisationFactory(name="Northern Lights", slug="northern-lights", kind="promoter")


@pytest.fixture
def owner(org):
    return manager_of(org, "olive", role="owner")


def invite(owner, org, email="nia@example.test", role="manager", **kw):
    with_commit = kw.pop("capture")
    with with_commit(execute=True):
        return services.invitation_create(
            actor=owner, organisation=org, email=email, role=role, **kw
        )


# --- signing up an organisation -------------------------------------------------------


def test_sign_up_makes_the_person_owner_with_a_first_venue_found_by_city():
    user = UserFactory(username="sam")
    org = services.organisation_sign_up(
        actor=user,
        name="Blue Room",
        kind="studio",
        country="us",
        venue_name="Room A",
        venue_city="Chicago",
        venue_capacity=40,
    )
    assert (org.slug, org.kind, org.country, org.city) == ("blue-room", "studio", "US", "Chicago")
    assert Membership.objects.get(organisation=org).user == user
    assert Membership.objects.get(organisation=org).role == "owner"
    venue = Venue.objects.get(organisation=org)
    assert (venue.name, venue.city, venue.region, venue.timezone, venue.capacity) == (
        "Room A",
        "Chicago",
        "IL",
        "America/Chicago",
        40,
    )


def test_sign_up_refuses_bad_input_naming_each_field_and_saves_nothing():
    user = UserFactory(username="sam")
    with pytest.raises(ValidationError) as caught:
        services.organisation_sign_up(
            actor=user,
            name=" ",
            kind="label",
            country="XX",
            venue_name="",
            venue_city="",
            venue_capacity=0,
        )
    assert set(messages_of(caught.value)) == {
        "name",
        "kind",
        "country",
        "venue_name",
        "venue_city",
        "venue_capacity",
    }
    with pytest.raises(ValidationError) as caught:
        services.organisation_sign_up(
            actor=user,
            name="X",
            kind="venue",
            country="DE",
            venue_name="Hall",
            venue_city="Atlantis",
            venue_capacity=10,
        )
    assert messages_of(caught.value) == {
        "venue_city": [
            "We could not find Atlantis in Germany; check the spelling or give a larger town "
            "nearby."
        ]
    }
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_a_union_local_signs_up_without_a_venue():
    org = services.organisation_sign_up(
        actor=UserFactory(), name="Local 99", kind="union_local", country="US"
    )
    assert org.kind == "union_local"
    assert not org.venues.exists()


def test_sign_up_needs_a_login():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.organisation_sign_up(
            actor=AnonymousUser(), name="X", kind="union_local", country="US"
        )


# --- invitations ----------------------------------------------------------------------


def test_invitation_emails_a_link_that_makes_the_invitee_a_member(
    org, owner, django_capture_on_commit_callbacks
):
    invitation, token = invite(owner, org, capture=django_capture_on_commit_callbacks)
    assert invitation.state() == "pending"
    assert invitation.digest != token and invitation.digest == Invitation.digest_of(token)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nia@example.test"]
    assert message.subject == "olive invites you to join Northern Lights on Stagedoor"
    assert LINK.search(message.body).group(1) == token
    assert "http://127.0.0.1:8000/invitations/" in message.body
    assert "as manager." in message.body
    nia = UserFactory(username="nia")
    membership = services.invitation_accept(actor=nia, token=token)
    assert (membership.user, membership.role) == (nia, "manager")
    invitation.refresh_from_db()
    assert invitation.state() == "accepted"
    assert invitation.accepted_by == nia


def test_invitation_expires_after_the_setting(
    org, owner, settings, django_capture_on_commit_callbacks
):
    settings.STAGEDOOR_INVITATION_DAYS = 2
    invitation, token = invite(owner, org, capture=django_capture_on_commit_callbacks)
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        dt.timedelta(days=2), abs=dt.timedelta(seconds=1)
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as caught:
        services.invitation_accept(actor=UserFactory(), token=token)
    assert messages_of(caught.value) == {
        "token": ["This invitation expired. Ask Northern Lights for a new one."]
    }
    assert Membership.objects.filter(organisation=org).count() == 1


def test_a_revoked_invitation_no_longer_works(org, owner, django_capture_on_commit_callbacks):
    invitation, token = invite(owner, org, capture=django_capture_on_commit_callbacks)
    services.invitation_revoke(actor=owner, invitation=invitation)
    assert Invitation.objects.get().state() == "revoked"
    with pytest.raises(ValidationError) as caught:
        services.invitation_accept(actor=UserFactory(), token=token)
    assert messages_of(caught.value) == {
        "token": ["This invitation was withdrawn. Ask Northern Lights for a new one."]
    }
    with pytest.raises(ValidationError) as caught:
        services.invitation_revoke(actor=owner, invitation=invitation)
    assert messages_of(caught.value) == {"invitation": ["This invitation was already revoked."]}


def test_an_invitation_works_once(org, owner, django_capture_on_commit_callbacks):
    _, token = invite(owner, org, capture=django_capture_on_commit_callbacks)
    services.invitation_accept(actor=UserFactory(username="a"), token=token)
    with pytest.raises(ValidationError) as caught:
        services.invitation_accept(actor=UserFactory(username="b"), token=token)
    assert messages_of(caught.value) == {"token": ["This invitation has already been used."]}
    assert not Membership.objects.filter(user__username="b").exists()


def test_an_unknown_token_is_refused(org):
    with pytest.raises(ValidationError) as caught:
        services.invitation_accept(actor=UserFactory(), token="nope")
    assert list(messages_of(caught.value)) == ["token"]


def test_nobody_invites_to_an_organisation_they_do_not_run(org, owner):
    outsider = manager_of(OrganisationFactory(), "otto")  # manages another one
    crew_chief = manager_of(org, "cody", role="crew_chief")
    dispatcher = manager_of(org, "dina", role="dispatcher")
    for actor in (outsider, crew_chief, dispatcher):
        with pytest.raises(PermissionDenied):
            services.invitation_create(
                actor=actor, organisation=org, email="x@example.test", role="manager"
            )
    invitation, _ = services.invitation_create(
        actor=owner, organisation=org, email="x@example.test", role="dispatcher"
    )
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=outsider, invitation=invitation)
    assert Invitation.objects.get().state() == "pending"


def test_invitation_input_is_checked(org, owner):
    manager_of(org, "mia")  # mia@example.test already belongs
    with pytest.raises(ValidationError) as caught:
        services.invitation_create(actor=owner, organisation=org, email="nope", role="owner")
    assert messages_of(caught.value) == {
        "email": ["'nope' is not an email address."],
        "role": ["'owner' is not one of manager, crew_chief, dispatcher."],
    }
    with pytest.raises(ValidationError) as caught:
        services.invitation_create(
            actor=owner, organisation=org, email="MIA@example.test", role="manager"
        )
    assert messages_of(caught.value) == {
        "email": ["mia@example.test already belongs to Northern Lights."]
    }
    assert not Invitation.objects.exists()


def test_inviting_again_replaces_the_pending_invitation(org, owner):
    first, _ = services.invitation_create(
        actor=owner, organisation=org, email="nia@example.test", role="crew_chief"
    )
    second, _ = services.invitation_create(
        actor=owner, organisation=org, email="Nia@Example.test", role="manager"
    )
    first.refresh_from_db()
    assert (first.state(), second.state(), second.email) == (
        "revoked",
        "pending",
        "nia@example.test",
    )


def test_accepting_never_lowers_a_role(org, owner):
    _, token = services.invitation_create(
        actor=owner, organisation=org, email="owner2@example.test", role="crew_chief"
    )
    membership = services.invitation_accept(actor=owner, token=token)
    assert membership.role == "owner"


# --- pages ----------------------------------------------------------------------------


def test_org_sign_up_page_sends_logged_out_people_to_log_in_or_join(client):
    response = client.get("/orgs/new/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/join/?next=%2Forgs%2Fnew%2F"' in html
    assert 'href="/login/?next=%2Forgs%2Fnew%2F"' in html


def test_org_sign_up_page_creates_the_organisation(client):
    user = UserFactory(username="sam")
    client.force_login(user)
    assert client.get("/orgs/new/").status_code == 200
    response = client.post(
        "/orgs/new/",
        {
            "name": "Blue Room",
            "kind": "studio",
            "country": "US",
            "venue_name": "Room A",
            "venue_city": "Nashville",
            "venue_capacity": "30",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/orgs/blue-room/members/"
    assert Membership.objects.get(organisation__slug="blue-room").role == "owner"
    bad = client.post("/orgs/new/", {"name": "X", "kind": "venue", "country": "US"})
    assert bad.status_code == 200
    assert "Give the name of your first venue or studio." in bad.content.decode()
    assert Organisation.objects.count() == 1


def test_members_page_invites_lists_and_withdraws(
    client, org, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/orgs/northern-lights/members/",
            {"email": "nia@example.test", "role": "crew_chief"},
            HTTP_HOST="localhost:8101",
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["nia@example.test"]
    assert "http://localhost:8101/invitations/" in mail.outbox[0].body
    page = client.get("/orgs/northern-lights/members/").content.decode()
    assert "nia@example.test" in page and "Crew chief" in page and "Withdraw" in page
    invitation = Invitation.objects.get()
    client.post(f"/orgs/northern-lights/invitations/{invitation.pk}/revoke/")
    assert Invitation.objects.get().state() == "revoked"
    page = client.get("/orgs/northern-lights/members/").content.decode()
    assert "No invitations waiting." in page
    bad = client.post("/orgs/northern-lights/members/", {"email": "nope", "role": "manager"})
    assert bad.status_code == 422
    assert "Enter a valid email address." in bad.content.decode()


def test_members_page_is_closed_to_outsiders_and_read_only_for_crew_chiefs(client, org, owner):
    client.force_login(UserFactory(username="otto"))
    assert client.get("/orgs/northern-lights/members/").status_code == 403
    chief = manager_of(org, "cody", role="crew_chief")
    client.force_login(chief)
    page = client.get("/orgs/northern-lights/members/").content.decode()
    assert "olive" in page and "Send invitation" not in page
    assert (
        client.post(
            "/orgs/northern-lights/members/", {"email": "x@example.test", "role": "manager"}
        ).status_code
        == 403
    )
    invitation, _ = services.invitation_create(
        actor=owner, organisation=org, email="x@example.test", role="manager"
    )
    assert (
        client.post(f"/orgs/northern-lights/invitations/{invitation.pk}/revoke/").status_code == 403
    )
    assert Invitation.objects.get().state() == "pending"


def test_invitation_page_asks_to_log_in_then_accepts(client, org, owner):
    _, token = services.invitation_create(
        actor=owner, organisation=org, email="nia@example.test", role="manager"
    )
    url = f"/invitations/{token}/"
    page = client.get(url).content.decode()
    assert "Join Northern Lights" in page and "as <strong>manager</strong>" in page
    assert f'href="/login/?next=%2Finvitations%2F{token}%2F"' in page
    client.post(url)  # logged out: nothing happens
    assert Membership.objects.filter(organisation=org).count() == 1
    nia = UserFactory(username="nia")
    client.force_login(nia)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/orgs/northern-lights/members/"
    assert Membership.objects.get(user=nia).role == "manager"
    assert "Manage" in client.get("/").content.decode()
    used = client.get(url)
    assert used.status_code == 410 and "It has already been used." in used.content.decode()
    assert client.get("/invitations/made-up/").status_code == 404


def test_expired_invitation_page_says_so(client, org, owner):
    invitation, token = services.invitation_create(
        actor=owner, organisation=org, email="nia@example.test", role="manager"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(UserFactory(username="nia"))
    response = client.post(f"/invitations/{token}/")
    assert response.status_code == 422
    assert (
        "This invitation expired. Ask Northern Lights for a new one." in response.content.decode()
    )
    assert not Membership.objects.filter(user__username="nia").exists()


def test_an_organisation_called_new_does_not_hide_the_sign_up_page():
    org = services.organisation_sign_up(
        actor=UserFactory(), name="New", kind="union_local", country="US"
    )
    assert org.slug == "new-2"


def test_directory_pages_lead_to_sign_up_and_to_the_members_page(client, org, owner):
    assert (
        'href="/orgs/new/">Sign up your organisation</a>' in client.get("/orgs/").content.decode()
    )
    assert (
        "/orgs/northern-lights/members/"
        not in client.get("/orgs/northern-lights/").content.decode()
    )
    client.force_login(owner)
    page = client.get("/orgs/northern-lights/").content.decode()
    assert '<a href="/orgs/northern-lights/members/">People at Northern Lights</a>' in page
