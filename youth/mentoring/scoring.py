"""The match score of ``matching.score`` as one SQL expression, so PostgreSQL ranks the pool.

The points equal ``matching.score(mentor, youth).points`` for every young person (the test
``tests/mentoring/test_browse_ranking.py`` holds them together); the reasons text stays in
Python and is worked out only for the rows on the page. The mentor's side is known before the
query, so each criterion is a few ``@>`` tests against constants: cheap per row, no subquery
per interest.

``candidate_levels`` gives index-friendly conditions (GIN ``@>`` on interests, the area's
postcodes) that hold the best-scoring young people, each with the highest score a young person
outside it can reach: when the page's last row scores above that, ranking only the candidates
gives the same page as ranking the whole pool.
"""

from __future__ import annotations

import datetime
from functools import reduce
from itertools import combinations
from operator import or_

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Least

from youth.models import birth_dates_for_band

from .matching import (
    DANISH,
    MAX_SLOT_POINTS,
    POINTS_AGE_BAND,
    POINTS_OTHER_LANGUAGE,
    POINTS_PER_INTEREST,
    POINTS_PER_LANGUAGE,
    POINTS_PER_SLOT,
    POINTS_SAME_AREA,
    Side,
)

# "At least n shared interests" is an OR of one GIN lookup per n-subset of the mentor's
# interests; past this many subsets the level is left out (the next level still works).
MAX_SUBSETS = 20
# Candidate levels: (interests needed in the mentor's area, interests needed elsewhere).
LEVELS = ((2, 3), (1, 2), (0, 1))


class _NormalisedArray(Func):
    """Compares the free-text array column, each entry trimmed and lower-cased, with
    ``values`` (already normalised as ``matching.normalise_language`` does)."""

    sql = ""

    def __init__(self, column, values, **extra):
        super().__init__(
            F(column), Value(sorted(values), output_field=ArrayField(models.TextField())), **extra
        )

    def as_sql(self, compiler, connection, **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        values, value_params = compiler.compile(self.source_expressions[1])
        return self.sql.format(column=column, values=values), (*column_params, *value_params)


class SharedCount(_NormalisedArray):
    """How many different ``values`` the array holds."""

    output_field = models.IntegerField()
    sql = (
        "(SELECT count(DISTINCT lower(btrim(x))) FROM unnest({column}) AS x "
        "WHERE lower(btrim(x)) = ANY({values}))"
    )


class SharesAny(_NormalisedArray):
    output_field = models.BooleanField()
    sql = "EXISTS (SELECT 1 FROM unnest({column}) AS x WHERE lower(btrim(x)) = ANY({values}))"


def _points_if(condition, points: int):
    return Case(When(condition, then=Value(points)), default=Value(0))


def _contained_count(field: str, values) -> models.Expression:
    """How many of ``values`` the array ``field`` holds: one ``@>`` per value."""
    terms = [_points_if(Q(**{f"{field}__contains": [v]}), 1) for v in sorted(values)]
    return reduce(lambda a, b: a + b, terms)


def score_expression(mentor: Side, today: datetime.date) -> models.Expression:
    """``matching.score(mentor, youth).points`` for each YouthProfile row."""
    terms = []
    if mentor.interests:
        terms.append(POINTS_PER_INTEREST * _contained_count("interests", mentor.interests))
    if mentor.area_id is not None:
        terms.append(_points_if(Q(postcode__area_id=mentor.area_id), POINTS_SAME_AREA))
    if mentor.languages:
        terms.append(POINTS_PER_LANGUAGE * SharedCount("languages", mentor.languages))
        others = mentor.languages - {DANISH}
        if others:
            terms.append(_points_if(SharesAny("languages", others), POINTS_OTHER_LANGUAGE))
    if mentor.availability:
        slots = _contained_count("mentoring_wish__availability", mentor.availability)
        terms.append(POINTS_PER_SLOT * Least(Value(MAX_SLOT_POINTS), slots))
    if mentor.age_band:
        terms.append(_points_if(birth_dates_for_band(mentor.age_band, today), POINTS_AGE_BAND))
    total = reduce(lambda a, b: a + b, terms, Value(0))
    return models.ExpressionWrapper(total, output_field=models.IntegerField())


def _rest_max(mentor: Side) -> int:
    """The most points a young person can get besides interests and area."""
    languages = POINTS_PER_LANGUAGE * len(mentor.languages)
    if mentor.languages - {DANISH}:
        languages += POINTS_OTHER_LANGUAGE
    slots = POINTS_PER_SLOT * min(len(mentor.availability), MAX_SLOT_POINTS)
    age = POINTS_AGE_BAND if mentor.age_band else 0
    return languages + slots + age


def _at_least(values, n: int) -> Q | None:
    """Young people sharing at least ``n`` of ``values`` as interests, as GIN lookups.

    ``Q(pk__in=[])`` when nobody can; None when there are too many subsets to ask for.
    """
    if n <= 0:
        return Q()
    if n > len(values):
        return Q(pk__in=[])
    subsets = list(combinations(sorted(values), n))
    if len(subsets) > MAX_SUBSETS:
        return None
    return reduce(or_, (Q(interests__contains=list(subset)) for subset in subsets))


def candidate_levels(mentor: Side, in_area) -> list[tuple[Q, int]]:
    """Conditions from narrow to wide, each with the highest score a young person outside it
    can reach.

    ``in_area`` is a condition for "in the mentor's area" that an index can answer (the youth
    table has an index on its postcode, not on the area).
    """
    interests = len(mentor.interests)
    rest = _rest_max(mentor)
    levels = []
    for near, elsewhere in LEVELS:
        parts, outside = [], []
        # Elsewhere: the best left out shares one interest fewer than needed.
        shared = _at_least(mentor.interests, elsewhere)
        if shared is not None:
            parts.append(shared)
            outside.append(POINTS_PER_INTEREST * min(elsewhere - 1, interests))
        else:
            outside.append(POINTS_PER_INTEREST * interests)
        if mentor.area_id is not None:
            shared = _at_least(mentor.interests, near)
            if shared is not None:
                parts.append(Q(in_area) & shared)
                best = min(near - 1, interests)
                outside.append(POINTS_SAME_AREA + POINTS_PER_INTEREST * best if best >= 0 else 0)
            else:
                outside.append(POINTS_SAME_AREA + POINTS_PER_INTEREST * interests)
        if parts:
            levels.append((reduce(or_, parts), max(outside) + rest))
    return levels
