"""Database helpers that Django has no word for."""

from __future__ import annotations

from contextlib import contextmanager
from typing import NamedTuple

from django.db import connection, transaction


@contextmanager
def planned_for_their_parameters():
    """Queries inside are planned for the values they are given, never from a kept plan.

    Each connection prepares a query that it runs often (``prepare_threshold`` in settings),
    and PostgreSQL may then plan it once for any values. For a text search the best plan
    depends on the words (a rare word wants the text index, a common one an ordered scan): a
    kept plan made the varied catalogue search twice as slow.
    """
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield
        if nested:  # SET LOCAL outlives a savepoint's release: the outer transaction goes on
            cursor.execute("SET LOCAL plan_cache_mode TO DEFAULT")


class Compiled(NamedTuple):
    """A queryset's SQL, compiled once and run again with another value in one parameter.

    Building and compiling a query with subqueries costs a millisecond or more of Python on
    every request; its SQL stays the same while only one value changes (a user, the ids of a
    page). Compile the queryset with a ``stand_in`` for that value, keep the result, and run
    ``sql`` with ``params_with(value)``.
    """

    sql: str
    params: tuple
    slot: int  # where the stand-in is among the parameters

    @classmethod
    def of(cls, queryset, stand_in) -> Compiled:
        sql, params = queryset.query.sql_with_params()
        matches = [i for i, p in enumerate(params) if type(p) is type(stand_in) and p == stand_in]
        if len(matches) != 1:
            raise ValueError(f"the stand-in {stand_in!r} is {len(matches)} of the parameters")
        return cls(sql, params, matches[0])

    def params_with(self, value) -> list:
        params = list(self.params)
        params[self.slot] = value
        return params
