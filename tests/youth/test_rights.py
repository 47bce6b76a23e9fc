"""Data rights: the Art. 15 export, erasure, and the retention command."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from ressourcebank.audit.models import AccessLog, Action
from tests.youth.factories import make_consent, make_referral, make_youth
from youth.models import ConsentPurpose, ReferralStatus, YouthProfile
from youth.services import referral_transition, youth_erase

pytestmark = pytest.mark.django_db


def test_export_contains_when_and_why_without_who(client_for, youth, offer, personas):
    make_referral(youth, offer, referred_by=personas["caseworker"])
    client_for("caseworker").get(reverse("youth:detail", args=[youth.pk]))
    viewed = AccessLog.objects.get(action=Action.VIEW, object_id=str(youth.pk))
    response = client_for("caseworker").get(reverse("youth:export-json", args=[youth.pk]))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["profil"]["fornavn"] == "Freja"
    assert [c["formaal"] for c in data["samtykker"]] == ["Henvisning til tilbud"]
    assert data["henvisninger"][0]["tilbud"] == offer.title
    access = data["adgang_til_oplysningerne"]
    assert {
        "tidspunkt": viewed.at.isoformat(),
        "handling": "Vist",
        "formaal": "Visning af profil",
    } in access
    assert personas["caseworker"].email not in response.content.decode()
    assert AccessLog.objects.filter(action=Action.EXPORT, object_id=str(youth.pk)).count() == 1


def test_export_print_page_shows_the_access_dates(client_for, youth):
    client = client_for("caseworker")
    client.get(reverse("youth:detail", args=[youth.pk]))
    viewed = AccessLog.objects.get(action=Action.VIEW, object_id=str(youth.pk))
    html = client.get(reverse("youth:export", args=[youth.pk])).content.decode()
    page = html[html.index("<main") : html.index("</main>")]  # the header names the user
    local = timezone.localtime(viewed.at)
    assert local.strftime("%d.%m.%Y") in page
    assert "Visning af profil" in page
    assert "cw@test.example" not in page


def test_export_hook_adds_sections(client_for, youth):
    from youth.signals import youth_export_collect

    def mentor_section(sender, profile, **kwargs):
        return ("mentorforloeb", "Mentorforløb", [{"status": "Aktivt"}])

    youth_export_collect.connect(mentor_section)
    try:
        data = client_for("caseworker").get(reverse("youth:export-json", args=[youth.pk])).json()
    finally:
        youth_export_collect.disconnect(mentor_section)
    assert data["mentorforloeb"] == [{"status": "Aktivt"}]


def test_erasure_keeps_statistics_and_blanks_personal_data(client_for, youth, offer, personas):
    youth.wishes = "Mine drømme"
    youth.phone = "86 00 00 00"
    youth.languages = ["dansk", "tigrinya"]
    youth.save()  # a second history row holding personal data
    band, department, postcode, situation = (
        youth.age_band, youth.department_id, youth.postcode_id, youth.situation
    )  # fmt: skip
    referral = make_referral(youth, offer, referred_by=personas["caseworker"], message="Hemmelig")
    referral_transition(
        referral_id=referral.pk,
        actor=personas["organisation_member"],
        to_status="accepted",
        side="organisation",
    )
    response = client_for("caseworker").post(reverse("youth:erase", args=[youth.pk]))
    assert response.status_code == 302
    youth.refresh_from_db()
    assert youth.anonymised_at is not None
    assert (youth.first_name, youth.surname, youth.email, youth.phone, youth.wishes) == ("",) * 5
    assert youth.date_of_birth is None and youth.languages == []
    assert (youth.age_band, youth.department_id, youth.postcode_id, youth.situation) == (
        band, department, postcode, situation
    )  # fmt: skip
    for event in youth.events.all():
        assert (event.first_name, event.surname, event.wishes, event.phone) == ("",) * 4
        assert event.date_of_birth is None
    referral.refresh_from_db()
    assert (referral.status, referral.message) == (ReferralStatus.CANCELLED, "")
    assert Offer.objects.get(pk=offer.pk).spots_taken == 0
    assert youth.consents.get().evidence_reference == ""
    # Gone for everyone, also the coordinator.
    assert (
        client_for("coordinator").get(reverse("youth:detail", args=[youth.pk])).status_code == 404
    )
    assert YouthProfile.objects.count() == 1  # the anonymous row stays for statistics


def test_erasure_is_only_for_the_owning_department(client_for, youth, other_department):
    make_consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=other_department)
    response = client_for("caseworker_other_department").post(
        reverse("youth:erase", args=[youth.pk])
    )
    assert response.status_code == 404
    youth.refresh_from_db()
    assert youth.anonymised_at is None


def old_profile(department, *, months_ago=30, **consent):
    profile = make_youth(department)
    YouthProfile.objects.filter(pk=profile.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=31 * months_ago)
    )
    if consent:
        make_consent(profile, **consent)
    return profile


def run_retention(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_retention_dry_run_changes_nothing(department):
    due = old_profile(department)
    before = list(YouthProfile.objects.values())
    log_rows = AccessLog.objects.count()
    output = run_retention("--dry-run")
    assert "1 profile(s) would be anonymised" in output
    assert list(YouthProfile.objects.values()) == before
    assert AccessLog.objects.count() == log_rows
    due.refresh_from_db()
    assert due.anonymised_at is None


def test_retention_anonymises_only_what_is_due_and_is_idempotent(department):
    today = timezone.localdate()
    due = old_profile(department)
    recent = make_youth(department)
    consent_running = old_profile(department, valid_until=today + datetime.timedelta(days=5))
    consent_ended_recently = old_profile(
        department,
        given_at=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=100),
    )
    consent_ended_long_ago = old_profile(
        department,
        given_at=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=800),
    )
    assert "Anonymised 2 profile(s)" in run_retention()
    anonymised = set(YouthProfile.objects.filter(anonymised_at__isnull=False))
    assert anonymised == {due, consent_ended_long_ago}
    assert recent not in anonymised and consent_running not in anonymised
    assert consent_ended_recently not in anonymised
    assert "Anonymised 0 profile(s)" in run_retention()


def test_retention_months_option_and_verbosity(department):
    profile = old_profile(department, months_ago=7)
    assert "0 profile(s)" in run_retention("--dry-run")
    output = run_retention("--months", "6", "--verbosity", "2")
    assert f"anonymised {profile.pk}" in output
    assert run_retention("--verbosity", "0") == ""


def test_erase_service_is_idempotent(youth):
    assert youth_erase(profile=youth) is True
    assert youth_erase(profile=youth) is False


def test_demo_seed_is_idempotent():
    from ressourcebank.accounts import demo as accounts_demo
    from ressourcebank.areas import demo as areas_demo
    from youth import demo

    accounts_demo.seed()
    areas_demo.seed()
    first = demo.seed()
    count = YouthProfile.objects.count()
    assert count == demo.COUNT
    assert first.startswith(f"{count} young people")
    assert demo.seed().startswith("0 young people, 0 consents, 0 referrals")
    assert YouthProfile.objects.count() == count
