"""Open data: HSDS 3.0 JSON (capacity as HSDS 3.1 service_capacity) and CSV."""

import csv
import io
import uuid

import pytest
from django.urls import reverse

from offers.models import Offer
from tests.factories import make_area
from tests.offers.factories import make_offer, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    make_area(postcodes=["8900"])
    org = make_organisation(name="Randers Musikskole", cvr="10150817")
    offer = make_offer(
        org, title="=Guitar", capacity=5, spots_taken=2, weekdays=[1, 3], min_age=10,
        max_age=16, address="Vestergade 10", postcode_id="8900",
        single_dates=[__import__("datetime").date(2026, 3, 24)],
    )
    make_offer(org, title="Hemmelig kladde", status=Offer.Status.DRAFT)
    return offer


def test_hsds_shape(client, published):
    response = client.get(reverse("offers:hsds"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert [s["name"] for s in data["services"]] == ["=Guitar"]
    service = data["services"][0]
    organisation = data["organizations"][0]
    uuid.UUID(service["id"])
    assert service["organization_id"] == organisation["id"]
    assert organisation["tax_id"] == "10150817"
    assert service["service_capacity"][0]["maximum"] == 5
    assert service["service_capacity"][0]["available"] == 3
    schedules = service["schedules"]
    assert schedules[0]["freq"] == "WEEKLY" and schedules[0]["byday"] == "MO,WE"
    assert schedules[1]["dtstart"] == "2026-03-24"
    location = data["locations"][0]
    assert location["addresses"][0]["postal_code"] == "8900"
    assert service["service_at_locations"][0]["location_id"] == location["id"]


def test_csv_export(client, published):
    response = client.get(reverse("offers:export-csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "id" and len(rows) == 2
    assert rows[1][1] == "'=Guitar"  # no formula injection
    assert "Hemmelig kladde" not in body
