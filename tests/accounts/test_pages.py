"""The /join/ and /welcome/ pages: a newcomer signs up, confirms, builds a profile and goes
back where they came from; refusals show on the field and save nothing."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from stagedoor.accounts.models import Onboarding, SignUp
from stagedoor.people.models import WorkerProfile
from tests.accounts.committed import committed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
GOOD = "amp-rack-42-loadin"
START = "/careers/start/?interests=sound&city=Chicago"


def confirm_path() -> str:
    return re.search(r"http://[^/]+(/join/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1)


def join(client, **data):
    with committed():
        return client.post("/join/", {"email": "nina@example.com", "password": GOOD} | data)


def test_join_page_speaks_to_a_newcomer(client):
    page = client.get("/join/", {"next": START}).content.decode()
    assert "<h1>Join Stagedoor</h1>" in page
    assert 'name="next" value="/careers/start/?interests=sound&amp;city=Chicago"' in page


def test_sign_up_confirm_and_come_back_to_start_here(client):
    response = join(client, next=START)
    assert response.status_code == 302
    assert response["Location"] == "/join/sent/"
    sent = client.get("/join/sent/").content.decode()
    assert "We sent a link to <strong>nina@example.com</strong>" in sent
    # The link is built on the host the request came in on.
    assert "http://testserver/join/confirm/" in mail.outbox[0].body
    assert client.get("/welcome/").status_code == 302  # not logged in yet: to /login/

    response = client.get(confirm_path())
    assert response["Location"] == "/welcome/"
    assert client.get("/welcome/")["Location"] == "/welcome/1/"
    step1 = client.get("/welcome/1/").content.decode()
    assert "Step 1 of 5" in step1
    assert 'value="Chicago"' in step1  # typed on Start here, not again

    response = client.post(
        "/welcome/1/",
        {"display_name": "Nina Newcomer", "home_city": "Chicago", "travel_radius_km": "40"},
    )
    assert response["Location"] == "/welcome/2/"
    worker = WorkerProfile.objects.get(user__email="nina@example.com")
    assert (worker.home_city, worker.country, worker.currency, worker.travel_radius_km) == (
        "Chicago",
        "US",
        "USD",
        40,
    )
    for step in (2, 3, 4):
        assert client.post(f"/welcome/{step}/", {"action": "skip"})["Location"] == (
            f"/welcome/{step + 1}/"
        )
    assert client.post("/welcome/5/", {"action": "skip"})["Location"] == START
    onboarding = Onboarding.objects.get(user=worker.user)
    assert onboarding.furthest_step == 5
    assert onboarding.finished_at is not None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "ana@example.com"}, "email", "An account already uses this email."),
        ({"password": "password123"}, "password", "This password is too common."),
        ({"password": "short"}, "password", "This password is too short."),
    ],
)
def test_refused_sign_up_shows_on_the_field_and_saves_nothing(client, data, field, message):
    UserFactory(username="ana", email="Ana@Example.com")
    response = join(client, **({"email": "ana2@example.com"} | data))
    assert response.status_code == 200
    page = response.content.decode()
    errors = re.search(rf'<ul class="errorlist" id="id_{field}-errors">(.*?)</ul>', page, re.S)
    assert message in errors.group(1)
    assert User.objects.count() == 1
    assert SignUp.objects.count() == 0
    assert mail.outbox == []


def test_an_expired_link_offers_a_new_one(client, settings):
    join(client)
    path = confirm_path()
    settings.STAGEDOOR_JOIN_LINK_HOURS = -1
    response = client.get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>This link has expired</h1>" in page
    assert "Send a new link" in page
    assert User.objects.get(email="nina@example.com").is_active is False
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    settings.STAGEDOOR_JOIN_LINK_HOURS = 48
    with committed():
        answer = client.post("/join/new-link/", {"token": token})
    assert answer["Location"] == "/join/sent/"
    assert len(mail.outbox) == 2
    assert client.get(confirm_path())["Location"] == "/welcome/"
    assert User.objects.get(email="nina@example.com").is_active is True


def test_a_tampered_link_says_so_and_changes_nothing(client):
    join(client)
    response = client.get(confirm_path().replace("/join/confirm/", "/join/confirm/x"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>This link does not work</h1>" in page
    assert "Send a new link" in page
    assert User.objects.get(email="nina@example.com").is_active is False
    assert client.get("/welcome/")["Location"].startswith("/login/")


def test_the_account_cannot_log_in_before_confirming(client):
    join(client)
    client.post("/login/", {"username": "nina@example.com", "password": GOOD})
    assert "_auth_user_id" not in client.session
    client.get(confirm_path())
    client.post("/logout/")
    client.post("/login/", {"username": "nina@example.com", "password": GOOD})
    assert "_auth_user_id" in client.session


@pytest.fixture
def newcomer(client):
    user = UserFactory(username="nina.newcomer", first_name="Nina", last_name="Newcomer")
    client.force_login(user)
    return user


def test_later_steps_wait_for_the_first(client, newcomer):
    assert client.get("/me/profile/")["Location"] == "/welcome/"
    assert client.get("/welcome/3/")["Location"] == "/welcome/1/"
    assert client.get("/welcome/9/").status_code == 404
    page = client.get("/welcome/1/").content.decode()
    assert 'value="Nina Newcomer"' in page


def test_each_step_saves_and_they_come_back_where_they_stopped(client, newcomer):
    client.post(
        "/welcome/1/", {"display_name": "Nina N", "home_city": "Berlin", "travel_radius_km": "30"}
    )
    worker = newcomer.worker
    assert (worker.home_city, worker.currency) == ("Berlin", "EUR")
    response = client.post(
        "/welcome/2/",
        {
            "action": "add",
            "role-role": "stagehand",
            "role-level": "entry",
            "role-years": "0",
            "role-is_primary": "on",
        },
    )
    assert response["Location"] == "/welcome/2/"
    page = client.get("/welcome/2/").content.decode()
    assert "✓ Stagehand, entry level, 0 years (main role)" in page
    # Nothing more to add: "Save and continue" with an empty form moves on.
    assert client.post("/welcome/2/", {"action": "next", "role-role": ""})["Location"] == (
        "/welcome/3/"
    )
    response = client.post(
        "/welcome/3/",
        {
            "skill-skill": "de-escalation",
            "skill-level": "2",
            "cert-certification": "osha-10",
            "cert-issued_on": "2025-05-01",
        },
    )
    assert response["Location"] == "/welcome/4/"
    assert [(s.skill.slug, s.level) for s in worker.skills.all()] == [("de-escalation", 2)]
    assert [(c.certification.slug, c.issued_on) for c in worker.certifications.all()] == [
        ("osha-10", dt.date(2025, 5, 1))
    ]
    # They stop here; /welcome/ opens where they left off.
    assert client.get("/welcome/")["Location"] == "/welcome/4/"
    client.post("/welcome/4/", {"day_rate": "180", "hourly_rate": "", "currency": "EUR"})
    worker.refresh_from_db()
    assert (worker.day_rate, worker.hourly_rate, worker.show_rates) == (Decimal("180"), None, False)
    rates = {"day_rate": "180", "hourly_rate": "", "currency": "EUR", "show_rates": "on"}
    client.post("/welcome/4/", rates)
    worker.refresh_from_db()
    assert worker.show_rates is True
    response = client.post(
        "/welcome/5/",
        {
            "away-kind": "unavailable",
            "away-first_day": "2027-01-04",
            "away-last_day": "2027-01-10",
            "away-reason": "Exams",
        },
    )
    assert response["Location"] == "/"
    block = worker.availability.get()
    assert (block.starts_at.isoformat(), block.ends_at.isoformat()) == (
        "2027-01-03T23:00:00+00:00",
        "2027-01-10T23:00:00+00:00",
    )
    assert newcomer.onboarding.furthest_step == 5


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        (1, {"display_name": "N", "home_city": "Qwzxville", "travel_radius_km": "30"},
         "home_city", "No city called"),
        (3, {"skill-skill": "de-escalation", "skill-level": "2", "cert-certification": "osha-10",
             "cert-issued_on": "2025-05-01", "cert-expires_on": "2024-01-01"},
         "expires_on", "A certification must expire after it was issued."),
        (3, {"skill-skill": "", "cert-certification": "osha-10",
             "cert-issued_on": "2025-05-01", "cert-expires_on": "2024-01-01"},
         "expires_on", "A certification must expire after it was issued."),
        (4, {"day_rate": "-5", "currency": "EUR"}, "day_rate", "Must not be negative."),
        (5, {"away-kind": "unavailable", "away-first_day": "2027-01-04",
             "away-last_day": "2027-01-01"}, "last_day", "cannot come before the first"),
    ],
)  # fmt: skip
def test_a_refused_step_names_the_field_and_saves_nothing(
    client, newcomer, step, data, field, message
):
    if step > 1:
        client.post(
            "/welcome/1/", {"display_name": "N", "home_city": "Berlin", "travel_radius_km": "30"}
        )
    before = Onboarding.objects.filter(user=newcomer).values_list("furthest_step", flat=True)
    before = list(before)
    response = client.post(f"/welcome/{step}/", data)
    assert response.status_code == 200
    page = response.content.decode()
    errors = re.search(rf'id="id_(?:\w+-)?{field}-errors">(.*?)</ul>', page, re.S)
    assert message in errors.group(1)
    assert page.count('class="errorlist"') == 1  # only the field at fault
    assert list(
        Onboarding.objects.filter(user=newcomer).values_list("furthest_step", flat=True)
    ) == (before or [0])
    worker = WorkerProfile.objects.filter(user=newcomer).first()
    if worker:
        assert worker.skills.count() == worker.certifications.count() == 0
        assert worker.availability.count() == 0
        assert worker.day_rate is None


def test_start_here_and_a_posting_invite_visitors_to_join(client, world):
    page = client.get(START).content.decode()
    assert "/join/?next=/careers/start/%3Finterests%3Dsound%26city%3DChicago" in page
    show = client.get(world["show"].get_absolute_url()).content.decode()
    assert f"/join/?next={world['show'].get_absolute_url()}" in show
    assert "Sign up to apply" in show
    role = client.get("/careers/foh-engineer/").content.decode()
    assert "/join/?next=/careers/foh-engineer/" in role
    assert client.get("/login/?next=/jobs/").content.decode().count("/join/?next=/jobs/") == 1
    client.force_login(world["manager"])
    assert "Sign up to apply" not in client.get(world["show"].get_absolute_url()).content.decode()


def test_a_certificate_alone_is_enough_for_step_3(client, newcomer):
    client.post(
        "/welcome/1/", {"display_name": "N", "home_city": "Austin", "travel_radius_km": "30"}
    )
    response = client.post(
        "/welcome/3/",
        {"skill-skill": "", "skill-level": "3", "cert-certification": "osha-10",
         "cert-issued_on": "2025-05-01"},
    )  # fmt: skip
    assert response["Location"] == "/welcome/4/"
    assert newcomer.worker.skills.count() == 0
    assert newcomer.worker.certifications.get().certification.slug == "osha-10"


def test_a_newcomer_without_a_profile_is_led_to_build_one(client):
    """Crew pages send her to onboarding (and back), home and the menu say what to do next;
    managers, who keep no crew profile, are not nagged."""
    user = UserFactory(username="nina", password=GOOD)
    client.force_login(user)
    for path in ["/me/", "/me/gigs/", "/me/schedule/", "/me/pay/", "/me/income/"]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, f"/welcome/?next={path}")
    home = client.get("/").content.decode()
    assert 'id="finish-profile"' in home and "Continue your profile" in home
    assert ">Set up your profile</a>" in home
    step = client.get("/welcome/1/").content.decode()
    assert "Skip for now" not in step  # every later step adds to the profile this one makes


def test_start_results_name_the_roles_they_lead_to(client):
    from stagedoor.careers.templatetags.careers_tags import role_name
    from stagedoor.industry.models import Role

    name = Role.objects.get(slug="audio-tech").name
    assert name != "audio-tech"
    assert (role_name("audio-tech"), role_name("no-such-role")) == (name, "no-such-role")


def test_the_join_page_answers_normally_while_the_mail_server_is_down(client, settings):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"
    response = join(client)
    assert (response.status_code, response["Location"]) == (302, "/join/sent/")
    assert SignUp.objects.get().email == "nina@example.com"
    assert mail.outbox == []
