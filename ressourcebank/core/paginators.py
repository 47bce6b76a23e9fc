"""Paging through lists that may hold a million rows."""

from functools import cached_property
from math import ceil

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """A count that stops at ``cap`` + 1 (``LIMIT`` in a subquery): an exact count of 100,000
    rows costs a scan of all of them and helps nobody. Pages go as far as ``shown``; past the
    cap a page says "more than …" (``capped``)."""

    cap: int

    @cached_property
    def count(self) -> int:
        return self.capped_count()

    def capped_count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def shown(self) -> int:
        """How many of the rows can be paged through."""
        return min(self.count, self.cap)

    @cached_property
    def num_pages(self) -> int:
        return max(1, ceil(self.shown / self.per_page))
