"""Reading other boards' postings: four source formats into one row shape, then checked.

Every source becomes a list of `SourceRow(number, fields)` whose fields use the CSV
header's names, so one `clean_row` checks them all:

    id,title,employer,employer_url,description,street,city,region,postal_code,country,
    remote,start,pay_amount,pay_unit,currency,employment_type,date_posted,valid_through,url

- **CSV** (UTF-8, comma-separated, that header in any order, as one line). `title` and
  `employer` are required columns; others may be left out. Row numbers are the file's line
  numbers as a spreadsheet shows them (header = row 1).
- **JSON feed**: a list of schema.org JobPosting objects (what `/jobs.json` serves); an
  object with `@graph` or an `ItemList` of them is read too. Rows are numbered from 1.
- **Web page**: HTML whose JSON-LD holds one or more JobPosting objects (read with extruct).
- **Atom or RSS feed**: one entry/item per posting: title, link, id/guid, summary or
  content/description, and the employer as author (or `dc:creator`). The job facts come
  from elements in the schema.org namespace (`xmlns:s="https://schema.org/"`), as
  `/jobs.atom` writes them: `s:hiringOrganization`, `s:streetAddress`, `s:addressLocality`,
  `s:addressRegion`, `s:postalCode`, `s:addressCountry`, `s:jobLocationType`,
  `s:jobStartDate`, `s:validThrough`, `s:employmentType` and
  `<s:baseSalary currency="EUR" unitText="HOUR">28.00</s:baseSalary>` (no unitText,
  here or in JSON-LD, means a flat fee for the whole job).

Field rules (`clean_row`): title and employer required; a city unless `remote` is yes;
`country` two letters; `start`, `date_posted` and `valid_through` ISO 8601 dates or
date-times with an offset (a naive time is read in the city's time zone when the city is
known); `pay_amount` a non-negative amount with at most two decimals, and with it
`pay_unit` (hour, day, week, month, year or flat) and an ISO 4217 `currency`.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import xml.etree.ElementTree as ET
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import strip_tags

from stagedoor.core.places import find_place
from stagedoor.core.validation import Errors, check_currency, check_money

from .models import ImportFormat, PayUnit

CSV_HEADER = (
    "id,title,employer,employer_url,description,street,city,region,postal_code,country,"
    "remote,start,pay_amount,pay_unit,currency,employment_type,date_posted,valid_through,url"
).split(",")
REQUIRED_COLUMNS = ("title", "employer")
SCHEMA_NS = "https://schema.org/"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
UNITS = {
    "hour": PayUnit.HOUR,
    "hourly": PayUnit.HOUR,
    "day": PayUnit.DAY,
    "daily": PayUnit.DAY,
    "week": PayUnit.WEEK,
    "month": PayUnit.MONTH,
    "year": PayUnit.YEAR,
    "flat": PayUnit.FLAT,
}
TRUE = {"1", "yes", "true", "y", "remote", "telecommute"}
FALSE = {"", "0", "no", "false", "n"}


class SourceError(Exception):
    """The whole source is unreadable (not one bad row): nothing to import."""


@dataclass
class SourceRow:
    number: int
    fields: dict[str, str]


@dataclass
class CleanRow:
    external_id: str
    title: str
    employer: str
    employer_url: str
    description: str
    street: str
    city: str
    region: str
    postal_code: str
    country: str
    remote: bool
    starts_on: dt.date | None
    starts_at: dt.datetime | None
    pay_amount: Decimal | None
    pay_unit: str
    currency: str
    employment_type: str
    date_posted: dt.datetime | None
    valid_through: dt.datetime | None
    url: str
    latitude: float | None = None
    longitude: float | None = None
    extra: dict = field(default_factory=dict)


# --- which format -------------------------------------------------------------------------


def detect_format(*, filename: str = "", content_type: str = "", text: str = "") -> str:
    name = filename.lower()
    for suffixes, kind in (
        ((".csv",), ImportFormat.CSV),
        ((".json", ".jsonld"), ImportFormat.JSON),
        ((".atom", ".rss", ".xml"), ImportFormat.FEED),
        ((".html", ".htm"), ImportFormat.HTML),
    ):
        if name.endswith(suffixes):
            return kind
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "text/csv":
        return ImportFormat.CSV
    if ctype.endswith("json"):
        return ImportFormat.JSON
    if ctype.endswith(("atom+xml", "rss+xml", "/xml")):
        return ImportFormat.FEED
    if ctype == "text/html":
        return ImportFormat.HTML
    head = text.lstrip()[:1000].lower()
    if head.startswith(("[", "{")):
        return ImportFormat.JSON
    if head.startswith("<"):
        return (
            ImportFormat.HTML
            if ("<html" in head or "<!doctype html" in head)
            else ImportFormat.FEED
        )
    return ImportFormat.CSV


def read_rows(kind: str, text: str, *, base_url: str = "") -> list[SourceRow]:
    readers = {
        ImportFormat.CSV: read_csv,
        ImportFormat.JSON: read_json,
        ImportFormat.HTML: read_html,
        ImportFormat.FEED: read_feed,
    }
    return readers[kind](text, base_url=base_url)


# --- CSV ----------------------------------------------------------------------------------


def read_csv(text: str, *, base_url: str = "") -> list[SourceRow]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SourceError(
            f"The CSV header must name {', '.join(missing)}; expected columns: "
            + ",".join(CSV_HEADER)
        )
    reader.fieldnames = header
    rows = []
    for record in reader:
        # The header is line 1; a quoted field may span lines, so ask the reader.
        fields = {k: (v or "").strip() for k, v in record.items() if k in CSV_HEADER}
        rows.append(SourceRow(reader.line_num, fields))
    return rows


# --- JSON-LD (JSON feeds and web pages) -----------------------------------------------------


def _is_jobposting(obj: dict) -> bool:
    kinds = obj.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(
        isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting"
        for k in kinds
    )


def _jobpostings(obj) -> list[dict]:
    if isinstance(obj, list):
        return [p for item in obj for p in _jobpostings(item)]
    if not isinstance(obj, dict):
        return []
    if _is_jobposting(obj):
        return [obj]
    found: list[dict] = []
    for key in ("@graph", "itemListElement", "item"):
        if key in obj:
            found += _jobpostings(obj[key])
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    if isinstance(value, dict):
        for key in ("value", "name", "@id", "url"):
            if key in value:
                return _text(value[key])
        return ""
    return str(value).strip()


def _plain(markup: str) -> str:
    text = re.sub(r"(?i)<br\s*/?>|</p>", "\n", markup)
    return html.unescape(strip_tags(text)).strip()


def jobposting_fields(obj: dict, *, page_url: str = "") -> dict[str, str]:
    """A JobPosting object as row fields (CSV names)."""
    org = obj.get("hiringOrganization")
    org = org[0] if isinstance(org, list) and org else org
    out = {
        "id": _text(obj.get("identifier")),
        "title": _text(obj.get("title")),
        "description": _plain(_text(obj.get("description"))),
        "employer": _text(org.get("name")) if isinstance(org, dict) else _text(org),
        "employer_url": _text(org.get("sameAs") or org.get("url")) if isinstance(org, dict) else "",
        "start": _text(obj.get("jobStartDate")),
        "date_posted": _text(obj.get("datePosted")),
        "valid_through": _text(obj.get("validThrough")),
        "url": _text(obj.get("url")) or page_url,
        "employment_type": _text(obj.get("employmentType")),
        "remote": "yes" if _text(obj.get("jobLocationType")).upper() == "TELECOMMUTE" else "",
    }
    location = obj.get("jobLocation")
    location = location[0] if isinstance(location, list) and location else location
    address = location.get("address") if isinstance(location, dict) else None
    if isinstance(address, dict):
        out.update(
            street=_text(address.get("streetAddress")),
            city=_text(address.get("addressLocality")),
            region=_text(address.get("addressRegion")),
            postal_code=_text(address.get("postalCode")),
            country=_text(address.get("addressCountry")),
        )
    elif address:
        out["city"] = _text(address)
    if out["remote"] and not out.get("country"):
        out["country"] = _text(obj.get("applicantLocationRequirements"))
    salary = obj.get("baseSalary")
    if isinstance(salary, dict):
        value = salary.get("value")
        out["currency"] = _text(salary.get("currency"))
        if isinstance(value, dict):
            out["pay_amount"] = _text(value.get("value", value.get("minValue")))
            # A MonetaryAmount without a unit is the pay for the whole job.
            out["pay_unit"] = _text(value.get("unitText")) or "flat"
        else:
            out["pay_amount"] = _text(value)
            out["pay_unit"] = "flat" if out["pay_amount"] else ""
    return out


def read_json(text: str, *, base_url: str = "") -> list[SourceRow]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"Not JSON: {exc}") from exc
    items = data if isinstance(data, list) else _jobpostings(data)
    rows = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, dict) and _is_jobposting(item):
            rows.append(SourceRow(n, jobposting_fields(item, page_url=base_url)))
        else:
            rows.append(SourceRow(n, {"__error__": "Not a JobPosting object."}))
    return rows


def read_html(text: str, *, base_url: str = "") -> list[SourceRow]:
    import extruct

    try:
        data = extruct.extract(text, base_url=base_url or None, syntaxes=["json-ld"])
    except Exception as exc:  # extruct raises whatever its parsers raise
        raise SourceError(f"Could not read the page's JSON-LD: {exc}") from exc
    postings = _jobpostings(data.get("json-ld", []))
    if not postings:
        raise SourceError("The page has no schema.org JobPosting in its JSON-LD.")
    return [
        SourceRow(n, jobposting_fields(p, page_url=base_url))
        for n, p in enumerate(postings, start=1)
    ]


# --- Atom and RSS -------------------------------------------------------------------------


def read_feed(text: str, *, base_url: str = "") -> list[SourceRow]:
    if re.search(r"<!(DOCTYPE|ENTITY)", text[:5000], re.IGNORECASE):
        raise SourceError("Feeds with a DOCTYPE or entities are refused.")
    try:
        root = ET.fromstring(text.encode())
    except ET.ParseError as exc:
        raise SourceError(f"Not a well-formed Atom or RSS feed: {exc}") from exc
    if root.tag == f"{{{ATOM_NS}}}feed":
        entries = [_atom_entry(e) for e in root.findall(f"{{{ATOM_NS}}}entry")]
    elif root.tag == "rss":
        entries = [_rss_item(i) for i in root.iter("item")]
    else:
        raise SourceError(f"Expected an Atom <feed> or an RSS <rss>, found <{root.tag}>.")
    return [SourceRow(n, fields) for n, fields in enumerate(entries, start=1)]


def _child(el: ET.Element, tag: str) -> str:
    found = el.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _schema_fields(el: ET.Element) -> dict[str, str]:
    s = f"{{{SCHEMA_NS}}}"
    out = {
        "street": _child(el, f"{s}streetAddress"),
        "city": _child(el, f"{s}addressLocality"),
        "region": _child(el, f"{s}addressRegion"),
        "postal_code": _child(el, f"{s}postalCode"),
        "country": _child(el, f"{s}addressCountry"),
        "start": _child(el, f"{s}jobStartDate"),
        "valid_through": _child(el, f"{s}validThrough"),
        "date_posted": _child(el, f"{s}datePosted"),
        "employment_type": _child(el, f"{s}employmentType"),
        "remote": "yes" if _child(el, f"{s}jobLocationType").upper() == "TELECOMMUTE" else "",
    }
    employer = _child(el, f"{s}hiringOrganization")
    if employer:
        out["employer"] = employer
    salary = el.find(f"{s}baseSalary")
    if salary is not None:
        out["pay_amount"] = (salary.text or "").strip()
        out["currency"] = salary.get("currency", "")
        out["pay_unit"] = salary.get("unitText", "") or "flat"
    return out


def _atom_entry(entry: ET.Element) -> dict[str, str]:
    a = f"{{{ATOM_NS}}}"
    link = next(
        (
            li.get("href", "")
            for li in entry.findall(f"{a}link")
            if li.get("rel", "alternate") == "alternate"
        ),
        "",
    )
    author = entry.find(f"{a}author")
    fields = {
        "id": _child(entry, f"{a}id"),
        "title": _child(entry, f"{a}title"),
        "description": _plain(_child(entry, f"{a}summary") or _child(entry, f"{a}content")),
        "url": link,
        "employer": _child(author, f"{a}name") if author is not None else "",
        "date_posted": _child(entry, f"{a}published"),
    }
    fields.update({k: v for k, v in _schema_fields(entry).items() if v or k not in fields})
    return fields


def _rss_item(item: ET.Element) -> dict[str, str]:
    fields = {
        "id": _child(item, "guid") or _child(item, "link"),
        "title": _child(item, "title"),
        "description": _plain(_child(item, "description")),
        "url": _child(item, "link"),
        "employer": _child(item, f"{{{DC_NS}}}creator") or _child(item, "author"),
    }
    fields.update({k: v for k, v in _schema_fields(item).items() if v or k not in fields})
    return fields


# --- checking one row ---------------------------------------------------------------------


def _when(
    errors: Errors, name: str, text: str, tz: str | None
) -> tuple[dt.date | None, dt.datetime | None]:
    """(date, aware datetime or None) from an ISO 8601 date or date-time."""
    if not text:
        return None, None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text), None
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        errors.add(name, f"'{text}' is not an ISO 8601 date or date and time.")
        return None, None
    if value.tzinfo is None:
        if tz is None:
            errors.add(name, "Give a UTC offset; a naive time is ambiguous without a known city.")
            return None, None
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(tz))
    return value.date(), value


def clean_row(fields: dict[str, str]) -> tuple[CleanRow | None, list[tuple[str, str]]]:
    """Check one row; (the clean row, []) or (None, [(field, reason), ...])."""
    errors = Errors()
    if "__error__" in fields:
        return None, [("row", fields["__error__"])]
    get = lambda name: (fields.get(name) or "").strip()  # noqa: E731
    title, employer = get("title"), get("employer")
    if not title:
        errors.add("title", "This field is required.")
    elif len(title) > 200:
        errors.add("title", "At most 200 characters.")
    if not employer:
        errors.add("employer", "This field is required.")
    elif len(employer) > 200:
        errors.add("employer", "At most 200 characters.")
    remote_text = get("remote").lower()
    if remote_text not in TRUE | FALSE:
        errors.add("remote", f"'{get('remote')}' is not yes or no.")
    remote = remote_text in TRUE
    city, country = get("city"), get("country").upper()
    if not city and not remote:
        errors.add("city", "Give a city, or mark the posting remote.")
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        errors.add("country", f"'{get('country')}' is not a two-letter country code.")
    place = find_place(f"{city}, {country}" if country else city) if city else None
    tz = place.timezone if place else None
    starts_on, starts_at = _when(errors, "start", get("start"), tz)
    _, posted = _when(errors, "date_posted", get("date_posted"), tz or "UTC")
    until_day, until = _when(errors, "valid_through", get("valid_through"), tz or "UTC")
    if until is None and until_day is not None:
        # A closing day with no time closes at the end of that day.
        until = dt.datetime.combine(until_day, dt.time(23, 59, 59), tzinfo=dt.UTC)
    amount, unit, currency = None, "", get("currency").upper()
    if get("pay_amount"):
        amount = check_money(errors, "pay_amount", get("pay_amount").replace(",", ""))
        unit = UNITS.get(get("pay_unit").lower().removeprefix("per ").strip(), "")
        if not unit:
            errors.add(
                "pay_unit",
                f"'{get('pay_unit')}' is not hour, day, week, month, year or flat.",
            )
        check_currency(errors, "currency", currency)
    for name in ("url", "employer_url"):
        if get(name) and not re.match(r"https?://", get(name)):
            errors.add(name, f"'{get(name)}' is not an http(s) address.")
    if errors:
        return None, [(f, m) for f, msgs in errors.by_field.items() for m in msgs]
    return (
        CleanRow(
            external_id=get("id")[:200],
            title=title,
            employer=employer,
            employer_url=get("employer_url")[:500],
            description=get("description"),
            street=get("street")[:250],
            city=city[:120],
            region=get("region")[:120],
            postal_code=get("postal_code")[:20],
            country=country,
            remote=remote,
            starts_on=starts_on,
            starts_at=starts_at,
            pay_amount=amount,
            pay_unit=unit,
            currency=currency if amount is not None else "",
            employment_type=get("employment_type").upper()[:20],
            date_posted=posted,
            valid_through=until,
            url=get("url")[:1000],
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
        ),
        [],
    )
