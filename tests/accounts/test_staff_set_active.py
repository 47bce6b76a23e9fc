"""The coordinator (de)activates staff, but never themselves nor a superuser."""

import pytest
from django.urls import reverse

from ressourcebank.audit.models import AccessLog
from tests.factories import login, make_caseworker, make_coordinator

pytestmark = pytest.mark.django_db


def set_active_url(user):
    return reverse("coordinator:staff-set-active", args=[user.pk])


@pytest.fixture
def superuser(db):
    # A coordinator too, so they are on the staff list.
    return make_coordinator(email="root@test.example", is_superuser=True, is_staff=True)


def test_coordinator_cannot_deactivate_a_superuser(client, client_for, personas, superuser):
    superuser_client = login(client.__class__(), superuser)
    coordinator_client = client_for("coordinator")

    response = coordinator_client.post(set_active_url(superuser), {"active": "0"}, follow=True)

    assert "En systemadministrator kan ikke deaktiveres her." in response.content.decode()
    superuser.refresh_from_db()
    assert superuser.is_active
    assert superuser_client.get(reverse("core:home")).wsgi_request.user == superuser
    assert not AccessLog.objects.filter(purpose="Bruger deaktiveret").exists()


def test_coordinator_cannot_deactivate_themselves(client_for, personas):
    coordinator = personas["coordinator"]

    response = client_for("coordinator").post(
        set_active_url(coordinator), {"active": "0"}, follow=True
    )

    assert "Du kan ikke deaktivere dig selv." in response.content.decode()
    assert response.wsgi_request.user == coordinator  # still logged in
    coordinator.refresh_from_db()
    assert coordinator.is_active
    assert not AccessLog.objects.filter(purpose="Bruger deaktiveret").exists()


def test_the_refusal_is_translated(client_for, personas, superuser):
    client = client_for("coordinator")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.post(set_active_url(superuser), {"active": "0"}, follow=True)

    assert "A system administrator cannot be deactivated here." in response.content.decode()


def test_a_deactivated_superuser_can_be_activated_again(client_for, superuser):
    superuser.is_active = False
    superuser.save(update_fields=["is_active"])

    client_for("coordinator").post(set_active_url(superuser), {"active": "1"})

    superuser.refresh_from_db()
    assert superuser.is_active


def test_deactivating_another_caseworker_still_works(client, client_for, department):
    other = make_caseworker(department, email="andet@test.example")
    other_client = login(client.__class__(), other)

    response = client_for("coordinator").post(set_active_url(other), {"active": "0"}, follow=True)

    assert "andet@test.example er deaktiveret og logget ud." in response.content.decode()
    other.refresh_from_db()
    assert not other.is_active
    assert other_client.get(reverse("core:home")).wsgi_request.user.is_anonymous
    assert AccessLog.objects.filter(purpose="Bruger deaktiveret").count() == 1


def test_staff_list_offers_no_deactivate_button_where_it_would_be_refused(
    client_for, personas, superuser
):
    page = client_for("coordinator").get(reverse("coordinator:staff-list")).content.decode()

    assert set_active_url(personas["caseworker"]) in page
    assert set_active_url(personas["coordinator"]) not in page
    assert set_active_url(superuser) not in page
