"""Consent: registration rules, withdrawal with history, the expiring list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.youth.factories import make_consent, make_youth
from youth.models import Consent, ConsentPurpose

pytestmark = pytest.mark.django_db


def post_consent(client, profile, **overrides):
    data = {
        "purpose": "mentor_matching",
        "given_by": "youth",
        "method": "written",
        "given_at": timezone.localdate().isoformat(),
        "valid_until": "",
        "evidence_reference": "SAG-2026-0042",
    }
    data.update(overrides)
    return client.post(reverse("youth:consent-create", args=[profile.pk]), data)


def test_register_consent_defaults_to_twelve_months(client_for, youth, personas):
    response = post_consent(client_for("caseworker"), youth)
    assert response.status_code == 302
    consent = youth.consents.get(purpose=ConsentPurpose.MENTOR_MATCHING)
    assert consent.recorded_by == personas["caseworker"]
    assert (consent.valid_until - timezone.localdate()).days in range(364, 367)
    assert consent.is_active


def test_under_the_threshold_a_guardian_must_consent(client_for, department):
    child = make_youth(department, age=13)
    client = client_for("caseworker")
    response = post_consent(client, child, given_by="youth")
    assert "given_by" in response.context["form"].errors
    assert not child.consents.exists()
    assert post_consent(client, child, given_by="guardian").status_code == 302


def test_threshold_is_a_setting(client_for, department, settings):
    settings.CONSENT_AGE_THRESHOLD = 18
    young = make_youth(department, age=16)
    response = post_consent(client_for("caseworker"), young, given_by="youth")
    assert "given_by" in response.context["form"].errors


def test_sharing_needs_a_department(client_for, youth):
    response = post_consent(client_for("caseworker"), youth, purpose="department_sharing")
    assert "department" in response.context["form"].errors


def test_sharing_consent_registers_department(client_for, youth, other_department):
    post_consent(
        client_for("caseworker"),
        youth,
        purpose="department_sharing",
        department=other_department.pk,
    )
    consent = youth.consents.get(purpose=ConsentPurpose.DEPARTMENT_SHARING)
    assert consent.department == other_department


def test_withdrawal_keeps_the_row_and_records_who(client_for, youth, personas):
    consent = youth.consents.get()
    client = client_for("caseworker")
    url = reverse("youth:consent-withdraw", args=[consent.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"party": "guardian"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == personas["caseworker"]
    assert consent.withdrawn_by_party == "guardian"
    assert not consent.is_active
    assert Consent.objects.filter(pk=consent.pk).exists()
    # A second withdrawal changes nothing.
    first = consent.withdrawn_at
    client.post(url, {"party": "youth"})
    consent.refresh_from_db()
    assert (consent.withdrawn_at, consent.withdrawn_by_party) == (first, "guardian")


def test_other_department_cannot_withdraw(client_for, youth, other_department):
    make_consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=other_department)
    consent = youth.consents.get(purpose=ConsentPurpose.REFERRAL)
    response = client_for("caseworker_other_department").post(
        reverse("youth:consent-withdraw", args=[consent.pk]), {"party": "youth"}
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_expiring_consents_page(client_for, personas, department, other_department):
    soon = make_youth(department, first_name="Snart")
    make_consent(soon, valid_until=timezone.localdate() + datetime.timedelta(days=20))
    later = make_youth(department, first_name="Senere")
    make_consent(later, valid_until=timezone.localdate() + datetime.timedelta(days=60))
    gone = make_youth(department, first_name="Trukket")
    make_consent(
        gone, valid_until=timezone.localdate() + datetime.timedelta(days=5), withdrawn=True
    )
    hidden = make_youth(other_department, first_name="Skjult")
    make_consent(hidden, valid_until=timezone.localdate() + datetime.timedelta(days=5))
    response = client_for("caseworker").get(reverse("youth:consents-expiring"))
    assert [c.youth.first_name for c in response.context["consents"]] == ["Snart"]
