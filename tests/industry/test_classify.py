"""`/api/classify` and `stagedoor classify` over the catalog in the database."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_api_names_the_role_with_alternatives(client):
    body = client.get("/api/classify", {"title": "A2 / Monitor Tech - arena tour"}).json()
    assert body == {
        "title": "A2 / Monitor Tech - arena tour",
        "role": "monitor-engineer",
        "name": "Monitor Engineer",
        "level": None,
        "confidence": 1.0,
        "method": "embeddings+fuzzy",
        "alternatives": [
            {"role": "audio-tech", "confidence": 0.97},
            {"role": "instrument-tech", "confidence": 0.68},
            {"role": "lighting-tech", "confidence": 0.65},
        ],
    }


def test_api_gives_the_level_apart_from_the_role(client):
    body = client.get("/api/classify", {"title": "Senior Rigger"}).json()
    assert (body["role"], body["name"], body["level"]) == ("rigger", "Rigger", "senior")


def test_api_refuses_titles_outside_the_trade(client):
    body = client.get("/api/classify", {"title": "Software Engineer"}).json()
    assert (body["role"], body["name"], body["method"]) == (None, None, "embeddings+fuzzy")
    # The nearest roles are the engineers (their order is the model's call).
    assert sorted(a["role"] for a in body["alternatives"]) == [
        "foh-engineer",
        "monitor-engineer",
        "system-engineer",
    ]


@pytest.mark.parametrize("query", [{}, {"title": ""}, {"title": "   "}])
def test_api_empty_title_is_422_naming_the_field(client, query):
    response = client.get("/api/classify", query)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["query", "title"],
                "msg": "Give a job title to classify.",
                "type": "value_error",
            }
        ]
    }


def test_cli_prints_role_confidence_method_and_alternatives():
    assert run("classify", "Lampie") == (
        "'Lampie': Lighting Technician (lighting-tech), confidence 100%\n"
        "method: embeddings+fuzzy\n"
        "alternatives: stagehand 42%, head-rigger 40%, carpenter 39%\n"
    )
    assert run("classify", "Tour Accountant") == (
        "'Tour Accountant': not a role we know (100% sure)\n"
        "method: embeddings+fuzzy\n"
        "alternatives: tour-manager 58%, vip-coordinator 43%, audio-tech 42%\n"
    )


def test_cli_refuses_an_empty_title():
    with pytest.raises(CommandError, match=r"title: Give a job title to classify\."):
        run("classify", " ")


def test_classifier_follows_the_role_table():
    from stagedoor.industry.models import Role
    from stagedoor.industry.titles import role_classifier

    before = role_classifier()
    assert role_classifier() is before
    Role.objects.filter(slug="lighting-tech").update(aliases=["lampie", "glowworm"])
    after = role_classifier()
    assert after is not before
    assert after.classify("Glowworm").role == "lighting-tech"
