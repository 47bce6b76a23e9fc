"""The coordinator approves or rejects organisations; the applicant hears either way."""

import pytest
from django.urls import reverse

from offers.models import Organisation
from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import forget_roles, roles_of
from tests.factories import login, make_coordinator, make_user
from tests.offers.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    return login(client, make_coordinator())


@pytest.fixture
def pending():
    organisation = make_organisation(
        status=Organisation.Status.PENDING, name="Klatreklubben", contact_email="k@klatre.example"
    )
    make_member(organisation, make_user(email="admin@klatre.example"))
    return organisation


def decide(client, organisation, **data):
    url = reverse("coordinator-organisations:detail", args=[organisation.pk])
    return client.post(url, data)


def test_list_shows_pending(coordinator_client, pending):
    response = coordinator_client.get(reverse("coordinator-organisations:list"))
    assert "Klatreklubben" in response.content.decode()


def test_approval_grants_role_and_emails(
    coordinator_client, pending, mailoutbox, django_capture_on_commit_callbacks
):
    admin = pending.memberships.get().user
    assert Role.ORGANISATION not in roles_of(admin).roles
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(coordinator_client, pending, decision="approved", reason="")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.APPROVED
    forget_roles(admin)
    assert Role.ORGANISATION in roles_of(admin).roles
    change = pending.status_changes.first()
    assert (change.from_status, change.to_status) == ("pending", "approved")
    assert change.changed_by.email.startswith("user")
    assert set(mailoutbox[0].to) == {"k@klatre.example", "admin@klatre.example"}
    assert "godkendt" in mailoutbox[0].body


def test_rejection_needs_a_reason_and_emails_it(
    coordinator_client, pending, mailoutbox, django_capture_on_commit_callbacks
):
    response = decide(coordinator_client, pending, decision="rejected", reason=" ")
    assert "reason" in response.context["form"].errors
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        decide(coordinator_client, pending, decision="rejected", reason="Ikke i Randers Kommune")
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.REJECTED
    assert pending.status_changes.first().reason == "Ikke i Randers Kommune"
    assert "Ikke i Randers Kommune" in mailoutbox[0].body
    assert Role.ORGANISATION not in roles_of(pending.memberships.get().user).roles


def test_transition_not_allowed_is_a_field_message(coordinator_client, pending):
    response = decide(coordinator_client, pending, decision="suspended", reason="Fordi")
    assert "decision" in response.context["form"].errors
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


def test_suspension_hides_offers(coordinator_client, client):
    from tests.offers.factories import make_offer

    organisation = make_organisation()
    offer = make_offer(organisation, title="Skjules")
    decide(coordinator_client, organisation, decision="suspended", reason="Klager")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.SUSPENDED
    client.logout()
    assert client.get(reverse("offers:offer-detail", args=[offer.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["organisation_member", "caseworker", "mentor"])
def test_others_may_not_decide(client_for, persona, pending):
    client = client_for(persona)
    response = decide(client, pending, decision="approved")
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING
