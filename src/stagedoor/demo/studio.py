"""Studio projects hired by deliverable for Blue Room Studios (sam.studio): one in every
state (taking quotes, in progress, in revision, delivered and waiting for review, approved),
with quotes from several mixing engineers, a composer and a sound designer. Built through
the studio services, as a studio and its people would; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from stagedoor.industry.models import Organisation, Role
from stagedoor.people.models import WorkerProfile
from stagedoor.studio import services
from stagedoor.studio.models import Brief

STUDIO = "blue-room-studios"
OWNER = "sam.studio"

# Portfolio links people show a studio: (label, kind, genres).
PORTFOLIO = {
    "mixing-engineer": [
        ("Album mixes, 2023 to now", "audio", "indie, rock"),
        ("Discography", "credits", "indie, folk"),
    ],
    "composer": [("Score reel", "audio", "film, orchestral")],
    "sound-designer": [("Game and trailer reel", "video", "games, trailers")],
}


def _people(role: str, count: int) -> list[WorkerProfile]:
    return list(
        WorkerProfile.objects.filter(roles__role__slug=role, roles__is_primary=True)
        .select_related("user")
        .order_by("pk")[:count]
    )


def _portfolio(worker: WorkerProfile, role: str, first: bool) -> None:
    if worker.links.exists():
        return
    for label, kind, genres in PORTFOLIO[role][: 2 if first else 1]:
        services.portfolio_link_add(
            actor=worker.user,
            label=label,
            url=f"https://example.org/{worker.slug}/{kind}",
            kind=kind,
            genres=genres,
        )


def _quote(project, worker, price, unit, days, rounds, currency="USD", note=""):
    return services.quote_submit(
        actor=worker.user,
        project=project,
        price=Decimal(price),
        unit=unit,
        currency=currency,
        turnaround_days=days,
        revisions_included=rounds,
        note=note,
    )


def _project(sam, org, title, role, deadline, deliverables, genres="", open_to_quotes=False):
    return services.studio_project_create(
        actor=sam,
        organisation=org,
        title=title,
        deadline=deadline,
        role=Role.objects.get(slug=role),
        currency="USD",
        genres=genres,
        description="",
        open_to_quotes=open_to_quotes,
        deliverables=deliverables,
    )


def _deliverable(kind, title, quantity, due, budget, rounds=2):
    return {
        "kind": kind,
        "title": title,
        "quantity": quantity,
        "due_on": due,
        "revisions_included": rounds,
        "budget": Decimal(budget),
    }


@transaction.atomic
def save_studio_projects(anchor: dt.date) -> int:
    """Create the demo's studio work; returns how many projects were made."""
    org = Organisation.objects.filter(slug=STUDIO).first()
    sam = get_user_model().objects.filter(username=OWNER).first()
    if org is None or sam is None or Brief.objects.filter(project__organisation=org).exists():
        return 0
    engineers = _people("mixing-engineer", 4)
    composers = _people("composer", 1)
    designers = _people("sound-designer", 1)
    if len(engineers) < 3 or not composers or not designers:
        return 0
    for n, worker in enumerate(engineers):
        _portfolio(worker, "mixing-engineer", n % 2 == 0)
    _portfolio(composers[0], "composer", True)
    _portfolio(designers[0], "sound-designer", True)
    day = dt.timedelta(days=1)

    # Taking quotes: the ten-song mix, three engineers quoting in three units.
    mix = _project(
        sam,
        org,
        "Harbour Lights: ten-song album mix",
        "mixing-engineer",
        anchor + 40 * day,
        [
            _deliverable("song", "Ten song mixes", 10, anchor + 30 * day, "6000"),
            _deliverable("stems", "Stems per song", 10, anchor + 40 * day, "500", rounds=1),
        ],
        genres="indie, rock",
        open_to_quotes=True,
    )
    services.quote_invite(actor=sam, project=mix, workers=engineers)
    _quote(mix, engineers[0], "600", "song", 14, 2, note="Analogue summing on the 8-bus.")
    _quote(mix, engineers[1], "1600", "day", 10, 3)
    _quote(mix, engineers[2], "6200", "project", 21, 2)

    # In progress: a single, hired, nothing handed over yet.
    single = _project(
        sam,
        org,
        "Marlowe Kids: single mix and master",
        "mixing-engineer",
        anchor + 21 * day,
        [
            _deliverable("song", "Single mix", 1, anchor + 14 * day, "900"),
            _deliverable("master", "Streaming master", 1, anchor + 21 * day, "300", rounds=1),
        ],
        genres="pop",
    )
    services.quote_invite(actor=sam, project=single, workers=engineers[2:4])
    hired = _quote(single, engineers[2], "1100", "project", 10, 2)
    if len(engineers) > 3:
        _quote(single, engineers[3], "700", "song", 7, 1)
    services.quote_accept(actor=sam, quote=hired)

    # In revision: a documentary score sent back once.
    score = _project(
        sam,
        org,
        "Salt Road (documentary): original score",
        "composer",
        anchor + 35 * day,
        [
            _deliverable("score", "Minutes of score", 18, anchor + 28 * day, "5400"),
            _deliverable("stems", "Stems for the dub", 1, anchor + 35 * day, "600", rounds=1),
        ],
        genres="film, orchestral",
    )
    services.quote_invite(actor=sam, project=score, workers=composers)
    services.quote_accept(actor=sam, quote=_quote(score, composers[0], "5800", "project", 25, 2))
    cues = score.studio_deliverables.first()
    services.deliverable_deliver(actor=composers[0].user, deliverable=cues, note="First pass.")
    services.deliverable_revise(
        actor=sam, deliverable=cues, note="Reel 3 wants less piano under the interview."
    )

    # Delivered, waiting for review: trailer sound design.
    trailer = _project(
        sam,
        org,
        "Tidewater trailer: sound design",
        "sound-designer",
        anchor + 12 * day,
        [_deliverable("cue", "Trailer sound design, 2 minutes", 1, anchor + 12 * day, "1800")],
        genres="games, trailers",
    )
    services.quote_invite(actor=sam, project=trailer, workers=designers)
    services.quote_accept(actor=sam, quote=_quote(trailer, designers[0], "450", "day", 4, 2))
    services.deliverable_deliver(
        actor=designers[0].user,
        deliverable=trailer.studio_deliverables.first(),
        link="https://example.org/tidewater/trailer-sfx-v1.zip",
        note="Stereo and 5.1 printed.",
    )

    # Approved: a past EP mix, a verified credit for the engineer.
    ep = _project(
        sam,
        org,
        "Odessa Vale: EP mix",
        "mixing-engineer",
        anchor + 5 * day,
        [_deliverable("song", "Five song mixes", 5, anchor + 5 * day, "3000")],
        genres="folk",
    )
    services.quote_invite(actor=sam, project=ep, workers=engineers[:1])
    services.quote_accept(actor=sam, quote=_quote(ep, engineers[0], "580", "song", 5, 2))
    songs = ep.studio_deliverables.first()
    services.deliverable_deliver(actor=engineers[0].user, deliverable=songs)
    services.deliverable_approve(actor=sam, deliverable=songs, note="Lovely. Thank you.")
    return 5
