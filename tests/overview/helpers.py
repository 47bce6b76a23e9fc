"""Reading figures back out of the overview's tables in tests."""

from __future__ import annotations

from django.utils import timezone

from ressourcebank.overview.forms import Filters
from youth.models import add_months


def this_month():
    return timezone.localdate().replace(day=1)


def make_filters(*, department=None, is_rural=None, age_band="", start=None, end=None):
    end = end or this_month()
    return Filters(
        start=start or add_months(end, -11),
        end=end,
        department=department,
        is_rural=is_rural,
        age_band=age_band,
    )


def by_slug(tables, slug):
    return next(t for t in tables if t.slug == slug)


def cell(table, label, col=0):
    row = next(r for r in table.rows if str(r.label) == str(label))
    return row.cells[col]


def number(text: str) -> int:
    """A Danish-formatted count back to an int ("1.234" → 1234)."""
    return int(text.replace(".", ""))
