import io
import json

import pytest
from django.core.management import CommandError, call_command

from stagedoor.studio import services
from stagedoor.studio.models import Quote

from .world import studio_world

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_quotes_command_ranks_and_accepts():
    world = studio_world()
    project = world["project"]
    services.quote_invite(
        actor=world["manager"], project=project, workers=[world["ada"], world["ben"]]
    )
    for who, price, unit in (("ada", "1600", "day"), ("ben", "600", "song")):
        services.quote_submit(
            actor=world[who].user,
            project=project,
            price=price,
            unit=unit,
            currency="USD",
            turnaround_days=10,
            revisions_included=2,
        )
    ranked = json.loads(run("quotes", project.slug, "--as", "sam", "--json"))
    assert [(r["rank"], r["worker"], r["total"]) for r in ranked] == [
        (1, "ben", "6000.00"),
        (2, "ada", "16000.00"),
    ]
    table = run("quotes", project.slug, "--as", "sam")
    assert "$600.00 a song" in table and "Taking quotes" in table
    with pytest.raises(CommandError, match="accept: 'cleo' has not quoted"):
        run("quotes", project.slug, "--as", "sam", "--accept", "cleo")
    assert run("quotes", project.slug, "--as", "sam", "--accept", "ben") == (
        "Ben is hired for Weather Systems: album mix.\n"
    )
    assert Quote.objects.get(status="accepted").worker == world["ben"]
    with pytest.raises(CommandError, match="quote: Someone is already hired"):
        run("quotes", project.slug, "--as", "sam", "--accept", "ada")
