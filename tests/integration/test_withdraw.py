"""A mentor withdraws their own unanswered claim; the young person goes back to the pool."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.factories import login
from tests.mentoring.factories import make_match, make_mentor
from youth.mentoring import services
from youth.mentoring.choices import MatchStatus
from youth.mentoring.models import Match
from youth.mentoring.selectors import youth_pool

from .conftest import request_for

pytestmark = pytest.mark.django_db


def withdraw_url(match):
    return reverse("mentoring:match-withdraw", args=[match.pk])


def test_mentor_withdraws_own_claim_and_the_youth_is_back_in_the_pool(
    mentor_client, youth, mentor, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    claim = make_match(youth, mentor)
    assert not youth_pool().filter(pk=youth.pk).exists()
    page = mentor_client.get(reverse("mentoring:match-detail", args=[claim.pk])).content.decode()
    assert withdraw_url(claim) in page  # the button is on the claim's page

    with django_capture_on_commit_callbacks(execute=True):
        response = mentor_client.post(withdraw_url(claim))

    assert response.url == reverse("mentoring:matches")
    claim.refresh_from_db()
    # Withdrawn, not declined: nobody said no, and the statistics must not count it as a no.
    assert claim.status == MatchStatus.WITHDRAWN
    assert claim.get_status_display() == "Trukket tilbage"
    assert claim.decided_by == mentor.user
    assert claim.decline_reason == ""
    assert youth_pool().filter(pk=youth.pk).exists()
    # The caseworker, who was asked to talk to the young person, is told.
    assert [mail.to for mail in mailoutbox] == [[caseworker.email]]
    assert "trukket sin anmodning tilbage" in mailoutbox[0].subject
    assert youth.first_name not in mailoutbox[0].body


def test_after_a_withdrawal_the_young_person_can_be_claimed_again(
    mentor_client, youth, mentor, caseworker
):
    """The partial unique constraint on open matches does not count a withdrawn claim."""
    claim = make_match(youth, mentor)
    mentor_client.post(withdraw_url(claim))

    again = services.match_claim(
        request=request_for(mentor.user), mentor=mentor, youth=youth, message="Igen"
    )
    other = make_mentor()
    with pytest.raises(services.MentoringError):
        services.match_claim(request=request_for(other.user), mentor=other, youth=youth, message="")

    statuses = dict(Match.objects.filter(youth=youth).values_list("pk", "status"))
    assert statuses == {claim.pk: MatchStatus.WITHDRAWN, again.pk: MatchStatus.CLAIMED}


def test_the_caseworker_sees_and_filters_withdrawn_claims(
    mentor_client, client, youth, mentor, caseworker
):
    withdrawn = make_match(youth, mentor)
    mentor_client.post(withdraw_url(withdrawn))
    declined = make_match(youth, make_mentor(), status="declined", decline_reason="Ikke nu")
    login(client, caseworker)
    url = reverse("mentoring:caseworker-matches")

    page = client.get(url, {"status": "withdrawn"}).content.decode()
    assert reverse("mentoring:caseworker-match", args=[withdrawn.pk]) in page
    assert reverse("mentoring:caseworker-match", args=[declined.pk]) not in page
    assert "Trukket tilbage" in page
    page = client.get(url, {"status": "declined"}).content.decode()
    assert reverse("mentoring:caseworker-match", args=[withdrawn.pk]) not in page
    assert reverse("mentoring:caseworker-match", args=[declined.pk]) in page
    detail = client.get(reverse("mentoring:caseworker-match", args=[withdrawn.pk]))
    assert "Trukket tilbage" in detail.content.decode()
    assert "Begrundelse for afvisning" not in detail.content.decode()


def test_another_mentors_claim_answers_404_and_stays(client, youth, mentor):
    claim = make_match(youth, make_mentor())
    login(client, mentor.user)

    assert client.post(withdraw_url(claim)).status_code == 404
    assert Match.objects.get(pk=claim.pk).status == MatchStatus.CLAIMED


@pytest.mark.parametrize("status", ["active", "declined", "withdrawn", "expired", "closed"])
def test_only_an_open_claim_can_be_withdrawn(mentor_client, youth, mentor, status):
    match = make_match(youth, mentor, status=status)

    response = mentor_client.post(withdraw_url(match), follow=True)

    assert Match.objects.get(pk=match.pk).status == status
    assert "allerede besvaret" in response.content.decode()


def test_withdraw_is_post_only(mentor_client, youth, mentor):
    claim = make_match(youth, mentor)
    assert mentor_client.get(withdraw_url(claim)).status_code == 405
    assert Match.objects.get(pk=claim.pk).status == MatchStatus.CLAIMED


def test_caseworker_and_anonymous_cannot_withdraw(client, youth, mentor, caseworker):
    claim = make_match(youth, mentor)
    anonymous = client.post(withdraw_url(claim))
    assert anonymous.status_code == 302 and "/konto/" in anonymous.url
    login(client, caseworker)
    assert client.post(withdraw_url(claim)).status_code == 403
    assert Match.objects.get(pk=claim.pk).status == MatchStatus.CLAIMED


@pytest.mark.django_db(transaction=True)
def test_withdrawal_racing_the_caseworkers_approval_has_one_winner(youth, mentor, caseworker):
    """Both at once, on real connections: the claim ends either approved or withdrawn."""
    claim = make_match(youth, mentor)
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name, action):
        try:
            barrier.wait()
            action()
            outcomes[name] = "ok"
        except services.MentoringError:
            outcomes[name] = "refused"
        finally:
            connection.close()

    approve = threading.Thread(
        target=run,
        args=(
            "approve",
            lambda: services.match_approve(
                request=request_for(caseworker),
                match=Match.objects.get(pk=claim.pk),
                youth_agreed_on=timezone.localdate(),
                share_email=False,
                share_phone=False,
                first_meeting_on=None,
            ),
        ),
    )
    withdraw = threading.Thread(
        target=run,
        args=(
            "withdraw",
            lambda: services.match_withdraw_claim(
                request=request_for(mentor.user),
                match=Match.objects.get(pk=claim.pk),
                mentor=mentor,
            ),
        ),
    )
    for thread in (approve, withdraw):
        thread.start()
    for thread in (approve, withdraw):
        thread.join()

    assert sorted(outcomes.values()) == ["ok", "refused"]
    status = Match.objects.get(pk=claim.pk).status
    winner = "approve" if status == MatchStatus.ACTIVE else "withdraw"
    assert outcomes[winner] == "ok"
    assert status in (MatchStatus.ACTIVE, MatchStatus.WITHDRAWN)
