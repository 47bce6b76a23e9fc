"""Who sees which profile: the persona matrix across departments, with and without consent."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.audit.models import AccessLog, Action
from tests.youth.factories import make_consent, make_youth
from youth.models import ConsentPurpose, YouthProfile
from youth.services import consent_withdraw

pytestmark = pytest.mark.django_db

# persona → expected status for a profile owned by the caseworker's department (no sharing).
WITHOUT_SHARING = {
    "anonymous": 302,
    "organisation_member": 403,
    "mentor": 403,
    "caseworker": 200,
    "caseworker_other_department": 404,
    "coordinator": 200,
}
WITH_SHARING = {**WITHOUT_SHARING, "caseworker_other_department": 200}


def detail(profile):
    return reverse("youth:detail", args=[profile.pk])


@pytest.mark.parametrize("persona,expected", WITHOUT_SHARING.items())
def test_profile_without_sharing_consent(client_for, youth, persona, expected):
    response = client_for(persona).get(detail(youth))
    assert response.status_code == expected
    if expected == 200:
        assert "Freja" in response.content.decode()


@pytest.mark.parametrize("persona,expected", WITH_SHARING.items())
def test_profile_shared_with_other_department(
    client_for, youth, other_department, persona, expected
):
    make_consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=other_department)
    assert client_for(persona).get(detail(youth)).status_code == expected


def test_other_department_sees_the_same_404_as_for_a_missing_profile(client_for, youth):
    client = client_for("caseworker_other_department")
    denied = client.get(detail(youth))
    missing = client.get(reverse("youth:detail", args=["00000000-0000-4000-8000-000000000000"]))
    assert denied.status_code == missing.status_code == 404
    # Only the log tells them apart: a DENIED row for the real profile, none for the missing.
    rows = AccessLog.objects.filter(action=Action.DENIED, object_type="youth.youthprofile")
    assert list(rows.values_list("object_id", flat=True)) == [str(youth.pk)]


def test_sharing_with_a_third_department_does_not_open_it(client_for, youth, personas):
    from tests.factories import make_department

    make_consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=make_department("UU"))
    assert client_for("caseworker_other_department").get(detail(youth)).status_code == 404


def test_other_consent_purposes_do_not_share(client_for, youth, other_department):
    make_consent(youth, ConsentPurpose.MENTOR_MATCHING)
    assert client_for("caseworker_other_department").get(detail(youth)).status_code == 404


def test_withdrawal_hides_immediately(client_for, youth, other_department, personas):
    consent = make_consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=other_department)
    client = client_for("caseworker_other_department")
    assert client.get(detail(youth)).status_code == 200
    consent_withdraw(consent=consent, actor=personas["caseworker"], party="youth")
    assert client.get(detail(youth)).status_code == 404
    shared = client.get(reverse("youth:list-shared"))
    assert "Freja" not in shared.content.decode()


def test_expired_consent_hides_without_any_job(client_for, youth, other_department):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_consent(
        youth,
        ConsentPurpose.DEPARTMENT_SHARING,
        department=other_department,
        given_at=yesterday - datetime.timedelta(days=300),
        valid_until=yesterday,
    )
    assert client_for("caseworker_other_department").get(detail(youth)).status_code == 404


def test_consent_valid_until_today_still_shares(client_for, youth, other_department):
    make_consent(
        youth,
        ConsentPurpose.DEPARTMENT_SHARING,
        department=other_department,
        valid_until=timezone.localdate(),
    )
    assert client_for("caseworker_other_department").get(detail(youth)).status_code == 200


def test_visible_to_querysets(personas, department, other_department):
    own = make_youth(department)
    shared = make_youth(other_department)
    make_consent(shared, ConsentPurpose.DEPARTMENT_SHARING, department=department)
    hidden = make_youth(other_department)
    erased = make_youth(department, anonymised_at=timezone.now())
    cw = personas["caseworker"]
    assert set(YouthProfile.objects.visible_to(cw)) == {own, shared}
    assert set(YouthProfile.objects.visible_to(personas["coordinator"])) == {own, shared, hidden}
    assert erased not in YouthProfile.objects.visible_to(personas["coordinator"])
    for name in ("mentor", "organisation_member", "anonymous"):
        assert not YouthProfile.objects.visible_to(personas[name]).exists()


def test_viewing_a_profile_is_logged_with_its_purpose(client_for, youth):
    client_for("caseworker").get(detail(youth))
    row = AccessLog.objects.get(action=Action.VIEW, object_id=str(youth.pk))
    assert row.purpose == "Visning af profil"


@pytest.mark.parametrize(
    "name",
    ["edit", "consent-create", "referral-create", "export", "export-json", "erase"],
)
def test_every_profile_page_answers_404_outside_scope(client_for, youth, name):
    response = client_for("caseworker_other_department").get(
        reverse(f"youth:{name}", args=[youth.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["edit", "consent-create", "export", "erase"])
def test_shared_department_may_read_but_not_manage(client_for, youth, other_department, name):
    make_consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=other_department)
    response = client_for("caseworker_other_department").get(
        reverse(f"youth:{name}", args=[youth.pk])
    )
    assert response.status_code == 404


def test_write_views_refuse_wrong_method(client_for, youth):
    client = client_for("caseworker")
    assert client.delete(detail(youth)).status_code == 405
    response = client.get(reverse("youth:referral-cancel", args=[youth.pk]))
    assert response.status_code == 405
