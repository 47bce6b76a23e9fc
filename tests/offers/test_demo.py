import pytest

from offers import demo
from offers.models import Offer, Organisation
from ressourcebank.accounts import demo as accounts_demo
from ressourcebank.areas import demo as areas_demo

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_realistic():
    accounts_demo.seed()
    areas_demo.seed()
    demo.seed()
    counts = (Organisation.objects.count(), Offer.objects.count())
    assert counts[0] >= 25 and counts[1] >= 75
    demo.seed()
    assert (Organisation.objects.count(), Offer.objects.count()) == counts
    published = Offer.objects.published()
    assert published.filter(price=0).exists() and published.filter(fritidspas=True).exists()
    assert any(offer.is_full for offer in published)
    assert published.filter(postcode__area__is_rural=True).count() >= 5
    assert published.filter(comes_to_schools=True).exists()
    music_school = Organisation.objects.get(name="Randers Musikskole")
    assert music_school.memberships.filter(
        user__email="musikskole@ressourcebank.example", role="admin"
    ).exists()
