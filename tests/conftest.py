import pytest

from tests import factories


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
    """The shared cache lives in a database table that a live-server test's flush leaves
    alone: empty it after such a test, so that the next one cannot be shown pages cached from
    this one's data. (Other tests roll their cache writes back with everything else.) The
    per-process cache is memory, which nothing rolls back: it is emptied after every test."""
    yield
    from django.core.cache import cache, caches

    caches["local"].clear()
    if "live_server" in request.fixturenames:
        cache.clear()
