"""Pages of a list that grows: 25 rows at a time, `?page=` in the query string.

`KeyedPaginator` picks a page's rows with a narrow query (the keys only, in the list's
order) and then loads just those rows with everything they join and prefetch. On a big
table sorted by something computed (the job search's relevance), the database then sorts
keys, not whole joined rows, and the number of queries stays the same at any size.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

PAGE_SIZE = 25


class KeyedPaginator(Paginator):
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


def page_of(
    request, rows, *, size: int = PAGE_SIZE, param: str = "page", keyed: bool = False
) -> Page:
    """The page the request asks for (the first for a missing or bad number, the last for
    one past the end), as Django's get_page does: two queries, the count and the page's
    rows. `keyed` pages a list sorted by something computed (see KeyedPaginator) in three."""
    paginator = KeyedPaginator if keyed else Paginator
    return paginator(rows, size).get_page(request.GET.get(param))
