"""The open calls every board and search starts from (gigs.selectors.position_list): a call
is open while its show or project is published, it is not cancelled and it has not started.
The selector leaves hidden shows' calls out by key; this holds it to the rule read row by row."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from stagedoor.gigs.models import Position
from stagedoor.gigs.selectors import position_list
from tests.factories import PositionFactory, ProjectFactory, ShowFactory

pytestmark = pytest.mark.django_db


def _open_by_hand(now: dt.datetime) -> list[int]:
    """The rule, read one call at a time."""
    keep = []
    for p in Position.objects.select_related("show", "project").order_by("call_start", "pk"):
        parent = p.show or p.project
        if parent.status == "published" and p.cancelled_at is None and p.call_start >= now:
            keep.append(p.pk)
    return keep


def test_open_calls_leave_out_hidden_shows_and_projects_cancelled_and_past_calls():
    soon = timezone.now() + dt.timedelta(days=3)
    expected = []
    for status, parent, when, cancelled in itertools.product(
        ("published", "draft", "cancelled"), ("show", "project"), (-1, 1), (False, True)
    ):
        start = soon + dt.timedelta(days=when * 5, hours=len(expected))
        holder = (
            {"show": ShowFactory(status=status)}
            if parent == "show"
            else {"show": None, "project": ProjectFactory(status=status)}
        )
        call = PositionFactory(
            **holder,
            call_start=start,
            call_end=start + dt.timedelta(hours=5),
            cancelled_at=timezone.now() if cancelled else None,
        )
        if status == "published" and when > 0 and not cancelled:
            expected.append(call.pk)
    listed = list(position_list(open_only=True).values_list("pk", flat=True))
    assert sorted(listed) == sorted(expected)
    assert len(expected) == 2
    assert listed == _open_by_hand(timezone.now())
