"""Who may open the overview, what it logs, and how many queries a page costs."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from ressourcebank.audit.models import AccessLog, Action
from tests.overview import factories as f
from youth.models import Situation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["mentor", "organisation_member"])
@pytest.mark.parametrize(
    "url", ["overview:index", "overview:known-to", "overview:work-lists"]
)
def test_mentors_and_organisations_cannot_open_the_overview(client_for, persona, url):
    assert client_for(persona).get(reverse(url)).status_code == 403


@pytest.mark.parametrize("persona", ["mentor", "organisation_member"])
def test_mentors_and_organisations_cannot_export(client_for, persona):
    response = client_for(persona).get(reverse("overview:export", args=["situation"]))
    assert response.status_code == 403
    assert not AccessLog.objects.filter(action=Action.EXPORT).exists()


def test_anonymous_is_sent_to_login(client_for):
    response = client_for("anonymous").get(reverse("overview:index"))
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_caseworker_and_coordinator_see_the_overview(client_for):
    assert client_for("caseworker").get(reverse("overview:index")).status_code == 200


def test_work_lists_are_for_the_coordinator_only(client_for):
    assert client_for("caseworker").get(reverse("overview:work-lists")).status_code == 403


def test_only_get(client_for):
    assert client_for("caseworker").post(reverse("overview:index")).status_code == 405


def test_bad_filters_give_a_message_not_an_error(client_for):
    response = client_for("caseworker").get(
        reverse("overview:index"), {"periode": "valgfri", "fra": "2025-13", "til": "2024-01"}
    )
    assert response.status_code == 200
    assert "Skriv en måned som ÅÅÅÅ-MM" in response.content.decode()
    assert response.context["tables"] == []
    reversed_period = client_for("caseworker").get(
        reverse("overview:index"), {"periode": "valgfri", "fra": "2025-05", "til": "2025-01"}
    )
    assert "Til-måneden skal ligge efter fra-måneden" in reversed_period.content.decode()


@pytest.mark.parametrize("month", ["9999-12", "2101-01", "1999-12", "0000-01"])
def test_months_out_of_range_give_a_message(client_for, month):
    for params in ({"til": month}, {"fra": month}):
        response = client_for("caseworker").get(reverse("overview:index"), params)
        assert response.status_code == 200
        assert "Vælg en måned fra 2000-01 til 2100-12" in response.content.decode()
        export = client_for("caseworker").get(
            reverse("overview:export", args=["referral-status"]), params
        )
        assert export.status_code == 404


def test_periods_month_quarter_year(client_for):
    client = client_for("caseworker")
    url = reverse("overview:index")
    month = client.get(url, {"periode": "maaned", "aar": 2025, "maaned": 3}).context["filters"]
    assert (month.start.isoformat(), month.end.isoformat()) == ("2025-03-01", "2025-03-01")
    quarter = client.get(url, {"periode": "kvartal", "aar": 2025, "kvartal": 2}).context["filters"]
    assert (quarter.start.month, quarter.end.month) == (4, 6)
    year = client.get(url, {"periode": "aar", "aar": 2024}).context["filters"]
    assert year.period_months() == 12


def test_csv_export_is_logged(client_for, personas, department):
    f.make_youth(department)
    call_command("refresh_overview", verbosity=0)
    response = client_for("caseworker").get(
        reverse("overview:export", args=["referral-status"]), {"afdeling": department.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    log = AccessLog.objects.get(action=Action.EXPORT)
    assert log.actor == personas["caseworker"]
    assert log.object_type == "overview.table"
    assert "referral-status" in log.purpose
    assert f"{department.slug})" in log.purpose  # the chosen filters, not the query string


def test_an_export_logs_its_filters_not_its_query_string(client_for, department):
    call_command("refresh_overview", verbosity=0)
    params = {"afdeling": department.pk, "x" * 50: "<script>" * 100}
    response = client_for("caseworker").get(
        reverse("overview:export", args=["referral-status"]), params
    )
    assert response.status_code == 200
    purpose = AccessLog.objects.get(action=Action.EXPORT).purpose
    assert "<script>" not in purpose and "xxx" not in purpose
    assert len(purpose) <= 200


def test_export_of_an_unknown_table_is_404(client_for):
    response = client_for("caseworker").get(reverse("overview:export", args=["nope"]))
    assert response.status_code == 404
    assert not AccessLog.objects.filter(action=Action.EXPORT).exists()


def _grow(department, other_department, n):
    offer = f.make_offer(capacity=50)
    for i in range(n):
        youth = f.make_youth(department if i % 2 else other_department,
                             situation=Situation.NEITHER, rural=bool(i % 3))
        f.make_referral(youth, offer, status="completed")
    call_command("refresh_overview", verbosity=0)


# User and roles (2); the last refresh (1); the chosen department and the department choices
# (2); the figures, the median and the trend (3); offers per category and in total, class
# visits (3). Each request here follows a refresh, so the figures are computed anew.
OVERVIEW_QUERIES = 11
# Asked again: user and roles (2), the last refresh (1), the chosen department (1); the form
# and figures come rendered from the cache.
OVERVIEW_QUERIES_CACHED = 4


@pytest.mark.parametrize("persona", ["caseworker", "coordinator"])
def test_query_count_is_constant(client_for, persona, department, other_department,
                                 assert_num_queries):
    client = client_for(persona)
    client.get(reverse("overview:index"))  # warm the session
    _grow(department, other_department, 3)
    with assert_num_queries(OVERVIEW_QUERIES):
        client.get(reverse("overview:index"), {"afdeling": department.pk})
    _grow(department, other_department, 30)
    with assert_num_queries(OVERVIEW_QUERIES):
        client.get(reverse("overview:index"), {"afdeling": department.pk})
    with assert_num_queries(OVERVIEW_QUERIES_CACHED):
        client.get(reverse("overview:index"), {"afdeling": department.pk})
