"""Fixtures where young people meet mentoring."""

import pytest
from django.test import RequestFactory

from tests.factories import login, make_caseworker, make_department, make_user
from tests.mentoring.factories import make_mentor, make_youth


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def skole(db):
    return make_department("Skole")


@pytest.fixture
def caseworker(skole):
    return make_caseworker(skole, email="sagsbehandler@test.example")


@pytest.fixture
def mentor(db):
    user = make_user(
        email="mona@mentor.example", first_name="Mona", last_name="Mentorsen", phone="+45 2222 3333"
    )
    return make_mentor(user=user)


@pytest.fixture
def youth(skole, caseworker):
    """A young person in the pool: an active mentor-matching consent, availability noted."""
    return make_youth(
        skole, caseworker=caseworker, first_name="Freja", availability=["tir-eftermiddag"]
    )


@pytest.fixture
def cw_client(client, caseworker):
    login(client, caseworker)
    return client


@pytest.fixture
def mentor_client(client, mentor):
    login(client, mentor.user)
    return client


def request_for(user):
    """A request as a service sees it: who acts (for the access log)."""
    request = RequestFactory().post("/")
    request.user = user
    return request
