"""Becoming a mentor: the application, the coordinator's checklist, status and role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import Role, RoleAssignment
from tests.factories import login, make_coordinator, make_user
from youth.mentoring.choices import MentorStatus, VettingKind
from youth.mentoring.models import Mentor, VettingItem

from .factories import make_mentor, postcode


@pytest.fixture
def coordinator_client(client, db):
    login(client, make_coordinator())
    return client


def application(**extra):
    return {
        "first_name": "Anna",
        "last_name": "Andersen",
        "phone": "12345678",
        "postcode": postcode().code,
        "mentor_type": "besoegsven",
        "interests": ["musik", "natur"],
        "skills": "Guitar",
        "languages": "Dansk, arabisk",
        "availability": ["tir-eftermiddag", "lor-formiddag"],
        "capacity": "2",
        "preferred_age_band": "15-17",
        "motivation": "Jeg vil gerne give noget videre.",
        **extra,
    }


@pytest.mark.django_db
def test_anonymous_home_explains_and_links_to_signup(client):
    response = client.get(reverse("mentoring:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("account_signup") in html
    assert 'name="motivation"' not in html


@pytest.mark.django_db
def test_logged_in_user_applies(client, mailoutbox, django_capture_on_commit_callbacks):
    user = make_user()
    login(client, user, mfa=False)
    assert 'name="motivation"' in client.get(reverse("mentoring:home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:apply"), application())
    assert response.status_code == 302
    mentor = Mentor.objects.get(user=user)
    assert mentor.status == MentorStatus.APPLIED
    assert mentor.languages == ["dansk", "arabisk"]
    assert mentor.availability == ["tir-eftermiddag", "lor-formiddag"]
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Anna", "12345678")
    assert not RoleAssignment.objects.filter(user=user, role=Role.MENTOR).exists()
    assert mailoutbox[0].to == [user.email]
    # A second application changes nothing.
    client.post(reverse("mentoring:apply"), application(first_name="Berit"))
    assert Mentor.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_bad_application_shows_danish_errors_and_saves_nothing(client):
    login(client, make_user(), mfa=False)
    response = client.post(
        reverse("mentoring:apply"),
        application(capacity="0", motivation="Ring på 010203-1234", postcode="0000"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "CPR-numre må ikke gemmes" in html
    assert not Mentor.objects.exists()


@pytest.mark.django_db
def test_anonymous_cannot_apply(client):
    response = client.post(reverse("mentoring:apply"), application())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Mentor.objects.exists()


@pytest.mark.django_db
def test_vetting_and_approval_grant_the_role(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    mentor = make_mentor(status=MentorStatus.APPLIED, certificate=False)
    status_url = reverse("coordinator-mentors:set-status", args=[mentor.pk])
    response = coordinator_client.post(status_url, {"status": "approved"})
    assert response.status_code == 400
    assert "Mangler" in response.content.decode()
    vetting_url = reverse("coordinator-mentors:vetting-record", args=[mentor.pk])
    today = timezone.localdate()
    for kind in ("interview", "references", "training", "confidentiality"):
        response = coordinator_client.post(vetting_url, {"kind": kind, "done_on": today})
        assert response.status_code == 302
    # A børneattest needs a renewal date after the date obtained; only dates are kept.
    response = coordinator_client.post(vetting_url, {"kind": "child_certificate", "done_on": today})
    assert response.status_code == 400
    coordinator_client.post(
        vetting_url,
        {
            "kind": "child_certificate",
            "done_on": today,
            "valid_until": today + datetime.timedelta(days=730),
        },
    )
    item = VettingItem.objects.get(mentor=mentor, kind=VettingKind.CHILD_CERTIFICATE)
    assert item.valid_until == today + datetime.timedelta(days=730)
    assert item.recorded_by is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert coordinator_client.post(status_url, {"status": "approved"}).status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.APPROVED
    assert RoleAssignment.objects.filter(user=mentor.user, role=Role.MENTOR).exists()
    assert mailoutbox[-1].to == [mentor.user.email]
    assert "Godkendt" in mailoutbox[-1].subject
    # Stopping takes the role away again.
    coordinator_client.post(status_url, {"status": "stopped"})
    assert not RoleAssignment.objects.filter(user=mentor.user, role=Role.MENTOR).exists()


@pytest.mark.django_db
def test_expiring_certificates_list(coordinator_client):
    today = timezone.localdate()
    soon = make_mentor(certificate_valid_until=today + datetime.timedelta(days=30))
    expired = make_mentor(certificate_valid_until=today - datetime.timedelta(days=3))
    later = make_mentor(certificate_valid_until=today + datetime.timedelta(days=90))
    html = coordinator_client.get(
        reverse("coordinator-mentors:expiring-certificates")
    ).content.decode()
    assert str(soon) in html and str(expired) in html
    assert str(later) not in html


@pytest.mark.django_db
def test_coordinator_pages_render(coordinator_client):
    mentor = make_mentor()
    for url in (
        reverse("coordinator-mentors:list"),
        reverse("coordinator-mentors:list") + "?status=approved",
        reverse("coordinator-mentors:detail", args=[mentor.pk]),
        reverse("coordinator-mentors:board"),
    ):
        assert coordinator_client.get(url).status_code == 200, url
