import datetime

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.backends import AuthenticationBackend
from ressourcebank.accounts.sessions import SessionStore
from tests.factories import login, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def this_store(settings):
    # With REDIS_URL the portal uses cached_db sessions; these tests are about this store.
    settings.SESSION_ENGINE = "ressourcebank.accounts.sessions"


def test_a_saved_session_is_read_back():
    session = SessionStore()
    session["answer"] = 42
    session.save()
    assert SessionStore(session.session_key).load() == {"answer": 42}


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key():
    session = SessionStore()
    session["answer"] = 42
    session.save()
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    for key in (session.session_key, "ukendt" * 6):
        again = SessionStore(key)
        assert again.load() == {}
        assert again.session_key is None


def test_an_expired_login_session_is_logged_out(client):
    user = make_user()
    login(client, user, mfa=False)
    assert client.get(reverse("account_email")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("account_email"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_the_backend_gives_the_sessions_own_user_and_no_inactive_one():
    backend = AuthenticationBackend()
    first, second = make_user(), make_user(is_active=False)
    assert backend.get_user(first.pk) == first
    assert backend.get_user(first.pk).email == first.email
    assert backend.get_user(second.pk) is None
    assert backend.get_user(second.pk + 1000) is None
