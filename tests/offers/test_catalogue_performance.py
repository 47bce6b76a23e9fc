"""The catalogue at national scale: a capped count, a capped ranking, constant queries.

Timings are measured by the benchmark (bench/), not asserted here; these tests pin the
behaviour that keeps the cost bounded: counting stops at the cap, ranking covers at most
RANK_CAP matches, and the number of queries does not grow with the matches.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from offers import selectors, services
from offers.models import Offer
from tests.offers.factories import make_offer, make_organisation
from tests.support.queries import PLANNED_QUERIES

pytestmark = pytest.mark.django_db
URL = reverse("offers:catalogue")


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setattr(selectors, "CATALOGUE_CAP", 5)
    monkeypatch.setattr(selectors, "RANK_CAP", 3)
    monkeypatch.setattr("offers.views.RANK_CAP", 3)


def bulk_offers(organisation, count, **fields):
    now = timezone.now()
    Offer.objects.bulk_create(
        Offer(
            organisation=organisation,
            title=f"Musik {n:02}",
            description="<p>Sammenspil.</p>",
            category="musik",
            status=Offer.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=n),
            **fields,
        )
        for n in range(count)
    )


def test_count_stops_at_the_cap_and_says_more_than(client, small_caps):
    bulk_offers(make_organisation(), 8)
    response = client.get(URL)
    paginator = response.context["page"].paginator
    assert paginator.capped and paginator.count == 6  # cap + 1: enough to know there are more
    assert "Mere end 5 tilbud fundet" in response.content.decode()


def test_exact_count_below_the_cap(client, small_caps):
    bulk_offers(make_organisation(), 5)
    response = client.get(URL)
    assert not response.context["page"].paginator.capped
    assert "5 tilbud fundet" in response.content.decode()


def test_pages_go_as_far_as_the_cap(client, small_caps):
    bulk_offers(make_organisation(), 30)
    response = client.get(URL, {"side": 99})
    page = response.context["page"]
    assert page.paginator.num_pages == 1  # 5 shown at 20 a page
    assert len(page.object_list) == 5
    assert "Der vises højst 5 tilbud" in response.content.decode()


def test_search_ranks_only_the_newest_matches_past_the_rank_cap(client, small_caps):
    organisation = make_organisation()
    bulk_offers(organisation, 4)  # "Musik 00" is the newest, "Musik 03" the oldest
    response = client.get(URL, {"q": "musik"})
    page = response.context["page"]
    assert page.paginator.ranked_only
    assert {offer.title for offer in page.object_list} == {"Musik 00", "Musik 01", "Musik 02"}
    assert "sorteret efter relevans" in response.content.decode()


def test_search_ranks_every_match_below_the_rank_cap(client):
    organisation = make_organisation()
    make_offer(organisation, title="Kor for unge", description="<p>Musik og sang.</p>")
    best = make_offer(organisation, title="Musik for unge", description="<p>Musik.</p>")
    response = client.get(URL, {"q": "musik"})
    page = response.context["page"]
    assert not page.paginator.ranked_only
    assert page.object_list[0] == best
    assert len(page.object_list) == 2


def test_the_catalogue_hides_offers_of_organisations_not_approved(client):
    approved = make_organisation()
    shown = make_offer(approved, title="Synlig musik")
    for status in ("pending", "rejected", "suspended"):
        make_offer(make_organisation(status=status), title=f"Skjult musik {status}")
    for params in ({}, {"q": "musik"}, {"sorter": "navn"}):
        response = client.get(URL, params)
        assert [o.title for o in response.context["page"].object_list] == [shown.title]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "musik"},  # ranked
        {"q": "musik", "sorter": "navn"},
        {"kategori": "musik", "ledige": "on", "pris": "fritidspas"},
        {},
    ],
)
def test_query_count_is_the_same_below_and_past_the_caps(
    client, small_caps, assert_num_queries, params
):
    organisation = make_organisation()
    bulk_offers(organisation, 2)
    cache.clear()
    # Rendered afresh: count + page of offers (organisation and postcode joined) + the two
    # select lists, planned for their values.
    with assert_num_queries(4 + PLANNED_QUERIES):
        assert client.get(URL, params).status_code == 200
    bulk_offers(organisation, 40)
    cache.clear()  # bulk_create sends no signal to mark the cached pages stale
    with assert_num_queries(4 + PLANNED_QUERIES):
        response = client.get(URL, params)
    assert response.context["page"].paginator.capped
    # Asked again: the results come rendered from the cache; nothing else is read.
    with assert_num_queries(0):
        again = client.get(URL, params)
    assert "Mere end 5 tilbud fundet" in again.content.decode()


def test_a_changed_offer_is_shown_at_once(client):
    offer = make_offer(make_organisation(), title="Guitar for begyndere")
    assert "Guitar for begyndere" in client.get(URL).content.decode()
    offer.title = "Bas for begyndere"
    offer.save()
    html = client.get(URL).content.decode()
    assert "Bas for begyndere" in html and "Guitar for begyndere" not in html


def test_a_taken_spot_is_shown_at_once(client):
    offer = make_offer(make_organisation(), title="Kor", capacity=3, spots_taken=1)
    assert "2 ledige pladser" in client.get(URL).content.decode()
    assert services.offer_take_spot(offer_id=offer.pk)
    assert "1 ledig plads" in client.get(URL).content.decode()


def test_cards_show_what_the_shared_offer_card_shows(client):
    organisation = make_organisation(name="Randers Musikskole")
    make_offer(
        organisation,
        title="Band",
        category="musik",
        price=1250,
        fritidspas=True,
        min_age=12,
        max_age=18,
        capacity=5,
        spots_taken=4,
        comes_to_schools=True,
        transport="arranged",
        description="<p>Spil <a href='https://example.org'>sammen</a> med andre.</p>",
    )
    make_offer(organisation, title="Fuld", capacity=2, spots_taken=2, min_age=15)
    make_offer(organisation, title="Lokale", kind="resource", resource_type="room", max_age=25)
    html = client.get(URL, {"sorter": "navn"}).content.decode()
    for text in [
        "Musik",
        "1.250 kr.",
        "Fritidspas",
        "12–18 år",
        "1 ledig plads",
        "Kommer ud på skolen",
        "Vi sørger for transport",
        "Spil sammen med andre.",
        "Fuldt booket",
        "fra 15 år",
        "Lokale",
        "op til 25 år",
        "Randers Musikskole",
    ]:
        assert f">{text}<" in html or text in html, text
    assert "<a href='https://example.org'>" not in html  # the summary is text
