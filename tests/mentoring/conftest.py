import pytest
from django.test import RequestFactory

from tests.factories import make_caseworker, make_department


def request_for(user):
    """A request as a service sees it: who acts, from where (for the access log)."""
    request = RequestFactory().post("/")
    request.user = user
    return request


@pytest.fixture
def skole(db):
    return make_department("Skole")


@pytest.fixture
def caseworker(skole):
    return make_caseworker(skole, email="sagsbehandler@test.example")
