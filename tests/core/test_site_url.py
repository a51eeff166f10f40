"""Links in emails and calendars point at the address the site is served on."""

import pytest
from django.test import RequestFactory

from stagedoor.booking.calendars import absolute
from stagedoor.core.http import absolute_url, site_url
from stagedoor.core.middleware import SiteUrlMiddleware


def test_outside_a_request_links_use_the_setting(settings):
    settings.STAGEDOOR_SITE_URL = "http://127.0.0.1:8101"
    assert site_url() == "http://127.0.0.1:8101"
    assert absolute_url("/me/inbox/") == "http://127.0.0.1:8101/me/inbox/"
    assert absolute("/calendar/x.ics") == "http://127.0.0.1:8101/calendar/x.ics"


def test_while_answering_a_request_links_use_its_host(settings):
    settings.STAGEDOOR_SITE_URL = "http://127.0.0.1:8000"
    seen = {}

    def view(request):
        seen["site"] = site_url()
        seen["calendar"] = absolute("/shows/x/call-sheet/")
        return None

    request = RequestFactory().get("/", HTTP_HOST="localhost:8101")
    SiteUrlMiddleware(view)(request)
    assert seen == {
        "site": "http://localhost:8101",
        "calendar": "http://localhost:8101/shows/x/call-sheet/",
    }
    assert site_url() == "http://127.0.0.1:8000"  # forgotten after the request
    assert site_url(request) == "http://localhost:8101"


@pytest.mark.django_db
def test_notification_email_sent_while_answering_a_request_links_to_its_host(settings):
    from django.contrib.auth import get_user_model
    from django.core import mail

    from stagedoor.booking.models import Notification
    from stagedoor.booking.tasks import send_notification_email

    user = get_user_model().objects.create_user("nia", "nia@example.test", "x")
    note = Notification.objects.create(
        user=user, kind=Notification.Kind.OFFER, subject="Offer", body="A call.", url="/me/inbox/"
    )

    def view(request):
        send_notification_email(note.pk)

    SiteUrlMiddleware(view)(RequestFactory().get("/", HTTP_HOST="localhost:8101"))
    assert mail.outbox[0].body == "A call.\n\nhttp://localhost:8101/me/inbox/"
