import pytest
from django.db import connection
from django.utils import translation

from ressourcebank.accounts.models import User
from ressourcebank.core.db import Compiled, among, planned_for_their_parameters
from ressourcebank.core.labels import Labels
from tests.factories import make_user
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
        assert labels.get("tir-eftermiddag") == "tirsdag eftermiddag"
    with translation.override("en"):
        assert labels.active()["tir-eftermiddag"] == "Tuesday afternoon"
        assert labels.get("ukendt", "ukendt") == "ukendt"
    with translation.override("da"):
        assert labels.get("tir-eftermiddag") == "tirsdag eftermiddag"


@pytest.mark.django_db
def test_a_compiled_query_runs_again_with_another_value():
    users = [make_user(), make_user()]
    query = Compiled.of(User.objects.filter(pk=-1).values_list("email", flat=True), -1)
    for user in users:
        with connection.cursor() as cursor:
            cursor.execute(query.sql, query.params_with(user.pk))
            assert cursor.fetchall() == [(user.email,)]


def test_a_stand_in_must_be_one_of_the_parameters_once():
    with pytest.raises(ValueError, match="is 0 of the parameters"):
        Compiled.of(User.objects.filter(pk=5), -1)
    with pytest.raises(ValueError, match="is 2 of the parameters"):
        Compiled.of(
            User.objects.filter(pk=-1) | User.objects.filter(role_assignments__department_id=-1), -1
        )


@pytest.mark.django_db
def test_among_keeps_only_the_ids_the_queryset_holds():
    active, inactive = make_user(), make_user(is_active=False)
    ids = [active.pk, inactive.pk, -5]
    found = User.objects.filter(pk__in=among(User.objects.filter(is_active=True), ids))
    assert list(found) == [active]
    assert not User.objects.filter(pk__in=among(User.objects.all(), [])).exists()
