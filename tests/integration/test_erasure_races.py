"""Erasure against a mentor acting at the same moment, on real concurrent connections.

Mentoring's services lock the young person's row before they write to a match (the order
erasure uses), so an action that comes in while an erasure is under way waits for it, then
sees that the young person is gone: nothing new about them is stored after the erasure.
"""

import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from tests.mentoring.factories import make_match
from youth.mentoring import services
from youth.mentoring.models import Contact, Match
from youth.models import YouthProfile
from youth.services import youth_erase

from .conftest import request_for

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "SKREVET-UNDER-SLETNINGEN"


def race_with_erasure(youth, actor, action) -> dict:
    """Erase ``youth`` and hold the transaction open while ``action`` runs in another thread."""
    erasing = threading.Event()
    outcome = {}

    def erase():
        try:
            with transaction.atomic():
                youth_erase(profile=youth, actor=actor)
                erasing.set()
                time.sleep(1)  # the action arrives while the erasure is not yet committed
        finally:
            connection.close()

    def act():
        try:
            assert erasing.wait(10)
            action()
            outcome["action"] = "done"
        except services.MentoringError as error:
            outcome["action"] = str(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=erase), threading.Thread(target=act)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcome


def test_a_claim_during_an_erasure_is_refused(youth, mentor, caseworker):
    seen_by_mentor = YouthProfile.objects.get(pk=youth.pk)  # the pool page was opened before

    outcome = race_with_erasure(
        youth,
        caseworker,
        lambda: services.match_claim(
            request=request_for(mentor.user), mentor=mentor, youth=seen_by_mentor, message=SECRET
        ),
    )

    assert outcome["action"] == str(services.CLAIM_TAKEN)
    assert not Match.objects.filter(youth=youth).exists()


def test_a_contact_logged_during_an_erasure_is_refused(youth, mentor, caseworker):
    match = make_match(youth, mentor, status="active")
    seen_by_mentor = Match.objects.get(pk=match.pk)  # the match page was opened before

    outcome = race_with_erasure(
        youth,
        caseworker,
        lambda: services.contact_log(
            request=request_for(mentor.user),
            match=seen_by_mentor,
            happened_on=timezone.localdate(),
            minutes=30,
            kind="meeting",
            note=SECRET,
        ),
    )

    assert outcome["action"] == "Kontakter kan kun registreres i et aktivt forløb."
    assert not Contact.objects.filter(note__contains=SECRET).exists()
    assert Match.objects.get(pk=match.pk).status == "closed"
