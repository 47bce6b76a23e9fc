"""Claiming: one winner of many simultaneous claims, the børneattest gate, deciding, expiry."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from ressourcebank.audit.models import AccessLog
from tests.factories import make_caseworker, make_department
from youth.mentoring import services
from youth.mentoring.choices import MatchStatus, MentorStatus
from youth.mentoring.models import Match
from youth.mentoring.selectors import youth_pool

from .conftest import request_for
from .factories import give_consent, make_match, make_mentor, make_youth


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_claims_exactly_one_wins():
    department = make_department("Skole")
    youth = make_youth(department, caseworker=make_caseworker(department))
    mentors = [make_mentor() for _ in range(20)]
    barrier = threading.Barrier(len(mentors))
    results = []
    lock = threading.Lock()

    def claim(mentor):
        try:
            barrier.wait()
            try:
                services.match_claim(
                    request=request_for(mentor.user), mentor=mentor, youth=youth, message="Hej"
                )
                outcome = "won"
            except services.MentoringError as error:
                outcome = str(error)
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(m,)) for m in mentors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results.count("won") == 1
    assert len(results) == 20
    assert set(results) - {"won"} == {str(services.CLAIM_TAKEN)}
    assert Match.objects.filter(youth=youth, status=MatchStatus.CLAIMED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_mentor_claiming_in_parallel_keeps_to_capacity():
    department = make_department("Skole")
    youths = [make_youth(department) for _ in range(5)]
    mentor = make_mentor(capacity=2)
    barrier = threading.Barrier(len(youths))
    won = []

    def claim(youth):
        try:
            barrier.wait()
            try:
                services.match_claim(
                    request=request_for(mentor.user), mentor=mentor, youth=youth, message="Hej"
                )
                won.append(youth.pk)
            except services.MentoringError:
                pass
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(y,)) for y in youths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 2
    assert Match.objects.filter(mentor=mentor).count() == 2


def claim(mentor, youth):
    return services.match_claim(
        request=request_for(mentor.user), mentor=mentor, youth=youth, message="Hej"
    )


@pytest.mark.django_db
def test_no_valid_certificate_cannot_claim_under_15(skole):
    youth = make_youth(skole, age=13)
    for mentor in (
        make_mentor(certificate=False),
        make_mentor(certificate_valid_until=timezone.localdate() - datetime.timedelta(days=1)),
    ):
        with pytest.raises(services.MentoringError, match="børneattest"):
            claim(mentor, youth)
    assert not Match.objects.exists()


@pytest.mark.django_db
def test_valid_certificate_may_claim_under_15(skole):
    youth = make_youth(skole, age=13)
    match = claim(make_mentor(certificate_valid_until=timezone.localdate()), youth)
    assert match.status == MatchStatus.CLAIMED


@pytest.mark.django_db
def test_no_certificate_may_claim_15_and_over(skole):
    assert claim(make_mentor(certificate=False), make_youth(skole, age=15)).pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [MentorStatus.APPLIED, MentorStatus.PAUSED, MentorStatus.STOPPED]
)
def test_only_approved_mentors_claim(skole, status):
    with pytest.raises(services.MentoringError):
        claim(make_mentor(status=status), make_youth(skole))


@pytest.mark.django_db
def test_claim_needs_an_active_consent(skole):
    youth = make_youth(skole, consent=False)
    give_consent(youth, withdrawn=True)
    with pytest.raises(services.MentoringError):
        claim(make_mentor(), youth)


@pytest.mark.django_db
def test_claim_emails_the_caseworker_and_leaves_the_pool(
    skole, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    youth = make_youth(skole, caseworker=caseworker)
    assert youth_pool().filter(pk=youth.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        match = claim(make_mentor(), youth)
    assert not youth_pool().filter(pk=youth.pk).exists()
    assert [m.to for m in mailoutbox] == [[caseworker.email]]
    body = mailoutbox[0].body
    assert str(match.pk) in body
    assert youth.first_name not in body
    assert AccessLog.objects.filter(object_id=str(youth.pk), action="create").exists()


@pytest.mark.django_db
def test_capacity_is_kept(skole):
    mentor = make_mentor(capacity=1)
    claim(mentor, make_youth(skole))
    with pytest.raises(services.MentoringError, match="ledige pladser"):
        claim(mentor, make_youth(skole))


@pytest.mark.django_db
def test_a_claim_is_decided_once(skole, caseworker, mailoutbox, django_capture_on_commit_callbacks):
    match = make_match(make_youth(skole, caseworker=caseworker), make_mentor())
    request = request_for(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        services.match_decline(request=request, match=match, reason="Den unge vil vente lidt")
    assert mailoutbox[-1].to == [match.mentor.user.email]
    assert "vente lidt" in mailoutbox[-1].body
    with pytest.raises(services.MentoringError):
        services.match_approve(
            request=request,
            match=match,
            youth_agreed_on=timezone.localdate(),
            share_email=True,
            share_phone=False,
            first_meeting_on=None,
        )
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED


@pytest.mark.django_db
def test_expire_claims_warns_then_expires(
    skole, caseworker, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.MENTOR_CLAIM_EXPIRY_DAYS = 10
    now = timezone.now()
    mentor = make_mentor(capacity=5)
    old = make_match(make_youth(skole, caseworker=caseworker), mentor)
    soon = make_match(make_youth(skole, caseworker=caseworker), mentor)
    fresh = make_match(make_youth(skole, caseworker=caseworker), mentor)
    Match.objects.filter(pk=old.pk).update(claimed_at=now - datetime.timedelta(days=11))
    Match.objects.filter(pk=soon.pk).update(claimed_at=now - datetime.timedelta(days=9))
    Match.objects.filter(pk=fresh.pk).update(claimed_at=now - datetime.timedelta(days=1))

    call_command("expire_claims", "--dry-run", verbosity=0)
    assert Match.objects.filter(status=MatchStatus.CLAIMED).count() == 3
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_claims", verbosity=0)
    statuses = dict(Match.objects.values_list("pk", "status"))
    assert statuses == {
        old.pk: MatchStatus.EXPIRED,
        soon.pk: MatchStatus.CLAIMED,
        fresh.pk: MatchStatus.CLAIMED,
    }
    recipients = sorted(tuple(m.to) for m in mailoutbox)
    assert recipients == sorted([(caseworker.email,), (mentor.user.email,)])
    # Warned once only.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_claims", verbosity=0)
    assert mailoutbox == []
    # The expired young person is back in the pool.
    assert youth_pool().filter(pk=old.youth_id).exists()
