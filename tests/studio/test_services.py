import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stagedoor.core.earnings import earnings_for
from stagedoor.gigs.models import StudioProject
from stagedoor.people.models import Credit
from stagedoor.studio import selectors, services
from stagedoor.studio.models import Brief, Deliverable, Milestone, Quote

from .world import DEADLINE, studio_world

pytestmark = pytest.mark.django_db
TODAY = DEADLINE - dt.timedelta(days=30)


def quote(world, who, price, unit="song", currency="USD", days=10, revisions=2):
    return services.quote_submit(
        actor=world[who].user,
        project=world["project"],
        price=price,
        unit=unit,
        currency=currency,
        turnaround_days=days,
        revisions_included=revisions,
    )


def three_quotes(world):
    services.quote_invite(
        actor=world["manager"],
        project=world["project"],
        workers=[world["ada"], world["ben"], world["cleo"]],
    )
    return {
        "ada": quote(world, "ada", "1600", unit="day"),
        "ben": quote(world, "ben", "600"),
        "cleo": quote(world, "cleo", "5900", unit="project", revisions=1),
    }


def test_project_with_deliverables_and_budget():
    world = studio_world()
    project = world["project"]
    assert [(d.kind, d.title, d.quantity, d.budget) for d in project.studio_deliverables.all()] == [
        ("song", "Ten song mixes", 10, Decimal("6000.00")),
        ("stems", "Stems per song", 1, Decimal("500.00")),
    ]
    assert project.brief.genres == "indie, rock"
    assert selectors.budget_of(project) == Decimal("6500.00")
    assert selectors.songs_of(project) == 10
    assert selectors.project_state(project) == selectors.OPEN


def test_deliverable_due_after_the_project_is_refused_and_nothing_saved():
    world = studio_world()
    before = (StudioProject.objects.count(), Deliverable.objects.count(), Brief.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.studio_project_create(
            actor=world["manager"],
            organisation=world["org"],
            title="EP master",
            deadline=DEADLINE,
            role=world["role"],
            currency="USD",
            deliverables=[
                {"kind": "master", "due_on": DEADLINE, "budget": "900"},
                {"kind": "master", "due_on": DEADLINE + dt.timedelta(days=1), "budget": "90"},
            ],
        )
    assert refused.value.message_dict == {
        "deliverables.2.due_on": [
            f"Due {DEADLINE + dt.timedelta(days=1)}, after the project's deadline ({DEADLINE})."
        ]
    }
    after = (StudioProject.objects.count(), Deliverable.objects.count(), Brief.objects.count())
    assert after == before


def test_quote_in_an_unknown_currency_is_refused_and_nothing_saved():
    world = studio_world()
    services.quote_invite(actor=world["manager"], project=world["project"], workers=[world["ada"]])
    with pytest.raises(ValidationError) as refused:
        quote(world, "ada", "600", currency="XYZ")
    assert refused.value.message_dict == {
        "currency": ["'XYZ' is not a known ISO 4217 currency code (e.g. EUR, USD, GBP)."]
    }
    assert Quote.objects.get(worker=world["ada"]).status == "invited"
    assert Quote.objects.get(worker=world["ada"]).price is None


def test_only_invited_people_quote_unless_the_project_is_open():
    closed = studio_world()
    with pytest.raises(PermissionDenied):
        quote(closed, "ada", "600")
    Brief.objects.filter(project=closed["project"]).update(open_to_quotes=True)
    assert quote(closed, "ada", "600").status == "submitted"


def test_comparison_ranks_price_against_budget_in_the_quotes_unit():
    world = studio_world()
    three_quotes(world)
    rows = selectors.comparison(world["project"], today=TODAY)
    # Ben: 0.40 price + 0.20*3/5 credits + 0.15 genres + 0.10*1/3 portfolio + 0.15 workload;
    # Cleo: 0.40 + 0.10/3 + 0.15; Ada: 16,000 in all is far over 6,500, so workload only.
    assert [(r.rank, r.quote.worker.display_name, str(r.fit.score)) for r in rows] == [
        (1, "Ben", "0.8533"),
        (2, "Cleo", "0.5833"),
        (3, "Ada", "0.1500"),
    ]
    ben, cleo, ada = rows
    assert ben.reasons == (
        "Asks $600.00 a song against a budget of $650.00 a song: $6,000.00 in all, within budget",
        "3 verified credits as mixing engineer",
        "Works in indie, rock",
        "No other projects in progress",
        "Delivers in 10 days",
    )
    assert ada.reasons[0] == (
        "Asks $1,600.00 a day against a budget of $650.00 a day: $16,000.00 in all, "
        "$9,500.00 over budget"
    )
    assert cleo.reasons[-1] == "Includes 1 revision rounds, fewer than you ask"
    assert [link.label for link in cleo.portfolio] == ["Reel"]


def test_accept_books_the_engagement_and_splits_the_price_into_milestones():
    world = studio_world()
    quotes = three_quotes(world)
    services.quote_accept(actor=world["manager"], quote=quotes["ben"])
    assert dict(Quote.objects.values_list("worker__slug", "status")) == {
        "ada": "not_chosen",
        "ben": "accepted",
        "cleo": "not_chosen",
    }
    assert list(Milestone.objects.values_list("deliverable__title", "amount", "due_on")) == [
        ("Ten song mixes", Decimal("5538.46"), DEADLINE - dt.timedelta(days=10)),
        ("Stems per song", Decimal("461.54"), DEADLINE),
    ]
    assert selectors.workload([world["ben"].pk]) == {world["ben"].pk: 1}
    assert selectors.project_state(world["project"]) == selectors.IN_PROGRESS
    with pytest.raises(ValidationError) as refused:
        services.quote_accept(actor=world["manager"], quote=quotes["ada"])
    assert refused.value.message_dict == {"quote": ["Someone is already hired for this project."]}
    with pytest.raises(PermissionDenied):
        services.quote_accept(actor=world["ben"].user, quote=quotes["ben"])


def test_revisions_count_against_those_included_and_approval_credits_everyone():
    world = studio_world()
    services.quote_accept(actor=world["manager"], quote=three_quotes(world)["ben"])
    songs, stems = world["project"].studio_deliverables.all()
    assert (songs.revisions_included, stems.revisions_included) == (2, 2)  # as Ben quoted
    with pytest.raises(PermissionDenied):
        services.deliverable_deliver(actor=world["ada"].user, deliverable=songs)
    for _ in range(2):
        services.deliverable_deliver(actor=world["ben"].user, deliverable=songs)
        services.deliverable_revise(actor=world["manager"], deliverable=songs, note="More vocal")
    assert selectors.project_state(world["project"]) == selectors.IN_REVISION
    services.deliverable_deliver(actor=world["ben"].user, deliverable=songs)
    with pytest.raises(ValidationError) as refused:
        services.deliverable_revise(actor=world["manager"], deliverable=songs)
    assert refused.value.message_dict == {
        "extra": [
            "All 2 included revision rounds of 'Ten song mixes' are used; ask for an extra "
            "round (charged as extra) or approve it."
        ]
    }
    songs.refresh_from_db()
    assert (songs.status, songs.revisions_used, songs.extra_revisions) == ("delivered", 2, 0)
    services.deliverable_revise(actor=world["manager"], deliverable=songs, extra=True)
    songs.refresh_from_db()
    assert (songs.status, songs.revisions_used, songs.extra_revisions) == ("revision", 3, 1)
    assert [(e.kind, e.round, e.extra) for e in songs.events.all()][-2:] == [
        ("delivered", 2, False),
        ("revision", 3, True),
    ]
    services.deliverable_deliver(actor=world["ben"].user, deliverable=songs)
    services.deliverable_approve(actor=world["manager"], deliverable=songs)
    services.deliverable_deliver(actor=world["ben"].user, deliverable=stems)
    assert selectors.project_state(world["project"]) == selectors.DELIVERED
    assert not Credit.objects.filter(title=world["project"].title).exists()
    services.deliverable_approve(actor=world["manager"], deliverable=stems)
    assert selectors.project_state(world["project"]) == selectors.APPROVED
    assert list(
        Credit.objects.filter(title=world["project"].title).values_list(
            "worker__slug", "role__slug", "verified", "organisation__name"
        )
    ) == [("ben", "mixing-engineer", True, "Blue Room Studios")]
    assert selectors.workload([world["ben"].pk]) == {}


def test_milestones_show_as_pay_due_then_earned():
    world = studio_world()
    services.quote_accept(actor=world["manager"], quote=three_quotes(world)["ben"])
    songs = world["project"].studio_deliverables.first()
    first, last = DEADLINE - dt.timedelta(days=60), DEADLINE
    assert [(e.day, e.amount, e.earned) for e in earnings_for(world["ben"], first, last)] == [
        (DEADLINE - dt.timedelta(days=10), Decimal("5538.46"), False),
        (DEADLINE, Decimal("461.54"), False),
    ]
    services.deliverable_deliver(actor=world["ben"].user, deliverable=songs)
    services.deliverable_approve(actor=world["manager"], deliverable=songs)
    today = dt.date.today()
    earned = earnings_for(world["ben"], min(first, today), max(last, today))
    assert [(e.day, e.label, e.earned) for e in earned] == [
        (today, "Weather Systems: album mix: Ten song mixes", True),
        (DEADLINE, "Weather Systems: album mix: Stems per song", False),
    ]
    assert earnings_for(world["ada"], first, last) == []


def test_income_planner_counts_milestones_as_booked_on_their_due_days():
    from stagedoor.careers.income import income_plan

    world = studio_world()
    services.quote_accept(actor=world["manager"], quote=three_quotes(world)["ben"])
    world["ben"].currency = "USD"
    world["ben"].save(update_fields=["currency"])
    today = DEADLINE - dt.timedelta(days=40)
    plan = income_plan(actor=world["ben"].user, worker=world["ben"], months=3, today=today)
    assert [(line.day, line.kind, line.label, line.amount) for line in plan.lines] == [
        (
            DEADLINE - dt.timedelta(days=10),
            "booked",
            "Milestone: Weather Systems: album mix: Ten song mixes",
            Decimal("5538.46"),
        ),
        (
            DEADLINE,
            "booked",
            "Milestone: Weather Systems: album mix: Stems per song",
            Decimal("461.54"),
        ),
    ]
    assert sum(m.booked for m in plan.forecast.months) == Decimal("6000.00")


def test_comparison_reads_the_same_number_of_queries_for_more_quotes(django_assert_num_queries):
    world = studio_world()
    services.quote_invite(actor=world["manager"], project=world["project"], workers=[world["ben"]])
    quote(world, "ben", "600")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        selectors.comparison(world["project"], today=TODAY)
    three_quotes(world)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(selectors.comparison(world["project"], today=TODAY)) == 3
