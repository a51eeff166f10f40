"""The national world at a small scale: exact counts, valid relations, the booking rules kept,
refused twice unless replaced, and the demo's logins untouched."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Count, F, Q

from stagedoor.booking.models import BUSY_STATUSES, Booking, Offer
from stagedoor.demo import cast
from stagedoor.demo.national import broken_invariants, build_national, count_rows
from stagedoor.demo.world import build_demo_world
from stagedoor.gigs.models import Position, Show
from stagedoor.industry.models import Role, Venue
from stagedoor.matching.models import IndexChange
from stagedoor.people.models import WorkerProfile, WorkerRole, WorkerSkill
from tests.factories import PositionFactory, WorkerFactory, postgres_only

pytestmark = pytest.mark.django_db

SMALL = {"workers": 300, "organisations": 20, "shows": 60, "positions": 900}


def test_a_small_national_world_has_exact_counts_and_valid_relations():
    before = IndexChange.objects.count()
    result = build_national(**SMALL)
    assert count_rows() == SMALL
    assert result["counts"]["people_workerprofile"] == 300
    assert result["counts"]["gigs_position"] == 900
    # The matching index was told once, at the end, to rebuild everything.
    assert list(IndexChange.objects.order_by("id").values_list("kind", flat=True)[before:]) == [
        IndexChange.Kind.EVERYTHING
    ]
    positions = Position.objects.filter(show__organisation__slug__startswith="nat-")
    # Every call's role is in the catalog, every show is at a venue in its city's zone.
    assert not positions.exclude(role__in=Role.objects.all()).exists()
    assert set(positions.values_list("currency", flat=True)) <= {"USD", "GBP", "EUR"}
    assert not positions.filter(call_end__lte=F("call_start")).exists()
    assert not positions.filter(pay_amount__lte=0).exists()
    assert (
        Show.objects.filter(venue__in=Venue.objects.filter(slug__startswith="nat-")).count() == 60
    )
    # Every worker has exactly one primary role and some skills; rates in local currency.
    workers = WorkerProfile.objects.filter(user__username__startswith="nat")
    primaries = workers.annotate(n=Count("roles", filter=Q(roles__is_primary=True)))
    assert set(primaries.values_list("n", flat=True)) == {1}
    assert WorkerSkill.objects.filter(worker__in=workers).count() > 300
    assert set(workers.values_list("currency", flat=True)) <= {"USD", "GBP", "EUR"}
    # Bookings: nobody over a call's head count, nobody in two places at once, and only
    # crew who hold the call's role.
    assert broken_invariants() == {"over_filled_calls": 0, "double_bookings": 0}
    booked = Booking.objects.filter(position__in=positions, status__in=BUSY_STATUSES)
    assert booked.count() > 100
    for position_role, worker in booked.values_list("position__role", "worker")[:200]:
        assert WorkerRole.objects.filter(worker=worker, role=position_role).exists()
    assert Offer.objects.filter(position__in=positions, status="pending").exists()
    # The sequences carry on after the bulk ids: a new call saves normally.
    assert PositionFactory().pk > positions.order_by("-pk").first().pk


def test_a_second_build_is_refused_unless_replaced():
    build_national(**SMALL)
    with pytest.raises(ValidationError) as refused:
        build_national(**SMALL)
    assert "scale" in refused.value.message_dict
    build_national(**SMALL, replace=True)
    assert count_rows() == SMALL
    assert broken_invariants() == {"over_filled_calls": 0, "double_bookings": 0}


def test_the_command_adds_to_the_demo_world_and_keeps_its_logins(capsys):
    build_demo_world()
    demo_workers = WorkerProfile.objects.count()
    call_command(
        "demo-data",
        "--quiet",
        "--scale",
        "national",
        "--workers",
        "300",
        "--organisations",
        "20",
        "--shows",
        "60",
        "--positions",
        "900",
    )
    assert "National world written" in capsys.readouterr().out
    assert WorkerProfile.objects.count() == demo_workers + 300
    for username, *_ in cast.LOGINS:
        assert get_user_model().objects.get(username=username).check_password(cast.PASSWORD)
    assert broken_invariants() == {"over_filled_calls": 0, "double_bookings": 0}


@postgres_only
def test_on_postgresql_the_planner_knows_the_rows_and_new_ids_follow_them():
    from django.db import connection

    build_national(**SMALL)
    with connection.cursor() as cursor:
        # ANALYZE ran after the COPY, so the planner's row estimates count the new crew.
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_workerprofile'")
        assert cursor.fetchone()[0] >= 300
    latest = WorkerProfile.objects.order_by("-pk").first().pk
    assert count_rows() == SMALL
    assert WorkerFactory().pk == latest + 1
