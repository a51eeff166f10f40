"""The reading rules that generalise beyond any list of titles: the first-named role, a
worker noun shared across a slash or "and", "Head of X", typos, a place tacked on without
a dash, film and television, and other trades' words. Titles written for these tests;
the real classifier and the real model (no mocks)."""

import csv
from pathlib import Path

import pytest
from benchmarks.titles import catalog_roles

from stagedoor.engine.titles import TitleClassifier
from stagedoor.engine.titles.normalise import parse
from stagedoor.industry.catalog import ROLE_SLUGS

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"

ROLE_LABELS = catalog_roles()  # the catalog's roles as the benchmark labels them


@pytest.fixture(scope="module", params=[False, True], ids=["fuzzy", "embeddings"])
def classifier(request):
    return TitleClassifier(ROLE_LABELS, use_embeddings=request.param)


def test_a_slash_or_and_shares_the_worker_noun():
    assert parse("Recording/Mix Engineer").candidates == (
        "recording mixing engineer",
        "recording engineer",
        "recording",
        "mixing engineer",
    )
    assert parse("Sound & Lighting Technician").candidates[:2] == (
        "sound lighting technician",
        "sound technician",
    )
    # A short code names a role of its own: "A2" does not become "A2 technician".
    assert parse("A2 / Monitor Tech").candidates == (
        "a2 monitor technician",
        "a2",
        "monitor technician",
    )


def test_head_of_a_team_reads_as_its_manager():
    assert parse("Head of Merch - Venue").candidates == (
        "head merch venue",
        "head merch",
        "merch manager",
        "venue",
    )


TITLES = {
    # Two roles named: the first is the primary one.
    "Lighting Tech / Spot Op": "lighting-tech",
    "Guitar Tech / Backline": "instrument-tech",
    "Recording/Mix Engineer": "recording-engineer",
    "Sound & Lighting Technician - Music Venue": "audio-tech",
    "TM / PM": "tour-manager",
    # ... unless the first is a rung, not a job: the A2 who mixes monitors.
    "A2 / Monitor Tech - arena tour": "monitor-engineer",
    "Head of Merch - Venue": "merch-manager",
    # Typos read as the trade word they stand for.
    "Riggr": "rigger",
    "Lightning Technician": "lighting-tech",
    "Stage Manger - Festival": "stage-manager",
    # ... but not a word of another trade, nor another first letter.
    "Maths Tutor": None,
    "Flight Attendant": None,
    # A place at the end without a dash.
    "Rigger London": "rigger",
    "FOH Engineer Chicago": "foh-engineer",
    # Film and television: a sound role of the screen is ours, an office role is not.
    "Foley Artist - Film & TV": "foley-artist",
    "Production Coordinator - Film": None,
    # Other trades' context words.
    "Door Supervisor - Shopping Centre": None,
    "Tour Operator - Travel": None,
}


def test_titles_read_by_the_rules(classifier):
    got = {title: classifier.classify(title).role for title in TITLES}
    assert got == TITLES


def test_a_typo_is_sure_but_below_an_exact_match(classifier):
    assert classifier.classify("Riggr").confidence == 0.937
    assert classifier.classify("Rigger").confidence == 1.0


def test_the_first_named_role_wins_a_tie_and_the_other_is_next():
    result = TitleClassifier(ROLE_LABELS, use_embeddings=False).classify("Lighting Tech / Spot Op")
    assert (result.role, result.confidence, result.alternatives[0]) == (
        "lighting-tech",
        1.0,
        ("spot-operator", 1.0),
    )


def _rows(name: str) -> list[dict]:
    with (DATA / name).open() as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def test_dev3_is_well_formed_covers_every_role_and_is_new():
    rows = _rows("titles_dev3.csv")
    assert all(set(r) == {"title", "role"} and r["title"].strip() == r["title"] for r in rows)
    ours = [r for r in rows if r["role"]]
    # Its music producers' titles all repeated held-out ones and were dropped.
    assert set(ROLE_SLUGS) - {r["role"] for r in ours} == {"music-producer"}
    assert (len(ours), len(rows) - len(ours)) == (332, 149)
    keys = [parse(r["title"]).key for r in rows]
    assert len(set(keys)) == len(keys)
    earlier = _rows("titles.csv") + _rows("titles_dev2.csv")
    assert set(keys).isdisjoint(parse(r["title"]).key for r in earlier)


def test_dev4_is_well_formed_covers_every_role_is_new_and_halved():
    from benchmarks.titles import load_dev4

    rows = _rows("titles_dev4.csv")
    assert all(set(r) == {"title", "role"} and r["title"].strip() == r["title"] for r in rows)
    ours = [r for r in rows if r["role"]]
    assert {r["role"] for r in ours} == set(ROLE_SLUGS)
    assert (len(ours), len(rows) - len(ours)) == (308, 90)
    keys = [parse(r["title"]).key for r in rows]
    assert len(set(keys)) == len(keys)
    earlier = _rows("titles.csv") + _rows("titles_dev2.csv") + _rows("titles_dev3.csv")
    assert set(keys).isdisjoint(parse(r["title"]).key for r in earlier)
    halves = [e["split"] for e in load_dev4()]
    assert (halves.count("dev4"), halves.count("dev4-check")) == (192, 206)


def test_dev5_is_well_formed_covers_every_role_is_new_and_halved():
    from benchmarks.titles import load_dev5

    rows = _rows("titles_dev5.csv")
    assert all(set(r) == {"title", "role"} and r["title"].strip() == r["title"] for r in rows)
    ours = [r for r in rows if r["role"]]
    # Its marketing managers' titles all repeated held-out ones and were dropped.
    assert set(ROLE_SLUGS) - {r["role"] for r in ours} == {"marketing-manager"}
    assert (len(ours), len(rows) - len(ours)) == (114, 185)
    keys = [parse(r["title"]).key for r in rows]
    assert len(set(keys)) == len(keys)
    earlier = [
        r
        for name in ("titles.csv", "titles_dev2.csv", "titles_dev3.csv", "titles_dev4.csv")
        for r in _rows(name)
    ]
    assert set(keys).isdisjoint(parse(r["title"]).key for r in earlier)
    halves = [e["split"] for e in load_dev5()]
    assert (halves.count("dev5"), halves.count("dev5-check")) == (161, 138)
