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

Each row is then checked by `boards.clean.clean_row`.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

import defusedxml.ElementTree as DET
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from .models import ImportFormat

CSV_HEADER = (
    "id,title,employer,employer_url,description,street,city,region,postal_code,country,"
    "remote,start,pay_amount,pay_unit,currency,employment_type,date_posted,valid_through,url"
).split(",")
REQUIRED_COLUMNS = ("title", "employer")
SCHEMA_NS = "https://schema.org/"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"


# More rows than this is not a board's feed; each row's fields are capped by clean_row.
MAX_ROWS = 250_000


class SourceError(Exception):
    """The whole source is unreadable (not one bad row): nothing to import."""


@dataclass
class SourceRow:
    number: int
    fields: dict[str, str]


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


def read_rows(kind: str, text: str, *, base_url: str = "") -> tuple[int, Iterator[SourceRow]]:
    """(how many rows, the rows); a CSV is read lazily, a row at a time."""
    if kind == ImportFormat.CSV:
        count, rows = read_csv(text)
    else:
        readers = {
            ImportFormat.JSON: read_json,
            ImportFormat.HTML: read_html,
            ImportFormat.FEED: read_feed,
        }
        listed = readers[kind](text, base_url=base_url)
        count, rows = len(listed), iter(listed)
    if count > MAX_ROWS:
        raise SourceError(f"At most {MAX_ROWS:,} rows in one import; this one has {count:,}.")
    return count, rows


# --- CSV ----------------------------------------------------------------------------------


def read_csv(text: str, *, base_url: str = "") -> tuple[int, Iterator[SourceRow]]:
    """(number of records, the records as rows); the header is checked at once."""
    text = text.lstrip("\ufeff")
    try:
        count = sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    except csv.Error as exc:
        raise SourceError(f"Not a readable CSV: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SourceError(
            f"The CSV header must name {', '.join(missing)}; expected columns: "
            + ",".join(CSV_HEADER)
        )
    reader.fieldnames = header

    def rows() -> Iterator[SourceRow]:
        for record in reader:
            # The header is line 1; a quoted field may span lines, so ask the reader.
            fields = {k: (v or "").strip() for k, v in record.items() if k in CSV_HEADER}
            yield SourceRow(reader.line_num, fields)

    return max(count, 0), rows()


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


def jobposting_fields(obj: dict, *, page_url: str = "") -> dict[str, str]:
    """A JobPosting object as row fields (CSV names)."""
    org = obj.get("hiringOrganization")
    org = org[0] if isinstance(org, list) and org else org
    out = {
        "id": _text(obj.get("identifier")),
        "title": _text(obj.get("title")),
        "description": _text(obj.get("description")),
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
    try:
        # No DTD means no entities to expand and nothing external to fetch.
        root = DET.fromstring(text.encode(), forbid_dtd=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise SourceError("Feeds with a DOCTYPE or entities are refused.") from None
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
        "description": _child(entry, f"{a}summary") or _child(entry, f"{a}content"),
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
        "description": _child(item, "description"),
        "url": _child(item, "link"),
        "employer": _child(item, f"{{{DC_NS}}}creator") or _child(item, "author"),
    }
    fields.update({k: v for k, v in _schema_fields(item).items() if v or k not in fields})
    return fields
