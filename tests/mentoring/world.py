"""A Chicago newcomer aiming to rig, and mentors near and far."""

from __future__ import annotations

from stagedoor.mentoring import services
from tests.factories import WorkerFactory, give_role

LOOP = {"latitude": 41.8781, "longitude": -87.6298}
WEST_LOOP = {"latitude": 41.8827, "longitude": -87.6440}  # 1.3 km from the Loop
NEW_YORK = {"latitude": 40.7128, "longitude": -74.0060}


def person(name: str, city: str = "Chicago", where=None, radius: int = 50, **fields):
    key = name.lower().replace(" ", "-")
    return WorkerFactory(
        display_name=name, slug=key, user__username=key, user__password="backstage-pass",
        home_city=city, country="US",
        travel_radius_km=radius, **(where or LOOP), **fields,
    )  # fmt: skip


def mentor(name, roles, *, city="Chicago", where=None, capacity=2, mode="either",
           cadence="monthly", known_for=""):  # fmt: skip
    worker = person(name, city, where or WEST_LOOP, radius=80)
    for slug in roles:
        give_role(worker, slug, "senior", 10)
    offer = services.mentor_offer_save(
        actor=worker.user, worker=worker, roles=list(roles), capacity=capacity, mode=mode,
        cadence=cadence, known_for=known_for,
    )  # fmt: skip
    return offer


def mentoring_world(rosa=None):
    """Pass `rosa` (a worker) to make an existing newcomer the world's mentee."""
    rosa = rosa or person("Rosa Rigger")
    dana = mentor("Dana Whitfield", ["rigger", "head-rigger"], capacity=1, known_for="Rigs arenas")
    far = mentor("Fay Far", ["rigger"], city="New York City", where=NEW_YORK)
    sound = mentor("Sam Sound", ["audio-tech"], known_for="Mixes front of house")
    hand = mentor("Hal Hand", ["stagehand"], mode="in_person", known_for="Builds stages")
    return {"rosa": rosa, "dana": dana, "far": far, "sound": sound, "hand": hand}


def ask_and_accept(mentee, offer, target="rigger"):
    wanted = services.mentor_request_save(actor=mentee.user, worker=mentee, target=target)
    asked = services.mentorship_ask(actor=mentee.user, request=wanted, offer=offer)
    return services.mentorship_answer(actor=offer.worker.user, mentorship=asked, accept=True)
