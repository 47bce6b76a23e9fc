"""Lists keep a constant number of queries, whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.factories import login, make_coordinator

from .factories import make_match, make_mentor, make_youth

# User and roles, then the page's own queries: the list, its count, the access log.
QUERIES_CASEWORKER = 5
QUERIES_COORDINATOR = 4


@pytest.mark.django_db
def test_caseworker_match_list(client, caseworker, skole, assert_num_queries):
    login(client, caseworker)
    url = reverse("mentoring:caseworker-matches")
    mentor = make_mentor(capacity=10)
    make_match(make_youth(skole, caseworker=caseworker), mentor, status="active")
    with assert_num_queries(QUERIES_CASEWORKER):
        assert client.get(url).status_code == 200
    for status in ("claimed", "active", "closed"):
        make_match(make_youth(skole, caseworker=caseworker), make_mentor(), status=status)
    with assert_num_queries(QUERIES_CASEWORKER):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_coordinator_mentor_list(client, assert_num_queries):
    login(client, make_coordinator())
    url = reverse("coordinator-mentors:list")
    make_mentor()
    with assert_num_queries(QUERIES_COORDINATOR):
        assert client.get(url).status_code == 200
    for status in ("applied", "paused", "stopped"):
        make_mentor(status=status)
    with assert_num_queries(QUERIES_COORDINATOR):
        assert client.get(url).status_code == 200
