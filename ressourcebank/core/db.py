"""Database helpers that Django has no word for."""

from contextlib import contextmanager

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
