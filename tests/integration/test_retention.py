"""Mentoring counts as activity for retention: a young person in a match is not anonymised."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.mentoring.factories import make_match
from youth.mentoring import services
from youth.models import YouthProfile
from youth.selectors import due_for_retention

from .conftest import request_for

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=3 * 365)


def quiet_since_long_ago(youth):
    """No activity for three years and no consent that still counts: due for anonymising."""
    youth.consents.update(valid_until=datetime.date(2020, 1, 1), given_at=datetime.date(2019, 1, 1))
    YouthProfile.objects.filter(pk=youth.pk).update(last_activity_at=LONG_AGO)
    assert due_for_retention(24).filter(pk=youth.pk).exists()


def last_activity(youth):
    return YouthProfile.objects.values_list("last_activity_at", flat=True).get(pk=youth.pk)


def test_a_logged_contact_counts_as_activity(mentor_client, youth, mentor):
    match = make_match(youth, mentor, status="active")
    quiet_since_long_ago(youth)
    before = timezone.now()

    response = mentor_client.post(
        reverse("mentoring:match-contact", args=[match.pk]),
        {"happened_on": timezone.localdate(), "minutes": 30, "kind": "meeting", "note": ""},
    )

    assert response.status_code == 302
    assert last_activity(youth) >= before
    assert not due_for_retention(24).filter(pk=youth.pk).exists()


@pytest.mark.parametrize("action", ["claim", "approve", "decline", "close"])
def test_claims_decisions_and_closure_count_as_activity(youth, mentor, caseworker, action):
    match = {
        "claim": lambda: None,
        "approve": lambda: make_match(youth, mentor),
        "decline": lambda: make_match(youth, mentor),
        "close": lambda: make_match(youth, mentor, status="active"),
    }[action]()
    YouthProfile.objects.filter(pk=youth.pk).update(last_activity_at=LONG_AGO)
    request = request_for(mentor.user if action == "claim" else caseworker)

    if action == "claim":
        services.match_claim(request=request, mentor=mentor, youth=youth, message="Hej")
    elif action == "approve":
        services.match_approve(
            request=request,
            match=match,
            youth_agreed_on=timezone.localdate(),
            share_email=False,
            share_phone=False,
            first_meeting_on=None,
        )
    elif action == "decline":
        services.match_decline(request=request, match=match, reason="Passer ikke")
    else:
        services.match_close(
            request=request, match=match, reason="goal_reached", note="", wants_new_mentor=False
        )

    assert last_activity(youth) > LONG_AGO
