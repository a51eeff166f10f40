"""How well a quote fits a studio project: price against the budget in the quote's own unit,
credits, genres, portfolio and the workload the person already carries.

Project work is not clock hours: a quote is compared by what the whole job costs and by how
many projects the person has in progress, and remote work has no travel radius, so distance
plays no part. Pure Python with Decimal money, tested exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

UNITS = ("song", "project", "day")

WEIGHTS = {
    "price": Decimal("0.40"),
    "credits": Decimal("0.20"),
    "genres": Decimal("0.15"),
    "portfolio": Decimal("0.10"),
    "workload": Decimal("0.15"),
}
CREDITS_FULL = 5  # verified credits in the role that count as a full record
PORTFOLIO_FULL = 3  # portfolio links that count as a full portfolio
CENT = Decimal("0.01")
SCORE = Decimal("0.0001")


@dataclass(frozen=True)
class Brief:
    """What the studio asks for: the whole budget, how many songs it covers, the genres, and
    the days from today to the project's deadline."""

    budget: Decimal
    currency: str
    songs: int
    genres: frozenset[str]
    days_left: int
    revisions: int


@dataclass(frozen=True)
class Quote:
    key: str
    price: Decimal
    unit: str
    currency: str
    turnaround_days: int
    revisions: int
    credits: int
    genres: frozenset[str]
    portfolio: int
    in_progress: int


@dataclass(frozen=True)
class Fit:
    key: str
    score: Decimal
    total: Decimal | None  # the whole job at this price, None when it cannot be priced
    budget_in_unit: Decimal | None  # the budget said in the quote's unit
    over_budget: Decimal | None  # how much the total is above the budget (0 if within)
    comparable: bool  # same currency as the budget
    on_time: bool
    short_revisions: int  # rounds fewer than the brief asks
    genres_matched: tuple[str, ...]
    parts: dict[str, Decimal]


def units_of(quote: Quote, brief: Brief) -> int | None:
    """How many of the quote's unit the whole job takes."""
    if quote.unit == "project":
        return 1
    if quote.unit == "song":
        return brief.songs or None
    if quote.unit == "day":
        return quote.turnaround_days or None
    raise ValueError(f"unknown unit {quote.unit!r}")


def project_price(quote: Quote, brief: Brief) -> Decimal | None:
    """The whole job at the quoted price: per song times the songs, per day times the days
    of the turnaround, or the project price as it stands."""
    units = units_of(quote, brief)
    return None if units is None else (quote.price * units).quantize(CENT)


def price_fit(total: Decimal | None, budget: Decimal) -> Decimal:
    """1 within the budget, falling to 0 at 50% over it; 0 when it cannot be compared."""
    if total is None or budget <= 0:
        return Decimal(0)
    ratio = total / budget
    if ratio <= 1:
        return Decimal(1)
    return max(Decimal(0), 1 - 2 * (ratio - 1))


def fit(quote: Quote, brief: Brief) -> Fit:
    total = project_price(quote, brief)
    comparable = quote.currency == brief.currency
    units = units_of(quote, brief)
    budget_in_unit = (
        (brief.budget / units).quantize(CENT, ROUND_HALF_UP) if comparable and units else None
    )
    matched = tuple(sorted(quote.genres & brief.genres))
    parts = {
        "price": price_fit(total if comparable else None, brief.budget),
        "credits": Decimal(min(quote.credits, CREDITS_FULL)) / CREDITS_FULL,
        "genres": Decimal(len(matched)) / len(brief.genres) if brief.genres else Decimal(0),
        "portfolio": Decimal(min(quote.portfolio, PORTFOLIO_FULL)) / PORTFOLIO_FULL,
        "workload": Decimal(1) / (1 + quote.in_progress),
    }
    score = sum((WEIGHTS[name] * value for name, value in parts.items()), Decimal(0))
    over = None
    if comparable and total is not None:
        over = max(Decimal(0), total - brief.budget)
    return Fit(
        key=quote.key,
        score=score.quantize(SCORE, ROUND_HALF_UP),
        total=total,
        budget_in_unit=budget_in_unit,
        over_budget=over,
        comparable=comparable,
        on_time=quote.turnaround_days <= brief.days_left,
        short_revisions=max(0, brief.revisions - quote.revisions),
        genres_matched=matched,
        parts=parts,
    )


def rank(quotes: list[Quote], brief: Brief) -> list[Fit]:
    """Best first: quotes that can be delivered by the deadline before those that cannot,
    then by score, then the cheaper whole job, then the key (a stable order)."""
    fits = [fit(q, brief) for q in quotes]
    big = Decimal("1e18")
    return sorted(
        fits,
        key=lambda f: (
            not f.on_time,
            -f.score,
            f.total if f.total is not None and f.comparable else big,
            f.key,
        ),
    )
