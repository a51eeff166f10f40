"""Reading rules for a place, a craft or a rank beside the worker noun: they decide which
role a title names when several share its noun, never whether the title is ours. Titles
written for these tests; the real classifier and the real model (no mocks)."""

import pytest
from benchmarks.titles import catalog_roles

from stagedoor.engine.titles import TitleClassifier
from stagedoor.engine.titles.normalise import parse

ROLE_LABELS = catalog_roles()


@pytest.fixture(scope="module", params=[False, True], ids=["fuzzy", "embeddings"])
def classifier(request):
    return TitleClassifier(ROLE_LABELS, use_embeddings=request.param)


def preferred(classifier, title: str) -> str | None:
    """The role the context rules alone pick for a title (None: they have no say)."""
    parsed, _ = classifier._spelled(parse(title))
    found = classifier._in_context(parsed)
    return None if found is None else classifier.roles[found].slug


CONTEXT = {
    # A place of work named before a craft owns the job ...
    "FOH Mix Engineer": "foh-engineer",
    "Touring FOH Mix Engineer": "foh-engineer",
    "Monitor Mix Engineer": "monitor-engineer",
    # ... unless the craft is that place's own (the studio is where mixing engineers work):
    # then the place has no say.
    "Studio Mix Engineer": None,
    # A department or a kind of show before a label is not a place of work.
    "Tour Merch Manager": None,
    "Production Stage Manager": None,
    "Audio Mastering Engineer": None,
    # A bare worker, then where: that place's worker when the catalog has one.
    "Runner - Recording Studio": "studio-assistant",
    "Runner for recording studio (evenings)": "studio-assistant",
    "Runner - Music Festival": None,
    # A crew word beside a craft is that craft's crew; the stage decides nothing.
    "Stage Audio Hand": "audio-tech",
    "Festival Stage Backline Crew": "backline-tech",
    "Stage Tech (Backline) - Club": "backline-tech",
    "Stage Carpentry Crew": "carpenter",
    "Rigging Hand": "rigger",
    "Casual Crew - Arena Changeover": None,
    "Stage Crew": None,
    # A rank beside a department with no label of its own: the role nearest that rung.
    "Merchandise Coordinator": "merch-manager",
    "Ticketing Coordinator": "box-office-manager",
    "Merch Lead": "merch-manager",
    "Merch Supervisor": "merch-manager",
    # Two roles at the rung: no call ("Lighting Supervisor": programmer or director).
    "Lighting Supervisor": None,
    # A label of its own wins over a rank reading.
    "Head of Flys": None,
    "Rigging Supervisor": None,
}


@pytest.mark.parametrize("title", CONTEXT)
def test_context_picks_the_role(classifier, title):
    assert preferred(classifier, title) == CONTEXT[title]


CLASSIFIED = {
    "FOH Mix Engineer - Arena Tour": "foh-engineer",
    "Monitor Mix Engineer - Festival": "monitor-engineer",
    "Runner - Recording Studio": "studio-assistant",
    "Runner - Music Festival": "runner",
    "Stage Audio Hand": "audio-tech",
    "Stage Tech (Backline) - Club": "backline-tech",
    "Merchandise Coordinator - Festival": "merch-manager",
    "Ticketing Coordinator - Festival": "box-office-manager",
    "Head of Flys": "fly-operator",
    "Tour Merch Manager": "merch-manager",
    "Casual Crew - Arena Changeover": "stagehand",
    # Context never makes another trade's title ours.
    "Usher - Court": None,
    "Crane Rigger Signaller": None,
    "Systems Engineer - Linux": None,
}


@pytest.mark.parametrize("title", CLASSIFIED)
def test_titles_in_context(classifier, title):
    assert classifier.classify(title).role == CLASSIFIED[title]


def test_context_keeps_the_strength_of_the_evidence(classifier):
    # The preferred role takes the best score the title had; the others drop a shade.
    result = classifier.classify("Runner - Recording Studio")
    assert result.role == "studio-assistant"
    assert dict(result.alternatives)["runner"] == pytest.approx(0.99 * result.confidence, abs=2e-3)
