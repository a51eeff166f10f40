"""`stagedoor org-invite ORG EMAIL --role ROLE`."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.industry.models import Invitation
from tests.factories import OrganisationFactory, manager_of

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_org_invite_from_the_owner_prints_and_emails_the_link(
    settings, django_capture_on_commit_callbacks
):
    settings.STAGEDOOR_SITE_URL = "http://127.0.0.1:8101"
    org = OrganisationFactory(name="Northern Lights", slug="northern-lights")
    manager_of(org, "olive", role="owner")
    with django_capture_on_commit_callbacks(execute=True):
        out = run("org-invite", "northern-lights", "Nia@example.test", "--role", "manager")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by.username) == (
        "nia@example.test",
        "manager",
        "olive",
    )
    first, link = out.strip().split("\n")
    assert first.startswith("Invited nia@example.test to Northern Lights as manager; ")
    assert re.fullmatch(r"http://127\.0\.0\.1:8101/invitations/[\w-]+/", link)
    assert link in mail.outbox[0].body


def test_org_invite_refusals():
    org = OrganisationFactory(name="Northern Lights", slug="northern-lights")
    manager_of(org, "olive", role="owner")
    manager_of(org, "cody", role="crew_chief")
    with pytest.raises(CommandError, match=re.escape("organisation: 'nowhere' does not exist.")):
        run("org-invite", "nowhere", "x@example.test", "--role", "manager")
    with pytest.raises(
        CommandError, match="Permission denied: Only the organisation's owner and managers"
    ):
        run("org-invite", "northern-lights", "x@example.test", "--role", "manager", "--as", "cody")
    with pytest.raises(CommandError, match=re.escape("email: 'x' is not an email address.")):
        run("org-invite", "northern-lights", "x", "--role", "manager")
    with pytest.raises(CommandError):
        run("org-invite", "northern-lights", "x@example.test", "--role", "owner")
    assert not Invitation.objects.exists()
