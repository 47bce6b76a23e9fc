"""The offer's schedule shows its dates the way the reader's language writes them."""

import datetime

import pytest
from django.urls import reverse

from offers.models import ClassVisitRequest
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_offer(organisation):
    return make_offer(
        organisation,
        period_start=datetime.date(2026, 3, 2),
        period_end=datetime.date(2026, 6, 19),
        single_dates=[datetime.date(2026, 3, 24)],
    )


def in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def schedule_of(client, offer):
    return client.get(reverse("offers:offer-detail", args=[offer.pk])).content.decode()


def test_schedule_dates_in_danish(client, scheduled_offer):
    page = schedule_of(client, scheduled_offer)

    assert "Fra 2. marts 2026" in page
    assert "til 19. juni 2026" in page
    assert "tirsdag 24. marts 2026" in page


def test_schedule_dates_in_english(client, scheduled_offer):
    page = schedule_of(in_english(client), scheduled_offer)

    assert "From March 2, 2026" in page
    assert "to June 19, 2026" in page
    assert "Tuesday, March 24, 2026" in page
    assert "marts" not in page and "juni" not in page


@pytest.mark.parametrize(
    ("english", "expected"),
    [(False, "tirsdag 24. marts 2026"), (True, "Tuesday, March 24, 2026")],
)
def test_class_visit_date_follows_the_language(client, login_as, offer, teacher, english, expected):
    visit = ClassVisitRequest.objects.create(
        offer=offer,
        requested_by=teacher,
        school="Havndal Skole",
        pupils=20,
        wished_dates="uge 12",
        status=ClassVisitRequest.Status.ACCEPTED,
        visit_date=datetime.date(2026, 3, 24),
    )
    login_as(teacher)
    if english:
        in_english(client)

    detail = client.get(reverse("offers:class-visit-detail", args=[visit.pk])).content.decode()
    listing = client.get(reverse("offers:class-visits")).content.decode()

    assert expected in detail
    assert expected.split(" ", 1)[1] in listing  # the list shows the date without the weekday
