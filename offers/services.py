"""Writes about organisations and offers. Capacity is settled by PostgreSQL, not by Python."""

from django.db.models import F, Q

from .models import Offer


def offer_take_spot(*, offer_id: int) -> bool:
    """Take one spot if one is free; True when taken.

    One conditional UPDATE: concurrent callers queue on the row lock and each re-checks the
    condition, so an offer is never overbooked. The CheckConstraint is the backstop.
    """
    updated = (
        Offer.objects.filter(pk=offer_id)
        .filter(Q(capacity__isnull=True) | Q(spots_taken__lt=F("capacity")))
        .update(spots_taken=F("spots_taken") + 1)
    )
    return updated == 1


def offer_release_spot(*, offer_id: int) -> None:
    """Give one spot back; never below zero."""
    Offer.objects.filter(pk=offer_id, spots_taken__gt=0).update(
        spots_taken=F("spots_taken") - 1
    )

