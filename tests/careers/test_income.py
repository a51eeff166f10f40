"""The income planner: bookings and offers priced with the pay rules, bucketed by week and
month, gaps, variability and the savings target; its page, CSV, API and refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from stagedoor.booking.models import Booking, Offer
from stagedoor.careers import income
from stagedoor.engine.months import month_start
from tests.factories import BookingFactory, UserFactory, WorkerFactory

from .world import month_day, position_at

pytestmark = pytest.mark.django_db
D = Decimal


def first_of(months: int) -> dt.date:
    return month_start(timezone.localdate().replace(day=1), months)


@pytest.fixture
def ada():
    worker = WorkerFactory(user=UserFactory(username="ada", password="backstage-pass"), slug="ada")
    # Next month: five hours at 28.00 an hour.
    BookingFactory(worker=worker, position=position_at(month_day(1), "stagehand", hours=5))
    # In two months: a 10-hour day at 300.00 and a pending offer of a 500.00 flat fee.
    BookingFactory(
        worker=worker,
        position=position_at(month_day(2), "audio-tech", hours=10, pay="300.00", unit="day"),
    )
    Offer.objects.create(
        worker=worker,
        position=position_at(month_day(2, 18), "audio-tech", pay="500.00", unit="flat"),
        expires_at=timezone.now() + dt.timedelta(days=2),
    )
    # Not counted: an expired offer, a declined one, a booking cancelled in good time.
    Offer.objects.create(
        worker=worker,
        position=position_at(month_day(1, 20), "stagehand"),
        expires_at=timezone.now() - dt.timedelta(hours=1),
    )
    Offer.objects.create(
        worker=worker,
        position=position_at(month_day(1, 21), "stagehand"),
        expires_at=timezone.now() + dt.timedelta(days=2),
        status=Offer.Status.DECLINED,
    )
    BookingFactory(
        worker=worker,
        position=position_at(month_day(3, 5), "stagehand"),
        status=Booking.Status.CANCELLED,
    )
    # Another currency is listed apart.
    BookingFactory(
        worker=worker,
        position=position_at(month_day(1, 14), "stagehand", currency="USD", pay="30.00"),
    )
    return worker


def _plan(worker, **kwargs):
    values = {"months": 4, "expenses": D("500"), "cushion_months": 1} | kwargs
    return income.income_plan(actor=worker.user, worker=worker, **values)


def test_the_forecast_is_exact(ada):
    plan = _plan(ada)
    f = plan.forecast
    assert [(m.start, m.booked, m.offers, m.expected, m.gap) for m in f.months] == [
        (first_of(0), D("0.00"), D("0.00"), D("0.00"), D("500.00")),
        (first_of(1), D("140.00"), D("0.00"), D("140.00"), D("360.00")),
        (first_of(2), D("300.00"), D("500.00"), D("550.00"), D("0.00")),
        (first_of(3), D("0.00"), D("0.00"), D("0.00"), D("500.00")),
    ]
    assert [m.start for m in f.gap_months] == [first_of(0), first_of(1), first_of(3)]
    assert f.total_expected == D("690.00")
    assert f.variability == D("1.3062")
    assert f.savings_target == D("1860.00")  # gaps 1,360 + one month of expenses
    assert f.savings_months == D("3.72")
    weeks = {w.start: w.expected for w in f.weeks if w.expected}
    day = first_of(1) + dt.timedelta(days=10)
    assert weeks[day - dt.timedelta(days=day.weekday())] == D("140.00")
    assert sum(weeks.values()) == D("690.00")
    assert [(line.kind, line.amount, line.currency) for line in plan.other_currencies] == [
        ("booked", D("150.00"), "USD")  # the 4-hour minimum call at 30.00
    ]


def test_what_if_a_tour_and_a_month_off(ada):
    tour_start = first_of(3)
    plan = _plan(
        ada,
        tour_start=tour_start,
        tour_end=tour_start + dt.timedelta(days=3),
        tour_day_rate=D("200"),
        gap_month=first_of(2),
    )
    f = plan.forecast
    assert [(m.what_if, m.expected, m.gap) for m in f.months] == [
        (D("0.00"), D("0.00"), D("500.00")),
        (D("0.00"), D("140.00"), D("360.00")),
        (D("0.00"), D("0.00"), D("500.00")),
        (D("800.00"), D("800.00"), D("0.00")),
    ]
    assert f.savings_target == D("1860.00")
    assert plan.what_if == (
        f"a tour from {tour_start.isoformat()} to {(tour_start + dt.timedelta(days=3)).isoformat()}"
        " at €200.00 a day",
        f"no income in {first_of(2):%B %Y}",
    )


def test_only_the_worker_sees_their_plan(ada):
    with pytest.raises(PermissionDenied):
        income.income_plan(actor=UserFactory(), worker=ada)


def test_negative_expenses_are_refused_on_the_page_the_api_and_the_service(client, ada):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        _plan(ada, expenses=D("-5"), months=13, tour_start=first_of(1))
    assert err.value.message_dict == {
        "expenses": ["Must not be negative."],
        "months": ["Give 1 to 12 months."],
        "tour_end": ["A what-if tour needs its first and last day and a day rate."],
        "tour_day_rate": ["A what-if tour needs a day rate."],
    }
    client.login(username="ada", password="backstage-pass")
    page = client.get("/me/income/?expenses=-5")
    html = page.content.decode()
    assert (
        '<ul class="errorlist" id="id_expenses-errors"><li>Must not be negative.</li></ul>' in html
    )
    assert 'id="savings-target"' not in html
    api = client.get("/api/me/income?expenses=-5")
    assert api.status_code == 422
    assert api.json() == {
        "detail": [
            {"loc": ["body", "expenses"], "msg": "Must not be negative.", "type": "value_error"}
        ]
    }
    csv = client.get("/me/income.csv?expenses=-5")
    assert (csv.status_code, csv.content.decode()) == (422, "expenses: Must not be negative.")


def test_the_page_charts_and_the_api(client, ada):
    client.login(username="ada", password="backstage-pass")
    page = client.get("/me/income/?expenses=500&months=4&cushion_months=1")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<strong id="savings-target">€1,860.00</strong>' in html
    assert '<strong id="variability">1.3062</strong>' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert html.count('<g class="bar short">') == 3  # three gap months under the line
    body = client.get("/api/me/income?months=4&expenses=500&cushion_months=1").json()
    assert [m["expected"] for m in body["months"]] == ["0.00", "140.00", "550.00", "0.00"]
    assert body["savings_target"] == "1860.00"
    assert body["gap_months"] == [first_of(n).isoformat() for n in (0, 1, 3)]
    assert (
        client.get("/me/income/", headers={"HX-Request": "1"}).content.decode().lstrip()[:4]
        != "<!do"
    )


def test_the_csv(client, ada):
    client.login(username="ada", password="backstage-pass")
    response = client.get("/me/income.csv?expenses=500&months=4")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="income-ada.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0] == "period,start,end,booked,offers,what_if,expected,expenses,gap,currency"
    span = [f"{first_of(n)},{first_of(n + 1) - dt.timedelta(days=1)}" for n in range(4)]
    assert lines[1:5] == [
        f"month,{span[0]},0.00,0.00,0.00,0.00,500.00,500.00,EUR",
        f"month,{span[1]},140.00,0.00,0.00,140.00,500.00,360.00,EUR",
        f"month,{span[2]},300.00,500.00,0.00,550.00,500.00,0.00,EUR",
        f"month,{span[3]},0.00,0.00,0.00,0.00,500.00,500.00,EUR",
    ]
    weeks = lines[5:]
    assert all(row.startswith("week,") and row.endswith(",,EUR") for row in weeks)
    monday = first_of(0) - dt.timedelta(days=first_of(0).weekday())
    assert weeks[0].split(",")[1] == monday.isoformat()


def test_crew_only(client):
    UserFactory(username="pat", password="backstage-pass")
    client.login(username="pat", password="backstage-pass")
    # With no crew profile and no organisation, the income page sends them to build one.
    response = client.get("/me/income/")
    assert (response.status_code, response["Location"]) == (302, "/welcome/?next=/me/income/")
    assert client.get("/api/me/income").status_code == 422


def test_the_bar_chart_geometry():
    from stagedoor.careers.charts import bar_chart

    chart = bar_chart([("Jan", D("100")), ("Feb", D("50"))], line=D("100"), title="t")
    assert [(b.x, b.y, b.width, b.height, b.short) for b in chart.bars] == [
        (39.2, 20.0, 249.6, 170.0, False),
        (351.2, 105.0, 249.6, 85.0, True),
    ]
    assert chart.line_y == 20.0
    assert (chart.show_values, chart.label_every) == (True, 1)
    empty = bar_chart([("Jan", D("0"))])
    assert (empty.bars[0].height, empty.line_y) == (0.0, None)
