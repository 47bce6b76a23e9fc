"""Data migrations in mentoring, run forwards and backwards on the real schema."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import make_caseworker, make_department
from youth.mentoring.choices import MatchStatus
from youth.mentoring.models import Match

from .factories import make_match, make_mentor, make_youth

BEFORE = [("mentoring", "0001_initial")]
AFTER = [("mentoring", "0002_match_status_withdrawn")]
OLD_REASON = "Mentoren trak sin anmodning tilbage."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_earlier_withdrawals_stored_as_declined_become_withdrawn():
    department = make_department("Skole")
    caseworker = make_caseworker(department)
    mentor = make_mentor()
    # Both stored as the code before 0002 did: a withdrawal was "declined" by the mentor.
    withdrawn = make_match(
        make_youth(department),
        mentor,
        status="declined",
        decided_by=mentor.user,
        decline_reason=OLD_REASON,
    )
    declined = make_match(
        make_youth(department),
        mentor,
        status="declined",
        decided_by=caseworker,
        decline_reason="Den unge vil vente",
    )
    try:
        migrate(BEFORE)
        migrate(AFTER)
        assert Match.objects.get(pk=withdrawn.pk).status == MatchStatus.WITHDRAWN
        assert Match.objects.get(pk=withdrawn.pk).decline_reason == ""
        assert Match.objects.get(pk=declined.pk).status == MatchStatus.DECLINED
        assert Match.objects.get(pk=declined.pk).decline_reason == "Den unge vil vente"

        migrate(BEFORE)  # and back: no status the old code does not know
        assert set(Match.objects.values_list("status", "decline_reason")) == {
            ("declined", OLD_REASON),
            ("declined", "Den unge vil vente"),
        }
    finally:
        migrate(AFTER)
