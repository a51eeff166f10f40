"""schema.org JobPosting for our open calls and for imported postings.

One posting per Position: a Position already groups identical seats of one call (same
role, level, times and pay) and its headcount becomes `totalJobOpenings`.

employmentType, per call:
- a studio project's work, or any flat fee: CONTRACTOR (a deliverable, invoiced);
- a show call paid per day: PER_DIEM (paid by the day worked);
- a show call paid per hour: TEMPORARY (one dated call of casual labour).

directApply is false: crew do not apply on Stagedoor; the hiring manager offers the call
to ranked crew, who see it in "Gigs for you".
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from decimal import Decimal

from django.urls import reverse
from django.utils.html import escape, linebreaks

from stagedoor.core.text import call_span, pay
from stagedoor.gigs.models import Position

from .models import ExternalPosting

CONTEXT = "https://schema.org"
UNIT_TEXT = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}


# schema.org's employmentType values as a reader says them.
EMPLOYMENT_WORDS = {
    "CONTRACTOR": "Contract work, invoiced",
    "PER_DIEM": "Day work, paid by the day",
    "TEMPORARY": "Casual work, paid by the hour",
    "FULL_TIME": "Full time",
    "PART_TIME": "Part time",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "OTHER": "Other",
}


def employment_words(code: str) -> str:
    """'PER_DIEM' -> 'Day work, paid by the day'; an unknown code in sentence case."""
    code = (code or "").strip()
    return EMPLOYMENT_WORDS.get(code.upper(), code.replace("_", " ").capitalize())


def employment_type(position: Position) -> str:
    if position.project_id or position.pay_unit == "flat":
        return "CONTRACTOR"
    return "PER_DIEM" if position.pay_unit == "day" else "TEMPORARY"


def _number(amount: Decimal) -> int | float:
    # JSON has no decimals; at two places a float prints back exactly what was stored.
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _salary(amount: Decimal | None, unit: str, currency: str) -> dict | None:
    if amount is None or not currency:
        return None
    value: dict = {"@type": "QuantitativeValue", "value": _number(amount)}
    if unit in UNIT_TEXT:
        value["unitText"] = UNIT_TEXT[unit]
    return {"@type": "MonetaryAmount", "currency": currency, "value": value}


def _address(street: str, city: str, region: str, postal: str, country: str) -> dict:
    out = {"@type": "PostalAddress"}
    for key, value in (
        ("streetAddress", street),
        ("addressLocality", city),
        ("addressRegion", region),
        ("postalCode", postal),
        ("addressCountry", country),
    ):
        if value:
            out[key] = value
    return out


def _venue_place(venue) -> dict:
    return {
        "@type": "Place",
        "name": venue.name,
        "address": _address(
            venue.address, venue.city, venue.region, venue.postal_code, venue.country
        ),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": venue.latitude,
            "longitude": venue.longitude,
        },
    }


def _description(position: Position) -> str:
    role = position.role
    if position.show_id:
        show = position.show
        where = f"{show.artist} at {show.venue.name}, {show.venue.city}"
    else:
        project = position.project
        remote = " (remote work possible)" if project.remote_allowed else ""
        where = f"Studio project {project.title}{remote}"
    lines = [
        f"{position.headcount} × {role.name} ({position.get_level_display()} level or above) "
        f"for {where}.",
        f"Call: {call_span(position.call_start, position.call_end, position.timezone_name)}.",
        f"Pay: {pay(position.pay_amount, position.currency, position.pay_unit)}.",
    ]
    if position.union_required:
        lines.append("Union membership required.")
    if role.summary:
        lines.append(role.summary)
    if position.notes:
        lines.append(position.notes)
    return linebreaks(escape("\n\n".join(lines)))


def position_jobposting(position: Position, absolute: Callable[[str], str]) -> dict:
    """The JobPosting of an open call. `absolute` turns a path into a full URL.

    Expects the position with role, show__venue, show__organisation, project__organisation
    and project__venue loaded.
    """
    org = position.organisation
    tz = zoneinfo.ZoneInfo(position.timezone_name)
    url = absolute(reverse("boards:posting", args=[position.pk]))
    organisation = {
        "@type": "Organization",
        "name": org.name,
        "url": absolute(reverse("boards:careers", args=[org.slug])),
    }
    if org.website:
        organisation["sameAs"] = org.website
    posting: dict = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": position.display_title,
        "description": _description(position),
        "datePosted": position.created_at.astimezone(tz).isoformat(),
        "validThrough": position.call_start.astimezone(tz).isoformat(),
        "jobStartDate": position.call_start.astimezone(tz).date().isoformat(),
        "employmentType": employment_type(position),
        "hiringOrganization": organisation,
        "identifier": {
            "@type": "PropertyValue",
            "name": "Stagedoor",
            "value": f"stagedoor-position-{position.pk}",
        },
        "directApply": False,
        "totalJobOpenings": position.headcount,
        "url": url,
    }
    if position.role.onet_code:
        posting["occupationalCategory"] = position.role.onet_code
    if position.show_id:
        posting["jobLocation"] = _venue_place(position.show.venue)
    else:
        project = position.project
        if project.venue_id:
            posting["jobLocation"] = _venue_place(project.venue)
        if project.remote_allowed:
            posting["jobLocationType"] = "TELECOMMUTE"
            country = org.country or (project.venue.country if project.venue_id else "")
            if country:
                posting["applicantLocationRequirements"] = {"@type": "Country", "name": country}
        elif not project.venue_id and org.city:
            posting["jobLocation"] = {
                "@type": "Place",
                "address": _address("", org.city, "", "", org.country),
            }
    salary = _salary(position.pay_amount, position.pay_unit, position.currency)
    if salary:
        posting["baseSalary"] = salary
    return posting


def external_jobposting(posting: ExternalPosting) -> dict:
    """An imported posting as JobPosting JSON, pointing at its source."""
    organisation = {"@type": "Organization", "name": posting.employer_name}
    if posting.employer_url:
        organisation["sameAs"] = posting.employer_url
    out: dict = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.description or posting.title,
        "hiringOrganization": organisation,
        "identifier": {
            "@type": "PropertyValue",
            "name": posting.source,
            "value": posting.external_id or posting.fingerprint,
        },
        "directApply": False,
    }
    if posting.source_url:
        out["url"] = posting.source_url
    if posting.date_posted:
        out["datePosted"] = posting.date_posted.isoformat()
    if posting.valid_through:
        out["validThrough"] = posting.valid_through.isoformat()
    if posting.starts_on:
        out["jobStartDate"] = posting.starts_on.isoformat()
    if posting.employment_type:
        out["employmentType"] = posting.employment_type
    if posting.city:
        out["jobLocation"] = {
            "@type": "Place",
            "address": _address(
                posting.street_address,
                posting.city,
                posting.region,
                posting.postal_code,
                posting.country,
            ),
        }
    if posting.remote:
        out["jobLocationType"] = "TELECOMMUTE"
        if posting.country:
            out["applicantLocationRequirements"] = {"@type": "Country", "name": posting.country}
    salary = _salary(posting.pay_amount, posting.pay_unit, posting.currency)
    if salary:
        out["baseSalary"] = salary
    return out
