import pytest

from tests import factories
from tests.youth.factories import make_consent, make_offer, make_organisation, make_youth
from youth.models import ConsentPurpose


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The personas' real password hashing dominates these tests' run time on a small machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def youth(personas, department):
    """A young person of the caseworker's department, with a referral consent."""
    profile = make_youth(department, caseworker=personas["caseworker"], first_name="Freja")
    make_consent(profile, ConsentPurpose.REFERRAL)
    return profile


@pytest.fixture
def organisation(personas):
    return make_organisation(personas["organisation_member"])


@pytest.fixture
def offer(organisation):
    return make_offer(organisation, capacity=2)


@pytest.fixture
def staff_client(client):
    """Log a client in as a given user (staff with their second factor)."""

    def make(user):
        factories.login(client, user)
        return client

    return make
