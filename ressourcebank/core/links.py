"""Links to many objects of one URL, for list pages."""

import uuid
from collections.abc import Callable

from django.urls import reverse

_STAND_IN = uuid.UUID(int=0)


def link_to(url_name: str) -> Callable[[uuid.UUID], str]:
    """``reverse(url_name, args=[pk])`` for many UUIDs: reversed once with a stand-in id, which
    each link then replaces. A list page links 20–25 rows, and ``reverse()`` costs 20 µs."""
    pattern, stand_in = reverse(url_name, args=[_STAND_IN]), str(_STAND_IN)
    return lambda pk: pattern.replace(stand_in, str(pk))
