"""The client's address: X-Forwarded-For is believed only from a trusted proxy."""

import ipaddress

import pytest
from django.urls import reverse

from ressourcebank.audit.models import AccessLog
from ressourcebank.core.clients import client_ip
from tests import factories
from tests.youth import factories as youth

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]


def test_without_trusted_proxies_the_header_is_ignored(rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "192.0.2.10"


def test_from_a_trusted_proxy_the_last_untrusted_hop_is_the_client(rf, behind_proxy):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.9")
    assert client_ip(request) == "198.51.100.7"


def test_a_request_not_from_a_proxy_cannot_choose_its_address(rf, behind_proxy):
    request = rf.get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "192.0.2.10"


@pytest.mark.parametrize(
    "header", ["not-an-ip", "<script>", "1.2.3.4.5", "\x00", "", " , ,", "a" * 5000]
)
def test_values_that_are_not_addresses_fall_back_to_the_proxy(rf, behind_proxy, header):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == PROXY


def test_ipv6_hops_are_read(rf, behind_proxy):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8::1")
    assert client_ip(request) == "2001:db8::1"


def test_no_remote_address_is_no_address(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="")) is None


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["6.6.6.6", "not-an-ip", "1.1.1.1, bogus"])
def test_an_audited_page_logs_the_connection_address(client, header):
    department = factories.make_department("Skole")
    caseworker = factories.make_caseworker(department)
    profile = youth.make_youth(department, caseworker=caseworker)
    factories.login(client, caseworker)
    response = client.get(
        reverse("youth:detail", kwargs={"pk": profile.pk}), HTTP_X_FORWARDED_FOR=header
    )
    assert response.status_code == 200
    assert set(AccessLog.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
