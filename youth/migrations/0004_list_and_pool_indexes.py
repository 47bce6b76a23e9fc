"""Indexes for the caseworkers' lists and the mentors' pool at national scale.

Raw SQL because they are partial (only profiles that are not anonymised, as every list asks)
and GIN on arrays; the lists read them in their order (name, then id) and stop at the page.
"""

from django.db import migrations

INDEXES = {
    # "Mine", "department", "all": in name order, so a page is the first rows of an index.
    "youth_list_caseworker_name": "youth_youthprofile (caseworker_id, first_name, surname, id) "
    "WHERE anonymised_at IS NULL",
    "youth_list_department_name": "youth_youthprofile (department_id, first_name, surname, id) "
    "WHERE anonymised_at IS NULL",
    "youth_list_name": "youth_youthprofile (first_name, surname, id) WHERE anonymised_at IS NULL",
    # The mentors' pool: shared interests (the ranking's candidates) and the language filter.
    "youth_interests_gin": "youth_youthprofile USING gin (interests) WHERE anonymised_at IS NULL",
    "youth_languages_gin": "youth_youthprofile USING gin (languages) WHERE anonymised_at IS NULL",
    # The pool: profiles with an active mentor-matching consent, in id order for a merge join.
    "consent_mentor_pool": "youth_consent (youth_id, valid_until) "
    "WHERE purpose = 'mentor_matching' AND withdrawn_at IS NULL",
    # "Consent expires within 30 days": few rows, found by date, not by a scan of all consents.
    "consent_active_until": "youth_consent (valid_until, youth_id) WHERE withdrawn_at IS NULL",
}


class Migration(migrations.Migration):
    dependencies = [("youth", "0003_referral_open_stale_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {definition}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, definition in INDEXES.items()
    ]
