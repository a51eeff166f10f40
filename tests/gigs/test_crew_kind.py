"""Issue 16: a crew call says whether it is for touring crew or local crew, on every face:
the position form, the API, the CLI, the admin, the show page and the staffing board."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from stagedoor.api.models import ApiToken
from stagedoor.gigs.models import Position
from tests.factories import YEAR, PositionFactory, position_form, show_world

pytestmark = pytest.mark.django_db

TOURING = "Touring crew (travels with the tour)"
LOCAL = "Local crew (hired in each city)"


def test_the_form_offers_both_kinds_in_words_and_sets_the_field(client):
    world = show_world(show={"slug": "mara"})
    client.force_login(world["manager"])
    page = client.get("/manage/shows/mara/positions/new/").content.decode()
    assert TOURING in page and LOCAL in page
    assert '<input type="radio" name="crew" value="local" id="id_crew_0" checked>' in page
    response = client.post("/manage/shows/mara/positions/new/", position_form(crew="touring"))
    assert response.status_code == 302
    position = Position.objects.get()
    assert position.crew == "touring"
    edit = client.get(f"/manage/positions/{position.pk}/").content.decode()
    assert '<input type="radio" name="crew" value="touring" id="id_crew_1" checked>' in edit
    client.post(f"/manage/positions/{position.pk}/", position_form(crew="local"))
    position.refresh_from_db()
    assert position.crew == "local"


def test_the_form_defaults_to_local_and_refuses_an_unknown_kind(client):
    world = show_world(show={"slug": "mara"})
    client.force_login(world["manager"])
    client.post("/manage/shows/mara/positions/new/", position_form())
    assert Position.objects.get().crew == "local"
    response = client.post("/manage/shows/mara/positions/new/", position_form(crew="abroad"))
    assert response.status_code == 200
    assert 'id="id_crew-errors"><li>Select a valid choice.' in response.content.decode()
    assert Position.objects.count() == 1


@pytest.fixture
def api_world():
    world = show_world(show={"slug": "mara-berlin"})
    _, world["key"] = ApiToken.issue(user=world["manager"])
    return world


def body(**overrides):
    return {
        "show": "mara-berlin",
        "role": "foh-engineer",
        "call_start": f"{YEAR}-12-04T14:00:00+01:00",
        "call_end": f"{YEAR}-12-04T23:30:00+01:00",
        "pay_amount": "450.00",
        "pay_unit": "day",
        "currency": "EUR",
    } | overrides


def test_the_api_sets_reads_and_changes_the_kind(client, api_world):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_world['key']}"}
    made = client.post("/api/positions", body(), content_type="application/json", **auth)
    assert (made.status_code, made.json()["crew"]) == (201, "local")
    made = client.post(
        "/api/positions", body(crew="touring"), content_type="application/json", **auth
    )
    assert (made.status_code, made.json()["crew"]) == (201, "touring")
    pk = made.json()["id"]
    changed = client.patch(
        f"/api/positions/{pk}", {"crew": "local"}, content_type="application/json", **auth
    )
    assert (changed.status_code, changed.json()["crew"]) == (200, "local")
    assert Position.objects.get(pk=pk).crew == "local"
    refused = client.post(
        "/api/positions", body(crew="abroad"), content_type="application/json", **auth
    )
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": [
            {
                "loc": ["body", "crew"],
                "msg": "'abroad' is not one of local, touring.",
                "type": "value_error",
            }
        ]
    }
    refused = client.patch(
        f"/api/positions/{pk}", {"crew": "abroad"}, content_type="application/json", **auth
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "crew"]
    assert Position.objects.count() == 2


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


CLI = (
    "position-create", "--as", "pat", "--show", "mara", "--role", "foh-engineer",
    "--start", f"{YEAR}-12-04T14:00+01:00", "--end", f"{YEAR}-12-04T23:30+01:00",
    "--pay", "450", "--currency", "EUR",
)  # fmt: skip


def test_the_cli_sets_the_kind():
    show_world(show={"slug": "mara"}, manager="pat")
    run(*CLI)
    run(*CLI, "--crew", "touring")
    assert list(Position.objects.order_by("pk").values_list("crew", flat=True)) == [
        "local",
        "touring",
    ]
    with pytest.raises(CommandError) as info:
        run(*CLI, "--crew", "abroad")
    assert str(info.value) == "Nothing was saved.\n  crew: 'abroad' is not one of local, touring."
    assert Position.objects.count() == 2


def test_the_show_page_board_and_admin_say_the_kind_in_words(client):
    world = show_world(show={"slug": "mara"})
    PositionFactory(show=world["show"], title="Tour FOH", crew="touring")
    PositionFactory(show=world["show"], title="Load-out", crew="local")
    page = client.get("/shows/mara/").content.decode()
    assert page.count(TOURING) == 1 and page.count(LOCAL) == 1
    client.force_login(world["manager"])
    board = client.get("/shows/mara/staffing/").content.decode()
    assert '<span class="tag muted crew-kind">Touring crew</span>' in board
    assert '<span class="tag muted crew-kind">Local crew</span>' in board
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(root)
    listing = client.get("/admin/gigs/position/?crew__exact=touring").content.decode()
    assert "Tour FOH" in listing and "Load-out" not in listing
    assert TOURING in listing
