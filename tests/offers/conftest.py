import pytest

from ressourcebank.accounts.models import Department
from tests import factories
from tests.offers.factories import make_member, make_offer, make_organisation


@pytest.fixture
def school_department(db):
    return Department.objects.get_or_create(slug="skole", defaults={"name": "Skole (test)"})[0]


@pytest.fixture
def teacher(school_department):
    return factories.make_caseworker(school_department, email="laerer@test.example")


@pytest.fixture
def organisation(db):
    return make_organisation(name="Randers Musikskole", kind="musikskole")


@pytest.fixture
def member(organisation):
    return make_member(organisation, factories.make_user(email="admin@musik.example"))


@pytest.fixture
def other_organisation(db):
    return make_organisation(name="Teatergruppen Kulissen", kind="teater")


@pytest.fixture
def other_member(other_organisation):
    return make_member(other_organisation, factories.make_user(email="admin@teater.example"))


@pytest.fixture
def offer(organisation):
    return make_offer(organisation, title="Guitarundervisning", capacity=5)


@pytest.fixture
def login_as(client):
    def login(user):
        client.logout()
        return factories.login(client, user)

    return login
