"""Pinning how many queries a page makes: what the page asks of the database, not how the
cache backend or the session store reach their tables (Redis takes those over when REDIS_URL
is set), so that a pin holds the same with and without it."""

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

# A search planned for its own values (``core.db.planned_for_their_parameters``) is, inside
# a test's transaction, a savepoint, SET LOCAL, its reset and the release.
PLANNED_QUERIES = 4

# A query whose nearest caller outside the database layer is one of these files (savepoints
# included) is the cache's or the sessions'. The nearest caller only: what a cache computes
# on a miss (``get_or_set``) is the page's own.
DATABASE_LAYER = (
    str(Path("django", "db")),
    str(Path("django", "utils")),  # its decorators wrap the connection's methods
    str(Path("ressourcebank", "core", "db.py")),
)
NOT_THE_PAGES_OWN = (
    str(Path("django", "core", "cache", "backends")),
    str(Path("django", "contrib", "sessions", "backends")),
    str(Path("ressourcebank", "accounts", "sessions.py")),
)


def _from_cache_or_sessions() -> bool:
    frame = sys._getframe(2)
    while frame is not None and any(p in frame.f_code.co_filename for p in DATABASE_LAYER):
        frame = frame.f_back
    return frame is not None and any(p in frame.f_code.co_filename for p in NOT_THE_PAGES_OWN)


@pytest.fixture
def assert_num_queries():
    @contextmanager
    def check(expected: int):
        own: list[str] = []

        def count(execute, sql, params, many, context):
            if not _from_cache_or_sessions():
                own.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            yield own
        listed = "\n".join(f"{i}. {sql}" for i, sql in enumerate(own, 1))
        assert len(own) == expected, f"{len(own)} queries, expected {expected}:\n{listed}"

    return check
