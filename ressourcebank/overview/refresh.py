"""Recompute the overview's counts from the raw tables, in one transaction.

Each measure is one ``INSERT … SELECT … GROUP BY``: PostgreSQL does the counting, Python
only sends the statements. Readers keep seeing the previous counts until the commit.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from offers.models import Offer
from ressourcebank.areas.models import Area, Postcode
from youth.mentoring.models import Match
from youth.models import Consent, ConsentPurpose, Referral, YouthProfile

from .models import Measure, OverviewCount, OverviewRefresh

# Any constant will do; it keeps two refreshes from interleaving.
_LOCK_ID = 6_060_606


def _tables() -> dict[str, str]:
    return {
        "counts": OverviewCount._meta.db_table,
        "youth": YouthProfile._meta.db_table,
        "postcode": Postcode._meta.db_table,
        "area": Area._meta.db_table,
        "consent": Consent._meta.db_table,
        "match": Match._meta.db_table,
        "referral": Referral._meta.db_table,
        "offer": Offer._meta.db_table,
    }


# One row per young person with the dimensions every measure is counted by. The age band is
# the age on the refresh day; an anonymised profile keeps the band it had when erased.
_DIMENSIONS = """
CREATE TEMP TABLE overview_dims ON COMMIT DROP AS
SELECT p.id,
       date_trunc('month', p.created_at AT TIME ZONE %(tz)s)::date AS month,
       p.department_id,
       a.is_rural,
       CASE
         WHEN p.date_of_birth IS NULL THEN p.erased_age_band
         WHEN p.date_of_birth > (%(today)s::date - interval '15 years')::date THEN 'under-15'
         WHEN p.date_of_birth > (%(today)s::date - interval '18 years')::date THEN '15-17'
         WHEN p.date_of_birth > (%(today)s::date - interval '25 years')::date THEN '18-24'
         ELSE '25+'
       END AS age_band,
       p.situation,
       p.anonymised_at IS NULL AND p.date_of_birth IS NOT NULL AS is_person
FROM {youth} p
JOIN {postcode} pc ON pc.code = p.postcode_id
JOIN {area} a ON a.id = pc.area_id
"""

_INSERT = (
    "INSERT INTO {counts} (month, department_id, is_rural, age_band, measure, key, value) "
)

_YOUTH = _INSERT + """
SELECT month, department_id, is_rural, age_band, %(measure)s, situation, count(*)
FROM overview_dims
GROUP BY month, department_id, is_rural, age_band, situation
"""  # noqa: S608 - table names only

_MENTOR_ACTIVE = _INSERT + """
SELECT d.month, d.department_id, d.is_rural, d.age_band, %(measure)s, d.situation, count(*)
FROM overview_dims d
WHERE d.is_person
  AND EXISTS (SELECT 1 FROM {match} m WHERE m.youth_id = d.id AND m.status = 'active')
GROUP BY d.month, d.department_id, d.is_rural, d.age_band, d.situation
"""  # noqa: S608 - table names only

# Waiting as the mentors' pool defines it (youth.mentoring.selectors.youth_pool): an active
# mentor-matching consent, no open claim or match, and after a closed match a wish for a new
# one. Waiting since the latest such consent, or the last closed match if that is later.
_MENTOR_WAITING = _INSERT + """
SELECT d.month, d.department_id, d.is_rural, d.age_band, %(measure)s,
       (%(today)s::date - GREATEST(w.consent_on, w.closed_on))::text, count(*)
FROM overview_dims d
CROSS JOIN LATERAL (
  SELECT (SELECT max(c.given_at) FROM {consent} c
          WHERE c.youth_id = d.id AND c.purpose = %(mentor_purpose)s
            AND c.withdrawn_at IS NULL AND c.valid_until >= %(today)s) AS consent_on,
         (SELECT (m.closed_at AT TIME ZONE %(tz)s)::date FROM {match} m
          WHERE m.youth_id = d.id AND m.status = 'closed'
          ORDER BY m.closed_at DESC NULLS LAST LIMIT 1) AS closed_on,
         (SELECT m.wants_new_mentor FROM {match} m
          WHERE m.youth_id = d.id AND m.status = 'closed'
          ORDER BY m.closed_at DESC NULLS LAST LIMIT 1) AS wants_new
) w
WHERE d.is_person
  AND w.consent_on IS NOT NULL
  AND w.wants_new IS DISTINCT FROM false
  AND NOT EXISTS (SELECT 1 FROM {match} m
                  WHERE m.youth_id = d.id AND m.status IN ('claimed', 'active'))
GROUP BY 1, 2, 3, 4, 6
"""  # noqa: S608 - table names only

_MENTOR_STARTED = _INSERT + """
SELECT date_trunc('month', m.decided_at AT TIME ZONE %(tz)s)::date,
       d.department_id, d.is_rural, d.age_band, %(measure)s, '', count(*)
FROM {match} m
JOIN overview_dims d ON d.id = m.youth_id
WHERE m.decided_at IS NOT NULL AND m.status IN ('active', 'closed')
GROUP BY 1, 2, 3, 4
"""  # noqa: S608 - table names only

# key: offer category | referral status | whether the offer is in town, a rural district or
# has no postcode.
_REFERRAL = _INSERT + """
SELECT date_trunc('month', r.created_at AT TIME ZONE %(tz)s)::date,
       d.department_id, d.is_rural, d.age_band, %(measure)s,
       o.category || '|' || r.status || '|' ||
         CASE WHEN oa.id IS NULL THEN 'unknown' WHEN oa.is_rural THEN 'rural' ELSE 'town' END,
       count(*)
FROM {referral} r
JOIN overview_dims d ON d.id = r.youth_id
JOIN {offer} o ON o.id = r.offer_id
LEFT JOIN {postcode} opc ON opc.code = o.postcode_id
LEFT JOIN {area} oa ON oa.id = opc.area_id
GROUP BY 1, 2, 3, 4, 6
"""  # noqa: S608 - table names only

_STATEMENTS = [
    (Measure.YOUTH, _YOUTH),
    (Measure.MENTOR_ACTIVE, _MENTOR_ACTIVE),
    (Measure.MENTOR_WAITING, _MENTOR_WAITING),
    (Measure.MENTOR_STARTED, _MENTOR_STARTED),
    (Measure.REFERRAL, _REFERRAL),
]


@transaction.atomic
def overview_refresh(*, today: datetime.date | None = None) -> dict[str, int]:
    """Replace every count with fresh ones. Returns the number of rows per measure."""
    today = today or timezone.localdate()
    tables = _tables()
    params = {
        "today": today,
        "tz": settings.TIME_ZONE,
        "mentor_purpose": ConsentPurpose.MENTOR_MATCHING.value,
    }
    written: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        cursor.execute(f"DELETE FROM {tables['counts']}")  # noqa: S608 - table names only
        cursor.execute(_DIMENSIONS.format(**tables), params)
        for measure, sql in _STATEMENTS:
            cursor.execute(sql.format(**tables), {**params, "measure": measure.value})
            written[measure.value] = cursor.rowcount
        cursor.execute("DROP TABLE overview_dims")
    OverviewRefresh.objects.all().delete()
    OverviewRefresh.objects.create(
        refreshed_at=timezone.now(), as_of=today, rows=sum(written.values())
    )
    return written
