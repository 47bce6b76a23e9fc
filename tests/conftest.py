import pytest

from tests import factories

pytest_plugins = ["tests.support.queries"]


@pytest.fixture
def department(db):
    return factories.make_department("Skole")


@pytest.fixture
def other_department(db):
    return factories.make_department("Jobcenter")


@pytest.fixture
def personas(db, department, other_department):
    """The named personas (CONTRIBUTING.md, and ../shared/STYLE.md beside the repository), each
    a user (None for anonymous)."""
    return {
        "anonymous": None,
        "organisation_member": factories.make_organisation_user(email="org@test.example"),
        "mentor": factories.make_mentor_user(email="mentor@test.example"),
        "caseworker": factories.make_caseworker(department, email="cw@test.example"),
        "caseworker_other_department": factories.make_caseworker(
            other_department, email="cw2@test.example"
        ),
        "coordinator": factories.make_coordinator(email="coord@test.example"),
        "staff_without_mfa": factories.make_caseworker(department, email="nomfa@test.example"),
    }


@pytest.fixture
def client_for(client, personas):
    """A test client logged in as the named persona (staff with MFA passed, except one)."""

    def make(name):
        user = personas[name]
        if user is not None:
            factories.login(client, user, mfa=name != "staff_without_mfa")
        return client

    return make


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher costs ~1.5 s per user on this machine; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_cached_pages_across_tests(request):
    """Nothing cached by one test may be shown to the next. In the database's cache table,
    tests roll their writes back with everything else, except a live-server test, whose flush
    leaves the table alone: it is emptied after such a test. Redis (REDIS_URL) and the
    per-process memory are rolled back by nothing: they are emptied after every test."""
    yield
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    caches["local"].clear()
    shared = caches["default"]
    if not isinstance(shared, DatabaseCache) or "live_server" in request.fixturenames:
        shared.clear()
