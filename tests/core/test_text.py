"""The "(+1 day)" marker is worked out in the venue's zone, never in UTC (issue 16)."""

import datetime as dt
import zoneinfo

import pytest

from stagedoor.core.text import day, day_marker, days_later

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def at(zone, year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=zone)


@pytest.mark.parametrize(
    ("start", "end", "zone", "marker"),
    [
        # The overnight load-out 23:00-02:30. In Chicago both ends fall on 6 Dec in UTC
        # (05:00 and 08:30), so UTC alone showed no marker.
        (at(BERLIN, 2026, 12, 5, 23), at(BERLIN, 2026, 12, 6, 2, 30), "Europe/Berlin", " (+1 day)"),
        (
            at(CHICAGO, 2026, 12, 5, 23),
            at(CHICAGO, 2026, 12, 6, 2, 30),
            "America/Chicago",
            " (+1 day)",
        ),
        # 18:00-23:30 CST is 00:00-05:30 UTC of one day: UTC alone would miss the marker.
        (
            at(CHICAGO, 2026, 12, 5, 18, 30),
            at(CHICAGO, 2026, 12, 6, 0, 30),
            "America/Chicago",
            " (+1 day)",
        ),
        # A same-day evening call: 14:00-23:30 CST ends on the next UTC day (05:30 UTC),
        # which is where the wrong "(+1 day)" came from.
        (at(CHICAGO, 2026, 12, 5, 14), at(CHICAGO, 2026, 12, 5, 23, 30), "America/Chicago", ""),
        (at(BERLIN, 2026, 12, 5, 14), at(BERLIN, 2026, 12, 5, 23, 30), "Europe/Berlin", ""),
        # Across the night the clocks go back (Berlin 25 Oct 2026, Chicago 1 Nov 2026).
        (at(BERLIN, 2026, 10, 24, 22), at(BERLIN, 2026, 10, 25, 6), "Europe/Berlin", " (+1 day)"),
        (
            at(CHICAGO, 2026, 10, 31, 20),
            at(CHICAGO, 2026, 11, 1, 4),
            "America/Chicago",
            " (+1 day)",
        ),
        # Across the night the clocks go forward, ending before midnight: no marker.
        (at(BERLIN, 2027, 3, 27, 12), at(BERLIN, 2027, 3, 27, 23, 59), "Europe/Berlin", ""),
        (
            at(CHICAGO, 2027, 3, 13, 19),
            at(CHICAGO, 2027, 3, 14, 3, 30),
            "America/Chicago",
            " (+1 day)",
        ),
        # A call that runs two nights.
        (at(BERLIN, 2026, 12, 5, 20), at(BERLIN, 2026, 12, 7, 1), "Europe/Berlin", " (+2 days)"),
    ],
)
def test_day_marker_in_the_venue_zone(start, end, zone, marker):
    # Handed over in UTC, as the database returns them.
    assert day_marker(start.astimezone(dt.UTC), end.astimezone(dt.UTC), zone) == marker


def test_days_later_reads_both_ends_in_the_zone_given():
    start = at(CHICAGO, 2026, 12, 5, 14)
    end = at(CHICAGO, 2026, 12, 5, 23, 30)
    assert end.astimezone(dt.UTC).date() > start.astimezone(dt.UTC).date()
    assert days_later(start, end, "America/Chicago") == 0
    assert days_later(start, end, "Europe/Berlin") == 1  # 21:00 to 06:30 next day in Berlin


def test_day_reads_as_the_pages_write_it():
    assert day(dt.date(2026, 12, 8)) == "Tue 8 Dec"


def test_money_is_babels_currency_format_in_the_readers_locale():
    from decimal import Decimal

    from django.template import Context, Template

    from stagedoor.core.text import money

    assert money(Decimal("13787.50"), "USD") == "$13,787.50"
    assert money(Decimal("400"), "EUR") == "€400.00"
    assert money(Decimal("28.5"), "GBP") == "£28.50"
    assert money(Decimal("1234.5"), "EUR", locale="de_DE") == "1.234,50\xa0€"
    assert money(None, "USD") == ""
    template = Template("{% load stagedoor_text %}{{ a|money:c }} {{ b|money:'USD' }}")
    assert template.render(Context({"a": Decimal("385"), "c": "USD", "b": 900})) == (
        "$385.00 $900.00"
    )


def test_call_span_and_when_filters_read_the_venues_zone():
    from types import SimpleNamespace

    from django.template import Context, Template

    utc = dt.UTC
    call = SimpleNamespace(
        call_start=dt.datetime(2026, 12, 5, 20, 0, tzinfo=utc),
        call_end=dt.datetime(2026, 12, 6, 5, 30, tzinfo=utc),
        timezone_name="America/Chicago",
    )
    out = Template(
        "{% load stagedoor_text %}{{ p|call_span }} | {{ p.call_end|when:p.timezone_name }}"
        " | {{ day|day }}"
    ).render(Context({"p": call, "day": dt.date(2026, 12, 5)}))
    assert out == "Sat 5 Dec 14:00–23:30 CST | Sat 5 Dec 23:30 CST | Sat 5 Dec 2026"


def test_call_span_marks_an_overnight_call_and_a_clock_change():
    from types import SimpleNamespace

    from django.template import Context, Template

    chicago = zoneinfo.ZoneInfo("America/Chicago")
    render = Template("{% load stagedoor_text %}{{ p|call_span }}").render
    overnight = SimpleNamespace(
        call_start=dt.datetime(2026, 12, 5, 23, 0, tzinfo=chicago),
        call_end=dt.datetime(2026, 12, 6, 2, 30, tzinfo=chicago),
        timezone_name="America/Chicago",
    )
    assert render(Context({"p": overnight})) == "Sat 5 Dec 23:00–02:30 CST (+1 day)"
    clocks_back = SimpleNamespace(
        call_start=dt.datetime(2026, 10, 31, 22, 0, tzinfo=chicago),
        call_end=dt.datetime(2026, 11, 1, 3, 0, tzinfo=chicago),
        timezone_name="America/Chicago",
    )
    assert render(Context({"p": clocks_back})) == "Sat 31 Oct 22:00 CDT–03:00 CST (+1 day)"


def test_when_without_a_venue_reads_the_site_zone_and_day_reads_a_moment_in_the_venues_zone():
    from django.template import Context, Template

    late = dt.datetime(2026, 12, 5, 23, 30, tzinfo=dt.UTC)
    out = Template(
        "{% load stagedoor_text %}{{ at|when }} | {{ at|day:'Europe/Berlin' }} | {{ none|when }}"
    ).render(Context({"at": late, "none": None}))
    assert out == "Sat 5 Dec 23:30 UTC | Sun 6 Dec 2026 | "
