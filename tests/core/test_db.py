import pytest
from django.db import connection
from django.utils import translation

from ressourcebank.core.db import planned_for_their_parameters
from ressourcebank.core.labels import Labels
from youth.mentoring.choices import AVAILABILITY_CHOICES


def plan_cache_mode() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_queries_inside_are_planned_for_their_values_and_only_there():
    assert plan_cache_mode() == "auto"
    with planned_for_their_parameters():
        assert plan_cache_mode() == "force_custom_plan"
    assert plan_cache_mode() == "auto"  # though the test's transaction goes on


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_setting_ends_with_its_own():
    with planned_for_their_parameters():
        assert plan_cache_mode() == "force_custom_plan"
    assert plan_cache_mode() == "auto"


@pytest.mark.django_db
def test_often_run_queries_are_prepared():
    # The settings' server-side binding and prepare threshold reach the connection.
    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 5


def test_labels_follow_the_active_language():
    labels = Labels(AVAILABILITY_CHOICES)
    with translation.override("da"):
        assert labels["tir-eftermiddag"] == "tirsdag eftermiddag"
    with translation.override("en"):
        assert labels["tir-eftermiddag"] == "Tuesday afternoon"
        assert labels.get("ukendt", "ukendt") == "ukendt"
    with translation.override("da"):
        assert labels.get("tir-eftermiddag") == "tirsdag eftermiddag"
