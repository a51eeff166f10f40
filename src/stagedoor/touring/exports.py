"""The itinerary as CSV (for spreadsheets and the tools tour managers already use) and the
day sheet as a PDF, rendered as the call sheet is."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from stagedoor.booking.callsheets.render import offline_fetcher
from stagedoor.core.csvsafe import safe_writer
from stagedoor.core.text import moment

CSV_HEADER = (
    "date",
    "kind",
    "city",
    "time_zone",
    "per_diem",
    "per_diem_currency",
    "hotel",
    "hotel_address",
    "hotel_check_in",
    "hotel_confirmation",
    "travel",
    "notes",
)


def _legs(day) -> str:
    return "; ".join(
        f"{leg.get_mode_display()} {leg.depart_place} {moment(leg.depart_at, leg.depart_zone)} "
        f"to {leg.arrive_place} {moment(leg.arrive_at, leg.arrive_zone)}"
        + (
            f" ({' '.join(p for p in (leg.carrier, leg.reference) if p)})"
            if leg.carrier or leg.reference
            else ""
        )
        for leg in day.legs.all()
    )


def itinerary_csv(days) -> str:
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(CSV_HEADER)
    for day in days:
        check_in = moment(day.hotel_check_in, day.timezone) if day.hotel_check_in else ""
        row = (
            day.date.isoformat(),
            day.get_kind_display(),
            day.city,
            day.timezone,
            day.per_diem if day.per_diem else "",
            day.per_diem_currency,
            day.hotel_name,
            day.hotel_address,
            check_in,
            day.hotel_confirmation,
            _legs(day),
            day.notes,
        )
        writer.writerow(row)
    return out.getvalue()


def daysheet_pdf(sheet, *, base_url: str) -> bytes:
    import weasyprint  # slow to import; only the PDF needs it

    html = render_to_string("touring/daysheet_print.html", {"sheet": sheet, "print": True})
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=offline_fetcher).write_pdf()
