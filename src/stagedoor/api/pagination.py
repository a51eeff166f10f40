"""The one paginator every list endpoint uses: ninja's page numbers, bounded.

Unbounded, `?page=18446744073709551617` became an offset past 2^63 that the database
cannot take (a 500); a page number past any real list is refused as a 422 on `page`."""

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
