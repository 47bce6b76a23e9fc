import pytest
from django.test import override_settings
from django.urls import reverse

from ressourcebank.accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from tests.factories import login, make_caseworker, make_coordinator


@pytest.mark.django_db
def test_idle_timeout_is_30_minutes(client, department, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    login(client, make_caseworker(department))
    client.get(reverse("core:home"))
    session = client.session
    session[SESSION_SEEN_KEY] -= 60  # the last request was a minute ago
    session.save()
    response = client.get(reverse("core:home"))
    # An active user's cookie is renewed for another 30 minutes...
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
    # ...but not on every request within the same minute.
    response = client.get(reverse("core:home"))
    assert settings.SESSION_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
@override_settings(SESSION_ABSOLUTE_LIMIT_SECONDS=60)
def test_absolute_session_limit_logs_out(client, department):
    user = make_caseworker(department)
    login(client, user)
    assert client.get(reverse("core:home")).wsgi_request.user == user
    session = client.session
    session[SESSION_STARTED_KEY] -= 61
    session.save()
    assert client.get(reverse("core:home")).wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_deactivated_user_is_logged_out_at_once(client, department):
    coordinator = make_coordinator()
    victim = make_caseworker(department)
    victim_client = login(client.__class__(), victim)
    assert victim_client.get(reverse("core:home")).wsgi_request.user == victim

    login(client, coordinator)
    response = client.post(
        reverse("coordinator:staff-set-active", args=[victim.pk]), {"active": "0"}
    )
    assert response.status_code == 302
    victim.refresh_from_db()
    assert not victim.is_active
    assert victim_client.get(reverse("core:home")).wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_coordinator_cannot_deactivate_themselves(client):
    coordinator = make_coordinator()
    login(client, coordinator)
    client.post(reverse("coordinator:staff-set-active", args=[coordinator.pk]), {"active": "0"})
    coordinator.refresh_from_db()
    assert coordinator.is_active
