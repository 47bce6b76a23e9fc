"""Lists at national scale: counts stop at a cap, pages are stable and still the user's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import RoleAssignment
from tests.factories import login, make_caseworker
from tests.youth.factories import make_consent, make_youth
from youth import selectors
from youth.models import Situation

pytestmark = pytest.mark.django_db


def test_list_count_stops_at_the_cap_and_pages_in_name_order(
    client_for, personas, department, monkeypatch
):
    monkeypatch.setattr(selectors.ListPaginator, "cap", 3)
    me = personas["caseworker"]
    for name in ["Dorte", "Anna", "Carl", "Bo", "Anna"]:
        make_youth(department, caseworker=me, first_name=name, surname="Sen")
    client = client_for("caseworker")
    response = client.get(reverse("youth:list"))
    assert "Mere end 3 unge" in response.content.decode()
    page = response.context["page"]
    assert page.paginator.num_pages == 1  # pages go as far as the cap
    names = [row["name"] for row in page]
    assert names == ["Anna Sen", "Anna Sen", "Bo Sen"]
    ids = [row["pk"] for row in page if row["name"] == "Anna Sen"]
    assert ids == sorted(ids)  # ties by id, so a page is the same on every request


def test_list_page_rows_stay_within_scope(client_for, personas, department, other_department):
    me = personas["caseworker"]
    mine = make_youth(department, caseworker=me, first_name="Min")
    # My caseworker mark on a profile of a department I am not in, not shared: not shown.
    make_youth(other_department, caseworker=me, first_name="Fremmed")
    page = client_for("caseworker").get(reverse("youth:list")).context["page"]
    assert [row["pk"] for row in page] == [mine.pk]
    assert page.paginator.count == 1


def test_expiring_notice_counts_up_to_its_cap(client_for, personas, department, monkeypatch):
    monkeypatch.setattr(selectors, "EXPIRING_CAP", 2)
    soon = timezone.localdate() + datetime.timedelta(days=5)
    for _ in range(3):
        make_consent(make_youth(department, caseworker=personas["caseworker"]), valid_until=soon)
    monkeypatch.setattr("youth.views.EXPIRING_CAP", 2)
    html = client_for("caseworker").get(reverse("youth:list")).content.decode()
    assert "Mere end 2 samtykker udløber inden for 30 dage." in html


def test_capped_counts_in_english(client_for, personas, department, monkeypatch):
    monkeypatch.setattr(selectors.ListPaginator, "cap", 2)
    monkeypatch.setattr(selectors, "EXPIRING_CAP", 2)
    monkeypatch.setattr("youth.views.EXPIRING_CAP", 2)
    soon = timezone.localdate() + datetime.timedelta(days=5)
    for _ in range(3):
        make_consent(make_youth(department, caseworker=personas["caseworker"]), valid_until=soon)
    client = client_for("caseworker")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("youth:list")).content.decode()
    assert "More than 2 consents expire within 30 days." in html
    assert "More than 2 young people" in html


# Each process keeps a list's compiled SQL (selectors.list_ids), never what it finds: these
# requests all run in one process, one after another, without emptying that memory.


def list_names(client, url_name="youth:list", **params) -> list[str]:
    return [row["name"] for row in client.get(reverse(url_name), params).context["page"]]


def test_a_kept_list_query_finds_new_and_changed_profiles(client_for, personas, department):
    me = personas["caseworker"]
    make_youth(department, caseworker=me, first_name="Anna", surname="Sen")
    client = client_for("caseworker")
    assert list_names(client) == ["Anna Sen"]
    bo = make_youth(department, caseworker=me, first_name="Bo", surname="Sen")
    assert list_names(client) == ["Anna Sen", "Bo Sen"]
    bo.caseworker = None
    bo.save()
    assert list_names(client) == ["Anna Sen"]


def test_a_kept_list_query_follows_the_users_departments(
    client_for, personas, department, other_department
):
    make_youth(department, first_name="Anna", surname="Sen")
    make_youth(other_department, first_name="Bo", surname="Sen")
    client = client_for("caseworker")
    assert list_names(client, "youth:list-department") == ["Anna Sen"]
    RoleAssignment.objects.filter(user=personas["caseworker"]).update(department=other_department)
    assert list_names(client, "youth:list-department") == ["Bo Sen"]


def test_caseworkers_with_the_same_roles_never_share_a_kept_list(client_for, personas, department):
    colleague = make_caseworker(department, email="kollega@test.example")
    make_youth(department, caseworker=personas["caseworker"], first_name="Anna", surname="Sen")
    make_youth(department, caseworker=colleague, first_name="Bo", surname="Sen")
    client = client_for("caseworker")
    assert list_names(client) == ["Anna Sen"]
    login(client, colleague)
    assert list_names(client) == ["Bo Sen"]


def test_a_kept_list_query_per_filter(client_for, personas, department):
    me = personas["caseworker"]
    for name in ["Anna", "Bo"]:
        make_youth(department, caseworker=me, first_name=name, surname="Sen")
    make_youth(
        department, caseworker=me, first_name="Dan", surname="Sen", situation=Situation.IN_JOB
    )
    client = client_for("caseworker")
    assert list_names(client, situation=Situation.IN_JOB) == ["Dan Sen"]
    assert list_names(client, situation=Situation.IN_SCHOOL) == ["Anna Sen", "Bo Sen"]
    assert list_names(client, situation=Situation.IN_SCHOOL, side=1) == ["Anna Sen", "Bo Sen"]
    assert list_names(client) == ["Anna Sen", "Bo Sen", "Dan Sen"]


def test_a_list_page_shows_only_rows_the_viewer_may_see(personas, department, other_department):
    """The page's rows are read through visible_to, whatever ids the paginator is given."""
    mine = make_youth(department, first_name="Min")
    theirs = make_youth(other_department, first_name="Fremmed")
    ids = [theirs.pk, mine.pk]
    page = selectors.ListPaginator(ids, 25, user=personas["caseworker"]).page(1)
    assert [row["pk"] for row in page] == [mine.pk]
    page = selectors.ListPaginator(ids, 25, user=personas["caseworker_other_department"]).page(1)
    assert [row["pk"] for row in page] == [theirs.pk]
    assert not selectors.ListPaginator(ids, 25, user=personas["mentor"]).page(1).object_list
    page = selectors.ListPaginator(ids, 25, user=personas["coordinator"]).page(1)
    assert [row["pk"] for row in page] == ids
