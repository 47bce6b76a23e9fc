"""The coordinator's matching board, proposals, aliases, and the demo data."""

import pytest
from django.urls import reverse

from ressourcebank.accounts.demo import seed as seed_accounts
from ressourcebank.areas.demo import seed as seed_areas
from tests.factories import login, make_coordinator
from youth.mentoring import demo
from youth.mentoring.choices import MatchStatus, MentorStatus
from youth.mentoring.models import Match, Mentor, YouthPseudonym
from youth.mentoring.pseudonyms import alias_for

from .factories import make_match, make_mentor, make_youth, postcode


@pytest.fixture
def coordinator_client(client, db):
    login(client, make_coordinator())
    return client


@pytest.mark.django_db
def test_board_suggests_the_optimal_pairs_with_reasons(coordinator_client, skole):
    # Each young person gets the mentor in their own area: 6 + 6 beats 5 + 1.
    here = postcode()
    there = postcode("8970", "Nordlandet")
    guitar = make_youth(skole, interests=["musik", "natur"], postcode=here)
    hiker = make_youth(skole, interests=["natur"], postcode=there)
    musician = make_mentor(interests=["musik", "natur"], capacity=1, postcode=there)
    walker = make_mentor(interests=["musik"], capacity=1, postcode=here)
    full = make_mentor(interests=["musik", "natur"], capacity=1)
    make_match(make_youth(skole, consent=False), full, status=MatchStatus.ACTIVE)
    response = coordinator_client.get(reverse("coordinator-mentors:board"))
    suggestions = {(s["listing"].alias_id, s["mentor"].pk) for s in response.context["suggestions"]}
    alias = dict(YouthPseudonym.objects.values_list("youth_id", "alias_id"))
    assert suggestions == {(alias[guitar.pk], walker.pk), (alias[hiker.pk], musician.pk)}
    html = response.content.decode()
    assert "1 fælles interesse · samme område" in html
    assert guitar.first_name not in html


@pytest.mark.django_db
def test_board_respects_the_certificate_gate(coordinator_client, skole):
    make_youth(skole, age=12)
    make_mentor(certificate=False)
    response = coordinator_client.get(reverse("coordinator-mentors:board"))
    assert response.context["suggestions"] == []


@pytest.mark.django_db
def test_propose_emails_the_mentor_an_alias_link(
    coordinator_client, skole, mailoutbox, django_capture_on_commit_callbacks
):
    youth = make_youth(skole)
    mentor = make_mentor()
    coordinator_client.get(reverse("coordinator-mentors:board"))
    alias_id = YouthPseudonym.objects.get(youth=youth).alias_id
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("coordinator-mentors:propose"), {"alias_id": alias_id, "mentor": mentor.pk}
        )
    assert response.status_code == 302
    body = mailoutbox[0].body
    assert mailoutbox[0].to == [mentor.user.email]
    assert str(alias_id) in body and alias_for(youth.pk) in body
    assert youth.first_name not in body and str(youth.pk) not in body
    bad = coordinator_client.post(
        reverse("coordinator-mentors:propose"), {"alias_id": "x", "mentor": mentor.pk}
    )
    assert bad.status_code == 404


def test_alias_is_stable_and_says_nothing_of_the_id():
    import uuid

    pk = uuid.UUID("12345678-1234-4234-8234-123456789abc")
    assert alias_for(pk) == alias_for(pk)
    assert alias_for(pk) != alias_for(uuid.uuid4())
    assert "12345678" not in alias_for(pk)


@pytest.mark.django_db
def test_demo_is_idempotent_and_approves_the_demo_mentor():
    seed_accounts()
    seed_areas()
    first = demo.seed()
    assert first.startswith("40 mentors")
    assert demo.seed().startswith("0 mentors")
    mentor = Mentor.objects.get(user__email=demo.DEMO_MENTOR)
    assert mentor.status == MentorStatus.APPROVED
    assert Mentor.objects.with_valid_certificate().filter(pk=mentor.pk).exists()
    assert set(Mentor.objects.values_list("status", flat=True)) == set(MentorStatus.values)
    assert not Match.objects.exists()  # no youth demo data: no matches
