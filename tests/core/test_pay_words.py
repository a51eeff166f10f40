"""Pay is written one way everywhere: '$30.00 an hour', '$250.00 a day' (core.text.pay),
on the pages of every kind that show a rate."""

from decimal import Decimal

import pytest

from stagedoor.core.text import pay, pay_range, pay_unit_words
from stagedoor.industry.models import Role


@pytest.mark.parametrize(
    ("amount", "currency", "unit", "written"),
    [
        (Decimal("30"), "USD", "hour", "$30.00 an hour"),
        (Decimal("250"), "USD", "day", "$250.00 a day"),
        (Decimal("2100"), "EUR", "week", "€2,100.00 a week"),
        (Decimal("3200"), "GBP", "month", "£3,200.00 a month"),
        (Decimal("52000"), "USD", "year", "$52,000.00 a year"),
        (Decimal("400"), "USD", "flat", "$400.00 flat fee"),
        (Decimal("600"), "USD", "song", "$600.00 a song"),
        (Decimal("5000"), "USD", "project", "$5,000.00 for the project"),
        (Decimal("1500"), "USD", "stipend", "$1,500.00 in all"),
        (Decimal("18.5"), "USD", "", "$18.50"),
        (None, "USD", "hour", ""),
    ],
)
def test_pay_is_the_amount_then_what_it_is_per(amount, currency, unit, written):
    assert pay(amount, currency, unit, locale="en_US") == written


def test_a_range_and_the_unit_alone_read_the_same_way():
    assert pay_range(25, 40, "USD", "hour", locale="en_US") == "$25.00\u2013$40.00 an hour"
    assert pay_unit_words("day") == "a day"
    assert pay_unit_words(None) == ""


@pytest.mark.django_db
def test_start_here_and_a_role_page_write_pay_as_every_page_does(client):
    from tests.careers.world import CITY, position_at, show_at
    from tests.factories import VenueFactory

    town = VenueFactory(name="Spree Hall", **CITY)
    position_at(12, "stagehand", show=show_at(12, venue=town), pay="30.00", currency="USD")
    start = client.get("/careers/start/?interests=sound&city=Berlin").content.decode()
    assert '<td data-label="Pay">$30.00 an hour</td>' in start
    assert "per hour" not in start

    assert Role.objects.get(slug="stagehand").pay_unit == "hour"
    page = client.get("/roles/stagehand/").content.decode()
    assert "<dt>Typical pay</dt><dd>$20.00\u2013$40.00 an hour</dd>" in page
