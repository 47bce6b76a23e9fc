"""Database helpers that Django has no word for."""

from __future__ import annotations

from contextlib import contextmanager
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL


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
    """A queryset's SQL, compiled once and run again with other values in some parameters.

    Building and compiling a query costs from 0.3 ms (a filter on one column) to more than a
    millisecond (subqueries) of Python on every request, while its SQL stays the same and only
    a value or two change (a user, the ids of a page). Compile the queryset once with stand-ins
    for those values, keep the result, and run it with ``fetchall(*values)``. The rows come as
    the driver reads them, without the fields' ``from_db_value``: for plain columns.
    """

    sql: str
    params: tuple
    slots: tuple[int, ...]  # where the stand-ins are among the parameters, in their order

    @classmethod
    def of(cls, queryset, *stand_ins) -> Compiled:
        sql, params = queryset.query.sql_with_params()
        slots = []
        for stand_in in stand_ins:
            found = [i for i, p in enumerate(params) if type(p) is type(stand_in) and p == stand_in]
            if len(found) != 1:
                raise ValueError(f"the stand-in {stand_in!r} is {len(found)} of the parameters")
            slots.append(found[0])
        return cls(sql, params, tuple(slots))

    def params_with(self, *values) -> list:
        params = list(self.params)
        for slot, value in zip(self.slots, values, strict=True):
            params[slot] = value
        return params

    def fetchall(self, *values) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params_with(*values))
            return cursor.fetchall()


def among(queryset, ids) -> RawSQL:
    """Those of ``ids`` that ``queryset`` holds, as a condition: ``pk__in=among(qs, ids)``.

    The ids go inside the queryset's SQL, where PostgreSQL checks just those rows; with the
    ids beside it (``pk__in=ids, pk__in=qs``) it may compute the whole queryset first (the
    mentor pool: 450 ms). Raises EmptyResultSet when the queryset can hold nothing.
    """
    sql, params = queryset.values(among_id=F("pk")).query.sql_with_params()
    pk_type = queryset.model._meta.pk.db_type(connection)
    return RawSQL(  # noqa: S611 - Django's own compiled SQL, parameters kept apart
        f"SELECT a.among_id FROM ({sql}) a WHERE a.among_id = ANY(%s::{pk_type}[])",  # noqa: S608
        (*params, ids),
    )
