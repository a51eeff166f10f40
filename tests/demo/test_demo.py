import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from stagedoor.booking.models import Booking, PositionEvent, Timesheet, TimesheetBreak
from stagedoor.booking.week.selectors import coordinator_week
from stagedoor.core.models import TaskRecord
from stagedoor.core.tasks import start_task
from stagedoor.demo import cast
from stagedoor.gigs.models import CrewTemplate, Position, Show, StudioProject, Tour
from stagedoor.industry.models import Organisation, Role, Venue
from stagedoor.people.models import (
    Credit,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)
from stagedoor.touring.models import TourDay, TourEngagement, TravelLeg
from tests.factories import UserFactory

from .past_week import assert_past_week, past_snapshot

pytestmark = pytest.mark.django_db

MODELS = (
    get_user_model(),
    Organisation,
    Venue,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
    WorkerCertification,
    Show,
    Tour,
    StudioProject,
    Position,
    Booking,
    Timesheet,
    TimesheetBreak,
    Credit,
    PositionEvent,
)


def snapshot():
    return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS} | {
        "shows": sorted(Show.objects.values_list("slug", "date", "status")),
        "workers": sorted(WorkerProfile.objects.values_list("slug", "home_city", "day_rate")),
    }


def test_demo_world_is_realistic_and_idempotent(client):
    out = io.StringIO()
    call_command("demo-data", "--quiet", stdout=out)
    text = out.getvalue()
    for username, _, _, _ in cast.LOGINS:
        assert username in text
    assert "Past week: 6 shows played, " in text
    first = snapshot()
    assert_past_week()
    past = past_snapshot()

    assert WorkerProfile.objects.count() >= 300
    assert Show.objects.count() >= 40
    assert Venue.objects.exclude(capacity__lt=500).count() >= 5
    assert Venue.objects.values("timezone").distinct().count() >= 2
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {"promoter", "venue", "production", "union_local", "studio", "training"}
    # Every role has somebody, and every level appears.
    assert set(WorkerRole.objects.values_list("role__slug", flat=True)) == set(
        Role.objects.values_list("slug", flat=True)
    )
    assert set(WorkerRole.objects.values_list("level", flat=True)) == {
        "entry",
        "mid",
        "senior",
        "lead",
    }
    tour = Tour.objects.annotate(n=Count("stops")).get()
    assert tour.n == 6
    assert len(set(tour.stops.values_list("venue__city", flat=True))) == 6
    # Issue 16: the tour's own crew are touring calls; the hands hired at each stop are local.
    on_tour = Position.objects.filter(show__tour=tour)
    per_stop = on_tour.filter(crew="touring", engagement=False)
    assert set(per_stop.values_list("role__slug", flat=True)) == {
        "foh-engineer",
        "monitor-engineer",
    }
    # Issue 20: the tour on the road: every kind of day, legs, hotels, touring crew booked.
    days = TourDay.objects.filter(tour=tour)
    assert set(days.values_list("kind", flat=True)) == {"show", "travel", "off"}
    assert days.filter(kind="show").count() == 6
    assert set(TravelLeg.objects.filter(day__tour=tour).values_list("mode", flat=True)) == {
        "bus",
        "flight",
    }
    assert not days.filter(hotel_name="").exists()
    engaged = TourEngagement.objects.filter(tour=tour, position__bookings__status="confirmed")
    # The FOH and monitor engineers for the whole tour; Will when his diary leaves room.
    assert engaged.filter(first_day=days.first().date, last_day=days.last().date).count() >= 2
    assert per_stop.values("show").distinct().count() == 6
    assert {"stagehand", "runner", "audio-tech"} <= set(
        on_tour.filter(crew="local").values_list("role__slug", flat=True)
    )
    assert not Position.objects.filter(show__tour__isnull=True, crew="touring").exists()
    assert StudioProject.objects.count() >= 4
    assert StudioProject.objects.filter(remote_allowed=True).count() >= 3
    assert (
        Position.objects.filter(show__isnull=False).values("show").distinct().count()
        == Show.objects.count()
    )
    assert Position.objects.filter(union_required=True).exists()
    # Every other crew member, and Will, chose to show their rates: their public profile
    # and the API show them to anyone; the others' stay hidden from visitors.
    crew_rates = WorkerProfile.objects.filter(user__username__startswith="crew")
    assert sorted(set(crew_rates.values_list("show_rates", flat=True))) == [False, True]
    assert all(
        shown == (int(name[4:]) % 2 == 0)
        for name, shown in crew_rates.values_list("user__username", "show_rates")
    )
    will = WorkerProfile.objects.get(user__username="will.worker")
    assert will.show_rates is True
    assert "<dt>Day rate</dt><dd>$280.00</dd>" in client.get(f"/crew/{will.slug}/").content.decode()
    assert client.get(f"/api/workers/{will.slug}").json()["rates"] == {
        "day_rate": "280.00",
        "hourly_rate": "32.00",
        "currency": "USD",
    }
    hidden = crew_rates.filter(show_rates=False, is_public=True).first()
    assert client.get(f"/api/workers/{hidden.slug}").json()["rates"] is None
    assert "<dt>Day rate</dt>" not in client.get(f"/crew/{hidden.slug}/").content.decode()

    # The newcomer who came to rig has Rigger as her goal; Nina has no profile to hold one.
    rosa = WorkerProfile.objects.select_related("goal_role").get(user__username="rosa.rigger")
    assert rosa.goal_role.slug == "rigger"
    assert not WorkerProfile.objects.filter(user__username="nina.newcomer").exists()

    again = io.StringIO()
    call_command("demo-data", "--quiet", stdout=again)
    assert "Past week" not in again.getvalue()
    assert snapshot() == first
    assert past_snapshot() == past

    # Issue 16: the production company's crew-call templates, saved once, to try applying.
    templates = CrewTemplate.objects.filter(organisation__slug="sightline-production")
    assert list(templates.values_list("name", flat=True)) == [
        "Lanterns Tour: full crew call",
        "Lanterns Tour: touring crew only",
    ]
    first_stop = Position.objects.filter(show__tour=tour, show__tour_order=1)
    calls = first_stop.filter(cancelled_at__isnull=True, engagement=False)
    assert templates[0].lines.count() == calls.count()
    assert sorted(templates[1].lines.values_list("role__slug", flat=True)) == sorted(
        calls.filter(crew="touring").values_list("role__slug", flat=True)
    )

    # The demo logins work and see their worlds.
    assert client.login(username="vera.venue", password=cast.PASSWORD)
    manage = client.get("/manage/").content.decode()
    assert "Riverside Venues Group" in manage
    # Her past show's sheets: one to approve, a crew member's dispute to answer.
    played = Show.objects.filter(
        organisation__slug="riverside-venues", date__lt=timezone.localdate()
    ).first()
    sheets = client.get(f"/shows/{played.slug}/timesheets/").content.decode()
    assert "Waiting for approval" in sheets
    assert "I stayed an hour past the end to strike the PA" in sheets
    client.logout()
    # The production manager's week: the warm-up show, over its budget, with an offer about
    # to expire, an offer that clashes with a booking and a certificate that lapses.
    parker = get_user_model().objects.get(username="parker.production")
    week = coordinator_week(actor=parker)
    warm_up = next(r for r in week.shows if r.show.title == "Lanterns Tour warm-up")
    assert warm_up.over_budget and warm_up.budget.endswith("USD budget")
    assert warm_up.fill.booked < warm_up.fill.needed
    assert (len(week.expiring), len(week.clashes), len(week.lapses)) == (1, 1, 1)
    assert week.clashes[0].kind == "An offer clashes with a booking"
    assert client.login(username="parker.production", password=cast.PASSWORD)
    page = client.get("/manage/").text
    assert warm_up.budget in page and "An offer clashes with a booking" in page
    client.logout()
    # The newcomer has joined and confirmed, with no profile yet: onboarding starts at 1.
    assert client.login(username="nina.newcomer", password=cast.PASSWORD)
    assert not WorkerProfile.objects.filter(user__username="nina.newcomer").exists()
    assert client.get("/welcome/")["Location"] == "/welcome/1/"
    assert "Step 1 of 5" in client.get("/welcome/1/").content.decode()
    client.logout()
    assert client.login(username="will.worker", password=cast.PASSWORD)
    assert "Will Okafor" in client.get("/me/profile/").content.decode()
    assert client.get("/me/pay/").status_code == 200
    show = Show.objects.filter(status="published").order_by("date").first()
    page = client.get(show.get_absolute_url()).content.decode()
    assert show.artist in page
    assert 'id="position-' in page

    # The past week can be tried: Will submits his recorded sheet, Pat approves and rates
    # the one waiting for him.
    will = WorkerProfile.objects.get(user__username="will.worker")
    recorded = Timesheet.objects.get(booking__worker=will, status="open")
    assert (
        "Nothing changed"
        not in client.post(
            f"/bookings/{recorded.booking_id}/timesheet/submit/", follow=True
        ).content.decode()
    )
    recorded.refresh_from_db()
    assert recorded.status == "submitted"
    client.logout()
    assert client.login(username="pat.promoter", password=cast.PASSWORD)
    waiting = Timesheet.objects.get(
        booking__worker=will,
        status="submitted",
        booking__position__show__organisation__slug=("northern-lights-presents"),
    )
    client.post(f"/bookings/{waiting.booking_id}/timesheet/approve/")
    client.post(f"/bookings/{waiting.booking_id}/rating/", {"rating": "4", "note": "Solid."})
    waiting.refresh_from_db()
    assert waiting.status == "approved"
    assert waiting.booking.credit.verified and waiting.booking.credit.rating == 4


def test_demo_data_task_reports_progress(client, settings):
    record = start_task("demo-data")
    record.refresh_from_db()
    assert record.status == "queued"  # runs on commit
    from stagedoor.core.tasks import execute

    done = execute(record.pk)
    assert done.status == TaskRecord.Status.DONE
    assert done.percent == 100
    assert done.done == done.total > 300
    assert done.result["workers"] == WorkerProfile.objects.count()
    client.force_login(UserFactory(username="ops", is_staff=True))
    body = client.get(f"/tasks/{record.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'value="100"' in body
    assert "hx-get" not in body  # finished: polling stops
