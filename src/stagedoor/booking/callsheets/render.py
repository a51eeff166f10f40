"""The call sheet as text and as a printable PDF."""

from __future__ import annotations

from django.template.loader import render_to_string


def offline_fetcher(url: str, *args, **kwargs):
    """The PDF is rendered from inline CSS only; refuse any fetch so a stray URL in a
    template can never make the server call out."""
    raise ValueError(f"The call sheet PDF fetches nothing (asked for {url}).")


def callsheet_pdf(sheet, *, base_url: str, url_fetcher=offline_fetcher) -> bytes:
    """Render the printable call sheet (a `selectors.CallSheet`) to PDF bytes with WeasyPrint."""
    import weasyprint  # slow to import; only the PDF needs it

    html = render_to_string("booking/callsheet_print.html", {"sheet": sheet, "print": True})
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).write_pdf()
