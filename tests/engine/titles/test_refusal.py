"""Refusing other trades' titles that share our words: other industries' vocabulary by
industry, the words qualifying the worker noun that the trade does not explain, and games
read like film and television. Titles written for these tests; the real classifier and the
real model (no mocks)."""

import pytest
from benchmarks.titles import catalog_roles

from stagedoor.engine.titles import TitleClassifier
from stagedoor.engine.titles.evidence import read
from stagedoor.engine.titles.lexicon import OTHER_INDUSTRIES, OUT_OF_TRADE
from stagedoor.engine.titles.normalise import parse

ROLE_LABELS = catalog_roles()


@pytest.fixture(scope="module", params=[False, True], ids=["fuzzy", "embeddings"])
def classifier(request):
    return TitleClassifier(ROLE_LABELS, use_embeddings=request.param)


def test_other_industries_share_no_word_with_the_trade():
    ours = TitleClassifier(ROLE_LABELS, use_embeddings=False)._vocabulary
    assert frozenset().union(*OTHER_INDUSTRIES.values()) == OUT_OF_TRADE
    for industry, words in OTHER_INDUSTRIES.items():
        assert not words & ours, industry


def test_the_words_before_the_worker_noun_are_what_the_trade_must_explain():
    ours = TitleClassifier(ROLE_LABELS, use_embeddings=False)._ours

    def unexplained(title):
        return read(parse(title), ours).unexplained

    assert unexplained("Leaflet Production Manager") == 0.5  # "leaflet" is nobody's of ours
    assert unexplained("Rigger Leeds") == 0.0  # after the noun: a place, not a qualifier
    assert unexplained("Festival Production Manager") == 0.0


@pytest.mark.parametrize(
    "title",
    [
        "Hospital Porter - Theatres",
        "Warehouse Crew Member",
        "Stage Crew - Shipyard Launch Team",
        "Concrete Pump Operator",
        "Photo Booth Attendant",
        "Parcel Runner",
        "Light Rail Driver",
        "Hearing Aid Audio Technician",
    ],
)
def test_another_industrys_title_is_refused(classifier, title):
    assert classifier.classify(title).role is None


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Composer - Video Games", "composer"),
        ("Foley Artist (gaming)", "foley-artist"),
        ("Production Manager - Music Festival", "production-manager"),
        ("Rigger Leeds", "rigger"),
    ],
)
def test_a_sound_role_for_games_is_ours_and_trade_titles_stay_ours(classifier, title, role):
    assert classifier.classify(title).role == role


def test_a_crew_role_for_games_is_refused(classifier):
    assert classifier.classify("Lighting Artist - Games Studio").role is None
    assert classifier.classify("Production Coordinator - Mobile Games").role is None
