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
SELECT %(month)s, d.department_id, d.is_rural, d.age_band, %(measure)s, '', count(*)
FROM overview_dims d
WHERE d.is_person
  AND EXISTS (SELECT 1 FROM {match} m WHERE m.youth_id = d.id AND m.status = 'active')
GROUP BY d.department_id, d.is_rural, d.age_band
"""  # noqa: S608 - table names only

# Waiting as the mentors' pool defines it (youth.mentoring.selectors.youth_pool): an active
# mentor-matching consent, no open claim or match, and after a closed match a wish for a new
# one. Waiting since the latest such consent, or the last closed match if that is later.
_MENTOR_WAITING = _INSERT + """
SELECT %(month)s, d.department_id, d.is_rural, d.age_band, %(measure)s,
       (%(today)s::date - GREATEST(c.consent_on, (last.closed_at AT TIME ZONE %(tz)s)::date))::text,
       count(*)
FROM (
  SELECT youth_id, max(given_at) AS consent_on FROM {consent}
  WHERE purpose = %(mentor_purpose)s AND withdrawn_at IS NULL AND valid_until >= %(today)s
  GROUP BY youth_id
) c
JOIN overview_dims d ON d.id = c.youth_id
LEFT JOIN LATERAL (
  SELECT closed_at, wants_new_mentor FROM {match}
  WHERE youth_id = d.id AND status = 'closed'
  ORDER BY closed_at DESC NULLS LAST LIMIT 1
) last ON true
WHERE d.is_person
  AND last.wants_new_mentor IS DISTINCT FROM false
  AND NOT EXISTS (SELECT 1 FROM {match} m
                  WHERE m.youth_id = d.id AND m.status IN ('claimed', 'active'))
GROUP BY 2, 3, 4, 6
"""  # noqa: S608 - table names only

_MENTOR_STARTED = _INSERT + """
SELECT date_trunc('month', m.decided_at AT TIME ZONE %(tz)s)::date,
       d.department_id, d.is_rural, d.age_band, %(measure)s, '', count(*)
FROM {match} m
JOIN overview_dims d ON d.id = m.youth_id
WHERE m.decided_at IS NOT NULL AND m.status IN ('active', 'closed')
GROUP BY 1, 2, 3, 4
"""  # noqa: S608 - table names only

# Referrals with the young person's dimensions, the offer's category and where the offer is.
_REFERRALS = """
CREATE TEMP TABLE overview_referrals ON COMMIT DROP AS
SELECT date_trunc('month', r.created_at AT TIME ZONE %(tz)s)::date AS month,
       d.department_id, d.is_rural, d.age_band, r.status, o.category,
       oa.is_rural IS FALSE AS offer_in_town
FROM {referral} r
JOIN overview_dims d ON d.id = r.youth_id
JOIN {offer} o ON o.id = r.offer_id
LEFT JOIN {postcode} opc ON opc.code = o.postcode_id
LEFT JOIN {area} oa ON oa.id = opc.area_id
"""  # noqa: S608 - table names only


def _referral_measure(key: str, where: str = "TRUE") -> str:
    return _INSERT + f"""
SELECT month, department_id, is_rural, age_band, %(measure)s, {key}, count(*)
FROM overview_referrals WHERE {where}
GROUP BY month, department_id, is_rural, age_band, {key}
"""  # noqa: S608 - column names only


_STATEMENTS = [
    (Measure.YOUTH, _YOUTH),
    (Measure.MENTOR_ACTIVE, _MENTOR_ACTIVE),
    (Measure.MENTOR_WAITING, _MENTOR_WAITING),
    (Measure.MENTOR_STARTED, _MENTOR_STARTED),
    (Measure.REFERRAL_STATUS, _referral_measure("status")),
    (Measure.REFERRAL_CATEGORY, _referral_measure("category")),
    (Measure.REFERRAL_COMPLETED, _referral_measure("category", "status = 'completed'")),
    (Measure.REFERRAL_TO_TOWN, _referral_measure("status", "offer_in_town AND is_rural")),
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
        "month": today.replace(day=1),
    }
    written: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        cursor.execute(f"DELETE FROM {tables['counts']}")  # noqa: S608 - table names only
        cursor.execute(_DIMENSIONS.format(**tables), params)
        cursor.execute("ANALYZE overview_dims")
        cursor.execute(_REFERRALS.format(**tables), params)
        for measure, sql in _STATEMENTS:
            cursor.execute(sql.format(**tables), {**params, "measure": measure.value})
            written[measure.value] = cursor.rowcount
        cursor.execute("DROP TABLE overview_referrals, overview_dims")
    OverviewRefresh.objects.all().delete()
    OverviewRefresh.objects.create(
        refreshed_at=timezone.now(), as_of=today, rows=sum(written.values())
    )
    return written
