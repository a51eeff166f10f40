"""The patched index ranks exactly as one built afresh, after any sequence of writes.

Each example starts from an index built from a small world, makes a sequence of writes
(new workers, edited roles, skills, cards, availability, location, bookings made and
cancelled, calls created, edited and cancelled, org lists, a worker deleted), patches the
index from the change log after each write, and compares it with an index built from
scratch: the same open calls, the same crew for every call in the same order with the same
scores, and the same "gigs for you" for every worker.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import numpy as np
import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stagedoor.booking.models import Booking
from stagedoor.engine.matching.build import build_position_index, build_worker_index
from stagedoor.engine.matching.kernel import candidates_for, gigs_for, quantized
from stagedoor.gigs.models import PositionSkill
from stagedoor.industry.models import Certification, Organisation, Role, Skill
from stagedoor.matching import columns, index, version
from stagedoor.matching.models import Block, FirstCall, IndexChange, RankingWeights
from stagedoor.people.models import (
    AvailabilityBlock,
    Credit,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)
from tests.factories import (
    BERLIN,
    YEAR,
    BookingFactory,
    PositionFactory,
    ProjectFactory,
    ShowFactory,
    WorkerFactory,
    give_role,
    postgres_only,
    show_world,
)

ROLES = ("stagehand", "rigger", "audio-tech", "lighting-tech")
LEVELS = ("entry", "mid", "senior", "lead")
DAY = dt.datetime(YEAR, 12, 4, 9, 0, tzinfo=BERLIN)


def call(day: int, hours: int = 5) -> dict:
    start = DAY + dt.timedelta(days=day)
    return {"call_start": start, "call_end": start + dt.timedelta(hours=hours)}


@pytest.fixture
def small_world(db):
    a = show_world(manager="manager-a")
    b = show_world(manager="manager-b", venue={"latitude": 52.40, "longitude": 13.06})
    shows = [a["show"], b["show"], ShowFactory(organisation=b["org"])]
    for i, slug in enumerate(ROLES):
        PositionFactory(show=shows[i % 3], role=Role.objects.get(slug=slug), **call(i % 2))
    for i in range(6):
        w = WorkerFactory(latitude=52.5 - 0.03 * i, travel_radius_km=30 + 10 * i)
        give_role(w, ROLES[i % len(ROLES)], LEVELS[i % 4])
        give_role(w, "stagehand", "mid") if i % 2 and ROLES[i % len(ROLES)] != "stagehand" else None
    local = Organisation.objects.create(slug="local-1", name="Stage Local 1", kind="union")
    return {"orgs": [a["org"], b["org"]], "shows": shows, "local": local}


def pick(queryset, n: int):
    rows = list(queryset.order_by("pk"))
    return rows[n % len(rows)] if rows else None


def new_worker(world, n, m):
    w = WorkerFactory(latitude=52.45 + 0.01 * (n % 9), travel_radius_km=20 + 5 * m)
    give_role(w, ROLES[n % len(ROLES)], LEVELS[m % 4])


def add_skill(world, n, m):
    w, skill = pick(WorkerProfile.objects, n), pick(Skill.objects, m)
    if w:
        WorkerSkill.objects.update_or_create(worker=w, skill=skill, defaults={"level": 1 + m % 5})


def add_role(world, n, m):
    w = pick(WorkerProfile.objects, n)
    if w:
        WorkerRole.objects.update_or_create(
            worker=w, role=Role.objects.get(slug=ROLES[m % len(ROLES)]),
            defaults={"level": LEVELS[(n + m) % 4], "years": 2},
        )  # fmt: skip


def drop_role(world, n, m):
    role = pick(WorkerRole.objects, n)
    if role:
        role.delete()


def add_card(world, n, m):
    w, cert = pick(WorkerProfile.objects, n), pick(Certification.objects, m)
    if w:
        expires = None if m % 2 else dt.date(YEAR, 12, 4 + m % 3)
        WorkerCertification.objects.create(
            worker=w, certification=cert, issued_on=dt.date(YEAR - 1, 1, 1), expires_on=expires
        )


def away(world, n, m):
    w = pick(WorkerProfile.objects, n)
    if w:
        AvailabilityBlock.objects.create(
            worker=w, kind=AvailabilityBlock.Kind.UNAVAILABLE,
            starts_at=DAY + dt.timedelta(hours=m % 30),
            ends_at=DAY + dt.timedelta(hours=m % 30 + 4),
        )  # fmt: skip


def move(world, n, m):
    w = pick(WorkerProfile.objects, n)
    if w:
        w.latitude, w.travel_radius_km = 52.3 + 0.02 * (m % 20), 10 + 10 * (m % 6)
        w.day_rate, w.hourly_rate = Decimal(150 + 10 * m), (Decimal(20 + m) if m % 2 else None)
        w.save()


def book(world, n, m):
    w, position = pick(WorkerProfile.objects, n), pick(index.open_positions(), m)
    if w and position and not Booking.objects.filter(worker=w, position=position).exists():
        BookingFactory(worker=w, position=position)


def cancel_booking(world, n, m):
    booking = pick(Booking.objects.filter(status="confirmed"), n)
    if booking:
        booking.status = "cancelled" if m % 2 else "completed"
        booking.late_cancellation = booking.cancelled_by_worker = bool(m % 3)
        booking.save()


def new_position(world, n, m):
    PositionFactory(
        show=world["shows"][n % 3], role=Role.objects.get(slug=ROLES[m % len(ROLES)]),
        level=LEVELS[n % 3], headcount=1 + m % 3, **call(m % 3, 4 + n % 6),
    )  # fmt: skip


def edit_position(world, n, m):
    position = pick(index.positions_for_matching(), n)
    if position:
        position.headcount, position.level = 1 + m % 2, LEVELS[m % 3]
        position.union_required = bool(m % 4 == 0)
        position.save()
        position.required_certifications.set([pick(Certification.objects, m)] if m % 3 else [])


def cancel_position(world, n, m):
    position = pick(index.open_positions(), n)
    if position:
        position.cancelled_at = DAY - dt.timedelta(days=30)
        position.save()


def org_lists(world, n, m):
    w, org = pick(WorkerProfile.objects, n), world["orgs"][m % 2]
    if not w:
        return
    if m % 3 == 0:
        FirstCall.objects.get_or_create(organisation=org, worker=w, defaults={"rank": 1 + n % 3})
    elif m % 3 == 1:
        Block.objects.get_or_create(organisation=org, worker=w)
    else:
        Credit.objects.create(
            worker=w, title="Tour", role=Role.objects.get(slug="stagehand"),
            date=dt.date(YEAR - 1, 5, 1), organisation=org, verified=True, rating=1 + n % 5,
        )  # fmt: skip
        UnionMembership.objects.get_or_create(
            worker=w, local=world["local"], defaults={"card_number": str(n)}
        )


def delete_worker(world, n, m):
    w = pick(WorkerProfile.objects, n)
    if w:
        w.delete()


WRITES = [new_worker, add_skill, add_role, drop_role, add_card, away, move, book,
          cancel_booking, new_position, edit_position, cancel_position, org_lists,
          delete_worker]  # fmt: skip
write = st.tuples(st.sampled_from(WRITES), st.integers(0, 50), st.integers(0, 50))


def rankings(ix: index.Indexes, specs: dict) -> dict:
    """Every call's crew and every worker's gigs, as (id, score) in order."""
    w, out = ix.workers, {}
    for pid, spec in sorted(specs.items()):
        top, ev = candidates_for(w, build_position_index([spec], w), 0, k=w.size)
        scores = quantized(ev.score[top])
        out[("crew", pid)] = list(zip(w.ids[ev.wi[top]].tolist(), scores.tolist(), strict=True))
    p = ix.positions
    for worker_id in WorkerProfile.objects.order_by("pk").values_list("pk", flat=True):
        at = w.position_of(worker_id)
        top, ev = gigs_for(w, p, at, k=max(p.size, 1)) if p.size else ([], None)
        found = [] if ev is None else p.ids[ev.pi[top]].tolist()
        scores = [] if ev is None else quantized(ev.score[top]).tolist()
        out[("gigs", worker_id)] = list(zip(found, scores, strict=True))
    return out


def catch_up(ix: index.Indexes) -> index.Indexes:
    """What a process serves after reading the log: the patched index (never a fresh
    build: every write here is one the patch must apply exactly)."""
    mark, lines = version.read(ix.mark, index.PATCH_LIMIT)
    assert lines is not None
    return index.Indexes(**(vars(index.patched(ix, lines)) | {"mark": mark}))


def assert_same(patched: index.Indexes) -> None:
    fresh = index.build_indexes()
    live = {s.id: s for s in patched.specs if s is not None}
    assert live == {s.id: s for s in fresh.specs}
    assert patched.position_row.keys() == fresh.position_row.keys()
    assert rankings(patched, live) == rankings(fresh, live)


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(write, min_size=1, max_size=8))
def test_the_patched_index_ranks_as_a_fresh_one(small_world, writes):
    with transaction.atomic():
        ix = index.build_indexes()
        for fn, n, m in writes:
            fn(small_world, n, m)
            ix = catch_up(ix)
        assert_same(ix)
        transaction.set_rollback(True)


def test_a_write_is_one_line_per_worker_or_call_it_changes(small_world):
    w = WorkerProfile.objects.order_by("pk").first()
    position = index.open_positions().first()
    before = version.last_id()
    BookingFactory(worker=w, position=position)
    lines = list(
        IndexChange.objects.filter(id__gt=before).order_by("id").values_list("kind", "object_id")
    )
    assert lines == [(IndexChange.Kind.BOOKING, w.pk), (IndexChange.Kind.POSITION, position.pk)]


def test_a_catalog_change_builds_afresh(small_world):
    ix = index.build_indexes()
    role = Role.objects.get(slug="rigger")
    role.save()
    _, lines = version.read(ix.mark, index.PATCH_LIMIT)
    with pytest.raises(index.Rebuild):
        index.patched(ix, lines)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("catalog")
def test_another_thread_sees_a_committed_change_on_its_next_read():
    """Each thread here stands for a process: its own connection, its own index object.
    After another commits a new rigger, the next read of this one ranks her."""
    world = show_world()
    position = PositionFactory(show=world["show"], role=Role.objects.get(slug="rigger"))
    give_role(WorkerFactory(), "stagehand")  # a pool already paid in euros
    mine = index.build_indexes()
    found: dict = {}

    def hire():
        w = WorkerFactory()
        give_role(w, "rigger", "lead")
        found["id"] = w.pk
        connection.close()

    t = threading.Thread(target=hire)
    t.start()
    t.join()
    spec = mine.specs[mine.position_row[position.pk]]
    before = mine.workers
    mine = catch_up(mine)
    top, ev = candidates_for(mine.workers, build_position_index([spec], mine.workers), 0)
    assert found["id"] not in before.ids.tolist()
    assert mine.workers.ids[ev.wi[top]].tolist() == [found["id"]]


@postgres_only
def test_the_set_wise_load_reads_what_the_orm_reads(small_world):
    for fn, n, m in [(add_card, 1, 1), (add_card, 2, 2), (away, 3, 4), (book, 1, 0),
                     (cancel_booking, 0, 3), (org_lists, 2, 0), (org_lists, 3, 1),
                     (org_lists, 4, 2), (move, 1, 3)]:  # fmt: skip
        fn(small_world, n, m)
    catalog, now = index.load_catalog(), dt.datetime(YEAR, 12, 5, tzinfo=BERLIN)
    fast = build_worker_index(**columns.worker_columns(catalog, now))
    reference = build_worker_index(**columns.worker_columns_orm(catalog, now))
    for name, value in vars(reference).items():
        if isinstance(value, np.ndarray):
            np.testing.assert_array_equal(getattr(fast, name), value, err_msg=name)
        elif isinstance(value, dict):
            assert value.keys() == getattr(fast, name).keys(), name
            for org, entry in value.items():
                got = getattr(fast, name)[org]
                got, entry = (x if isinstance(x, tuple) else (x,) for x in (got, entry))
                for a, b in zip(got, entry, strict=True):
                    np.testing.assert_array_equal(a, b, err_msg=f"{name} {org}")
        elif name == "role_members":
            for a, b in zip(fast.role_members, value, strict=True):
                np.testing.assert_array_equal(a, b)
        else:
            assert getattr(fast, name) == value, name


@postgres_only
def test_the_set_wise_load_reads_a_short_currency_row_by_row(small_world):
    """The binary copy reads fixed-width columns; a currency that is not three bytes breaks
    that layout, and the profiles are read again row by row, to the same index."""
    WorkerProfile.objects.filter(pk=WorkerProfile.objects.order_by("pk")[0].pk).update(
        currency="EU"
    )
    catalog = index.load_catalog()
    fast = columns.worker_columns(catalog)
    reference = columns.worker_columns_orm(catalog)
    assert sorted(zip(fast["ids"].tolist(), fast["currency"], strict=True)) == list(
        zip(reference["ids"], reference["currency"], strict=True)
    )
    assert "EU" in fast["currency"]
    np.testing.assert_array_equal(
        build_worker_index(**fast).currency, build_worker_index(**reference).currency
    )


def test_the_row_wise_open_calls_read_what_the_model_path_reads(small_world):
    """The full build reads open calls as plain rows; the patch reads changed calls through
    the models. Both must give the same spec for every kind of call: a show's, a studio
    project's with a room and without one (remote or not), with skills and cards asked for,
    touring, under an organisation's own weights; a full call and a cancelled one left out."""
    org_a, org_b = small_world["orgs"]
    RankingWeights.objects.create(organisation=org_b, fit=3, distance=0)
    rigger = Role.objects.get(slug="rigger")
    needs = PositionFactory(show=small_world["shows"][1], role=rigger, level="mid", **call(3))
    for skill in Skill.objects.order_by("-pk")[:2]:
        PositionSkill.objects.create(position=needs, skill=skill, min_level=2)
    needs.required_certifications.set(Certification.objects.order_by("-name")[:2])
    PositionFactory(show=small_world["shows"][0], crew="touring", **call(4))
    studio = ProjectFactory(organisation=org_a, venue=small_world["shows"][0].venue)
    PositionFactory(show=None, project=studio, **call(5))
    PositionFactory(show=None, project=ProjectFactory(remote_allowed=False), **call(6))
    PositionFactory(show=None, project=ProjectFactory(), **call(7))
    full = PositionFactory(show=small_world["shows"][2], headcount=1, **call(1))
    BookingFactory(position=full)
    PositionFactory(cancelled_at=DAY, **call(2))
    catalog, weights = index.load_catalog(), index.all_weights()

    rows = index.open_position_specs(catalog, weights)

    models = [p for p in index.open_positions() if p.booked < p.headcount]
    assert rows == index.position_specs(models, catalog, weights)
    assert len(rows) == 9  # the world's 4, then 5 of the 7 above
    assert {s.id for s in rows}.isdisjoint({full.pk})
    by_id = {s.id: s for s in rows}
    assert len(by_id[needs.pk].skills) == 2 and len(by_id[needs.pk].certs) == 2
    assert by_id[needs.pk].weights == RankingWeights.objects.get(organisation=org_b).as_tuple()
