"""Organisation sign-up at /organisationer/: account with verified email, pending organisation."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse

from offers.models import Organisation, OrganisationMember, validate_cvr
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
URL = reverse("organisations:signup")


def form_data(**overrides):
    data = {
        "konto-email": "Ny@Forening.example",
        "konto-first_name": "Nina",
        "konto-last_name": "Ny",
        "konto-password1": PASSWORD,
        "konto-password2": PASSWORD,
        "org-name": "Randers Klatreklub",
        "org-kind": "forening",
        "org-cvr": "",
        "org-contact_name": "Nina Ny",
        "org-contact_email": "kontakt@klatre.example",
        "org-contact_phone": "86 42 00 00",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("cvr", ["10150817", "25313763", "29189846"])
def test_valid_cvr_numbers(cvr):
    validate_cvr(cvr)


@pytest.mark.parametrize("cvr", ["12345678", "1234567", "abcdefgh", "101508170"])
def test_invalid_cvr_numbers(cvr):
    with pytest.raises(ValidationError):
        validate_cvr(cvr)


def test_home_is_public_and_invites_sign_up(client):
    response = client.get(reverse("organisations:home"))
    assert response.status_code == 200
    assert URL in response.content.decode()


def test_anonymous_sign_up_creates_unverified_account_and_pending_organisation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())
    assert response.status_code == 200
    assert "ny@forening.example" in response.content.decode()
    organisation = Organisation.objects.get(name="Randers Klatreklub")
    assert organisation.status == Organisation.Status.PENDING
    membership = OrganisationMember.objects.get(organisation=organisation)
    assert membership.role == "admin" and membership.user.email == "ny@forening.example"
    change = organisation.status_changes.get()
    assert change.to_status == "pending" and change.changed_by == membership.user
    address = EmailAddress.objects.get(user=membership.user)
    assert address.verified is False
    # allauth's confirmation mail; following its link verifies the address.
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ny@forening.example"]
    link = re.search(r"https?://\S+/konto/\S+", mailoutbox[0].body).group(0)
    client.post(link)
    address.refresh_from_db()
    assert address.verified is True


def test_unverified_user_cannot_log_in_yet(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data())
    client.post(reverse("account_login"), {"login": "ny@forening.example", "password": PASSWORD})
    response = client.get(reverse("organisations:home"))
    assert "Randers Klatreklub" not in response.content.decode()


def test_taken_email_explains_what_to_do(client):
    make_user(email="ny@forening.example")
    response = client.post(URL, form_data())
    assert response.status_code == 200
    assert "Der findes allerede en konto med denne e-mail" in response.content.decode()
    assert not Organisation.objects.exists()


def test_invalid_cvr_and_long_name_give_field_messages(client):
    response = client.post(URL, form_data(**{"org-cvr": "12345678", "org-name": "x" * 151}))
    errors = response.context["organisation_form"].errors
    assert "kontrolcifferet" in errors["cvr"][0]
    assert "name" in errors
    assert not Organisation.objects.exists()
    assert not EmailAddress.objects.exists()


def test_mismatched_passwords(client):
    response = client.post(URL, form_data(**{"konto-password2": "noget-andet-helt-42"}))
    assert "password2" in response.context["account_form"].errors


def test_logged_in_user_registers_without_account_fields(client, mailoutbox):
    user = make_user(email="mentor@x.example")
    client.force_login(user)
    data = {k: v for k, v in form_data().items() if k.startswith("org-")}
    response = client.post(URL, data)
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.memberships.get().user == user
    home = client.get(reverse("organisations:home"))
    assert "Afventer godkendelse" in home.content.decode()


def test_script_in_organisation_name_renders_as_text(client):
    user = make_user()
    client.force_login(user)
    data = {k: v for k, v in form_data().items() if k.startswith("org-")}
    data["org-name"] = "<script>alert(1)</script>"
    client.post(URL, data)
    response = client.get(reverse("organisations:home"))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
