"""The public catalogue: Danish search, filters, sorting, paging, and a constant query count."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from offers.models import Offer
from tests.factories import make_area
from tests.offers.factories import make_offer, make_organisation
from tests.support.queries import PLANNED_QUERIES

pytestmark = pytest.mark.django_db
URL = reverse("offers:catalogue")


@pytest.fixture
def catalogue():
    music = make_organisation(name="Randers Musikskole", kind="musikskole")
    library = make_organisation(name="Randers Bibliotek", kind="bibliotek")
    theatre = make_organisation(name="Kulissen", kind="teater")
    workshop = make_organisation(name="Værkstedet", kind="vaerksted")
    return {
        "guitar": make_offer(
            music,
            title="Guitarundervisning for begyndere",
            category="musik",
            description="Lær de første akkorder.",
        ),
        "musikskole": make_offer(
            music,
            title="Gratis musikskole for alle børn",
            category="musik",
            description="Et år på et instrument.",
        ),
        "teater": make_offer(
            theatre,
            title="Teater for unge",
            category="teater",
            description="Improvisation, stemme og krop.",
        ),
        "library": make_offer(
            library,
            title="Lektiecafé på biblioteket",
            category="lektiehjaelp",
            description="Hjælp til lektier.",
        ),
        "bike": make_offer(
            workshop,
            title="Cykelværksted",
            category="vaerksted",
            description="Reparér din egen cykel.",
        ),
    }


def titles(response):
    return {offer.title for offer in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("query", "expected", "not_expected"),
    [
        ("musikskolen", "musikskole", "bike"),  # inflection (stemming)
        ("teatret", "teater", "bike"),  # the stemmer splits teater/teatret: trigrams
        ("guitar", "guitar", "bike"),  # compound: prefix matching
        ("bibliotk", "library", "bike"),  # typo: trigrams
    ],
)
def test_danish_search_finds_what_people_mean(client, catalogue, query, expected, not_expected):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    found = titles(response)
    assert catalogue[expected].title in found
    assert catalogue[not_expected].title not in found


def test_search_ranks_the_best_match_first(client, catalogue):
    response = client.get(URL, {"q": "guitar"})
    assert response.context["page"].object_list[0] == catalogue["guitar"]


def test_search_input_with_tsquery_syntax_is_harmless(client, catalogue):
    for query in ["musik & | ! :* (", "'); DROP TABLE offers_offer; --", "ø" * 300]:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200


def test_search_text_is_rendered_as_text(client, catalogue):
    response = client.get(URL, {"q": "<script>alert(1)</script>"})
    assert b"<script>alert(1)</script>" not in response.content


def test_only_published_offers_of_approved_organisations(client):
    approved = make_organisation()
    pending = make_organisation(status="pending")
    shown = make_offer(approved, title="Synlig")
    make_offer(approved, title="Kladde", status=Offer.Status.DRAFT)
    make_offer(approved, title="Pause", status=Offer.Status.PAUSED)
    make_offer(pending, title="Afventer")
    response = client.get(URL)
    assert titles(response) == {shown.title}
    assert response.context["page"].paginator.count == 1


def test_filters_combine(client):
    org = make_organisation()
    rural = make_area("Landet", is_rural=True, postcodes=["8970"])
    make_area("Byen", postcodes=["8900"])
    match = make_offer(
        org,
        title="Match",
        category="musik",
        min_age=12,
        max_age=18,
        price=0,
        weekdays=[2],
        transport="arranged",
        capacity=5,
        spots_taken=1,
        postcode_id="8970",
    )
    make_offer(org, title="Forkert kategori", category="teater", postcode_id="8970")
    make_offer(org, title="For gammel", category="musik", min_age=20, postcode_id="8970")
    make_offer(org, title="Koster", category="musik", price=200, postcode_id="8970")
    make_offer(org, title="Fuld", category="musik", capacity=2, spots_taken=2, postcode_id="8970")
    make_offer(org, title="Byen", category="musik", postcode_id="8900")
    make_offer(
        org,
        title="Ingen transport",
        category="musik",
        postcode_id="8970",
        transport="none",
        weekdays=[2],
    )
    make_offer(
        org,
        title="Onsdag",
        category="musik",
        postcode_id="8970",
        transport="arranged",
        weekdays=[3],
    )
    params = {
        "kategori": "musik",
        "alder": "14",
        "pris": "gratis",
        "omraade": rural.pk,
        "ugedag": "2",
        "transport": "on",
        "ledige": "on",
    }
    response = client.get(URL, params)
    assert titles(response) == {match.title}
    assert "1 tilbud fundet" in response.content.decode()


def test_free_or_fritidspas_and_kind_and_postcode(client):
    org = make_organisation()
    make_area(postcodes=["8981"])
    free = make_offer(org, title="Gratis", price=0)
    pas = make_offer(org, title="Fritidspas", price=300, fritidspas=True)
    make_offer(org, title="Dyr", price=300)
    assert titles(client.get(URL, {"pris": "fritidspas"})) == {free.title, pas.title}
    assert titles(client.get(URL, {"pris": "gratis"})) == {free.title}
    room = make_offer(
        org, title="Lokale", kind="resource", resource_type="room", postcode_id="8981"
    )
    assert titles(client.get(URL, {"art": "resource"})) == {room.title}
    assert titles(client.get(URL, {"postnummer": "8981"})) == {room.title}
    schools = make_offer(org, title="Skoler", comes_to_schools=True)
    assert titles(client.get(URL, {"skoler": "on"})) == {schools.title}


def test_invalid_filter_values_give_a_message_not_an_error(client, catalogue):
    response = client.get(URL, {"alder": "gammel", "kategori": "findes-ikke", "ugedag": "9"})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"alder", "kategori", "ugedag"} <= set(form.errors)
    assert len(titles(response)) == len(catalogue)  # invalid filters are not applied


def test_sort_by_name_and_newest(client, catalogue):
    by_name = client.get(URL, {"sorter": "navn"}).context["page"].object_list
    assert [o.title for o in by_name] == sorted(o.title for o in catalogue.values())
    newest = client.get(URL, {"sorter": "nyeste"}).context["page"].object_list
    assert newest[0] == catalogue["bike"]


def test_pagination_keeps_the_filters(client):
    org = make_organisation()
    for n in range(25):
        make_offer(org, title=f"Musik {n:02}", category="musik")
    response = client.get(URL, {"kategori": "musik", "sorter": "navn"})
    page = response.context["page"]
    assert page.paginator.count == 25 and len(page.object_list) == 20
    assert "kategori=musik&amp;sorter=navn&amp;side=2" in response.content.decode()
    second = client.get(URL, {"kategori": "musik", "sorter": "navn", "side": 2})
    assert [o.title for o in second.context["page"].object_list] == [
        f"Musik {n}" for n in range(20, 25)
    ]


def test_catalogue_query_count_is_constant(client, assert_num_queries):
    make_area(postcodes=["8900"])
    org = make_organisation()
    params = {"q": "musik", "kategori": "musik", "pris": "gratis"}

    def fill(count):
        for n in range(count):
            make_offer(org, title=f"Musik {n}", category="musik", postcode_id="8900")

    fill(2)
    cache.clear()
    # count + page of offers (organisation, postcode and area joined) + the two select lists,
    # planned for their values (see test_catalogue_performance)
    with assert_num_queries(4 + PLANNED_QUERIES):
        assert client.get(URL, params).status_code == 200
    fill(30)
    cache.clear()
    with assert_num_queries(4 + PLANNED_QUERIES):
        response = client.get(URL, params)
    assert len(response.context["page"].object_list) == 20
