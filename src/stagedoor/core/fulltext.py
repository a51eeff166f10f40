"""Full-text search over a table's `search` column, where the database keeps one.

On PostgreSQL a table searched this way has a `search` tsvector filled by a trigger and a GIN
index on it (gigs 0010 and boards 0004 create them). Each word of the query must begin a
word of the row (so "light" finds "lighting", as the LIKE search it replaced did), and
matches are ranked with ts_rank, heaviest words first. The column is not a model field: the
database writes it and only this module reads it.

SQLite has no tsvector; there the callers keep their LIKE search (`available` says which).
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL

# What ts_rank weighs each class with (D, C, B, A): a word in the title outweighs the same
# word in a venue's name, which outweighs it in the organisation's, then in the notes.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
_WORD = re.compile(r"\w+")


def available() -> bool:
    return connection.vendor == "postgresql"


def tsquery(q: str) -> str:
    """Every word of `q` as a prefix, all required: "FOH engineer" -> 'foh':* & 'engineer':*.
    Only letters and digits reach the query text, so no search can break its syntax."""
    return " & ".join(f"'{word}':*" for word in _WORD.findall(q.lower())[:20])


def hit(queryset: QuerySet, q: str, *, indexed: bool = True) -> Q:
    """Rows of `queryset`'s table whose words begin with every word of `q`. Not `indexed`:
    the same test, spelt so the GIN index cannot answer it, for a query whose other filters
    already pick few rows (checking those rows' words is cheaper than reading the index's
    list of every row with a common word)."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    column = f"{table}.search" if indexed else f"coalesce({table}.search, ''::tsvector)"
    return Q(
        RawSQL(
            f"{column} @@ to_tsquery('simple', %s)",
            [tsquery(q)],
            output_field=BooleanField(),
        )
    )


def rank(queryset: QuerySet, q: str) -> RawSQL:
    """How well each row of `queryset`'s table matches `q` (ts_rank, weighted)."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    return RawSQL(
        f"ts_rank('{WEIGHTS}', {table}.search, to_tsquery('simple', %s))",
        [tsquery(q)],
        output_field=FloatField(),
    )


def matches(queryset: QuerySet, q: str, *, also: Q | None = None) -> QuerySet:
    """`queryset` narrowed to rows whose words begin with every word of `q` (or that match
    `also`), with their relevance as `search_rank` (0 for rows only `also` let in)."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    query = tsquery(q)
    if not query:
        return queryset.filter(also) if also is not None else queryset.none()
    hit = RawSQL(
        f"{table}.search @@ to_tsquery('simple', %s)", [query], output_field=BooleanField()
    )
    rank = RawSQL(
        f"ts_rank('{WEIGHTS}', {table}.search, to_tsquery('simple', %s))",
        [query],
        output_field=FloatField(),
    )
    found = Q(hit) | also if also is not None else Q(hit)
    return queryset.filter(found).annotate(search_rank=rank)


# -- for the migrations that create the search columns (gigs 0010, boards 0004) -----------


def role_words_sql(role_id: str) -> str:
    """A weight-A vector of the role's name and the trade's other names for it (its aliases),
    for a trigger function whose row names its role in `role_id` (e.g. "NEW.role_id")."""
    return f"""coalesce((
      SELECT setweight(to_tsvector('simple', r.name || ' ' || coalesce(
               (SELECT string_agg(a, ' ') FROM jsonb_array_elements_text(
                  CASE WHEN jsonb_typeof(r.aliases) = 'array' THEN r.aliases ELSE '[]'::jsonb END
               ) AS a), '')), 'A')
      FROM industry_role r WHERE r.id = {role_id}), ''::tsvector)"""


ROLE_RENAMED_WHEN = (
    "AFTER UPDATE OF name, aliases ON industry_role\n"
    "  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name "
    "OR OLD.aliases IS DISTINCT FROM NEW.aliases)"
)


def on_postgresql(sql: str):
    """A RunPython function that runs `sql` on PostgreSQL and does nothing elsewhere (SQLite
    has no tsvector and keeps its LIKE search)."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run
