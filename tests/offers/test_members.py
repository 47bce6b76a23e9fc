"""Members invite colleagues by email; invitations make members (admin or member)."""

import re

import pytest
from django.urls import reverse

from offers.models import OrganisationInvitation, OrganisationMember
from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import roles_of
from tests.factories import PASSWORD, make_user
from tests.offers.factories import make_member

pytestmark = pytest.mark.django_db


def invite(client, organisation, email="kollega@musik.example", role="member"):
    return client.post(
        reverse("organisations:members", args=[organisation.pk]), {"email": email, "role": role}
    )


def invitation_link(mail):
    return re.search(r"http://testserver(/organisationer/invitation/\S+/)", mail.body).group(1)


def test_admin_invites_and_new_person_accepts(
    client, login_as, organisation, member, mailoutbox, django_capture_on_commit_callbacks
):
    login_as(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, organisation, role="admin")
    assert response.status_code == 302
    invitation = OrganisationInvitation.objects.get()
    link = invitation_link(mailoutbox[0])
    assert link.split("/")[-2] not in invitation.token_hash  # only the hash is stored
    client.logout()
    response = client.post(
        link,
        {"first_name": "Kim", "last_name": "Kollega", "password1": PASSWORD,
         "password2": PASSWORD},
    )
    assert response.status_code == 302
    membership = OrganisationMember.objects.get(user__email="kollega@musik.example")
    assert membership.role == "admin" and membership.organisation == organisation
    assert Role.ORGANISATION in roles_of(membership.user).roles
    # A link works once.
    assert client.get(link).status_code == 404


def test_existing_user_logs_in_and_accepts(
    client, login_as, organisation, member, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = make_user(email="kollega@musik.example")
    login_as(member)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, organisation)
    link = invitation_link(mailoutbox[0])
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/konto/" in response["Location"]
    login_as(colleague)
    client.post(link)
    assert organisation.memberships.filter(user=colleague, role="member").exists()


def test_someone_else_cannot_use_the_link(
    client, login_as, organisation, member, mailoutbox, django_capture_on_commit_callbacks
):
    login_as(member)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, organisation)
    link = invitation_link(mailoutbox[0])
    stranger = make_user(email="fremmed@x.example")
    login_as(stranger)
    client.post(link)
    assert not organisation.memberships.filter(user=stranger).exists()


def test_unknown_token_is_404(client):
    response = client.get(reverse("organisations:invitation-accept", args=["ukendt"]))
    assert response.status_code == 404


def test_plain_member_cannot_invite(client, login_as, organisation):
    plain = make_member(organisation, role=OrganisationMember.Role.MEMBER)
    login_as(plain)
    assert invite(client, organisation).status_code == 403
    assert not OrganisationInvitation.objects.exists()


def test_invalid_email_and_existing_member(client, login_as, organisation, member):
    login_as(member)
    response = invite(client, organisation, email="ikke en mail")
    assert "email" in response.context["form"].errors
    response = invite(client, organisation, email=member.email)
    assert "allerede medlem" in response.context["form"].errors["email"][0]


def test_other_organisation_cannot_invite_here(client, login_as, organisation, other_member):
    login_as(other_member)
    assert invite(client, organisation).status_code == 404
    assert not OrganisationInvitation.objects.exists()
