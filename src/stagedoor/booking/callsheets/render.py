"""The call sheet as text and as a printable PDF."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from stagedoor.core.text import clock


def call_span(start: dt.datetime, end: dt.datetime) -> str:
    """A call as 'Fri 4 Dec 09:00-14:00 CET' (en dash); the end in full on another day or zone."""
    day = f"{start:%a} {start.day} {start:%b}"
    if start.date() == end.date() and start.tzname() == end.tzname():
        return f"{day} {start:%H:%M}–{end:%H:%M} {start.tzname()}"
    return f"{day} {clock(start)} – {end:%a} {end.day} {end:%b} {clock(end)}"


def full_address(venue) -> str:
    return ", ".join(part for part in (venue.address, venue.city, venue.country) if part)


def offline_fetcher(url: str, *args, **kwargs):
    """The PDF is rendered from inline CSS only; refuse any fetch so a stray URL in a
    template can never make the server call out."""
    raise ValueError(f"The call sheet PDF fetches nothing (asked for {url}).")


def callsheet_pdf(sheet, *, base_url: str, url_fetcher=offline_fetcher) -> bytes:
    """Render the printable call sheet (a `selectors.CallSheet`) to PDF bytes with WeasyPrint."""
    import weasyprint  # slow to import; only the PDF needs it

    html = render_to_string("booking/callsheet_print.html", {"sheet": sheet, "print": True})
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).write_pdf()
