import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from stagedoor.core.models import TaskRecord
from stagedoor.core.tasks import start_task
from stagedoor.demo import cast
from stagedoor.gigs.models import Position, Show, StudioProject, Tour
from stagedoor.industry.models import Organisation, Role, Venue
from stagedoor.people.models import WorkerCertification, WorkerProfile, WorkerRole, WorkerSkill

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
    first = snapshot()

    assert WorkerProfile.objects.count() >= 300
    assert Show.objects.count() >= 40
    assert Venue.objects.exclude(capacity__lt=500).count() >= 5
    assert Venue.objects.values("timezone").distinct().count() >= 2
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {"promoter", "venue", "production", "union_local", "studio"}
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
    assert set(on_tour.filter(crew="touring").values_list("role__slug", flat=True)) == {
        "foh-engineer",
        "monitor-engineer",
    }
    assert on_tour.filter(crew="touring").values("show").distinct().count() == 6
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

    call_command("demo-data", "--quiet", stdout=io.StringIO())
    assert snapshot() == first

    # The demo logins work and see their worlds.
    assert client.login(username="vera.venue", password=cast.PASSWORD)
    manage = client.get("/manage/").content.decode()
    assert "Riverside Venues Group" in manage
    client.logout()
    assert client.login(username="will.worker", password=cast.PASSWORD)
    assert "Will Okafor" in client.get("/me/profile/").content.decode()
    show = Show.objects.filter(status="published").order_by("date").first()
    page = client.get(show.get_absolute_url()).content.decode()
    assert show.artist in page
    assert 'id="position-' in page


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
    body = client.get(f"/tasks/{record.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'value="100"' in body
    assert "hx-get" not in body  # finished: polling stops
