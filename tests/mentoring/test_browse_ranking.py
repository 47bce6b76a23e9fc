"""The pool is ranked by PostgreSQL: its points equal the Python score, and ranking from the
index-friendly candidates gives the same pages as ranking the whole pool."""

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import login
from youth.mentoring import selectors, views
from youth.mentoring.matching import score
from youth.mentoring.models import YouthPseudonym
from youth.mentoring.pseudonyms import alias_for
from youth.mentoring.scoring import score_expression
from youth.models import Consent, YouthProfile

from .factories import make_mentor, make_youth, postcode

INTERESTS = ["musik", "teater", "sport", "natur", "kunst"]
SLOTS = ["man-aften", "tir-eftermiddag", "ons-aften", "lor-formiddag"]


@pytest.fixture
def varied_pool(skole):
    """Young people who differ in every criterion the score looks at."""
    near, far = postcode(), postcode("8970", "Nordlandet")
    languages = [["dansk"], ["Dansk ", "arabisk"], ["ARABISK"], [], ["engelsk", "dansk"]]
    youths = []
    for i in range(15):
        youths.append(
            make_youth(
                skole,
                age=[12, 16, 20, 26][i % 4],
                interests=INTERESTS[i % 5 : i % 5 + 1 + i % 3],
                languages=languages[i % 5],
                postcode=near if i % 2 else far,
                availability=SLOTS[: i % 5],
            )
        )
    return youths


MENTORS = [
    {"interests": ["musik", "teater", "sport"], "languages": ["dansk", "arabisk"]},
    {"interests": ["natur"], "languages": ["engelsk"], "preferred_age_band": "15-17"},
    {"interests": [], "languages": [], "availability": SLOTS},
    {"interests": INTERESTS, "languages": ["dansk"], "availability": SLOTS[:1]},
]


@pytest.mark.django_db
@pytest.mark.parametrize("fields", MENTORS)
def test_sql_points_equal_the_python_score(varied_pool, fields):
    mentor = make_mentor(**fields)
    side = selectors.mentor_side(mentor)
    rows = selectors.youth_pool().annotate(points=score_expression(side, timezone.localdate()))
    assert len(rows) == len(varied_pool)
    for youth in rows:
        assert youth.points == score(side, selectors.youth_side(youth)).points, youth.interests


def full_ranking(mentor):
    side = selectors.mentor_side(mentor)
    pool = selectors.youth_pool()
    return sorted(pool, key=lambda y: (-score(side, selectors.youth_side(y)).points, y.pk))


@pytest.mark.django_db
@pytest.mark.parametrize("fields", MENTORS)
def test_ranking_from_candidates_gives_the_same_pages(varied_pool, fields, monkeypatch):
    # A cap below the pool's size makes the paginator rank from the candidates first.
    monkeypatch.setattr(selectors, "POOL_CAP", 12)
    mentor = make_mentor(**fields)
    expected = [y.pk for y in full_ranking(mentor)][:12]
    paginator = selectors.PoolPaginator(selectors.youth_pool(), 4, mentor=mentor)
    assert paginator.capped and paginator.num_pages == 3
    pages = [paginator.page(n).object_list for n in (1, 2, 3)]
    shown = [pk for _listing, pk in itertools.chain(*pages)]
    assert shown == expected
    # The reasons shown are the Python score's, and every row got an alias.
    side = selectors.mentor_side(mentor)
    for listing, pk in pages[0]:
        youth = YouthProfile.objects.select_related("postcode__area").get(pk=pk)
        assert listing.score == score(side, selectors.youth_side(youth))
        assert YouthPseudonym.objects.get(youth=youth).alias_id == listing.alias_id


@pytest.mark.django_db
def test_aliases_are_made_once_for_the_rows_shown(skole):
    youths = [make_youth(skole) for _ in range(3)]
    first = selectors.pseudonyms_for([y.pk for y in youths[:2]])
    again = selectors.pseudonyms_for([y.pk for y in youths])
    assert set(first) == {y.pk for y in youths[:2]}
    assert {k: again[k] for k in first} == first
    assert YouthPseudonym.objects.count() == 3


@pytest.mark.django_db
def test_a_clear_best_is_found_among_the_candidates_alone(
    skole, monkeypatch, assert_num_queries
):
    monkeypatch.setattr(selectors, "POOL_CAP", 5)
    best = [make_youth(skole, interests=["musik", "teater", "sport"]) for _ in range(4)]
    for _ in range(6):
        make_youth(skole, interests=["natur"], postcode=postcode("8970", "Nordlandet"))
    mentor = make_mentor(interests=["musik", "teater", "sport"])
    paginator = selectors.PoolPaginator(selectors.youth_pool(), 4, mentor=mentor)
    assert paginator.capped
    # The area's postcodes, the first candidate level's rows (no ranking of the whole pool),
    # the aliases; the order is then kept with them in the shared cache.
    with assert_num_queries(2 + 1):
        page = paginator.page(1)
    assert {pk for _listing, pk in page.object_list} == {y.pk for y in best}
    # Again: the order with the aliases from the cache, the page's rows read through the
    # pool's filter.
    with assert_num_queries(1):
        again = paginator.page(1)
    assert [pk for _l, pk in again.object_list] == [pk for _l, pk in page.object_list]
    # The aliases kept with the order are the young people's own (their links open them).
    aliases = dict(YouthPseudonym.objects.values_list("youth_id", "alias_id"))
    assert [listing.alias_id for listing, _pk in again.object_list] == [
        aliases[pk] for _listing, pk in again.object_list
    ]


@pytest.mark.django_db
def test_a_page_from_the_cache_never_shows_someone_who_left_the_pool(skole):
    youths = [make_youth(skole) for _ in range(3)]
    mentor = make_mentor()
    first = selectors.PoolPaginator(selectors.youth_pool(), 4, mentor=mentor).page(1)
    assert {pk for _l, pk in first.object_list} == {y.pk for y in youths}
    Consent.objects.filter(youth=youths[0]).update(withdrawn_at=timezone.now())
    again = selectors.PoolPaginator(selectors.youth_pool(), 4, mentor=mentor).page(1)
    assert {pk for _l, pk in again.object_list} == {y.pk for y in youths[1:]}


@pytest.mark.django_db
def test_browse_says_more_than_the_cap(client, skole, monkeypatch):
    monkeypatch.setattr(selectors, "POOL_CAP", 2)
    for _ in range(3):
        make_youth(skole)
    login(client, make_mentor().user, mfa=False)
    html = client.get(reverse("mentoring:browse")).content.decode()
    assert "Mere end 2 unge" in html


@pytest.mark.django_db
def test_pages_from_the_cache_are_the_pages_ranked(client, skole, monkeypatch):
    # Each page's order is kept under its own key, read with the count in one cache read.
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    youths = [make_youth(skole) for _ in range(5)]
    login(client, make_mentor().user, mfa=False)

    def shown(page):
        response = client.get(reverse("mentoring:browse"), {"side": page})
        return [listing.alias for listing, _link in response.context["listings"]]

    first = {page: shown(page) for page in ("1", "2", "3", "x")}
    assert [len(first[page]) for page in ("1", "2", "3")] == [2, 2, 1]
    assert sorted(first["1"] + first["2"] + first["3"]) == sorted(alias_for(y.pk) for y in youths)
    assert first["x"] == first["1"]  # not a number: the first page, as Django's paginator does
    assert {page: shown(page) for page in first} == first  # again, from the cache
