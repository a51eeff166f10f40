"""Gigs for you on a phone (issue 17): the best ten imported postings first, then ten more
a tap, up to fifty; a bad `shown` is read as the first ten, never a 500."""

import pytest

from .test_faces import do_import
from .world import build_world, day_in

pytestmark = pytest.mark.django_db


NAMES = (
    "Alder Ash Birch Cedar Elm Fir Hazel Juniper Larch Maple Oak Pine Rowan Willow Yew"
).split()


def riggers_csv(n: int) -> str:
    lines = ["id,title,employer,city,country,remote,start,pay_amount,pay_unit,currency,url"]
    lines += [
        f"b-{i},Rigger,{name} Productions,Berlin,DE,,{day_in(12 + i).isoformat()},300,day,EUR,"
        f"https://crewboard.example/jobs/b-{i}"
        for i, name in enumerate(NAMES[:n])
    ]
    return "\n".join(lines) + "\n"


def test_ten_at_a_time_with_more(client):
    world = build_world()
    do_import(world["manager"], riggers_csv(13))
    client.force_login(world["worker"].user)
    first = client.get("/me/gigs/").content.decode()
    assert first.count('<span class="tag">external</span>') == 10
    assert '<a href="?shown=20" class="more">Show more gigs</a>' in first
    more = client.get("/me/gigs/?shown=20").content.decode()
    assert more.count('<span class="tag">external</span>') == 13
    assert "Show more gigs" not in more
    for bad in ("lots", "-5", "0"):
        page = client.get(f"/me/gigs/?shown={bad}")
        assert page.status_code == 200
        assert page.content.decode().count('<span class="tag">external</span>') == 10
    most = client.get("/me/gigs/?shown=500").content.decode()
    assert most.count('<span class="tag">external</span>') == 13
