"""Rendered parts of pages that many people see alike, kept in the cache.

A fragment is stored with the version of the data it shows; moving that version on (``bump``)
makes every fragment of that data stale at once, and the next request renders it again. The
timeout bounds how long a change that bypassed ``bump`` can go unseen.
"""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe


def key(*parts: str) -> str:
    # Parts may hold a whole query string: a digest keeps the key short and printable.
    return "fragment:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cached_html(
    fragment_key: str, render: Callable[[], str], *, version_key: str, timeout: int
) -> SafeString:
    found = cache.get_many([version_key, fragment_key])  # one round trip
    version = found.get(version_key)
    if version is None:
        version = time.time_ns()
        cache.add(version_key, version, None)
    stored = found.get(fragment_key)
    if stored is not None and stored[0] == version:
        return mark_safe(stored[1])  # noqa: S308 - our own template's output, escaped when rendered
    html = render()
    cache.set(fragment_key, (version, html), timeout)
    return mark_safe(html)  # noqa: S308 - as above


def bump(version_key: str) -> None:
    """Mark the fragments of this data stale, now and again when the transaction commits
    (a request between the two could otherwise store what it read before the commit)."""
    cache.set(version_key, time.time_ns(), None)
    transaction.on_commit(lambda: cache.set(version_key, time.time_ns(), None))
