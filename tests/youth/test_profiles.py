"""Profiles: create and edit, the three lists with filters, name search, access logging."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.audit.models import AccessLog, Action
from tests.factories import make_caseworker
from tests.youth.factories import make_consent, make_postcode, make_youth, years_ago
from youth.models import ConsentPurpose, Situation, YouthProfile

pytestmark = pytest.mark.django_db


def names(response):
    """The first names on a list page (its rows are ``table_rows`` values)."""
    return {row["name"].split()[0] for row in response.context["page"]}


def test_create_profile_logs_and_redirects(client_for, department, personas):
    response = client_for("caseworker").post(
        reverse("youth:create"),
        {
            "first_name": "Asta",
            "date_of_birth": years_ago(16).isoformat(),
            "postcode": make_postcode().pk,
            "situation": Situation.NEITHER,
            "interests": ["musik", "teater"],
            "department": department.pk,
            "caseworker": personas["caseworker"].pk,
        },
    )
    profile = YouthProfile.objects.get()
    assert response.url == reverse("youth:detail", args=[profile.pk])
    assert profile.interests == ["musik", "teater"]
    assert AccessLog.objects.filter(action=Action.CREATE, object_id=str(profile.pk)).exists()


def test_caseworker_cannot_create_in_another_department(client_for, other_department):
    response = client_for("caseworker").post(
        reverse("youth:create"),
        {
            "first_name": "Asta",
            "date_of_birth": years_ago(16).isoformat(),
            "postcode": make_postcode().pk,
            "situation": Situation.NEITHER,
            "department": other_department.pk,
        },
    )
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert not YouthProfile.objects.exists()


@pytest.mark.parametrize("born", ["2999-01-01", "1950-01-01"])
def test_date_of_birth_is_checked(client_for, department, born):
    response = client_for("caseworker").post(
        reverse("youth:create"),
        {"first_name": "A", "date_of_birth": born, "postcode": make_postcode().pk,
         "situation": "andet", "department": department.pk},
    )  # fmt: skip
    assert "date_of_birth" in response.context["form"].errors


def test_edit_profile(client_for, youth, department):
    response = client_for("caseworker").post(
        reverse("youth:edit", args=[youth.pk]),
        {
            "first_name": "Freja",
            "surname": "Ny",
            "date_of_birth": youth.date_of_birth.isoformat(),
            "postcode": youth.postcode_id,
            "situation": Situation.IN_EDUCATION,
            "department": department.pk,
        },
    )
    assert response.status_code == 302
    youth.refresh_from_db()
    assert (youth.surname, youth.situation) == ("Ny", Situation.IN_EDUCATION)
    # The change history keeps the earlier version.
    assert youth.events.count() == 2


def test_the_three_lists(client_for, personas, department, other_department):
    me = personas["caseworker"]
    colleague = make_caseworker(department)
    mine = make_youth(department, caseworker=me, first_name="Mine")
    ours = make_youth(department, caseworker=colleague, first_name="Vores")
    shared = make_youth(other_department, first_name="Delt")
    make_consent(shared, ConsentPurpose.DEPARTMENT_SHARING, department=department)
    make_youth(other_department, first_name="Skjult")
    client = client_for("caseworker")
    assert names(client.get(reverse("youth:list"))) == {mine.first_name}
    assert names(client.get(reverse("youth:list-department"))) == {"Mine", ours.first_name}
    assert names(client.get(reverse("youth:list-shared"))) == {"Delt"}
    assert client.get(reverse("youth:list-all")).status_code == 404
    assert names(client_for("coordinator").get(reverse("youth:list-all"))) == {
        "Mine", "Vores", "Delt", "Skjult"
    }  # fmt: skip


def test_list_filters(client_for, personas, department):
    me = personas["caseworker"]
    rural = make_postcode("8970", "Nordlandet", is_rural=True)
    make_youth(department, caseworker=me, first_name="Land", postcode=rural, age=13)
    make_youth(department, caseworker=me, first_name="By", age=19, situation=Situation.NEITHER)
    expiring = make_youth(department, caseworker=me, first_name="Snart")
    make_consent(expiring, valid_until=timezone.localdate() + datetime.timedelta(days=10))
    client = client_for("caseworker")
    url = reverse("youth:list")
    assert names(client.get(url, {"area": rural.area_id})) == {"Land"}
    assert names(client.get(url, {"age_band": "under-15"})) == {"Land"}
    assert names(client.get(url, {"age_band": "18-24"})) == {"By"}
    assert names(client.get(url, {"situation": Situation.NEITHER})) == {"By"}
    assert names(client.get(url, {"consent_expiring": "true"})) == {"Snart"}
    assert client.get(url).context["expiring_count"] == 1


def test_list_views_are_logged_per_profile(client_for, youth):
    client_for("caseworker").get(reverse("youth:list"))
    row = AccessLog.objects.get(action=Action.VIEW, object_id=str(youth.pk))
    assert row.purpose == "Liste over unge"


@pytest.mark.parametrize("rows", [1, 12])
def test_list_query_count_is_constant(
    client_for, personas, department, assert_num_queries, rows
):
    for _ in range(rows):
        make_consent(make_youth(department, caseworker=personas["caseworker"]))
    client = client_for("caseworker")
    client.get(reverse("youth:list"))  # warm the session
    # User, roles, the list's first ids (their number is the capped count), the page's rows
    # and the access-log insert. The consent-expiring count and the filter form come from
    # memory (filled by the first request).
    with assert_num_queries(5):
        response = client.get(reverse("youth:list"))
    assert len(response.context["page"]) == rows


def test_name_search_keeps_names_out_of_urls(client_for, youth, other_department):
    other = make_youth(other_department, first_name="Freja")
    client = client_for("caseworker")
    response = client.post(reverse("youth:search"), {"q": "frej"})
    assert response.status_code == 302
    assert "frej" not in response.url.lower()
    results = client.get(response.url)
    found = {row["pk"] for row in results.context["page"]}
    assert found == {youth.pk}  # not the other department's Freja
    assert other.pk not in found
    rows = AccessLog.objects.filter(action=Action.SEARCH)
    assert list(rows.values_list("object_id", flat=True)) == [str(youth.pk)]
    assert "frej" not in " ".join(rows.values_list("purpose", flat=True)).lower()


def test_search_with_no_results_is_logged(client_for, youth):
    client = client_for("caseworker")
    response = client.post(reverse("youth:search"), {"q": "Zebulon"})
    client.get(response.url)
    assert AccessLog.objects.filter(action=Action.SEARCH, object_id="").count() == 1


def test_unknown_search_token_sends_back_to_the_form(client_for, youth):
    response = client_for("caseworker").get(reverse("youth:search-results", args=["ukendt"]))
    assert response.url == reverse("youth:search")


def test_search_query_count_is_constant(
    client_for, personas, department, assert_num_queries
):
    for _ in range(6):
        make_youth(department, first_name="Noah")
    client = client_for("caseworker")
    url = client.post(reverse("youth:search"), {"q": "noah"}).url
    client.get(url)
    # User, roles, then the count and the page's rows planned for their values (savepoint,
    # SET LOCAL, its reset, release) and the access-log insert.
    with assert_num_queries(5 + 4):
        response = client.get(url)
    assert len(response.context["page"]) == 6


def test_has_mentor_filter_reads_active_matches(client_for, personas, department):
    from tests.mentoring.factories import make_match, make_mentor

    me = personas["caseworker"]
    matched = make_youth(department, caseworker=me, first_name="Matchet")
    claimed = make_youth(department, caseworker=me, first_name="Anmodet")
    make_youth(department, caseworker=me, first_name="Uden")
    make_match(matched, make_mentor(), status="active")
    make_match(claimed, make_mentor(), status="claimed")
    client = client_for("caseworker")
    assert names(client.get(reverse("youth:list"), {"has_mentor": "true"})) == {"Matchet"}
    assert names(client.get(reverse("youth:list"), {"has_mentor": "false"})) == {"Anmodet", "Uden"}
