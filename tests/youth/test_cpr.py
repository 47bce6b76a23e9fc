"""The CPR guard on every free-text field of young people, consents and referrals."""

import pytest
from django.urls import reverse

from offers.models import Offer
from tests.youth.factories import make_postcode, make_referral, years_ago
from youth.models import Consent, Referral, ReferralStatus, YouthProfile
from youth.validators import CPR_MESSAGE, contains_cpr

CPR = "010203-1234"


@pytest.mark.parametrize(
    "text",
    ["010203-1234", "0102031234", "010203 1234", "Hun har cpr 311299-1234 tror jeg", "290200-1234"],
)
def test_cpr_like_numbers_are_found(text):
    assert contains_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "86 42 00 00",  # a phone number
        "12345678",
        "320101-1234",  # no 32nd day
        "011301-1234",  # no 13th month
        "290201-1234",  # 29 February 2001/1901 does not exist
        "SAG-2026-1234",
        "1234567890123",  # longer runs of digits are not CPR numbers
        "",
    ],
)
def test_other_numbers_pass(text):
    assert not contains_cpr(text)


pytestmark = pytest.mark.django_db

PROFILE_FIELDS = ["first_name", "surname", "email", "phone", "wishes", "languages"]


def profile_data(department, **overrides):
    data = {
        "first_name": "Freja",
        "surname": "Hansen",
        "date_of_birth": years_ago(17).isoformat(),
        "postcode": make_postcode().pk,
        "email": "freja@example.dk",
        "phone": "86 42 00 00",
        "situation": "i_skole",
        "wishes": "Musik",
        "languages": "dansk, engelsk",
        "department": department.pk,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("field", PROFILE_FIELDS)
def test_profile_free_text_refuses_cpr(client_for, department, field):
    value = f"{CPR}@example.dk" if field == "email" else f"tekst {CPR}"
    response = client_for("caseworker").post(
        reverse("youth:create"), profile_data(department, **{field: value})
    )
    assert response.status_code == 200
    assert str(CPR_MESSAGE) in response.content.decode()
    assert not YouthProfile.objects.exists()


def test_profile_without_cpr_is_saved(client_for, department):
    response = client_for("caseworker").post(reverse("youth:create"), profile_data(department))
    profile = YouthProfile.objects.get()
    assert response.status_code == 302
    assert profile.languages == ["dansk", "engelsk"]


def test_profile_edit_refuses_cpr(client_for, department, youth):
    response = client_for("caseworker").post(
        reverse("youth:edit", args=[youth.pk]), profile_data(department, wishes=CPR)
    )
    assert str(CPR_MESSAGE) in response.content.decode()
    youth.refresh_from_db()
    assert youth.wishes == ""


def test_consent_evidence_refuses_cpr(client_for, youth):
    before = Consent.objects.count()
    response = client_for("caseworker").post(
        reverse("youth:consent-create", args=[youth.pk]),
        {
            "purpose": "mentor_matching",
            "given_by": "youth",
            "method": "written",
            "given_at": "",
            "valid_until": "",
            "evidence_reference": f"Se {CPR}",
        },
    )
    assert str(CPR_MESSAGE) in response.content.decode()
    assert Consent.objects.count() == before


def test_referral_message_refuses_cpr(client_for, youth, offer):
    response = client_for("caseworker").post(
        reverse("youth:referral-create", args=[youth.pk]),
        {"offer": offer.pk, "message": f"CPR {CPR}"},
    )
    assert str(CPR_MESSAGE) in response.content.decode()
    assert not Referral.objects.exists()


def test_referral_cancel_reason_refuses_cpr(client_for, youth, offer, personas):
    referral = make_referral(youth, offer, referred_by=personas["caseworker"])
    response = client_for("caseworker").post(
        reverse("youth:referral-cancel", args=[referral.pk]), {"reason": CPR}
    )
    assert response.status_code == 400
    assert str(CPR_MESSAGE) in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_organisation_reason_refuses_cpr(client_for, youth, offer, personas):
    referral = make_referral(youth, offer, status=ReferralStatus.STARTED)
    Offer.objects.filter(pk=offer.pk).update(spots_taken=1)
    response = client_for("organisation_member").post(
        reverse("youth:org-referral-answer", args=[referral.pk, "dropped"]),
        {"dropped-reason": f"Se {CPR}"},
    )
    assert response.status_code == 400
    assert str(CPR_MESSAGE) in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.STARTED
