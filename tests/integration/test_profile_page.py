"""The caseworker's profile page shows the young person's mentoring state, with links."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import login, make_caseworker, make_coordinator, make_department
from tests.mentoring.factories import give_consent, make_match, make_mentor, make_youth
from youth.mentoring.models import Contact

pytestmark = pytest.mark.django_db


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def detail(client, youth):
    response = client.get(reverse("youth:detail", args=[youth.pk]))
    assert response.status_code == 200
    return main(response)


def contact_days_ago(match, days):
    Contact.objects.create(
        match=match,
        happened_on=timezone.localdate() - datetime.timedelta(days=days),
        minutes=30,
        kind="meeting",
    )


def test_open_claim_links_to_the_answer(cw_client, youth, mentor):
    claim = make_match(youth, mentor)

    page = detail(cw_client, youth)

    assert reverse("mentoring:caseworker-match", args=[claim.pk]) + "#svar" in page
    assert "Mona Mentorsen vil gerne være mentor" in page
    assert reverse("mentoring:caseworker-youth-wish", args=[youth.pk]) in page


@pytest.mark.parametrize(
    ("days", "flag"),
    [(3, None), (14, "14 dage"), (20, "14 dage"), (30, "30 dage"), (45, "30 dage")],
)
def test_active_match_links_to_the_log_with_the_no_contact_flag(
    cw_client, youth, mentor, days, flag
):
    match = make_match(youth, mentor, status="active")
    contact_days_ago(match, days)

    page = detail(cw_client, youth)

    assert reverse("mentoring:caseworker-match", args=[match.pk]) in page
    assert "Aktivt forløb med Mona Mentorsen" in page
    assert "#svar" not in page
    if flag is None:
        assert "Ingen kontakt registreret" not in page
    else:
        assert f"Ingen kontakt registreret i {flag}" in page


def test_waiting_in_the_pool_or_not(cw_client, youth, skole, caseworker):
    assert "står på listen over unge der gerne vil have en mentor" in detail(cw_client, youth)
    no_consent = make_youth(skole, caseworker=caseworker, consent=False)
    assert "står ikke på listen til mentorer" in detail(cw_client, no_consent)


def test_a_closed_match_is_not_shown_as_current(cw_client, youth, mentor):
    match = make_match(youth, mentor, status="closed", wants_new_mentor=True)
    page = detail(cw_client, youth)
    assert reverse("mentoring:caseworker-match", args=[match.pk]) not in page
    assert "står på listen over unge" in page


def test_department_shared_profile_shows_the_state_to_the_other_department(youth, mentor, client):
    """Reading through ``visible_to_caseworker``: who may see the profile sees its match."""
    from tests.youth.factories import make_consent
    from youth.models import ConsentPurpose

    other = make_department("Jobcenter")
    make_consent(youth, ConsentPurpose.DEPARTMENT_SHARING, department=other)
    claim = make_match(youth, mentor)
    login(client, make_caseworker(other))
    assert reverse("mentoring:caseworker-match", args=[claim.pk]) in detail(client, youth)


def test_coordinator_sees_the_state_too(client, youth, mentor):
    claim = make_match(youth, mentor)
    login(client, make_coordinator())
    assert reverse("mentoring:caseworker-match", args=[claim.pk]) in detail(client, youth)


# User, roles, profile, access-log insert, postcode, area, department, caseworker, consents,
# referrals — then mentoring's one query for the open match (a second, whether the young
# person is in the pool, only when there is none).
QUERIES = {"claimed": 11, "active": 11, "none": 12}


@pytest.mark.parametrize("state", QUERIES)
@pytest.mark.parametrize("earlier", [0, 6])
def test_profile_page_query_count_is_constant(
    cw_client, youth, mentor, state, earlier, assert_num_queries
):
    """Earlier matches, contacts and consents add no queries to the profile page."""
    for _ in range(earlier):
        closed = make_match(youth, make_mentor(), status="closed", wants_new_mentor=True)
        contact_days_ago(closed, 100)
        give_consent(youth)
    if state != "none":
        current = make_match(youth, mentor, status=state)
        for days in range(earlier * 3):
            contact_days_ago(current, days + 1)
    url = reverse("youth:detail", args=[youth.pk])
    cw_client.get(url)  # warm the session
    with assert_num_queries(QUERIES[state]):
        cw_client.get(url)
