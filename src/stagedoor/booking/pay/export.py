"""The payroll CSV; the columns are described in `booking.pay`."""

from __future__ import annotations

import io
from typing import TextIO

from stagedoor.core.csvsafe import safe_writer

from .summary import BookingPay, PaySummary

CSV_HEADER = (
    "worker",
    "worker_slug",
    "organisation",
    "show",
    "position",
    "date",
    "kind",
    "hours",
    "multiplier",
    "rate",
    "amount",
    "currency",
    "status",
    "booking_id",
)


def _parent_slug(paid: BookingPay) -> str:
    position = paid.position
    return position.show.slug if position.show_id else position.project.slug


def csv_rows(summary: PaySummary):
    """The CSV's rows after the header; see the module docstring for the columns."""
    for paid, line in summary.items():
        yield [
            paid.worker.display_name,
            paid.worker.slug,
            paid.organisation.slug,
            _parent_slug(paid),
            paid.position.display_title,
            paid.date.isoformat(),
            line.kind,
            str(line.hours),
            str(line.multiplier),
            str(line.rate),
            str(line.amount),
            line.currency,
            paid.status,
            str(paid.booking.pk),
        ]
    for worker, currency, amount in summary.worker_totals:
        row = dict.fromkeys(CSV_HEADER, "")
        row |= {"worker": worker.display_name, "worker_slug": worker.slug, "kind": "total"}
        row |= {"amount": str(amount), "currency": currency}
        yield list(row.values())


def write_payroll_csv(summary: PaySummary, out: TextIO) -> None:
    writer = safe_writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(summary))


def payroll_csv(summary: PaySummary) -> str:
    out = io.StringIO()
    write_payroll_csv(summary, out)
    return out.getvalue()
