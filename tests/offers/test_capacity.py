"""Capacity is a promise: spots taken never exceed capacity, also under concurrent takers."""

import threading

import pytest
from django.db import IntegrityError, connection

from offers.models import Offer
from offers.services import offer_release_spot, offer_take_spot
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


def test_take_spot_until_full():
    offer = make_offer(capacity=2)
    assert offer_take_spot(offer_id=offer.pk) is True
    assert offer_take_spot(offer_id=offer.pk) is True
    assert offer_take_spot(offer_id=offer.pk) is False
    offer.refresh_from_db()
    assert offer.spots_taken == 2
    assert offer.is_full


def test_unlimited_capacity_always_takes():
    offer = make_offer(capacity=None)
    assert all(offer_take_spot(offer_id=offer.pk) for _ in range(5))
    offer.refresh_from_db()
    assert offer.spots_taken == 5


def test_take_spot_of_missing_offer_is_false():
    assert offer_take_spot(offer_id=987654321) is False


def test_release_never_below_zero():
    offer = make_offer(capacity=1)
    offer_take_spot(offer_id=offer.pk)
    offer_release_spot(offer_id=offer.pk)
    offer_release_spot(offer_id=offer.pk)
    offer.refresh_from_db()
    assert offer.spots_taken == 0


def test_database_refuses_overbooking_directly():
    offer = make_offer(capacity=1, spots_taken=1)
    with pytest.raises(IntegrityError):
        Offer.objects.filter(pk=offer.pk).update(spots_taken=2)


@pytest.mark.django_db(transaction=True)
def test_concurrent_takers_never_overbook():
    offer = make_offer(capacity=3)
    results = []
    barrier = threading.Barrier(10)

    def take():
        try:
            barrier.wait()
            results.append(offer_take_spot(offer_id=offer.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True] * 3
    offer.refresh_from_db()
    assert offer.spots_taken == 3
