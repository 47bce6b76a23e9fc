"""Organisation sign-up at /organisationer/: account with verified email, pending organisation."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
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


def _answer(client, data) -> str:
    """The page without its CSRF token and script nonce, which differ on every answer."""
    body = client.post(URL, data).content.decode()
    return re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]+"', "", body)


def test_a_taken_email_gets_the_same_answer_and_its_owner_an_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """The page cannot tell anyone whether an address has an account: the answer is the
    same as for a new address, and the address's owner is told how to go on."""
    make_user(email="Kendt@Forening.example")
    with django_capture_on_commit_callbacks(execute=True):
        taken = _answer(client, form_data(**{"konto-email": "kendt@forening.example"}))
        new = _answer(client, form_data(**{"konto-email": "kendt2@forening.example"}))
    assert taken.replace("kendt@", "kendt2@") == new
    assert "Der findes allerede en konto" not in taken
    assert list(Organisation.objects.values_list("members__email", flat=True)) == [
        "kendt2@forening.example"
    ]
    assert get_user_model().objects.filter(email__iexact="kendt@forening.example").count() == 1
    told = [m for m in mailoutbox if m.to == ["kendt@forening.example"]]
    assert len(told) == 1
    assert "allerede en konto" in told[0].subject
    assert "/konto/login/" in told[0].body and "/konto/password/reset/" in told[0].body


def test_sign_up_is_rate_limited_like_allauths(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "3/m/ip"}
    codes = [
        client.post(URL, form_data(**{"konto-email": f"n{i}@forening.example"})).status_code
        for i in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    assert Organisation.objects.count() == 3


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
