"""Small numbers about other departments' young people never show, not even by subtraction."""

import itertools

import pytest
from django.core.management import call_command
from django.urls import reverse

from ressourcebank.overview import selectors
from ressourcebank.overview.protect import Shown, protect, share
from tests.overview import factories as f
from tests.overview.helpers import by_slug, make_filters
from youth.models import AgeBand, Situation

pytestmark = pytest.mark.django_db

BANDS = ["", *AgeBand.values]


def test_protect_rounds_and_hides():
    assert [protect(n, exact=False).text for n in (0, 1, 4, 5, 7, 8, 12, 13, 1234)] == [
        "<5", "<5", "<5", "5", "5", "10", "10", "15", "1.235",
    ]
    assert protect(2, exact=True).text == "2"
    assert share(Shown(None), Shown(100)) == "–"
    assert share(Shown(5), Shown(None)) == "–"
    assert share(Shown(5), Shown(20)) == "25 %"


@pytest.fixture
def small_group(department, other_department):
    """Eight young people in my department, two in another (aged 20, neither job nor school)."""
    for _ in range(8):
        f.make_youth(department, situation=Situation.IN_SCHOOL)
    for _ in range(2):
        f.make_youth(other_department, situation=Situation.NEITHER, age=20, rural=True)
    call_command("refresh_overview", verbosity=0)


def _situation_cells(response):
    situation = by_slug(response.context["tables"], "situation")
    return {str(r.label): r.cells for r in situation.rows}


def test_another_departments_small_count_shows_as_under_5(
    small_group, client_for, other_department
):
    client = client_for("caseworker")
    response = client.get(reverse("overview:index"), {"afdeling": other_department.pk})
    cells = _situation_cells(response)
    assert cells["Hverken job eller uddannelse"] == ["<5", "–"]
    assert cells["I alt"] == ["<5", "–"]
    assert "&lt;5" in response.content.decode()
    # The chart says "<5" too, and draws no bar for it.
    chart = by_slug(response.context["tables"], "situation").chart
    assert "Hverken job eller uddannelse: <5" in chart.desc
    assert all(bar.width == 0 for bar in chart.bars)

    export = client.get(
        reverse("overview:export", args=["situation"]), {"afdeling": other_department.pk}
    )
    text = export.content.decode("utf-8-sig")
    assert "Hverken job eller uddannelse;<5;–" in text
    assert ";2;" not in text


def test_my_own_department_is_exact(small_group, client_for, department):
    response = client_for("caseworker").get(reverse("overview:index"), {"afdeling": department.pk})
    assert response.context["exact"] is True
    assert _situation_cells(response)["I skole"] == ["8", "100 %"]


def test_all_departments_are_protected_even_for_the_coordinator(small_group, client_for):
    response = client_for("coordinator").get(reverse("overview:index"))
    assert response.context["exact"] is False
    cells = _situation_cells(response)
    assert cells["I skole"][0] == "10"  # 8, rounded
    assert cells["Hverken job eller uddannelse"][0] == "<5"
    assert cells["I alt"][0] == "10"  # 10


def _visible(user, **filters):
    """Every count the user sees in the youth figures for one filter combination."""
    flt = make_filters(**filters)
    exact = selectors.is_exact_for(user, flt)
    tables = selectors.youth_tables(flt, exact=exact)
    return [
        (t.slug, str(r.label), c) for t in tables for r in t.rows for c in r.cells
    ]


def test_narrowing_filters_to_one_person_shows_under_5(small_group, personas, other_department):
    coordinator = personas["coordinator"]
    narrow = _visible(coordinator, department=other_department, is_rural=True,
                      age_band=AgeBand.FROM_18_TO_24)
    situation = [c for slug, label, c in narrow if slug == "situation" and label == "I alt"]
    assert situation == ["<5", "–"]


def test_differencing_two_figures_cannot_recover_a_hidden_count(small_group, personas, department):
    """Everything protected is "<5" or a multiple of 5: any difference is a multiple of 5."""
    coordinator = personas["coordinator"]
    totals = {}
    for band, rural in itertools.product(BANDS, [None, True, False]):
        seen = _visible(coordinator, age_band=band, is_rural=rural)
        for _slug, _label, text in seen:
            if text in ("<5", "–", "") or text.endswith("%") or text.endswith("dage"):
                continue
            assert int(text.replace(".", "")) % 5 == 0, text
        totals[band, rural] = next(c for s, lab, c in seen if s == "situation" and lab == "I alt")
    # All ages minus the 15-17s: 10 - 10 = 0, not the two 20-year-olds.
    assert totals["", None] == "10"
    assert totals[AgeBand.FROM_15_TO_17, None] == "10"
    assert totals[AgeBand.FROM_18_TO_24, None] == "<5"


@pytest.mark.parametrize("viewer", ["coordinator", "caseworker"])
def test_what_a_user_sees_is_the_same_whether_1_2_3_or_4_are_hidden(
    viewer, personas, department, other_department
):
    """The differencing attack in full: my exact own-department figure and the all-department
    figure together, over every filter, give the same picture for 1, 2, 3 or 4 hidden people."""
    user = personas[viewer]
    for _ in range(8):
        f.make_youth(department, situation=Situation.IN_SCHOOL)
    pictures = []
    for _hidden in range(1, 5):
        f.make_youth(other_department, situation=Situation.NEITHER, age=20, rural=True)
        call_command("refresh_overview", verbosity=0)
        picture = []
        for band, rural, dept in itertools.product(
            BANDS, [None, True, False], [None, department, other_department]
        ):
            picture.append(_visible(user, age_band=band, is_rural=rural, department=dept))
        pictures.append(picture)
    assert pictures[0] == pictures[1] == pictures[2] == pictures[3]
