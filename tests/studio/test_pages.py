import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from stagedoor.core.text import moment
from stagedoor.studio import services
from stagedoor.studio.models import Deliverable, Quote

from .world import DEADLINE, studio_world

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_new_project_form_creates_the_project_and_refuses_a_late_deliverable():
    world = studio_world()
    sam = client_for(world["manager"])
    assert sam.get("/manage/studio/new/").status_code == 200
    form = {
        "organisation": world["org"].pk,
        "title": "Single: mix and master",
        "deadline": DEADLINE.isoformat(),
        "role": world["role"].pk,
        "currency": "usd",
        "genres": "soul",
        "d1-kind": "song",
        "d1-title": "Mix",
        "d1-quantity": "1",
        "d1-due_on": (DEADLINE + dt.timedelta(days=3)).isoformat(),
        "d1-revisions_included": "2",
        "d1-budget": "800",
    }
    refused = sam.post("/manage/studio/new/", form)
    assert refused.status_code == 200
    assert refused.context["rows"][0].errors == {
        "due_on": [
            f"Due {DEADLINE + dt.timedelta(days=3)}, after the project's deadline ({DEADLINE})."
        ]
    }
    assert Deliverable.objects.filter(title="Mix").count() == 0
    form["d1-due_on"] = DEADLINE.isoformat()
    made = sam.post("/manage/studio/new/", form)
    assert made.status_code == 302
    assert made["Location"] == "/manage/studio/single-mix-and-master/"
    page = sam.get(made["Location"]).content.decode()
    assert "Taking quotes" in page and "budget $800.00" in page


def test_studio_pages_are_for_its_managers_and_workers_quote_and_deliver():
    world = studio_world()
    project = world["project"]
    ben = client_for(world["ben"].user)
    assert ben.get(f"/manage/studio/{project.slug}/").status_code == 403
    assert ben.get(f"/me/projects/{project.slug}/quote/").status_code == 404
    empty = ben.get("/me/projects/").content.decode()
    assert "Nobody has asked you to quote yet." in empty
    link = '<a href="/me/portfolio/">add your mixes, reels or credits to your portfolio</a>'
    assert link in empty
    sam = client_for(world["manager"])
    sent = sam.post(f"/manage/studio/{project.slug}/invite/", {"workers": [world["ben"].pk]})
    assert sent.status_code == 302
    assert "Weather Systems" in ben.get("/me/projects/").content.decode()
    bad = ben.post(
        f"/me/projects/{project.slug}/quote/",
        {
            "price": "600",
            "unit": "song",
            "currency": "QQQ",
            "turnaround_days": "10",
            "revisions_included": "2",
        },
    )
    assert bad.status_code == 422
    assert bad.context["form"].errors == {
        "currency": ["'QQQ' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP)."]
    }
    ok = ben.post(
        f"/me/projects/{project.slug}/quote/",
        {
            "price": "600",
            "unit": "song",
            "currency": "usd",
            "turnaround_days": "10",
            "revisions_included": "2",
        },
    )
    assert ok.status_code == 302
    compare = sam.get(f"/manage/studio/{project.slug}/quotes/").content.decode()
    assert "$600.00 a song" in compare and "$6,000.00 in all" in compare
    quote = Quote.objects.get(worker=world["ben"])
    assert sam.post(f"/manage/quotes/{quote.pk}/accept/").status_code == 302
    songs = project.studio_deliverables.first()
    assert ben.post(f"/me/deliverables/{songs.pk}/deliver/", {"note": "v1"}).status_code == 302
    sam.post(f"/manage/deliverables/{songs.pk}/revise/", {"note": "Louder vocal"})
    songs.refresh_from_db()
    assert (songs.status, songs.revisions_used) == ("revision", 1)
    work = ben.get(f"/me/projects/{project.slug}/").content.decode()
    assert "Louder vocal" in work and "Deliver the revision" in work
    revised = songs.events.get(kind="revision")
    assert f"<li>{moment(revised.at, settings.TIME_ZONE)}: Revision asked (round 1)" in work


def test_portfolio_page_adds_links_with_type_and_genres():
    world = studio_world()
    ada = client_for(world["ada"].user)
    refused = ada.post("/me/portfolio/", {"label": "Mixes", "url": "ftp://x", "kind": "audio"})
    assert refused.status_code == 422
    ada.post(
        "/me/portfolio/",
        {
            "label": "Mixes",
            "url": "https://example.org/ada",
            "kind": "credits",
            "genres": "Folk, Indie",
        },
    )
    assert list(world["ada"].links.values_list("label", "kind", "genres")) == [
        ("Mixes", "credits", "folk, indie")
    ]


def test_pay_page_lists_project_milestones():
    world = studio_world()
    services.quote_invite(actor=world["manager"], project=world["project"], workers=[world["ben"]])
    quote = services.quote_submit(
        actor=world["ben"].user,
        project=world["project"],
        price="6500",
        unit="project",
        currency="USD",
        turnaround_days=20,
        revisions_included=2,
    )
    services.quote_accept(actor=world["manager"], quote=quote)
    ben = client_for(world["ben"].user)
    page = ben.get(
        f"/me/pay/?from={(DEADLINE - dt.timedelta(days=20)).isoformat()}&to={DEADLINE.isoformat()}"
    ).content.decode()
    assert "Project milestones" in page
    assert "Weather Systems: album mix: Ten song mixes" in page and "$6,000.00" in page
