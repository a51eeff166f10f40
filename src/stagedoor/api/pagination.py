"""The one paginator every list endpoint uses: ninja's page numbers, bounded.

Unbounded, `?page=18446744073709551617` became an offset past 2^63 that the database
cannot take (a 500); a page number past any real list is refused as a 422 on `page`."""

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# 100,000 pages of at most 100 rows: ten million rows, far beyond any list here and far
# inside what an SQL OFFSET holds.
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="1 for the first page")
        page_size: int | None = Field(
            None, ge=1, le=MAX_PAGE_SIZE, description="rows a page; the endpoint's own by default"
        )

    def __init__(self, page_size: int = 50, **kwargs):
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)


class PageOf:
    """Rows the paginator slices before they become output: `render` turns only the page it
    asked for into the response's rows (and may prefetch for that page alone), so a list
    filtered in Python (distance from a city, a replayed dispatch order) costs the same
    few queries on any page, however long the whole list is.

    `rows` is a list or a QuerySet; a QuerySet is counted in SQL, not loaded."""

    def __init__(self, rows, render):
        self.rows = rows
        self.render = render

    def __len__(self) -> int:
        return self.rows.count() if isinstance(self.rows, QuerySet) else len(self.rows)

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("PageOf is sliced a page at a time")
        return self.render(list(self.rows[index]))
