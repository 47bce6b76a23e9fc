"""A school asks to bring a class; the organisation answers with a date or a reason."""

import datetime

import pytest
from django.urls import reverse

from offers.models import ClassVisitRequest
from ressourcebank.areas.models import Postcode
from tests.factories import make_area, make_caseworker, make_department

pytestmark = pytest.mark.django_db


def rural_school_postcode():
    if not Postcode.objects.filter(code="8970").exists():
        make_area("Nordlandet", is_rural=True, postcodes=["8970"])
    return "8970"


def request_visit(client, offer, **overrides):
    data = {
        "school": "Havndal Skole",
        "school_postcode": rural_school_postcode(),
        "class_name": "7.b",
        "pupils": "22",
        "wished_dates": "uge 12 eller 14",
        "needs_transport": "on",
    }
    data.update(overrides)
    return client.post(reverse("offers:class-visit-request", args=[offer.pk]), data)


@pytest.fixture
def visit(offer, teacher):
    return ClassVisitRequest.objects.create(
        offer=offer, requested_by=teacher, school="Havndal Skole", pupils=20,
        wished_dates="uge 12", needs_transport=True,
    )


def test_school_caseworker_requests_and_organisation_is_told(
    client, login_as, offer, member, teacher, mailoutbox, django_capture_on_commit_callbacks
):
    login_as(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = request_visit(client, offer)
    visit = ClassVisitRequest.objects.get()
    assert response.status_code == 302
    assert (visit.requested_by, visit.pupils, visit.needs_transport) == (teacher, 22, True)
    assert member.email in mailoutbox[0].to
    detail = client.get(reverse("offers:class-visit-detail", args=[visit.pk]))
    assert "Afventer svar" in detail.content.decode()


def test_caseworker_outside_skole_is_refused(client, login_as, offer):
    login_as(make_caseworker(make_department("Jobcenter")))
    assert request_visit(client, offer).status_code == 403
    assert not ClassVisitRequest.objects.exists()


def test_invalid_request_gives_field_messages(client, login_as, offer, teacher):
    login_as(teacher)
    response = request_visit(
        client, offer, pupils="500", school="", school_postcode="", wished_dates="x" * 301
    )
    assert {"pupils", "school", "school_postcode", "wished_dates"} <= set(
        response.context["form"].errors
    )


def test_organisation_accepts_with_a_date_and_school_sees_it(
    client, login_as, visit, member, teacher, mailoutbox, django_capture_on_commit_callbacks
):
    login_as(member)
    url = reverse("organisations:class-visit", args=[visit.pk])
    response = client.post(url, {"answer": "accept"})
    assert "visit_date" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answer": "accept", "visit_date": "2026-03-24"})
    visit.refresh_from_db()
    assert visit.status == "accepted" and visit.visit_date == datetime.date(2026, 3, 24)
    assert mailoutbox[0].to == [teacher.email]
    assert "tirsdag 24. marts 2026" in mailoutbox[0].body
    login_as(teacher)
    body = client.get(reverse("offers:class-visit-detail", args=[visit.pk])).content.decode()
    assert "Accepteret" in body and "24. marts 2026" in body


def test_organisation_declines_with_a_reason(client, login_as, visit, member):
    login_as(member)
    url = reverse("organisations:class-visit", args=[visit.pk])
    response = client.post(url, {"answer": "decline", "decline_reason": ""})
    assert "decline_reason" in response.context["form"].errors
    client.post(url, {"answer": "decline", "decline_reason": "Vi har lukket i marts"})
    visit.refresh_from_db()
    assert (visit.status, visit.decline_reason) == ("declined", "Vi har lukket i marts")
    # A second answer changes nothing.
    client.post(url, {"answer": "accept", "visit_date": "2026-04-01"})
    visit.refresh_from_db()
    assert visit.status == "declined"


def test_other_organisation_and_other_caseworker_get_404(client, login_as, visit, other_member,
                                                          school_department):
    login_as(other_member)
    url = reverse("organisations:class-visit", args=[visit.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "decline", "decline_reason": "x"}).status_code == 404
    login_as(make_caseworker(school_department))
    assert client.get(reverse("offers:class-visit-detail", args=[visit.pk])).status_code == 404
    visit.refresh_from_db()
    assert visit.status == "requested"


def test_school_cancels(client, login_as, visit, teacher):
    login_as(teacher)
    client.post(reverse("offers:class-visit-cancel", args=[visit.pk]))
    visit.refresh_from_db()
    assert visit.status == "cancelled"
    listing = client.get(reverse("offers:class-visits"))
    assert "Trukket tilbage" in listing.content.decode()
