import re

import pytest
from django.core import mail

from stagedoor.industry.models import Membership
from tests.factories import OrganisationFactory, UserFactory, manager_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_invites_and_the_invitee_accepts_from_the_email(live_server, page, log_in):
    org = OrganisationFactory(name="Blue Room Studios", slug="blue-room", kind="studio")
    manager_of(org, "sam", role="owner", password="backstage-pass")
    UserFactory(username="nia", email="nia@example.test", password="backstage-pass")

    log_in("sam")
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("link", name="Blue Room Studios").click()
    assert page.locator("h1").inner_text() == "People at Blue Room Studios"
    page.fill("input[name=email]", "nia@example.test")
    page.select_option("select[name=role]", label="Manager")
    page.click("button:has-text('Send invitation')")
    assert page.locator(".message").inner_text() == "Invitation sent to nia@example.test."
    assert "nia@example.test" in page.locator("#invitations").inner_text()

    # The email's link points at the address the site is served on.
    assert [m.to for m in mail.outbox] == [["nia@example.test"]]
    link = re.search(r"http://\S+/invitations/\S+/", mail.outbox[0].body)[0]
    assert link.startswith(f"{live_server.url}/invitations/")

    page.context.clear_cookies()
    page.goto(link)
    assert page.locator("h1").inner_text() == "Join Blue Room Studios"
    assert page.get_by_role("link", name="Manage", exact=True).count() == 0
    page.get_by_role("link", name="Log in").last.click()
    page.fill("input[name=username]", "nia")
    page.fill("input[name=password]", "backstage-pass")
    page.click("main button[type=submit]")
    page.wait_for_url(link)
    page.click("button:has-text('Accept and join')")
    assert page.locator(".message").inner_text() == "You joined Blue Room Studios as manager."
    assert page.get_by_role("link", name="Manage", exact=True).count() == 1
    assert Membership.objects.get(user__username="nia").role == "manager"

    # The link works once.
    page.goto(link)
    assert page.locator("h1").inner_text() == "This invitation cannot be used"

    # On a phone nothing on the members page reaches past the screen's edge (the site's
    # menu is folded for phones apart from this page).
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/orgs/blue-room/members/")
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= 390
