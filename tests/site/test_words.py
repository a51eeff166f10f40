"""Words on screen: the worker and public pages of a small, demo-like world carry no
catalog slugs, no enum values and no developer words (issue 17, "Words and formats")."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from stagedoor.boards.models import ExternalPosting, SavedPosting
from stagedoor.booking.services import offers
from stagedoor.booking.services.bookings import booking_cancel
from stagedoor.gigs.models import Interest
from stagedoor.industry.models import Certification, Role, Skill
from tests.boards.world import build_world, day_in
from tests.factories import PositionFactory, crew, give_role

pytestmark = pytest.mark.django_db

# Words a crew member or a visitor should never read: the solver's, the matcher's, the
# programmer's.
DEVELOPER_WORDS = (
    "embeddings",
    "fuzzy",
    "solver",
    "CP-SAT",
    "objective",
    "seed",
    "slug",
    "enum",
    "None",
    "null",
    "NaN",
    "Traceback",
    "pk",
    "queryset",
)
ENUM = re.compile(r"\b[A-Z]{2,}(?:_[A-Z]{2,})+\b")
TOKEN = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
SELF_ACTED = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)+) "
    r"(cancelled|offered|booked|declined|withdrew|released|held|approved|rated) \1\b"
)


class _Text(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def catalog_slugs() -> set[str]:
    slugs = set()
    for model in (Role, Skill, Certification):
        slugs |= {s for s in model.objects.values_list("slug", flat=True) if "-" in s}
    return slugs


def problems(text: str, slugs: set[str]) -> list[str]:
    found = [f"slug {t}" for t in TOKEN.findall(text) if t in slugs]
    found += [f"enum {t}" for t in ENUM.findall(text)]
    found += [f"word {w}" for w in DEVELOPER_WORDS if re.search(rf"\b{re.escape(w)}\b", text)]
    found += [f"self {' '.join(m)}" for m in SELF_ACTED.findall(text)]
    return found


@pytest.fixture
def world():
    """The boards world with a worker who has an offer, a booking she cancelled herself, an
    interest, a saved imported posting, and a role, skill and certification of her own."""
    w = build_world()
    w |= crew(("Will",), role="stagehand", years=(4,))
    will = w["will"]
    will.display_name = "Will Okafor"
    will.save()
    give_role(will, "audio-tech", level="entry")
    later = PositionFactory(
        show=w["show"],
        title="",
        call_start=w["hands"].call_start + dt.timedelta(hours=6),
        call_end=w["hands"].call_end + dt.timedelta(hours=8),
        pay_amount=Decimal("300"),
        pay_unit="day",
    )
    offers.offer_send(actor=w["manager"], position=w["hands"], worker=will)
    booked = offers.offer_send(actor=w["manager"], position=later, worker=will)
    booking = offers.offer_accept(actor=will.user, offer=booked)
    booking_cancel(actor=will.user, booking=booking, reason="Sick")
    Interest.objects.create(worker=will, position=w["rigger"])
    posting = ExternalPosting.objects.create(
        source="crewboard",
        source_url="https://crewboard.example/jobs/1",
        employer_name="Kiez Productions",
        title="Stagehand",
        role=Role.objects.get(slug="stagehand"),
        city="Berlin",
        country="DE",
        latitude=52.52,
        longitude=13.40,
        starts_on=day_in(12),
        pay_amount=Decimal("25"),
        pay_unit="hour",
        currency="EUR",
        employment_type="PART_TIME",
        fingerprint="x",
        last_seen=timezone.now(),
    )
    SavedPosting.objects.create(user=will.user, posting=posting)
    return w


PUBLIC = (
    "/",
    "/jobs/",
    "/jobs/?role=stagehand&city=Berlin&km=30",
    "/shows/",
    "/studio/",
    "/roles/",
    "/roles/stagehand/",
    "/careers/",
    "/careers/stagehand/",
    "/orgs/",
    "/crew/",
)


def public_pages(w) -> list[str]:
    return [
        *PUBLIC,
        f"/jobs/{w['hands'].pk}/",
        f"/jobs/{w['mixing'].pk}/",
        f"/shows/{w['show'].slug}/",
        f"/studio/{w['project'].slug}/",
        f"/orgs/{w['org'].slug}/",
        f"/orgs/{w['org'].slug}/careers/",
        f"/crew/{w['will'].slug}/",
    ]


WORKER = (
    "/",
    "/me/gigs/",
    "/me/inbox/",
    "/me/schedule/",
    "/me/pay/",
    "/me/income/",
    "/me/profile/",
    "/jobs/",
    "/jobs/saved/",
    "/careers/stagehand/",
)


def test_public_pages_speak_the_trades_words(client, world):
    slugs = catalog_slugs()
    found = {}
    for url in public_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        if bad := problems(visible_text(response.content.decode()), slugs):
            found[url] = bad
    assert found == {}


def test_worker_pages_speak_the_workers_words(client, world):
    client.force_login(world["will"].user)
    slugs = catalog_slugs()
    found = {}
    for url in [*WORKER, f"/jobs/{world['rigger'].pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        if bad := problems(visible_text(response.content.decode()), slugs):
            found[url] = bad
    assert found == {}


def test_the_scan_catches_what_it_looks_for():
    text = visible_text(
        "<p>lighting-technician PER_DIEM embeddings+fuzzy Will Okafor cancelled Will Okafor</p>"
        "<script>var x = 'PER_DIEM';</script>"
    )
    assert problems(text, {"lighting-technician"}) == [
        "slug lighting-technician",
        "enum PER_DIEM",
        "word embeddings",
        "word fuzzy",
        "self Will Okafor cancelled",
    ]


def test_gigs_for_you_reads_pay_in_the_workers_voice(client, world):
    client.force_login(world["will"].user)
    page = visible_text(client.get("/me/gigs/").content.decode())
    assert "pays 28.5 EUR/hour; you" in page or "pays 28.50 EUR/hour; you" in page
    assert "you pay" not in page and "asks " not in page
