import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ressourcebank.accounts.models import Role, RoleAssignment
from ressourcebank.audit.models import AccessLog
from tests.factories import login, make_coordinator


@pytest.fixture
def coordinator_client(client, db):
    return login(client, make_coordinator())


@pytest.mark.django_db
def test_coordinator_invites_a_caseworker(
    coordinator_client, department, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("coordinator:staff-invite"),
            {
                "email": "Ny.Medarbejder@Randers.example",
                "first_name": "Ny",
                "last_name": "Medarbejder",
                "role": Role.CASEWORKER,
                "departments": [department.pk],
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ny.medarbejder@randers.example")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.filter(
        user=user, role=Role.CASEWORKER, department=department
    ).exists()
    assert len(mailoutbox) == 1
    assert "/konto/password/reset/key/" in mailoutbox[0].body
    assert AccessLog.objects.filter(object_id=str(user.pk), action="create").exists()


@pytest.mark.django_db
def test_invite_with_bad_input_changes_nothing(coordinator_client, mailoutbox):
    existing = get_user_model().objects.count()
    response = coordinator_client.post(
        reverse("coordinator:staff-invite"),
        {"email": "ikke-en-email", "first_name": "", "last_name": "x" * 500, "role": "caseworker"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"email", "first_name", "last_name", "departments"} <= set(errors)
    assert "Indtast en gyldig e-mail-adresse." in errors["email"]
    assert get_user_model().objects.count() == existing
    assert mailoutbox == []


@pytest.mark.django_db
def test_invite_refuses_a_taken_email(coordinator_client, department):
    taken = make_coordinator()
    response = coordinator_client.post(
        reverse("coordinator:staff-invite"),
        {
            "email": taken.email.upper(),
            "first_name": "A",
            "last_name": "B",
            "role": Role.COORDINATOR,
        },
    )
    assert response.status_code == 200
    assert "findes allerede" in str(response.context["form"].errors["email"])
