"""Lists at national scale: counts stop at a cap, pages are stable and still the user's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.youth.factories import make_consent, make_youth
from youth import selectors

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
