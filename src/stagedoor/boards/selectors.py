"""Reads for the job boards: open calls as postings, imported postings, gigs and search."""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, reduce

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import DateTimeField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from stagedoor.core import fulltext
from stagedoor.core.paging import KeyList
from stagedoor.core.text import in_zone
from stagedoor.engine.geo import haversine_km
from stagedoor.gigs.models import Position
from stagedoor.gigs.selectors import position_list
from stagedoor.industry.models import Organisation, Role, Venue
from stagedoor.industry.titles import classify_title

from . import reach
from .models import ExternalPosting, ImportRun


def open_positions(
    *, organisation: Organisation | None = None, q: str = "", named: Named | None = None
) -> QuerySet[Position]:
    """Calls open to crew: published show or project, call not started yet. `named` is what
    `q` names (`named_by(q)`), when the caller has read it already."""
    positions = position_list(open_only=True)
    if organisation is not None:
        positions = positions.filter(
            Q(show__organisation=organisation) | Q(project__organisation=organisation)
        )
    if not q.split():
        return positions
    named = named or named_by(q)
    if fulltext.available():
        return _ranked(positions, q, named).order_by("-search_rank", "call_start", "pk")
    return positions.filter(_search(q, POSITION_SEARCH, named))


# The highest page number the JSON feed takes (a bound on the SQL OFFSET, far past any pool).
FEED_PAGES_MOST = 10_000


def open_positions_after(call_start, pk: int) -> QuerySet[Position]:
    """The open calls after the one starting at `call_start` with key `pk`, in
    open_positions() order (soonest first, then by key): a page of the feed after the last
    call of the page before, read from that place rather than counted to it."""
    # The `>=` alone bounds a range scan of the open (call_start, id) index; the OR only
    # drops the calls of that start already shown.
    return open_positions().filter(
        Q(call_start__gt=call_start) | Q(pk__gt=pk), call_start__gte=call_start
    )


# The fields a search looks in, for open calls and for imported postings.
POSITION_SEARCH = (
    "title",
    "role__name",
    "show__artist",
    "show__venue__city",
    "show__venue__name",
    "show__organisation__name",
    "project__title",
    "project__organisation__name",
)
POSTING_SEARCH = ("title", "employer_name", "city", "role__name", "description")


@dataclass(frozen=True)
class Named:
    """What a search's words name beyond their letters: the catalog role ("lampie" is the
    lighting techs) and those of its other words that name a city or a venue."""

    role: Role | None = None
    places: tuple[str, ...] = ()


def named_by(q: str) -> Named:
    """Read `q` once: the title classifier, the role's row and the venues' names each cost a
    query, so a search that runs over calls and imported postings reads them one time."""
    role = role_named_by(q)
    return Named(role, tuple(_place_words(q, role))) if role is not None else Named()


def _ranked(rows: QuerySet, q: str, named: Named) -> QuerySet:
    """Rows whose words begin with every word of `q`, or of the role `q` names in the place
    it names, with their relevance (PostgreSQL's full-text index; see core.fulltext)."""
    return rows.filter(_found(rows, q, named)).annotate(search_rank=fulltext.rank(rows, q))


def _found(rows: QuerySet, q: str, named: Named, *, indexed: bool = True) -> Q:
    """The full-text match `_ranked` filters by (see fulltext.hit for `indexed`)."""
    also = None
    if named.role is not None:
        role, places = named.role, named.places
        also = (
            Q(role=role) & fulltext.hit(rows, " ".join(places), indexed=indexed)
            if places
            else Q(role=role)
        )
    if not fulltext.tsquery(q):
        return also if also is not None else Q(pk__in=[])
    words = fulltext.hit(rows, q, indexed=indexed)
    return words | also if also is not None else words


def _search(q: str, fields: tuple[str, ...], named: Named) -> Q:
    """Every word of `q` in one of `fields`, or the row's role is the one `q` names (at the
    place `q` names, if it names one)."""
    words = _words_in(q.split(), fields)
    if named.role is None:
        return words
    return words | (Q(role=named.role) & _words_in(named.places, fields))


def _words_in(words, fields: tuple[str, ...]) -> Q:
    found = Q()
    for word in words:
        found &= reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields))
    return found


def _place_words(q: str, role: Role) -> list[str]:
    """The words of `q` that are not the role's own words but name a city or a venue: "foh
    engineer chicago" is the FOH engineers' calls in Chicago, not every FOH call anywhere.
    Other leftover words ("x4", "needed") do not narrow the role's calls."""
    own = set(re.findall(r"\w+", " ".join([role.name, *map(str, role.aliases or [])]).lower()))
    rest = [w for w in dict.fromkeys(re.findall(r"\w+", q.lower())) if w not in own][:5]
    if not rest:
        return []
    named = Venue.objects.filter(
        reduce(operator.or_, (Q(city__icontains=w) | Q(name__icontains=w) for w in rest))
    ).values_list("city", "name")[:500]
    text = " ".join(f"{city} {name}" for city, name in named).lower()
    return [w for w in rest if w in text]


def role_named_by(q: str) -> Role | None:
    """The catalog role a search names in the trade's words, if any: "lampie" finds the
    lighting techs' calls and "A2" the monitor engineers', though neither word is in them."""
    text = " ".join(q.split())[:300]
    return classify_title(title=text).role if text else None


def posting(position_id: int) -> Position:
    """One open call, ready for its JobPosting (raises Position.DoesNotExist)."""
    return open_positions().get(pk=position_id)


def external_open(*, q: str = "", named: Named | None = None) -> QuerySet[ExternalPosting]:
    """Imported postings still open: not past their closing time or their start day (and
    matching `q`, whose reading `named` is, when the caller has it)."""
    now = timezone.now()
    postings = (
        ExternalPosting.objects.select_related("role")
        .filter(Q(valid_through__isnull=True) | Q(valid_through__gte=now))
        .filter(Q(starts_on__isnull=True) | Q(starts_on__gte=timezone.localdate()))
    )
    if not q.split():
        return postings.order_by("starts_on", "title", "pk")
    named = named or named_by(q)
    if fulltext.available():
        return _ranked(postings, q, named).order_by("-search_rank", "starts_on", "title", "pk")
    return postings.filter(_search(q, POSTING_SEARCH, named)).order_by("starts_on", "title", "pk")


@dataclass
class ExternalGig:
    posting: ExternalPosting
    distance_km: float | None


def external_gigs_for(*, worker, limit: int = 20) -> list[ExternalGig]:
    """Imported postings for a role the worker holds (any level), in reach or remote.

    In reach: the posting's city is within the worker's travel radius of home. Postings
    without coordinates are left out unless remote.
    """
    role_ids = list(worker.roles.values_list("role_id", flat=True))
    if not role_ids:
        return []
    radius = float(worker.travel_radius_km)
    # A box around home cuts the rows before the exact great-circle check, and the rows are
    # read a chunk at a time, so a national board's postings are never all in hand.
    home = (worker.latitude, worker.longitude)
    postings = (
        external_open()
        .filter(role_id__in=role_ids)
        .filter(Q(remote=True) | reach.box(home, radius, "latitude", "longitude"))
    )
    out = []
    for p in postings.iterator(chunk_size=max(limit * 2, 20)):
        distance = None
        if p.latitude is not None and p.longitude is not None:
            distance = haversine_km(worker.latitude, worker.longitude, p.latitude, p.longitude)
        if p.remote or (distance is not None and distance <= radius):
            out.append(ExternalGig(p, None if distance is None else round(distance, 1)))
        if len(out) >= limit:
            break
    return out


def import_runs_of(*, actor) -> QuerySet[ImportRun]:
    """The actor's imports (an admin's: everyone's), latest first."""
    runs = ImportRun.objects.select_related("created_by", "task")
    if not actor.is_superuser:
        runs = runs.filter(created_by=actor)
    return runs.order_by("-created_at", "-pk")


def import_run_get(*, actor, run_id: int) -> ImportRun:
    """A run its starter (or an admin) may see (raises ImportRun.DoesNotExist)."""
    runs = ImportRun.objects.select_related("task", "created_by")
    if not (actor.is_superuser or getattr(actor, "pk", None) is None):
        runs = runs.filter(created_by=actor)
    return runs.get(pk=run_id)


def latest_change(positions) -> dt.datetime | None:
    return max((p.created_at for p in positions), default=None)


@dataclass(frozen=True)
class JobFilters:
    """What a job search asks for; None is "any"."""

    q: str = ""
    role: Role | None = None
    near: tuple[float, float] | None = None  # the city's latitude and longitude
    km: float | None = None
    date_from: dt.date | None = None  # on or after, in the venue's calendar
    date_to: dt.date | None = None  # on or before
    min_pay: Decimal | None = None  # in the call's own currency and unit

    @cached_property
    def named(self) -> Named:
        """What the words name, read once however many lists the search fills."""
        return named_by(self.q) if self.q.split() else Named()


def job_search(filters: JobFilters) -> QuerySet[Position] | KeyList:
    """Open calls matching every filter, soonest first. Distance is from the city to the
    venue (a remote-friendly studio project matches any city); dates are the call's start day
    in the venue's zone."""
    if fulltext.available():
        return _bounded(filters)
    positions = open_positions(q=filters.q, named=filters.named)
    if filters.role is not None:
        positions = positions.filter(role=filters.role)
    if filters.min_pay is not None:
        positions = positions.filter(pay_amount__gte=filters.min_pay)
    exact = []
    if filters.near is not None:
        km = filters.km if filters.km is not None else reach.DEFAULT_KM
        positions = positions.filter(
            reach.box(filters.near, km, "show__venue__latitude", "show__venue__longitude")
            | reach.box(filters.near, km, "project__venue__latitude", "project__venue__longitude")
            | Q(project__remote_allowed=True)
        )
        exact.append(lambda c: c.remote or (c.lat is not None and _km(filters.near, c) <= km))
    if filters.date_from is not None:
        start = dt.datetime.combine(filters.date_from, dt.time(), dt.UTC) - dt.timedelta(days=1)
        positions = positions.filter(call_start__gte=start)
        exact.append(lambda c: c.day >= filters.date_from)
    if filters.date_to is not None:
        end = dt.datetime.combine(filters.date_to, dt.time(), dt.UTC) + dt.timedelta(days=2)
        positions = positions.filter(call_start__lt=end)
        exact.append(lambda c: c.day <= filters.date_to)
    if not exact:
        return positions
    rows = positions.values_list(
        "pk",
        "call_start",
        "project__remote_allowed",
        Coalesce("show__venue__latitude", "project__venue__latitude"),
        Coalesce("show__venue__longitude", "project__venue__longitude"),
        Coalesce("show__venue__timezone", "project__venue__timezone"),
    )
    keep = [pk for pk, *rest in rows if all(test(_Where(*rest)) for test in exact)]
    # The same rows in the same order (by relevance first when there are words).
    return open_positions(q=filters.q, named=filters.named).filter(pk__in=keep)


# The most calls a search lists (PostgreSQL): it ranks the soonest matches, never a whole
# national pool, and says "more than" when there are more (see core.paging).
MOST = 1000


def _bounded(filters: JobFilters) -> KeyList:
    """The PostgreSQL search: the keys of the soonest MOST + 1 matching calls in one query
    that walks the call-start index (gigs 0011) or the full-text index, whichever the
    planner finds cheaper; then those calls, best match first. A place is the venues within
    reach, picked first (they are few), then the shows and projects there (see .reach)."""
    positions = position_list(open_only=True)
    soonest, indexed = ("call_start", "pk"), True
    narrowed = bool(filters.q.split()) or filters.role is not None or filters.min_pay is not None
    if filters.near is not None:
        km = filters.km if filters.km is not None else reach.DEFAULT_KM
        venues = reach.venues_within(filters.near, km)
        held_at, picked = reach.held_at(venues, reach.SHOWS_MOST if narrowed else reach.SHOWS_FEW)
        positions = positions.filter(held_at)
        if picked is not None:
            # Every call in reach is read through the show index and sorted: the soonest
            # spelt so that the call-start index cannot serve it, or PostgreSQL walks every
            # open call in the country soonest first until it has found enough in one city.
            soonest = (ExpressionWrapper(F("call_start") + ZERO, DateTimeField()), "pk")
            # A few shows' calls are fewer than the rows a common word's index entry lists.
            indexed = picked > reach.SHOWS_FEW
    if filters.q.split():
        found = _found(positions, filters.q, filters.named, indexed=indexed)
        positions = positions.filter(found)
    if filters.role is not None:
        positions = positions.filter(role=filters.role)
    if filters.min_pay is not None:
        positions = positions.filter(pay_amount__gte=filters.min_pay)
    if filters.date_from is not None:
        start = dt.datetime.combine(filters.date_from, dt.time(), dt.UTC) - dt.timedelta(days=1)
        positions = positions.filter(call_start__gte=start)
    if filters.date_to is not None:
        end = dt.datetime.combine(filters.date_to, dt.time(), dt.UTC) + dt.timedelta(days=2)
        positions = positions.filter(call_start__lt=end)
    days = JobFilters(date_from=filters.date_from, date_to=filters.date_to)
    positions = reach.exactly(positions, days).order_by(*soonest)
    if filters.q.split():
        # Each of those calls' relevance read in the same query (the rows are in hand: a
        # second query by key would read them again), and sorted there, relevance then
        # soonest: only the keys come back, not a thousand starts and ranks to parse.
        found = positions.annotate(
            search_rank=fulltext.rank(Position.objects.all(), filters.q)
        ).values_list("search_rank", "call_start", "pk")[: MOST + 1]
        keys = _best_first(found)
    else:
        keys = list(positions.values_list("pk", flat=True)[: MOST + 1])
    return KeyList(keys, position_list(open_only=False))


ZERO = dt.timedelta(0)

# What a row of the board shows (boards/_position_rows.html): the call's own columns and the
# names its show, venue and hirer give it. The posting page, the API and the feeds read the
# whole call with its skills and cards; a page of 25 rows read this way takes 4 ms instead of
# 10 (national world), the largest part of the board's time in the database.
LISTED = (
    "title",
    "headcount",
    "call_start",
    "call_end",
    "pay_amount",
    "currency",
    "pay_unit",
    "show_id",
    "project_id",
    "role__name",
    "show__venue__name",
    "show__venue__city",
    "show__venue__timezone",
    "show__organisation__name",
    "show__organisation__slug",
    "project__remote_allowed",
    "project__venue__city",
    "project__venue__timezone",
    "project__organisation__name",
    "project__organisation__slug",
)


def listed(positions: QuerySet[Position] | KeyList) -> QuerySet[Position] | KeyList:
    """`positions` (a search's or a hirer's open calls) read for the board's rows alone."""
    if isinstance(positions, KeyList):
        return KeyList(positions.keys, listed(positions.rows))
    return positions.prefetch_related(None).only(*LISTED)


def _best_first(found: QuerySet) -> list[int]:
    """The keys of `found` (its search_rank, call_start and pk, already cut to the soonest
    MOST + 1) by relevance, then soonest."""
    try:
        sql, params = found.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "pk" FROM ({sql}) AS soonest ORDER BY "search_rank" DESC, "call_start", "pk"',
            params,
        )
        return [pk for (pk,) in cursor.fetchall()]


@dataclass
class _Where:
    """Where and when a call is, as the exact filters read it."""

    call_start: dt.datetime
    remote: bool | None
    lat: float | None
    lon: float | None
    zone: str | None

    @property
    def day(self) -> dt.date:
        return in_zone(self.call_start, self.zone or "UTC").date()


def _km(near: tuple[float, float], where: _Where) -> float:
    return haversine_km(near[0], near[1], where.lat, where.lon)


def external_search(filters: JobFilters) -> QuerySet[ExternalPosting] | list[ExternalPosting]:
    """Imported postings still open that match the same filters (those a posting does not
    say, such as pay, leave it out when asked for), best match or soonest first. A query,
    so a page reads only its rows, however many postings were imported (the distance is
    checked in SQL on PostgreSQL; SQLite checks the box's rows in Python)."""
    postings = external_open(q=filters.q, named=filters.named)
    if filters.role is not None:
        postings = postings.filter(role=filters.role)
    if filters.min_pay is not None:
        postings = postings.filter(pay_amount__gte=filters.min_pay)
    if filters.date_from is not None:
        postings = postings.filter(starts_on__gte=filters.date_from)
    if filters.date_to is not None:
        postings = postings.filter(starts_on__lte=filters.date_to)
    if filters.near is None:
        return postings
    km = filters.km if filters.km is not None else reach.DEFAULT_KM
    postings = postings.filter(
        reach.box(filters.near, km, "latitude", "longitude") | Q(remote=True)
    )
    if fulltext.available():
        return postings.alias(km_away=reach.km_from(filters.near, "latitude", "longitude")).filter(
            Q(remote=True) | Q(km_away__lte=km)
        )
    return [
        p
        for p in postings
        if p.remote
        or (p.latitude is not None and haversine_km(*filters.near, p.latitude, p.longitude) <= km)
    ]


def saved_postings(*, user) -> QuerySet[ExternalPosting]:
    """The imported postings `user` saved, last saved first (a query, so a page of them
    reads only its rows)."""
    if not getattr(user, "is_authenticated", False):
        return ExternalPosting.objects.none()
    return (
        ExternalPosting.objects.select_related("role")
        .filter(saves__user=user)
        .order_by("-saves__created_at", "-saves__pk")
    )


def saved_ids(*, user, postings) -> set[int]:
    """Which of `postings` `user` saved."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = [p.pk for p in postings]
    return set(user.saved_postings.filter(posting_id__in=ids).values_list("posting_id", flat=True))
