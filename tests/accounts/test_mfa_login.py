"""Two-factor authentication for staff, end to end through the real allauth login forms."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD, make_caseworker, make_mentor_user

SECRET = "JBSWY3DPEHPK3PXP"


def current_code(secret=SECRET):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def password_login(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


@pytest.fixture
def enrolled_caseworker(db, department):
    user = make_caseworker(department)
    TOTP.activate(user, SECRET)
    return user


@pytest.mark.django_db
def test_password_only_staff_login_reaches_nothing(client, enrolled_caseworker):
    response = password_login(client, enrolled_caseworker)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Without the code, the user is not logged in: every page asks for login again.
    for name in ("coordinator:index", "coordinator:staff-list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.get(reverse("core:home"))
    assert response.wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_staff_login_with_totp_code_logs_in(client, enrolled_caseworker):
    password_login(client, enrolled_caseworker)
    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert response.status_code == 302
    response = client.get(reverse("core:home"))
    assert response.wsgi_request.user == enrolled_caseworker


@pytest.mark.django_db
def test_wrong_totp_code_is_refused_with_a_message(client, enrolled_caseworker):
    password_login(client, enrolled_caseworker)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("core:home")).wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_staff_without_totp_is_sent_to_enrol(client, department):
    user = make_caseworker(department)
    response = password_login(client, user)
    assert response.status_code == 302
    response = client.get(reverse("coordinator:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth announces the enrolment on commit
def test_enrolling_totp_opens_the_portal(client, department):
    user = make_caseworker(department)
    password_login(client, user)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    # Recovery codes come with the enrolment.
    assert user.authenticator_set.filter(type="recovery_codes").exists()
    page = client.get(reverse("core:home"))
    assert page.status_code == 200 and page.wsgi_request.user == user
    # The new recovery codes can be seen at once, without typing the password again.
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200


@pytest.mark.django_db
def test_non_staff_log_in_with_password_only(client):
    mentor = make_mentor_user()
    password_login(client, mentor)
    assert client.get(reverse("core:home")).wsgi_request.user == mentor


@pytest.mark.django_db
def test_staff_session_that_skipped_mfa_is_logged_out(client, enrolled_caseworker):
    client.force_login(enrolled_caseworker)  # a login path that skipped the second factor
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).wsgi_request.user.is_anonymous
