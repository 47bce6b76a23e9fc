""""Kendt af": for a young person shared with my department, who else knows them."""

import uuid

import pytest
from django.urls import reverse

from ressourcebank.audit.models import AccessLog, Action
from tests.factories import make_caseworker
from tests.overview import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_youth(department, other_department, third_department):
    """A Jobcenter young person shared with Skole (my department) and Kultur og Fritid."""
    other_department.contact_email = "jobcenter@randers.example"
    other_department.save()
    owner = make_caseworker(other_department, email="ejer@randers.example",
                            first_name="Hanne", last_name="Holm")
    youth = f.make_youth(other_department, caseworker=owner, wishes="Hemmeligt ønske")
    f.share_with(youth, department)
    f.share_with(youth, third_department)
    return youth


def test_list_shows_only_youth_shared_with_my_department(
    shared_youth, client_for, other_department, department
):
    not_shared = f.make_youth(other_department)
    mine = f.make_youth(department)
    response = client_for("caseworker").get(reverse("overview:known-to"))
    html = response.content.decode()
    assert shared_youth.first_name in html
    assert not_shared.first_name not in html
    assert mine.first_name not in html  # my own are not "shared with" me
    assert AccessLog.objects.filter(
        action=Action.VIEW, object_id=str(shared_youth.pk), purpose__contains="kendt af"
    ).exists()


def test_detail_gives_departments_and_contacts_not_data(shared_youth, client_for, personas):
    response = client_for("caseworker").get(
        reverse("overview:known-to-detail", args=[shared_youth.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jobcenter" in html and "Kultur og Fritid" in html
    assert "ejer@randers.example" in html and "Hanne Holm" in html
    assert "jobcenter@randers.example" in html
    assert "Hemmeligt ønske" not in html
    assert AccessLog.objects.filter(
        action=Action.VIEW, object_id=str(shared_youth.pk), actor=personas["caseworker"]
    ).exists()


def test_a_young_person_not_shared_with_me_is_404_and_logged(
    client_for, other_department, personas
):
    hidden = f.make_youth(other_department)
    response = client_for("caseworker").get(reverse("overview:known-to-detail", args=[hidden.pk]))
    assert response.status_code == 404
    assert AccessLog.objects.filter(
        action=Action.DENIED, object_id=str(hidden.pk), actor=personas["caseworker"]
    ).exists()
    missing = client_for("caseworker").get(
        reverse("overview:known-to-detail", args=[uuid.uuid4()])
    )
    assert missing.status_code == 404


def test_mentor_cannot_open_known_to(shared_youth, client_for):
    url = reverse("overview:known-to-detail", args=[shared_youth.pk])
    assert client_for("mentor").get(url).status_code == 403
