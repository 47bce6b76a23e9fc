"""GET parameters and request headers of every page, fuzzed: never a 500.

Pages are found, not listed: every page without parameters as a persona that may open it,
and every page of an object as the persona of its IDOR control (test_idor), which may reach
it. Each page gets random values for the fields of its own GET forms (filters, searches) and
for the parameters pages read (``side``, ``q``, ...); then bad values of the headers a client
controls. X-Forwarded-For is read here as from a trusted proxy, so that its parsing is tried.
"""

import ipaddress

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.security import routes
from tests.security.test_fuzz import PAYLOADS
from tests.security.test_idor import CASES, build_world

# Parameters that pages read without a form naming them (pages, sorting, renewals, returns).
READ_PARAMETERS = {"side", "q", "status", "sort", "next", "forny", "periode", "til", "fra"}

values = st.one_of(
    st.text(max_size=200),
    st.sampled_from([*PAYLOADS, "9999-12", "0000-00", "1e308", "NaN", "-0", "ÅÅÅÅ-MM"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.lists(st.text(max_size=20), max_size=3),  # a parameter given several times
)

BAD_HEADERS = {
    "HTTP_X_FORWARDED_FOR": ["not-an-ip", "1.1.1.1, <script>", "\x00", "a" * 10_000, ",,,"],
    "HTTP_ACCEPT_LANGUAGE": ["*;q=abc", "x" * 5_000, "da-DK;q=0.5,,,;q=", "\x00", "ø;q=1"],
    "HTTP_REFERER": ["javascript:alert(1)", "http://[::1", "ø" * 3_000, "\x00"],
    "HTTP_HOST": ["evil.example", "", "a" * 300, "[::1", "127.0.0.1:99999", "\x00"],
}


def logged_in(user) -> Client:
    client = Client()
    if user is not None:
        factories.login(client, getattr(user, "user", user))  # a Mentor logs in as its user
    return client


def pages() -> list[tuple[Client, str]]:
    """(a client that may open it, URL) for every page and download: plain ones and objects'."""
    world = build_world()
    personas = {
        "anonymous": None,
        "coordinator": factories.make_coordinator(email="koordinator@test.example"),
        "caseworker": world.cw_school,
        "organisation_member": world.member_a,
        "mentor": world.mentor_a.user,
    }
    clients: dict[object, Client] = {}

    def client(user) -> Client:
        if user not in clients:
            clients[user] = logged_in(user)
        return clients[user]

    found = []
    for name in routes.route_names():
        if routes.parameterless(name):
            persona = routes.persona_for(name, personas)
            if persona is not None:
                found.append((client(personas[persona]), routes.url(name)))
    for name, cases in CASES.items():
        case = cases[0](world)
        user = None if case.persona == "anonymous" else getattr(world, case.persona)
        found.append((client(user), reverse(name, kwargs=case.allowed)))
    return [(c, url) for c, url in found if c.get(url).status_code == 200]


@pytest.fixture
def trusted_local_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]


@pytest.mark.django_db
def test_fuzz_get_parameters_of_every_page(trusted_local_proxy):
    found = pages()
    assert len(found) > 60  # the discovery works: plain pages and objects' pages
    failures = []
    for client, url in found:
        response = client.get(url)
        html = "" if response.streaming else response.content.decode(errors="replace")
        names = sorted(routes.get_fields(html) | READ_PARAMETERS)
        try:
            fuzzer(client, url, names)()
        except AssertionError as error:
            failures.append(str(error)[:1000])
    assert failures == []


def fuzzer(client: Client, url: str, names: list[str]):
    @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(params=st.fixed_dictionaries({}, optional={name: values for name in names}))
    def fuzz(params):
        status = client.get(url, params).status_code
        assert status < 500, f"{url} {params!r}: {status}"

    return fuzz


@pytest.mark.django_db
def test_bad_headers_never_fail_a_page(trusted_local_proxy):
    failures = []
    for client, url in pages():
        for header, bad_values in BAD_HEADERS.items():
            for value in bad_values:
                status = client.get(url, **{header: value}).status_code
                if status >= 500:
                    failures.append(f"{url} {header}={value[:40]!r}: {status}")
    assert failures == []
