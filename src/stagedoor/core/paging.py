"""Pages of a list that grows: 25 rows at a time, `?page=` in the query string.

`KeyedPaginator` picks a page's rows with a narrow query (the keys only, in the list's
order) and then loads just those rows with everything they join and prefetch. On a big
table sorted by something computed (the job search's relevance), the database then sorts
keys, not whole joined rows, and the number of queries stays the same at any size.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PAGE_SIZE = 25


class KeyedPaginator(Paginator):
    """`most` (optional) caps the count: a list longer than that is "more than `most`" and
    pages only through its first `most` rows, so no page counts a whole national table."""

    def __init__(self, object_list, per_page, *args, most: int | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.most = most
        self.more = False

    @cached_property
    def count(self) -> int:
        if self.most is None:
            return super().count
        if isinstance(self.object_list, QuerySet):
            found = self.object_list.order_by()[: self.most + 1].count()
        else:
            found = len(self.object_list)
        self.more = found > self.most
        return min(found, self.most)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return self._get_page(rows[bottom:top], number, self)
        keys = list(rows.values_list("pk", flat=True)[bottom:top])
        loaded = rows.filter(pk__in=keys).in_bulk() if keys else {}
        return self._get_page([loaded[k] for k in keys if k in loaded], number, self)


class KeyList:
    """Rows already picked and put in order by their keys (a search that ranks a bounded
    set of keys itself): its length costs nothing and a slice loads just those rows from
    `rows`, with everything they join and prefetch, in one query plus the prefetches."""

    def __init__(self, keys: list, rows: QuerySet):
        self.keys = keys
        self.rows = rows

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        keys = self.keys[index]
        loaded = self.rows.filter(pk__in=keys).in_bulk() if keys else {}
        return [loaded[k] for k in keys if k in loaded]


def page_of(
    request,
    rows,
    *,
    size: int = PAGE_SIZE,
    param: str = "page",
    keyed: bool = False,
    most: int | None = None,
) -> Page:
    """The page the request asks for (the first for a missing or bad number, the last for
    one past the end), as Django's get_page does: two queries, the count and the page's
    rows. `keyed` pages a list sorted by something computed (see KeyedPaginator) in three."""
    if keyed:
        return KeyedPaginator(rows, size, most=most).get_page(request.GET.get(param))
    return Paginator(rows, size).get_page(request.GET.get(param))
