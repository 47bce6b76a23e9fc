"""Every figure equals an independent count of the raw rows (the fixture data below)."""

import datetime
import statistics

import pytest
from django.core.management import call_command
from django.utils import timezone

from offers.models import Offer
from ressourcebank.overview import selectors
from ressourcebank.overview.protect import protect
from tests.overview import factories as f
from tests.overview.helpers import by_slug, cell, make_filters, number, this_month
from youth.models import AgeBand, ConsentPurpose, Referral, Situation, YouthProfile, add_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(department, other_department):
    """Two departments' young people, old and new, with referrals, mentors and waiting."""
    recent = timezone.localdate() - datetime.timedelta(days=3)
    old = add_months(this_month(), -14)  # outside the default 12-month period
    a, b = department, other_department
    youth = {
        "a_school": [f.make_youth(a, situation=Situation.IN_SCHOOL, created=recent)
                     for _ in range(6)],
        "a_neither": [f.make_youth(a, situation=Situation.NEITHER, age=20, rural=True,
                                   created=recent) for _ in range(4)],
        "a_job": [f.make_youth(a, situation=Situation.IN_JOB, age=22, created=recent)
                  for _ in range(2)],
        "a_old": [f.make_youth(a, situation=Situation.NEITHER, created=old) for _ in range(3)],
        "b_neither": [f.make_youth(b, situation=Situation.NEITHER, age=19, rural=True,
                                   created=recent) for _ in range(7)],
    }
    music_town = f.make_offer(category=Offer.Category.MUSIK, capacity=10)
    theatre_rural = f.make_offer(category=Offer.Category.TEATER, rural=True, capacity=None)
    statuses = ["completed", "completed", "started", "sent", "declined", "completed", "dropped"]
    for person, status in zip(youth["b_neither"], statuses, strict=True):
        f.make_referral(person, music_town, status=status)
    for person in youth["a_neither"]:
        f.make_referral(person, music_town, status="completed")
        f.make_referral(person, theatre_rural, status="sent")
    for person in youth["a_school"][:3]:
        f.make_match(person, status="active")
    for i, person in enumerate(youth["a_school"][3:] + youth["b_neither"][:4]):
        f.consent(person, ConsentPurpose.MENTOR_MATCHING,
                  given_at=timezone.localdate() - datetime.timedelta(days=2 + 3 * i))
    call_command("refresh_overview", verbosity=0)
    return youth


def test_youth_by_situation_equals_independent_counts(world, department):
    start = add_months(this_month(), -11)
    tables = selectors.youth_tables(make_filters(department=department), exact=True)
    situation = by_slug(tables, "situation")
    for value, label in Situation.choices:
        expected = YouthProfile.objects.filter(
            department=department, situation=value, created_at__date__gte=start
        ).count()
        assert number(cell(situation, label)) == expected
    assert cell(situation, "Hverken job eller uddannelse") == "4"
    assert cell(situation, "I alt") == "12"

    everyone = selectors.youth_tables(make_filters(), exact=False)
    total = YouthProfile.objects.filter(created_at__date__gte=start).count()  # 19
    assert cell(by_slug(everyone, "situation"), "I alt") == protect(total, exact=False).text
    assert cell(by_slug(everyone, "situation"), "I alt") == "20"


def test_older_registrations_count_in_a_longer_period(world, department):
    filters = make_filters(department=department, start=add_months(this_month(), -23))
    situation = by_slug(selectors.youth_tables(filters, exact=True), "situation")
    assert cell(situation, "I alt") == "15"
    assert cell(situation, "Hverken job eller uddannelse") == "7"


def _days_waited(person):
    given = person.consents.get(purpose=ConsentPurpose.MENTOR_MATCHING).given_at
    return (timezone.localdate() - given).days


def test_mentor_active_waiting_and_median(world, department, other_department):
    mentor = by_slug(selectors.youth_tables(make_filters(department=department), exact=True),
                     "mentor")
    assert cell(mentor, "Har en aktiv mentor") == "3"
    assert cell(mentor, "Venter på en mentor") == "3"
    # Independent: days since each waiting person's mentor consent, median_low.
    waiting_days = [_days_waited(p) for p in world["a_school"][3:]]
    median = statistics.median_low(waiting_days)
    assert cell(mentor, "Median ventetid indtil nu") == f"{median} dage"

    both = by_slug(selectors.youth_tables(make_filters(), exact=True), "mentor")
    all_days = [_days_waited(p) for p in world["a_school"][3:] + world["b_neither"][:4]]
    assert cell(both, "Venter på en mentor") == "7"
    assert cell(both, "Median ventetid indtil nu") == f"{statistics.median_low(all_days)} dage"


def test_a_claim_or_match_ends_the_wait(world, department):
    f.make_match(world["a_school"][3], status="claimed")
    call_command("refresh_overview", verbosity=0)
    mentor = by_slug(selectors.youth_tables(make_filters(department=department), exact=True),
                     "mentor")
    assert cell(mentor, "Venter på en mentor") == "2"


def test_referrals_by_status_category_and_completed_share(world, other_department):
    tables = selectors.youth_tables(make_filters(department=other_department), exact=True)
    by_status = by_slug(tables, "referral-status")
    for value, label in Referral._meta.get_field("status").choices:
        expected = Referral.objects.filter(youth__department=other_department, status=value).count()
        assert number(cell(by_status, label)) == expected
    assert cell(by_status, "Gennemført") == "3"
    assert cell(by_status, "Gennemført", 1) == "43 %"  # 3 of 7
    by_category = by_slug(tables, "referral-category")
    assert cell(by_category, "Musik") == "7"
    assert cell(by_category, "Musik", 1) == "3"
    assert cell(by_category, "Teater") == "0"


def test_rural_youth_in_town_offers(world):
    rural = by_slug(selectors.youth_tables(make_filters(), exact=True), "rural-reach")
    to_town = Referral.objects.filter(
        youth__postcode__area__is_rural=True, offer__postcode__area__is_rural=False
    )
    assert number(cell(rural, "Henvist til et tilbud i byen")) == to_town.count() == 11
    took_part = to_town.filter(status__in=["started", "completed"]).count()
    assert number(cell(rural, "… og er startet eller har gennemført")) == took_part == 8
    assert cell(rural, "… og er startet eller har gennemført", 1) == "73 %"


def test_age_band_and_area_filters(world, department):
    adults = make_filters(department=department, age_band=AgeBand.FROM_18_TO_24)
    situation = by_slug(selectors.youth_tables(adults, exact=True), "situation")
    assert cell(situation, "I alt") == "6"  # the four aged 20 and two aged 22
    assert cell(situation, "I skole") == "0"
    rural = make_filters(department=department, is_rural=True)
    assert cell(by_slug(selectors.youth_tables(rural, exact=True), "situation"), "I alt") == "4"


def test_trend_per_month(world, department):
    trend = selectors.trend_table(
        make_filters(department=department), exact=True, today=timezone.localdate()
    )
    assert len(trend.rows) == 24
    # The twelve registered three days ago: this month, or last month early in a month.
    assert sum(number(r.cells[0]) for r in trend.rows[-2:]) == 12
    old_month = add_months(this_month(), -14)
    old_row = trend.rows[23 - 14]
    assert old_row.cells[0] == str(
        YouthProfile.objects.filter(
            department=department, created_at__date__gte=old_month,
            created_at__date__lt=add_months(old_month, 1),
        ).count()
    )
    assert len(trend.chart.series[0].points) == 24  # exact figures: no gaps in the line


def test_offers_and_capacity(world, personas):
    f.make_offer(category=Offer.Category.MUSIK, price=100, fritidspas=True, capacity=20)
    f.make_offer(category=Offer.Category.MUSIK, status=Offer.Status.DRAFT)  # not counted
    offers, visits = selectors.offer_tables(make_filters())
    assert cell(offers, "Musik") == "2"  # world's town music offer + the paid one
    assert cell(offers, "Musik", 1) == "1"  # free
    assert cell(offers, "Musik", 2) == "50 %"
    assert cell(offers, "Musik", 3) == "1"  # Fritidspas
    assert cell(offers, "Musik", 5) == "0"  # come to schools
    assert cell(offers, "Musik", 6) == "30"  # places
    assert cell(offers, "I alt") == str(Offer.objects.published().count())


def test_class_visits(world, personas):
    offer = Offer.objects.filter(category=Offer.Category.MUSIK).first()
    f.make_class_visit(offer, user=personas["caseworker"], pupils=22, needs_transport=True)
    f.make_class_visit(offer, user=personas["caseworker"], status="accepted", pupils=18,
                       rural_school=True)
    _offers, visits = selectors.offer_tables(make_filters())
    assert cell(visits, "Afventer svar") == "1"
    assert cell(visits, "Afventer svar", 1) == "22"
    assert cell(visits, "Afventer svar", 4) == "1"  # needs transport
    assert cell(visits, "Afventer svar", 3) == "0"  # a town school
    assert cell(visits, "Accepteret", 2) == "1"  # to an offer in town
    assert cell(visits, "Accepteret", 3) == "1"  # from a rural school to town
