"""The site-wide job feeds: JSON-LD list, Atom, and the sitemap of posting pages."""

from __future__ import annotations

import zoneinfo

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from stagedoor.core.text import pay

from .jsonld import UNIT_TEXT, employment_type
from .selectors import open_positions
from .sources import SCHEMA_NS


class JobsAtomFeed(Atom1Feed):
    """Atom with each call's job facts as schema.org elements (read back by our import)."""

    def root_attributes(self):
        attrs = super().root_attributes()
        attrs["xmlns:s"] = SCHEMA_NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, value in item["job"].items():
            if name == "baseSalary":
                amount, attrs = value
                handler.addQuickElement("s:baseSalary", amount, attrs)
            elif value:
                handler.addQuickElement(f"s:{name}", value)


def job_facts(position) -> dict:
    tz = zoneinfo.ZoneInfo(position.timezone_name)
    org = position.organisation
    venue = position.show.venue if position.show_id else position.project.venue
    remote = bool(position.project_id and position.project.remote_allowed)
    facts = {
        "hiringOrganization": org.name,
        "streetAddress": venue.address if venue else "",
        "addressLocality": venue.city if venue else ("" if remote else org.city),
        "addressRegion": venue.region if venue else "",
        "postalCode": venue.postal_code if venue else "",
        "addressCountry": venue.country if venue else org.country,
        "jobLocationType": "TELECOMMUTE" if remote else "",
        "jobStartDate": position.call_start.astimezone(tz).date().isoformat(),
        "validThrough": position.call_start.astimezone(tz).isoformat(),
        "employmentType": employment_type(position),
    }
    attrs = {"currency": position.currency}
    if position.pay_unit in UNIT_TEXT:
        attrs["unitText"] = UNIT_TEXT[position.pay_unit]
    facts["baseSalary"] = (str(position.pay_amount), attrs)
    return facts


def atom_feed(request, positions) -> JobsAtomFeed:
    feed = JobsAtomFeed(
        title="Stagedoor: open crew calls",
        link=request.build_absolute_uri(reverse("boards:jobs")),
        description="Open crew calls on Stagedoor",
        feed_url=request.build_absolute_uri(reverse("boards:jobs-atom")),
        language="en",
    )
    for p in positions:
        url = request.build_absolute_uri(reverse("boards:posting", args=[p.pk]))
        where = (
            f"{p.show.artist} at {p.show.venue.name}, {p.show.venue.city}"
            if p.show_id
            else p.project.title
        )
        feed.add_item(
            title=p.display_title,
            link=url,
            description=f"{p.headcount} × {p.role.name} for {where}. "
            f"{pay(p.pay_amount, p.currency, p.pay_unit)}.",
            unique_id=url,
            pubdate=p.created_at,
            updateddate=p.created_at,
            author_name=p.organisation.name,
            job=job_facts(p),
        )
    return feed


class PostingSitemap(Sitemap):
    """The open calls' pages, 5,000 to a sitemap file (sitemap-jobs.xml is their index), read
    as keys and dates only: a national pool is 35 files, each one light query."""

    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        return open_positions().select_related(None).prefetch_related(None).only("pk", "created_at")

    def get_latest_lastmod(self):
        """The index's date for the file: the newest call's, in SQL (Django's default reads
        every item to take the latest)."""
        return self.items().order_by("-pk").values_list("created_at", flat=True).first()

    def location(self, item):
        return reverse("boards:posting", args=[item.pk])

    def lastmod(self, item):
        return item.created_at
