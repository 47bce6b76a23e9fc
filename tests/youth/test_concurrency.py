"""Concurrent accepts with real connections: PostgreSQL settles who gets the last spot."""

import threading

import pytest
from django.db import connection

from offers.models import Offer
from tests.factories import make_department, make_organisation_user
from tests.youth.factories import make_offer, make_organisation, make_referral, make_youth
from youth.models import Referral, ReferralStatus
from youth.services import ReferralError, referral_transition

THREADS = 4


def run_at_once(work):
    """Run ``work(i)`` in THREADS threads released together; return their results."""
    barrier = threading.Barrier(THREADS)
    results = [None] * THREADS

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_never_overbook():
    members = [make_organisation_user() for _ in range(THREADS)]
    offer = make_offer(make_organisation(*members), capacity=1)
    department = make_department()
    referrals = [make_referral(make_youth(department), offer) for _ in range(THREADS)]

    def accept(i):
        return referral_transition(
            referral_id=referrals[i].pk, actor=members[i], to_status="accepted", side="organisation"
        ).status

    results = run_at_once(accept)
    assert sorted(results) == sorted(
        [ReferralStatus.ACCEPTED] + [ReferralStatus.WAITING_LIST] * (THREADS - 1)
    )
    assert Offer.objects.get(pk=offer.pk).spots_taken == 1
    statuses = list(Referral.objects.values_list("status", flat=True))
    assert statuses.count(ReferralStatus.ACCEPTED) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_of_one_referral_take_one_spot():
    members = [make_organisation_user() for _ in range(THREADS)]
    offer = make_offer(make_organisation(*members), capacity=5)
    referral = make_referral(make_youth(make_department()), offer)

    def accept(i):
        return referral_transition(
            referral_id=referral.pk, actor=members[i], to_status="accepted", side="organisation"
        ).status

    results = run_at_once(accept)
    assert results.count(ReferralStatus.ACCEPTED) == 1
    assert all(isinstance(r, ReferralError) for r in results if r != ReferralStatus.ACCEPTED)
    assert Offer.objects.get(pk=offer.pk).spots_taken == 1
    assert referral.events.filter(to_status=ReferralStatus.ACCEPTED).count() == 1
