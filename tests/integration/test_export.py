"""The young person's export (GDPR Art. 15) includes their mentor matches, JSON and print."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.mentoring.factories import make_match, make_mentor
from youth.mentoring.choices import ClosureReason
from youth.mentoring.models import Agreement, Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def matches(youth, mentor):
    """An earlier closed match and an active one with two logged contacts and an agreement."""
    earlier = make_mentor()
    earlier.user.first_name, earlier.user.last_name = "Bo", "Tidligeresen"
    earlier.user.save()
    closed = make_match(
        youth,
        earlier,
        status="closed",
        closure_reason=ClosureReason.MOVED,
        closure_note="Flyttede til Aarhus",
        claimed_at=timezone.now() - datetime.timedelta(days=400),
    )
    active = make_match(youth, mentor, status="active", message="Jeg spiller også guitar")
    Contact.objects.create(
        match=active,
        happened_on=datetime.date(2025, 3, 4),
        minutes=60,
        kind="meeting",
        note="Øvede akkorder",
    )
    Contact.objects.create(
        match=active, happened_on=datetime.date(2025, 3, 18), minutes=15, kind="phone", note=""
    )
    Agreement.objects.create(
        match=active,
        goals="Komme i gang med 10. klasse",
        tasks="Lektier tirsdag",
        hours=12,
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 8, 31),
        created_by=youth.caseworker,
    )
    return closed, active


def test_json_export_holds_the_matches_with_the_mentors_first_name_only(cw_client, youth, matches):
    response = cw_client.get(reverse("youth:export-json", args=[youth.pk]))

    data = response.json()
    closed, active = data["mentorforloeb"]  # oldest first
    assert closed["mentor_fornavn"] == "Bo"
    assert closed["status"] == "Afsluttet"
    assert closed["afslutningsaarsag"] == "Flyttet"
    assert closed["uddybning"] == "Flyttede til Aarhus"
    assert closed["afsluttet"] is not None
    assert active["mentor_fornavn"] == "Mona"
    assert active["status"] == "Aktivt forløb"
    assert active["besked_fra_mentor"] == "Jeg spiller også guitar"
    assert active["kontakter"] == [
        {"dato": "2025-03-04", "slags": "Møde", "minutter": 60, "note": "Øvede akkorder"},
        {"dato": "2025-03-18", "slags": "Telefon", "minutter": 15, "note": ""},
    ]
    assert active["aftaler"][0]["maal"] == "Komme i gang med 10. klasse"
    assert data["mentoroenske"] == [{"hvornaar_den_unge_kan": "tirsdag eftermiddag"}]
    # Nothing more about the mentors than their first names.
    body = response.content.decode()
    for other in ("Mentorsen", "Tidligeresen", "mona@mentor.example", "2222 3333"):
        assert other not in body


def test_print_export_shows_the_matches_in_danish_dates(cw_client, youth, matches):
    html = cw_client.get(reverse("youth:export", args=[youth.pk])).content.decode()
    page = html[html.index("<main") : html.index("</main>")]

    assert "Mentorforløb" in page
    assert "Mona" in page and "Mentorsen" not in page
    assert "Øvede akkorder" in page
    assert "04.03.2025" in page and "18.03.2025" in page  # contact dates, Danish format
    assert "Telefon" in page
    assert "Flyttede til Aarhus" in page
    assert "Komme i gang med 10. klasse" in page
    assert "tirsdag eftermiddag" in page
    assert "{&#x27;" not in page and "[{" not in page  # no raw Python structures
    assert "hvornaar_den_unge_kan" not in page  # labels, not JSON keys
    assert timezone.localtime().strftime("Udtrukket %d.%m.%Y") in page


def test_export_without_matches_says_so(cw_client, youth):
    data = cw_client.get(reverse("youth:export-json", args=[youth.pk])).json()
    assert data["mentorforloeb"] == []
