import ipaddress

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from ressourcebank.audit.log import Action, record, record_many
from ressourcebank.audit.models import AccessLog
from tests.factories import login, make_caseworker, make_coordinator, make_department


@pytest.fixture
def entry(rf, db):
    request = rf.get("/")
    request.user = make_coordinator()
    return record(request, Action.VIEW, request.user, purpose="Test")


@pytest.mark.django_db
def test_record_many_writes_one_row_per_object(rf, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1")]
    coordinator, caseworker = make_coordinator(), make_caseworker(make_department())
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 192.0.2.7")
    request.user = coordinator
    record_many(request, Action.SEARCH, [coordinator, caseworker], purpose="Navnesøgning")
    rows = AccessLog.objects.order_by("object_id").values(
        "actor", "action", "object_type", "object_id", "purpose", "ip_address", "at"
    )
    assert [(r["object_type"], r["object_id"]) for r in rows] == sorted(
        [("accounts.user", str(coordinator.pk)), ("accounts.user", str(caseworker.pk))],
        key=lambda row: row[1],
    )
    assert {(r["actor"], r["action"], r["purpose"], r["ip_address"]) for r in rows} == {
        (coordinator.pk, Action.SEARCH, "Navnesøgning", "192.0.2.7")
    }
    assert all(r["at"] is not None for r in rows)


@pytest.mark.django_db
def test_record_many_of_nothing_writes_nothing(rf):
    request = rf.get("/")
    request.user = make_coordinator()
    record_many(request, Action.VIEW, [], purpose="Liste over unge")
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_access_log_refuses_update(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).update(purpose="ændret")
    entry.refresh_from_db()
    assert entry.purpose == "Test"


@pytest.mark.django_db
def test_access_log_refuses_delete(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslog")
    assert AccessLog.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_coordinator_filters_the_log(client, entry):
    login(client, entry.actor)
    response = client.get(reverse("coordinator:access-log"), {"action": Action.VIEW})
    assert response.status_code == 200
    assert entry in response.context["page"].object_list
    response = client.get(reverse("coordinator:access-log"), {"action": Action.EXPORT})
    assert entry not in response.context["page"].object_list


@pytest.mark.django_db
def test_bad_filter_input_is_a_field_message(client, entry):
    login(client, entry.actor)
    response = client.get(reverse("coordinator:access-log"), {"after": "ikke-en-dato"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["after"]


@pytest.mark.django_db
def test_caseworker_cannot_read_the_log(client, department):
    login(client, make_caseworker(department))
    assert client.get(reverse("coordinator:access-log")).status_code == 403


@pytest.mark.django_db
def test_a_purpose_is_stored_as_one_bounded_line(rf):
    request = rf.get("/")
    request.user = make_coordinator()
    entry = record(request, Action.EXPORT, purpose="Eksport\x00\n\taf " + "å" * 500)
    record_many(request, Action.VIEW, [request.user], purpose="Liste\r\n" + "x" * 300)
    purposes = list(AccessLog.objects.order_by("id").values_list("purpose", flat=True))
    assert purposes[0] == entry.purpose
    assert purposes[0].startswith("Eksport af ååå") and purposes[0].endswith("…")
    assert purposes[1].startswith("Liste xxx")
    assert all(len(p) == 200 and p.isprintable() for p in purposes)
