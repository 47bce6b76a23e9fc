"""Members create, edit, duplicate, pause and archive their own offers; others get 404."""

import pytest
from django.urls import reverse

from offers.models import Offer, Organisation
from offers.services import offer_take_spot
from ressourcebank.audit.models import AccessLog
from tests.offers.factories import make_member, make_offer, make_organisation

pytestmark = pytest.mark.django_db


def offer_data(**overrides):
    data = {
        "title": "Guitar for begyndere",
        "description": "Lær tre akkorder.\n\nVi låner dig en guitar.",
        "category": "musik",
        "kind": "activity",
        "resource_type": "",
        "min_age": "10",
        "max_age": "16",
        "price": "0",
        "capacity": "8",
        "weekdays": ["1", "3"],
        "starts_at": "16:00",
        "ends_at": "17:00",
        "single_dates": "",
        "transport": "none",
        "languages": "dansk",
    }
    data.update(overrides)
    return data


def test_create_saves_a_draft(client, login_as, organisation, member):
    login_as(member)
    response = client.post(
        reverse("organisations:offer-create", args=[organisation.pk]), offer_data()
    )
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.organisation == organisation and offer.status == Offer.Status.DRAFT
    assert offer.weekdays == [1, 3]
    assert offer.description == "<p>Lær tre akkorder.</p>\n\n<p>Vi låner dig en guitar.</p>"


def test_description_keeps_paragraphs_and_links_only(client, login_as, organisation, member):
    login_as(member)
    html = (
        '<p onclick="x()">Hej <a href="https://musik.example" onmouseover="x()">link</a>'
        '<a href="javascript:alert(1)">ond</a><script>alert(1)</script><img src=x onerror=y>'
        "<b>fed</b></p>"
    )
    client.post(
        reverse("organisations:offer-create", args=[organisation.pk]),
        offer_data(description=html),
    )
    stored = Offer.objects.get().description
    for bad in ("script", "onclick", "onmouseover", "javascript", "<img", "onerror", "<b>"):
        assert bad not in stored
    assert 'href="https://musik.example"' in stored and "<p>" in stored


def test_script_in_text_fields_renders_as_text(client, login_as, organisation, member):
    login_as(member)
    client.post(
        reverse("organisations:offer-create", args=[organisation.pk]),
        offer_data(title="<script>alert(1)</script>", description="<script>alert(2)</script>",
                   accessibility="<script>alert(3)</script>"),
    )
    offer = Offer.objects.get()
    response = client.get(reverse("offers:offer-detail", args=[offer.pk]))
    assert b"<script>alert(" not in response.content
    assert b"&lt;script&gt;alert(1)" in response.content


def test_over_long_and_invalid_values_give_field_messages(client, login_as, organisation, member):
    login_as(member)
    response = client.post(
        reverse("organisations:offer-create", args=[organisation.pk]),
        offer_data(title="x" * 151, min_age="18", max_age="12", price="-5", capacity="abc",
                   ends_at="15:00", single_dates="32-13-2026", contact_email="ikke-en-mail",
                   kind="resource", resource_type=""),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    expected = {"title", "max_age", "price", "capacity", "ends_at", "single_dates",
                "contact_email", "resource_type"}
    assert expected <= set(errors)
    assert not Offer.objects.exists()


def test_edit_and_capacity_cannot_go_below_spots_taken(client, login_as, offer, member):
    login_as(member)
    for _ in range(3):
        assert offer_take_spot(offer_id=offer.pk)
    url = reverse("organisations:offer-edit", args=[offer.pk])
    response = client.post(url, offer_data(capacity="2"))
    assert response.status_code == 200
    assert "allerede taget 3 pladser" in response.context["form"].errors["capacity"][0]
    offer.refresh_from_db()
    assert offer.capacity == 5
    response = client.post(url, offer_data(capacity="3", title="Nyt navn"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.capacity, offer.title, offer.spots_taken) == (3, "Nyt navn", 3)


def test_duplicate_makes_a_fresh_draft(client, login_as, offer, member):
    login_as(member)
    offer_take_spot(offer_id=offer.pk)
    response = client.post(reverse("organisations:offer-duplicate", args=[offer.pk]))
    copy = Offer.objects.exclude(pk=offer.pk).get()
    assert response.status_code == 302
    assert copy.title == f"Kopi af {offer.title}"
    assert (copy.status, copy.spots_taken, copy.capacity) == ("draft", 0, offer.capacity)


def test_pause_archive_publish(client, login_as, offer, member):
    login_as(member)
    url = reverse("organisations:offer-status", args=[offer.pk])
    for status in ("paused", "archived", "draft", "published"):
        client.post(url, {"status": status})
        offer.refresh_from_db()
        assert offer.status == status
    assert offer.published_at is not None
    client.post(url, {"status": "nonsense"})
    offer.refresh_from_db()
    assert offer.status == "published"


def test_pending_organisation_cannot_publish(client, login_as):
    organisation = make_organisation(status=Organisation.Status.PENDING)
    user = make_member(organisation)
    # Even with the organisation role (from another, approved organisation) publishing waits.
    other = make_organisation()
    make_member(other, user)
    offer = make_offer(organisation, status=Offer.Status.DRAFT)
    login_as(user)
    client.post(reverse("organisations:offer-status", args=[offer.pk]), {"status": "published"})
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("organisations:offer-edit", "get"),
        ("organisations:offer-edit", "post"),
        ("organisations:offer-duplicate", "post"),
        ("organisations:offer-status", "post"),
    ],
)
def test_other_organisation_gets_404(client, login_as, offer, other_member, name, method):
    login_as(other_member)
    response = getattr(client, method)(reverse(name, args=[offer.pk]), {"status": "archived"})
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.status == "published" and Offer.objects.count() == 1
    assert AccessLog.objects.filter(action="denied", object_id=str(offer.pk)).exists()


def test_other_organisations_dashboard_and_drafts_are_404(
    client, login_as, organisation, other_member
):
    draft = make_offer(organisation, status=Offer.Status.DRAFT)
    login_as(other_member)
    assert client.get(reverse("organisations:dashboard", args=[organisation.pk])).status_code == 404
    assert client.get(reverse("organisations:members", args=[organisation.pk])).status_code == 404
    assert client.get(reverse("offers:offer-detail", args=[draft.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("offers:offer-detail", args=[draft.pk])).status_code == 404


def test_member_previews_own_draft_and_dashboard(client, login_as, organisation, member):
    draft = make_offer(organisation, title="Min kladde", status=Offer.Status.DRAFT)
    login_as(member)
    assert client.get(reverse("offers:offer-detail", args=[draft.pk])).status_code == 200
    response = client.get(reverse("organisations:dashboard", args=[organisation.pk]))
    assert "Min kladde" in response.content.decode()
    assert client.get(reverse("organisations:home")).status_code == 302  # straight to own


def test_wrong_method_is_405(client, login_as, offer, member):
    login_as(member)
    assert client.get(reverse("organisations:offer-duplicate", args=[offer.pk])).status_code == 405


def test_anonymous_is_sent_to_login(client, offer):
    response = client.get(reverse("organisations:offer-edit", args=[offer.pk]))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_detail_page_shows_spots_left_and_organisation(client, offer):
    offer_take_spot(offer_id=offer.pk)
    response = client.get(reverse("offers:offer-detail", args=[offer.pk]))
    body = response.content.decode()
    assert "4 ledige pladser" in body and offer.organisation.name in body
    org_page = client.get(reverse("offers:organisation-detail", args=[offer.organisation.pk]))
    assert offer.title in org_page.content.decode()
